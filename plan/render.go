package plan

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteTree prints the plan like `pulumi preview`: each resource under its
// parent, with type and name, then a count. The type column is as wide as
// the longest indented type, so every name starts in the same column.
func (p *Plan) WriteTree(w io.Writer) error {
	var stack *Resource
	for i := range p.Resources {
		if p.Resources[i].Type == "pulumi:pulumi:Stack" {
			stack = &p.Resources[i]
		}
	}
	type row struct{ typ, name string }
	rows := []row{{"Type", "Name"}, {"pulumi:pulumi:Stack", p.Project + "-" + p.Stack}}
	var walk func(rs []Resource, indent string)
	walk = func(rs []Resource, indent string) {
		for i, r := range rs {
			branch, next := "├─ ", "│  "
			if i == len(rs)-1 {
				branch, next = "└─ ", "   "
			}
			rows = append(rows, row{indent + branch + r.Type, r.Name})
			walk(p.Children(r.URN), indent+next)
		}
	}
	roots := p.Roots()
	if stack != nil {
		roots = p.Children(stack.URN)
	}
	walk(roots, "")
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r.typ))
	}
	for _, r := range rows {
		// fmt pads by runes, so the tree's box-drawing characters count once.
		fmt.Fprintf(w, "%-*s %s\n", width, r.typ, r.name)
	}
	custom, components, locks := 0, 0, 0
	for _, r := range p.Resources {
		switch {
		case r.Custom:
			custom++
		case IsLock(r): // a component resource, but no component of its own
			locks++
		default:
			components++
		}
	}
	if locks == 0 {
		_, err := fmt.Fprintf(w, "\nResources: %d (%d cloud resources in %d components)\n", len(p.Resources), custom, components)
		return err
	}
	_, err := fmt.Fprintf(w, "\nResources: %d (%d cloud resources in %d components, and %d delete lock(s))\n", len(p.Resources), custom, components, locks)
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
