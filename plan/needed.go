package plan

import (
	"fmt"
	"strings"
)

// Needed lists the resources of p that a stateful resource needs to keep
// working, each with the stateful resource ("<type> <name>") that needs
// it: the custom resources a stateful resource depends on under the same
// component (the outermost schedkit component above it, or the program
// for one outside every component), and what those depend on, in turn,
// stateful resources and guards aside (they are kept by their own rule).
// For a Firehose delivery stream that is its role and the role's policy
// (and the log streams it writes to, which it depends on); for a
// Snowflake stage its storage integration, the role the integration
// assumes, that role's policy and its file format. Kept without them, a
// stateful resource that a removal leaves behind would stop working: the
// Firehose could not assume its deleted role, the stage could not be read
// through its dropped integration. A dependency in another component (a
// dynamic table's warehouse) is that component's to keep.
func Needed(p *Plan) map[string]string {
	by := map[string]Resource{}
	for _, r := range p.Resources {
		by[r.URN] = r
	}
	root := func(r Resource) string {
		out := ""
		seen := map[string]bool{}
		for u := r.Parent; u != "" && !seen[u]; u = by[u].Parent {
			seen[u] = true
			if a, ok := by[u]; ok && !a.Custom && strings.HasPrefix(a.Type, "schedkit:") {
				out = u
			}
		}
		return out
	}
	needed := map[string]string{}
	var walk func(needer string, home string, r Resource)
	walk = func(needer, home string, r Resource) {
		for _, d := range r.Dependencies {
			dr, ok := by[d]
			if !ok || !dr.Custom || root(dr) != home {
				continue
			}
			if _, stateful := Stateful(dr.Type); stateful {
				continue
			}
			if _, guard := Guard(dr.Type); guard {
				continue
			}
			if _, seen := needed[d]; seen {
				continue
			}
			needed[d] = needer
			walk(needer, home, dr)
		}
	}
	for _, r := range p.Resources {
		if _, stateful := Stateful(r.Type); stateful {
			walk(r.Type+" "+r.Name, root(r), r)
		}
	}
	return needed
}

// A KeepFinding is a resource of a plan that is not kept the way prod
// keeps data: its URN, and a message naming it and what it lacks.
type KeepFinding struct{ URN, Message string }

// KeepFindings lists, in resource order, what p lacks to keep its data the
// way prod does: a stateful resource or guard not kept (KeepGap), a
// resource a kept one needs (Needed) not retained, a component holding
// protected data without its delete lock protected (LockGap). The policy
// rule prod-stateful-kept reports them and synthtest.Kept asserts there
// are none: one list, so the two cannot drift apart.
func (p *Plan) KeepFindings() []KeepFinding {
	needed := Needed(p)
	var out []KeepFinding
	add := func(r Resource, format string, args ...any) {
		out = append(out, KeepFinding{URN: r.URN, Message: fmt.Sprintf("%s %q ", r.Type, r.Name) + fmt.Sprintf(format, args...)})
	}
	for _, r := range p.Resources {
		if gap := KeepGap(r); gap != "" {
			add(r, "%s", gap)
		} else if by, ok := needed[r.URN]; ok && !r.RetainOnDelete {
			add(r, "is not retainOnDelete (the kept %s needs it to keep working)", by)
		}
		if gap := p.LockGap(r); gap != "" {
			add(r, "%s", gap)
		}
	}
	return out
}
