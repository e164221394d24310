package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// MermaidOptions chooses what WriteMermaid draws.
type MermaidOptions struct {
	// Component is the URN of a component to draw the inside of; "" draws
	// the whole plan.
	Component string
	// Detail draws every resource and every dependency instead of the data
	// flowing between components.
	Detail bool
}

// WriteMermaid prints a Mermaid flowchart of the plan.
//
// By default it draws the plan's components and the data flowing between
// them, in the direction it runs: one box per top-level component (its
// roles, policies, keys, alarms and log groups folded in) and per resource
// outside any component (a table several components share), and an arrow
// wherever data moves from one to another. Which way data runs is derived
// from the resource types (flows) and from the SQL Snowflake objects run
// (sqlFlows).
//
// With a Component it draws that component's inside: its resources that
// hold, move or process data, in nested subgraphs per component, the data
// flowing between them, and the components outside it that it exchanges
// data with. With Detail it draws every resource (of the Component, if
// given) and an arrow for every dependency.
func (p *Plan) WriteMermaid(w io.Writer, opts MermaidOptions) error {
	if opts.Component != "" {
		if c, ok := p.ByURN(opts.Component); !ok || c.Custom {
			return fmt.Errorf("no component %q in the plan", opts.Component)
		}
	}
	switch {
	case opts.Detail:
		return p.writeDetail(w, opts.Component)
	case opts.Component != "":
		return p.writeInside(w, opts.Component)
	default:
		return p.writeComponents(w)
	}
}

// writeComponents draws the top-level components and the data between them.
func (p *Plan) writeComponents(w io.Writer) error {
	g := p.flowGraph()
	ids := p.mermaidIDs()
	shown := map[string]bool{}
	for _, r := range p.Resources {
		if r.Type == "pulumi:pulumi:Stack" || IsLock(r) || p.isNested(r) {
			continue
		}
		if r.Custom && roleOf(r.Type) != drawn {
			continue
		}
		shown[r.URN] = true
	}
	edges := map[[2]string]bool{}
	for e := range g {
		from, to := p.topLevel(e[0]), p.topLevel(e[1])
		if from != to && shown[from] && shown[to] {
			edges[[2]string{from, to}] = true
		}
	}
	// A component that writes a table and reads it back (a check, an
	// unload) is drawn writing it: the picture is about where data goes.
	for e := range edges {
		back := [2]string{e[1], e[0]}
		if edges[back] && p.holdsData(e[0]) && !p.holdsData(e[1]) {
			delete(edges, e)
		}
	}
	var lines []string
	for urn := range shown {
		r, _ := p.ByURN(urn)
		lines = append(lines, "  "+ids[urn]+box(r))
	}
	sort.Strings(lines)
	return writeFlowchart(w, lines, edgeLines(edges, ids))
}

// writeInside draws the inside of the component with this URN.
func (p *Plan) writeInside(w io.Writer, urn string) error {
	root, _ := p.ByURN(urn)
	g := p.flowGraph()
	ids := p.mermaidIDs()
	inside := func(u string) bool { return u == urn || p.isUnder(u, urn) }
	// Inside, every drawn resource is its own box; outside, data comes from
	// or goes to the outermost component that holds it but not this one, or
	// a shared resource.
	node := func(u string) string {
		if inside(u) {
			return u
		}
		return p.outermostBeside(u, urn)
	}
	edges := map[[2]string]bool{}
	outside := map[string]bool{}
	for e := range g {
		if !inside(e[0]) && !inside(e[1]) {
			continue
		}
		from, to := node(e[0]), node(e[1])
		if from == to {
			continue
		}
		edges[[2]string{from, to}] = true
		for _, u := range []string{from, to} {
			if !inside(u) {
				outside[u] = true
			}
		}
	}
	var lines []string
	var draw func(c Resource, indent string)
	draw = func(c Resource, indent string) {
		lines = append(lines, fmt.Sprintf("%ssubgraph %s[\"%s %s\"]", indent, ids[c.URN], shortType(c.Type), label(c.Name)))
		for _, r := range p.Children(c.URN) {
			switch {
			case IsLock(r): // no cloud resource, no data: not drawn
			case !r.Custom:
				draw(r, indent+"  ")
			case roleOf(r.Type) == drawn:
				lines = append(lines, indent+"  "+ids[r.URN]+box(r))
			}
		}
		lines = append(lines, indent+"end")
	}
	draw(root, "  ")
	var around []string
	for u := range outside {
		r, _ := p.ByURN(u)
		around = append(around, "  "+ids[u]+box(r))
	}
	sort.Strings(around)
	return writeFlowchart(w, append(lines, around...), edgeLines(edges, ids))
}

