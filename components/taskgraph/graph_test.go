package taskgraph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func spec(name string, after ...string) TaskSpec {
	return TaskSpec{Name: name, SQL: "SELECT 1", After: after}
}

func TestAnalyze_acceptsDAGs(t *testing.T) {
	cases := []struct {
		name     string
		tasks    []TaskSpec
		root     string
		order    []string
		children map[string][]string
	}{
		{"single root", []TaskSpec{spec("A")}, "A", []string{"A"}, map[string][]string{}},
		{"chain", []TaskSpec{spec("C", "B"), spec("A"), spec("B", "A")}, "A", []string{"A", "B", "C"},
			map[string][]string{"A": {"B"}, "B": {"C"}}},
		{"diamond", []TaskSpec{spec("A"), spec("B", "A"), spec("C", "A"), spec("D", "B", "C")}, "A", []string{"A", "B", "C", "D"},
			map[string][]string{"A": {"B", "C"}, "B": {"D"}, "C": {"D"}}},
		{"declared children first", []TaskSpec{spec("D", "C", "B"), spec("C", "A"), spec("B", "A"), spec("A")}, "A", []string{"A", "C", "B", "D"},
			map[string][]string{"A": {"B", "C"}, "B": {"D"}, "C": {"D"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, probs := analyze(c.tasks, "")
			require.Empty(t, probs)
			assert.Equal(t, c.root, g.root)
			assert.Equal(t, c.order, g.order)
			assert.Equal(t, c.children, g.children)
		})
	}
}

func TestAnalyze_rejectsBadGraphs(t *testing.T) {
	many := func(n int) []TaskSpec {
		out := []TaskSpec{spec("ROOT")}
		for i := 1; i < n; i++ {
			out = append(out, spec(fmt.Sprintf("T%d", i), "ROOT"))
		}
		return out
	}
	manyAfter := []TaskSpec{spec("ROOT")}
	var preds []string
	for i := 0; i < 101; i++ {
		n := fmt.Sprintf("P%d", i)
		manyAfter = append(manyAfter, spec(n, "ROOT"))
		preds = append(preds, n)
	}
	manyAfter = append(manyAfter, spec("SINK", preds...))

	cases := []struct {
		name      string
		tasks     []TaskSpec
		finalizer string
		field     string
		message   string
	}{
		{"two-task cycle", []TaskSpec{spec("A"), spec("B", "A", "C"), spec("C", "B")}, "", "Tasks", "has a cycle: B → C → B"},
		{"three-task cycle", []TaskSpec{spec("R"), spec("A", "R", "C"), spec("B", "A"), spec("C", "B")}, "", "Tasks", "has a cycle: A → C → B → A"},
		{"cycle without root", []TaskSpec{spec("A", "B"), spec("B", "A")}, "", "Tasks", "has no root"},
		{"two roots", []TaskSpec{spec("A"), spec("B"), spec("C", "A", "B")}, "", "Tasks", "has 2 roots (A, B)"},
		{"missing predecessor", []TaskSpec{spec("A"), spec("B", "X")}, "", "Tasks[1].After", `names "X", which is not a task of the graph`},
		{"self reference", []TaskSpec{spec("A"), spec("B", "A", "B")}, "", "Tasks[1].After", `"B" names the task itself`},
		{"predecessor twice", []TaskSpec{spec("A"), spec("B", "A", "A")}, "", "Tasks[1].After", `names "A" twice`},
		{"duplicate name", []TaskSpec{spec("A"), spec("B", "A"), spec("B", "A")}, "", "Tasks[2].Name", `"B" duplicates Tasks[1] "B"`},
		{"duplicate name in other case", []TaskSpec{spec("A"), spec("load", "A"), spec("LOAD", "A")}, "", "Tasks[2].Name", `"LOAD" duplicates Tasks[1] "load"`},
		{"finalizer duplicates a task", []TaskSpec{spec("A")}, "a", "Finalizer.Name", `"a" duplicates Tasks[0] "A"`},
		{"after the finalizer", []TaskSpec{spec("A"), spec("B", "FIN")}, "FIN", "Tasks[1].After", `names the finalizer "FIN"`},
		{"over 100 predecessors", manyAfter, "", "Tasks[102].After", "lists 101 predecessors; Snowflake allows at most 100"},
		{"over 100 children", many(102), "", "Tasks[0]", `"ROOT" has 101 children; Snowflake allows at most 100`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, probs := analyze(c.tasks, c.finalizer)
			var got []string
			for _, p := range probs {
				got = append(got, p.field+": "+p.message)
			}
			joined := strings.Join(got, "\n")
			assert.Contains(t, joined, c.field+": "+c.message)
		})
	}
}
