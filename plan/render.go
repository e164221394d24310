package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteTree prints the plan like `pulumi preview`: each resource under its
// parent, with type and name, then a count.
func (p *Plan) WriteTree(w io.Writer) error {
	var stack *Resource
	for i := range p.Resources {
		if p.Resources[i].Type == "pulumi:pulumi:Stack" {
			stack = &p.Resources[i]
		}
	}
	fmt.Fprintf(w, "%-48s %s\n", "Type", "Name")
	fmt.Fprintf(w, "%-48s %s-%s\n", "pulumi:pulumi:Stack", p.Project, p.Stack)
	var walk func(rs []Resource, indent string)
	walk = func(rs []Resource, indent string) {
		for i, r := range rs {
			branch, next := "├─ ", "│  "
			if i == len(rs)-1 {
				branch, next = "└─ ", "   "
			}
			fmt.Fprintf(w, "%-48s %s\n", indent+branch+r.Type, r.Name)
			walk(p.Children(r.URN), indent+next)
		}
	}
	roots := p.Roots()
	if stack != nil {
		roots = p.Children(stack.URN)
	}
	walk(roots, "")
	custom, components := 0, 0
	for _, r := range p.Resources {
		if r.Custom {
			custom++
		} else {
			components++
		}
	}
	_, err := fmt.Fprintf(w, "\nResources: %d (%d cloud resources in %d components)\n", len(p.Resources), custom, components)
	return err
}

// WriteMermaid prints a Mermaid flowchart: one subgraph per component with
// its cloud resources, and an arrow for every data flow (a resource whose
// inputs use another's outputs).
func (p *Plan) WriteMermaid(w io.Writer) error {
	ids := map[string]string{}
	for i, r := range p.Resources {
		ids[r.URN] = fmt.Sprintf("r%d", i)
	}
	fmt.Fprintln(w, "flowchart LR")
	var components []Resource
	for _, r := range p.Resources {
		if !r.Custom && r.Type != "pulumi:pulumi:Stack" {
			components = append(components, r)
		}
	}
	sort.Slice(components, func(i, j int) bool { return components[i].URN < components[j].URN })
	inComponent := map[string]bool{}
	for _, c := range components {
		fmt.Fprintf(w, "  subgraph %s[\"%s %s\"]\n", ids[c.URN], shortType(c.Type), c.Name)
		for _, r := range p.Children(c.URN) {
			if !r.Custom {
				continue
			}
			inComponent[r.URN] = true
			fmt.Fprintf(w, "    %s[\"%s<br/>%s\"]\n", ids[r.URN], shortType(r.Type), r.Name)
		}
		fmt.Fprintln(w, "  end")
	}
	for _, r := range p.Resources {
		if r.Custom && !inComponent[r.URN] {
			fmt.Fprintf(w, "  %s[\"%s<br/>%s\"]\n", ids[r.URN], shortType(r.Type), r.Name)
		}
	}
	seen := map[string]bool{}
	var edges []string
	for _, r := range p.Resources {
		for _, d := range r.Dependencies {
			from, ok := ids[d]
			if !ok || d == r.URN {
				continue
			}
			e := fmt.Sprintf("  %s --> %s", from, ids[r.URN])
			if !seen[e] {
				seen[e] = true
				edges = append(edges, e)
			}
		}
	}
	sort.Strings(edges)
	_, err := fmt.Fprintln(w, strings.Join(edges, "\n"))
	return err
}

// shortType turns "aws:iam/role:Role" into "iam.Role" and
// "schedkit:aws:CronJob" into "CronJob".
func shortType(t string) string {
	parts := strings.Split(t, ":")
	if len(parts) != 3 {
		return t
	}
	if parts[0] == "schedkit" {
		return parts[2]
	}
	module := strings.SplitN(parts[1], "/", 2)[0]
	if module == "index" {
		module = parts[0]
	}
	return module + "." + parts[2]
}