// writeDetail draws every resource (under the component root, or all when
// root is ""), in one subgraph per component, and an arrow for every
// dependency between them: from what is used to what uses it, except where
// the flows table knows data runs the other way (a schedule starts its
// workflow, a pipe loads its table).
func (p *Plan) writeDetail(w io.Writer, root string) error {
	ids := p.mermaidIDs()
	in := func(urn string) bool { return root == "" || urn == root || p.isUnder(urn, root) }
	var components []Resource
	for _, r := range p.Resources {
		if !r.Custom && !IsLock(r) && r.Type != "pulumi:pulumi:Stack" && in(r.URN) {
			components = append(components, r)
		}
	}
	sort.Slice(components, func(i, j int) bool { return components[i].URN < components[j].URN })
	var lines []string
	inComponent := map[string]bool{}
	for _, c := range components {
		lines = append(lines, fmt.Sprintf("  subgraph %s[\"%s %s\"]", ids[c.URN], shortType(c.Type), label(c.Name)))
		for _, r := range p.Children(c.URN) {
			if r.Custom {
				inComponent[r.URN] = true
				lines = append(lines, "    "+ids[r.URN]+box(r))
			}
		}
		lines = append(lines, "  end")
	}
	var loose []string
	for _, r := range p.Resources {
		if r.Custom && !inComponent[r.URN] && in(r.URN) {
			loose = append(loose, "  "+ids[r.URN]+box(r))
		}
	}
	sort.Strings(loose)
	edges := map[[2]string]bool{}
	p.eachDependency(func(dep, r Resource) {
		if !in(dep.URN) || !in(r.URN) {
			return
		}
		if flowOf(dep, r) == toDependency {
			edges[[2]string{r.URN, dep.URN}] = true
		} else {
			edges[[2]string{dep.URN, r.URN}] = true
		}
	})
	return writeFlowchart(w, append(lines, loose...), edgeLines(edges, ids))
}

// flowGraph is the plan's data flows between drawn resources, each a
// (from, to) pair of URNs: dependencies turned by the flows table, the SQL
// of Snowflake objects, and connectors replaced by the flows through them.
func (p *Plan) flowGraph() map[[2]string]bool {
	raw := map[[2]string]bool{}
	p.eachDependency(func(dep, r Resource) {
		if p.inherited(dep.URN, r) {
			return // passed down from a component's DependsOn: no data of its own
		}
		switch flowOf(dep, r) {
		case toDependent:
			raw[[2]string{dep.URN, r.URN}] = true
		case toDependency:
			raw[[2]string{r.URN, dep.URN}] = true
		}
	})
	byName := map[string]Resource{}
	for _, r := range p.Resources {
		if fqn := r.Output("fullyQualifiedName"); fqn != "" && r.Custom {
			byName[normalizeSQL(fqn)] = r
		}
	}
	for _, r := range p.Resources {
		reads, writes := sqlFlows(r, byName)
		for _, o := range reads {
			raw[[2]string{o.URN, r.URN}] = true
		}
		for _, o := range writes {
			raw[[2]string{r.URN, o.URN}] = true
		}
		if t, ok := firehoseTable(r, byName); ok {
			raw[[2]string{r.URN, t.URN}] = true
		}
	}
	// Replace each connector by arrows from what flows into it to where it
	// flows, then keep the arrows between drawn resources.
	roleByURN := map[string]role{}
	for _, r := range p.Resources {
		roleByURN[r.URN] = roleOf(r.Type)
	}
	for _, r := range p.Resources {
		if roleByURN[r.URN] != connector {
			continue
		}
		var ins, outs []string
		for e := range raw {
			if e[1] == r.URN {
				ins = append(ins, e[0])
			}
			if e[0] == r.URN {
				outs = append(outs, e[1])
			}
		}
		for _, in := range ins {
			for _, out := range outs {
				if in != out {
					raw[[2]string{in, out}] = true
				}
			}
		}
	}
	g := map[[2]string]bool{}
	for e := range raw {
		if roleByURN[e[0]] == drawn && roleByURN[e[1]] == drawn {
			g[e] = true
		}
	}
	return g
}

