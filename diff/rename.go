package diff

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/schedkit/schedkit/plan"
)

// ComponentRename is a schedkit component whose name changed and whose
// children change because of it. An alias alone keeps every child's URN
// but not the inputs the component derives from its name (log group
// prefixes, function names, …); the component's StableName argument set
// to the old name keeps those. Fix is the complete change that makes the
// rename free.
type ComponentRename struct {
	Type    string `json:"type"`
	URN     string `json:"urn"`
	OldURN  string `json:"oldUrn"`
	OldName string `json:"oldName"`
	NewName string `json:"newName"`
	// Aliased says the component already answers to its old URN.
	Aliased bool `json:"aliased"`
	// Children are the changes under the component that the rename causes
	// (replacements, renames, deletes and creates).
	Children []string `json:"children"`
	// Fix is the alias and the StableName argument, as Go.
	Fix []string `json:"fix"`
}

// isComponent says whether a resource is a schedkit component.
func isComponent(r plan.Resource) bool {
	return !r.Custom && strings.HasPrefix(r.Type, "schedkit:")
}

// componentRenames finds the renamed components: an aliased component (its
// old URN found through its aliases), one whose children were renamed
// (same physical name under a new parent of the same type), or the one
// component of a type deleted and the one created under the same parent. It keeps the
// ones some of whose children are replaced, renamed, deleted or created,
// and of those only the outermost: a composite's parts rename with it.
func componentRenames(from, to *plan.Plan, aliased map[string]string, changes []Change) []ComponentRename {
	olds, news := index(from), index(to)
	moved := map[string]string{} // new component URN → old component URN
	for n, o := range aliased {
		if isComponent(news[n]) {
			moved[n] = o
		}
	}
	for _, c := range changes {
		if c.Kind != Rename {
			continue
		}
		np, op := news[news[c.URN].Parent], olds[olds[c.OldURN].Parent]
		if isComponent(np) && isComponent(op) && np.Type == op.Type && np.Name != op.Name {
			if _, ok := moved[np.URN]; !ok {
				moved[np.URN] = op.URN
			}
		}
	}
	// A component deleted and one of its type created under the same
	// parent, alone of their kind there: a component renamed without an
	// alias.
	created, deleted := map[string][]string{}, map[string][]string{}
	for _, c := range changes {
		switch {
		case c.Kind == Create && isComponent(news[c.URN]):
			k := c.Type + "\x00" + news[c.URN].Parent
			created[k] = append(created[k], c.URN)
		case c.Kind == Delete && isComponent(olds[c.URN]):
			k := c.Type + "\x00" + olds[c.URN].Parent
			deleted[k] = append(deleted[k], c.URN)
		}
	}
	for k, ns := range created {
		if os := deleted[k]; len(ns) == 1 && len(os) == 1 {
			if _, ok := moved[ns[0]]; !ok {
				moved[ns[0]] = os[0]
			}
		}
	}
	var out []ComponentRename
	for n, o := range moved {
		nc, oc := news[n], olds[o]
		if nc.Name == oc.Name {
			continue
		}
		r := ComponentRename{Type: nc.Type, URN: n, OldURN: o, OldName: oc.Name, NewName: nc.Name}
		_, r.Aliased = aliased[n]
		for _, c := range changes {
			if c.Kind == Update || c.URN == n || c.URN == o {
				continue
			}
			if under(news, c.URN, n) || under(olds, c.URN, o) || (c.OldURN != "" && under(olds, c.OldURN, o)) {
				r.Children = append(r.Children, c.URN)
			}
		}
		if len(r.Children) == 0 {
			continue
		}
		sort.Strings(r.Children)
		r.Fix = []string{
			fmt.Sprintf("pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(%q)}}) in the options of %q", oc.Name, nc.Name),
			fmt.Sprintf("StableName: %q in its args", oc.Name),
		}
		out = append(out, r)
	}
	// A part of a renamed composite is renamed with it: the composite's fix
	// (its StableName passed on to the parts, naming.StableChild) is the
	// whole fix, and its Children hold the parts' changes already. A part's
	// own fix would name a constructor call the program does not make.
	kept := out[:0]
	for _, r := range out {
		inner := false
		for _, outer := range out {
			if outer.URN != r.URN && under(news, r.URN, outer.URN) {
				inner = true
				break
			}
		}
		if !inner {
			kept = append(kept, r)
		}
	}
	out = kept
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

func index(p *plan.Plan) map[string]plan.Resource {
	out := map[string]plan.Resource{}
	for _, r := range p.Resources {
		out[r.URN] = r
	}
	return out
}

// under says whether urn is a descendant of ancestor in resources.
func under(resources map[string]plan.Resource, urn, ancestor string) bool {
	seen := map[string]bool{}
	for p := resources[urn].Parent; p != "" && !seen[p]; p = resources[p].Parent {
		if p == ancestor {
			return true
		}
		seen[p] = true
	}
	return false
}

// writeRenames says, for every renamed component, what makes its rename free.
func (r *Report) writeRenames(w io.Writer, indent string) {
	for i, c := range r.Renames {
		// A blank line before each rename; between two, it keeps the
		// indent's quote mark, so a markdown block quote stays one block.
		if i == 0 {
			fmt.Fprintln(w)
		} else {
			fmt.Fprintln(w, strings.TrimRight(indent, " "))
		}
		has := "without an alias"
		if c.Aliased {
			has = "with an alias"
		}
		fmt.Fprintf(w, "%sRENAMED %s %q → %q %s: %d resource(s) under it are replaced, renamed, deleted or created.\n",
			indent, c.Type, c.OldName, c.NewName, has, len(c.Children))
		fmt.Fprintf(w, "%sThe rename is free (nothing replaced) with both:\n", indent)
		for _, f := range c.Fix {
			fmt.Fprintf(w, "%s    %s\n", indent, f)
		}
	}
}
