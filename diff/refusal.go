package diff

import (
	"fmt"
	"io"
	"sort"

	"github.com/schedkit/schedkit/plan"
)

// Refusal is what `pulumi up` does with a change that deletes or replaces a
// protected resource. The engine checks protect when it applies a delete,
// also in a preview: a preview fails and changes nothing, so `pulumi up`
// with its preview, or `pulumi up --plan` of a saved preview, changes
// nothing. An update without a preview (`pulumi up --skip-preview`, the
// Automation API's up, pulumi/actions with `command: up`) deletes in
// dependency order and fails only when it reaches a protected resource:
// by then it has deleted every other resource the change deletes except
// those a refused resource depends on (its dependencies and parents, which
// would go after it). enginetest proves both under Pulumi's engine.
type Refusal struct {
	// Refused are the protected resources the change deletes, replaces or
	// renames: the update fails on them.
	Refused []string `json:"refused"`
	// DeletedFirst are the resources an update without a preview deletes
	// (or, retained, forgets) before it fails.
	DeletedFirst []string `json:"deletedFirst"`
}

// refusal computes the report's Refusal from the plan before the change;
// nil when nothing protected is deleted, replaced or renamed.
func (r *Report) refusal(from *plan.Plan) *Refusal {
	var refused []string
	for _, c := range r.Changes {
		if c.Protected && (c.Kind == Delete || c.Kind == Replace || c.Kind == Rename) {
			refused = append(refused, c.AckURN())
		}
	}
	if len(refused) == 0 {
		return nil
	}
	// What the refused resources need to exist until they go: their
	// dependencies and parents, transitively.
	old := map[string]plan.Resource{}
	for _, res := range from.Resources {
		old[res.URN] = res
	}
	upstream := map[string]bool{}
	var visit func(urn string)
	visit = func(urn string) {
		res, ok := old[urn]
		if !ok {
			return
		}
		for _, d := range append(append([]string{}, res.Dependencies...), res.Parent) {
			if d != "" && !upstream[d] {
				upstream[d] = true
				visit(d)
			}
		}
	}
	refusedSet := map[string]bool{}
	for _, u := range refused {
		refusedSet[u] = true
		visit(u)
	}
	out := &Refusal{Refused: refused, DeletedFirst: []string{}}
	for _, c := range r.Changes {
		if c.Kind == Delete && !refusedSet[c.URN] && !upstream[c.URN] {
			out.DeletedFirst = append(out.DeletedFirst, c.URN)
		}
	}
	sort.Strings(out.Refused)
	sort.Strings(out.DeletedFirst)
	return out
}

// writeRefusal says plainly that the update fails, and what an update
// without a preview deletes before it does.
func (r *Report) writeRefusal(w io.Writer, indent string) {
	f := r.Refusal
	if f == nil {
		return
	}
	fmt.Fprintf(w, "\n%sUPDATE WILL FAIL: pulumi up refuses to delete or replace %d protected resource(s):\n", indent, len(f.Refused))
	for _, u := range f.Refused {
		fmt.Fprintf(w, "%s  %s\n", indent, name(u))
	}
	fmt.Fprintf(w, "%sWith a preview (pulumi preview; pulumi up with its preview; pulumi up --plan of a saved preview) it fails before changing anything.\n", indent)
	if len(f.DeletedFirst) == 0 {
		fmt.Fprintf(w, "%sWithout a preview it also fails before deleting anything.\n", indent)
	} else {
		fmt.Fprintf(w, "%sWithout a preview (pulumi up --skip-preview, the Automation API's up, pulumi/actions command: up) it first deletes these %d resource(s), then fails:\n", indent, len(f.DeletedFirst))
		for _, u := range f.DeletedFirst {
			fmt.Fprintf(w, "%s  - %s\n", indent, name(u))
		}
	}
	fmt.Fprintf(w, "%sTo delete them on purpose, lift protection first as the README's \"Safe changes\" says; an acknowledgement does not make this change pass.\n", indent)
}
