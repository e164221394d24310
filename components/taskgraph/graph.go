package taskgraph

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// dag is the checked shape of a graph: its root and a creation order in which
// every task comes after its predecessors.
type dag struct {
	root  string
	order []string
	// children maps a task to the tasks that name it in After, sorted.
	children map[string][]string
}

// analyze checks the tasks' names and After lists as a graph: unique names,
// known predecessors, exactly one root, no cycle, and Snowflake's limits on
// predecessors and children. It returns every problem as "field: message"
// pairs so validate can attribute them; the dag is only usable without them.
func analyze(tasks []TaskSpec, finalizer string) (dag, []problem) {
	var probs []problem
	add := func(field, format string, args ...any) {
		probs = append(probs, problem{field, fmt.Sprintf(format, args...)})
	}
	index := map[string]int{}  // exact name → position
	folded := map[string]int{} // upper-cased name → first position
	for i, t := range tasks {
		if t.Name == "" {
			continue
		}
		if j, dup := folded[strings.ToUpper(t.Name)]; dup {
			add(fmt.Sprintf("Tasks[%d].Name", i), "%q duplicates Tasks[%d] %q (task names are compared case-insensitively: unquoted references resolve to upper case)", t.Name, j, tasks[j].Name)
			continue
		}
		folded[strings.ToUpper(t.Name)] = i
		index[t.Name] = i
	}
	if finalizer != "" {
		if j, dup := folded[strings.ToUpper(finalizer)]; dup {
			add("Finalizer.Name", "%q duplicates Tasks[%d] %q", finalizer, j, tasks[j].Name)
		}
	}

	children := map[string][]string{}
	var roots []string
	for i, t := range tasks {
		if _, ok := index[t.Name]; !ok || index[t.Name] != i {
			continue // unnamed or duplicate: reported above
		}
		if len(t.After) == 0 {
			roots = append(roots, t.Name)
		}
		if len(t.After) > MaxPredecessors {
			add(fmt.Sprintf("Tasks[%d].After", i), "lists %d predecessors; Snowflake allows at most %d", len(t.After), MaxPredecessors)
		}
		seen := map[string]bool{}
		for _, p := range t.After {
			switch {
			case p == t.Name:
				add(fmt.Sprintf("Tasks[%d].After", i), "%q names the task itself", p)
			case seen[p]:
				add(fmt.Sprintf("Tasks[%d].After", i), "names %q twice", p)
			case finalizer != "" && p == finalizer:
				add(fmt.Sprintf("Tasks[%d].After", i), "names the finalizer %q; a finalizer has no successors", p)
			default:
				if _, ok := index[p]; !ok {
					add(fmt.Sprintf("Tasks[%d].After", i), "names %q, which is not a task of the graph", p)
				} else {
					children[p] = append(children[p], t.Name)
				}
			}
			seen[p] = true
		}
	}
	for _, p := range slices.Sorted(maps.Keys(children)) {
		sort.Strings(children[p])
		if n := len(children[p]); n > MaxPredecessors {
			add(fmt.Sprintf("Tasks[%d]", index[p]), "%q has %d children; Snowflake allows at most %d", p, n, MaxPredecessors)
		}
	}
	switch {
	case len(roots) == 0 && len(index) > 0:
		add("Tasks", "has no root: every task has predecessors, so the graph has a cycle or no entry point; exactly one task must have no `After`")
	case len(roots) > 1:
		add("Tasks", "has %d roots (%s); exactly one task may have no `After`", len(roots), strings.Join(roots, ", "))
	}
	if cycle := findCycle(tasks, index); cycle != nil {
		add("Tasks", "has a cycle: %s", strings.Join(cycle, " → "))
	}
	if len(probs) > 0 || len(roots) != 1 {
		return dag{}, probs
	}
	return dag{root: roots[0], order: topoOrder(tasks, index, children), children: children}, nil
}

// problem is one finding of analyze.
type problem struct{ field, message string }

// findCycle returns one cycle as a closed path (A → B → A), or nil. Edges run
// from a task to each known predecessor.
func findCycle(tasks []TaskSpec, index map[string]int) []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var cycle []string
	var visit func(n string) bool
	visit = func(n string) bool {
		color[n] = grey
		stack = append(stack, n)
		for _, p := range tasks[index[n]].After {
			if _, ok := index[p]; !ok || p == n {
				continue
			}
			switch color[p] {
			case grey:
				for i, s := range stack {
					if s == p {
						cycle = append(append([]string{}, stack[i:]...), p)
						return true
					}
				}
			case white:
				if visit(p) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		return false
	}
	for _, t := range tasks {
		if i, ok := index[t.Name]; ok && tasks[i].Name == t.Name && color[t.Name] == white {
			if visit(t.Name) {
				return cycle
			}
		}
	}
	return nil
}

// topoOrder lists the tasks parents-first (Kahn's algorithm), breaking ties
// by declaration order so the registration order is stable.
func topoOrder(tasks []TaskSpec, index map[string]int, children map[string][]string) []string {
	pending := map[string]int{}
	for name, i := range index {
		pending[name] = len(tasks[i].After)
	}
	var ready, order []string
	for _, t := range tasks {
		if i, ok := index[t.Name]; ok && tasks[i].Name == t.Name && pending[t.Name] == 0 {
			ready = append(ready, t.Name)
		}
	}
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		order = append(order, n)
		for _, c := range children[n] {
			pending[c]--
			if pending[c] == 0 {
				ready = append(ready, c)
			}
		}
		sort.SliceStable(ready, func(a, b int) bool { return index[ready[a]] < index[ready[b]] })
	}
	return order
}