// eachDependency calls f once for every dependency between two resources of
// the plan (duplicates, self-dependencies and unknown URNs skipped).
func (p *Plan) eachDependency(f func(dep, r Resource)) {
	byURN := make(map[string]Resource, len(p.Resources))
	for _, r := range p.Resources {
		byURN[r.URN] = r
	}
	for _, r := range p.Resources {
		if IsLock(r) {
			continue // a lock depends on everything in its component and moves no data
		}
		seen := map[string]bool{}
		for _, d := range r.Dependencies {
			dep, ok := byURN[d]
			if !ok || d == r.URN || seen[d] {
				continue
			}
			seen[d] = true
			f(dep, r)
		}
	}
}

// inherited says whether r depends on dep only because a component above it
// does: Pulumi passes a component's DependsOn down to its children.
func (p *Plan) inherited(dep string, r Resource) bool {
	for parent, ok := p.ByURN(r.Parent); ok && !parent.Custom; parent, ok = p.ByURN(parent.Parent) {
		for _, d := range parent.Dependencies {
			if d == dep {
				return true
			}
		}
	}
	return false
}

// topLevel is the component directly under the stack that holds urn, or urn
// itself when it is directly under the stack.
func (p *Plan) topLevel(urn string) string {
	r, ok := p.ByURN(urn)
	for ok {
		parent, found := p.ByURN(r.Parent)
		if !found || parent.Type == "pulumi:pulumi:Stack" {
			return r.URN
		}
		r, ok = parent, true
	}
	return urn
}

// outermostBeside is the outermost component or resource that holds urn
// (or urn itself) without holding the component root: for a top-level
// root, the top-level component of urn.
func (p *Plan) outermostBeside(urn, root string) string {
	r, ok := p.ByURN(urn)
	for ok {
		parent, found := p.ByURN(r.Parent)
		if !found || parent.Type == "pulumi:pulumi:Stack" || parent.URN == root || p.isUnder(root, parent.URN) {
			return r.URN
		}
		r = parent
	}
	return urn
}

// holdsData says whether urn is a resource that holds data (see Stateful).
func (p *Plan) holdsData(urn string) bool {
	r, ok := p.ByURN(urn)
	if !ok || !r.Custom {
		return false
	}
	_, stateful := Stateful(r.Type)
	return stateful
}

// isNested says whether r is inside a component.
func (p *Plan) isNested(r Resource) bool { return p.topLevel(r.URN) != r.URN }

// isUnder says whether urn is a descendant of the component ancestor.
func (p *Plan) isUnder(urn, ancestor string) bool {
	r, ok := p.ByURN(urn)
	for ok {
		if r.Parent == ancestor {
			return true
		}
		r, ok = p.ByURN(r.Parent)
	}
	return false
}

// mermaidIDs gives every resource a readable node id from its name, unique
// in the plan, assigned in URN order so the same plan draws the same ids.
func (p *Plan) mermaidIDs() map[string]string {
	rs := append([]Resource(nil), p.Resources...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].URN < rs[j].URN })
	ids, used := map[string]string{}, map[string]bool{}
	for _, r := range rs {
		base := strings.Map(func(c rune) rune {
			if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
				return c
			}
			return '_'
		}, r.Name)
		if base == "" || strings.EqualFold(base, "end") || strings.EqualFold(base, "subgraph") {
			base = "n_" + base // Mermaid keywords cannot be ids
		}
		id := base
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s_%d", base, n)
		}
		used[id] = true
		ids[r.URN] = id
	}
	return ids
}

// box is a node's shape and label: a component or a resource by its short
// type and name; a resource that holds data (see Stateful) as a cylinder.
func box(r Resource) string {
	text := fmt.Sprintf("%s<br/>%s", shortType(r.Type), label(r.Name))
	if _, ok := Stateful(r.Type); ok && r.Custom {
		return `[("` + text + `")]`
	}
	return `["` + text + `"]`
}

// label escapes the one character a quoted Mermaid label cannot hold.
func label(s string) string { return strings.ReplaceAll(s, `"`, "#quot;") }

// edgeLines renders edges as sorted "a --> b" lines.
func edgeLines(edges map[[2]string]bool, ids map[string]string) []string {
	var out []string
	for e := range edges {
		out = append(out, fmt.Sprintf("  %s --> %s", ids[e[0]], ids[e[1]]))
	}
	sort.Strings(out)
	return out
}

// writeFlowchart prints a left-to-right flowchart of node lines then edges.
func writeFlowchart(w io.Writer, nodes, edges []string) error {
	lines := append([]string{"flowchart LR"}, nodes...)
	_, err := fmt.Fprintln(w, strings.Join(append(lines, edges...), "\n"))
	return err
}
