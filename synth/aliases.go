package synth

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// resolveAliases turns the aliases a registration carries (pulumi.Aliases:
// full URNs or specs that leave out what did not change) into the old URNs
// they name, and remembers them for the resource's children. It follows the
// Pulumi engine (pkg/resource/deploy/step_generator.go, generateAliases and
// collapseAliasToUrn): a spec fills its blanks from the resource itself, and
// a child inherits one alias per alias of its parent, under the parent's old
// URN and, when its name starts with the parent's name, with the parent's
// old name in that place. The engine inherits only the parent alias that
// matched the old state; with no state here every parent alias is inherited,
// and a diff uses whichever one names an old resource.
func (e *engine) resolveAliases(urn, typ, name, parent string, specs []*pulumirpc.Alias, urns []string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	parentAliases := e.aliases[parent]
	out := []string{}
	seen := map[string]bool{}
	add := func(u string) {
		if u != "" && u != urn && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	own := append([]string{}, urns...)
	for _, a := range specs {
		own = append(own, e.collapseAlias(a, typ, name, parent))
	}
	for _, u := range own {
		add(u)
	}
	if parent != "" {
		parentName := resource.URN(parent).Name()
		for _, pa := range parentAliases {
			add(e.inheritedAlias(typ, name, parentName, pa))
			for _, u := range own {
				a := resource.URN(u)
				add(e.inheritedAlias(string(a.Type()), a.Name(), parentName, pa))
			}
		}
	}
	if len(out) > 0 {
		if e.aliases == nil {
			e.aliases = map[string][]string{}
		}
		e.aliases[urn] = out
	}
	return out
}

// collapseAlias is the old URN one alias names.
func (e *engine) collapseAlias(a *pulumirpc.Alias, typ, name, parent string) string {
	if u := a.GetUrn(); u != "" {
		return u
	}
	spec := a.GetSpec()
	if spec == nil {
		return ""
	}
	n, t := spec.GetName(), spec.GetType()
	if n == "" {
		n = name
	}
	if t == "" {
		t = typ
	}
	p := parent
	if pu := spec.GetParentUrn(); pu != "" {
		p = pu
		if old := e.aliases[pu]; len(old) > 0 {
			p = old[0] // a renamed parent: the child's old URN sits under the parent's old one
		}
	}
	if spec.GetNoParent() || (p != "" && resource.URN(p).QualifiedType() == resource.RootStackType) {
		p = ""
	}
	project, stack := spec.GetProject(), spec.GetStack()
	if project == "" {
		project = e.project
	}
	if stack == "" {
		stack = e.stack
	}
	return string(resource.CreateURN(n, t, resource.URN(p), project, stack))
}

// inheritedAlias is a child's old URN under one old URN of its parent.
func (e *engine) inheritedAlias(typ, name, parentName, parentAlias string) string {
	pa := resource.URN(parentAlias)
	if strings.HasPrefix(name, parentName) {
		name = pa.Name() + strings.TrimPrefix(name, parentName)
	}
	return string(resource.NewURN(tokens.QName(e.stack), tokens.PackageName(e.project), pa.QualifiedType(), tokens.Type(typ), name))
}
