package tests

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/synth"
)

// costPage holds the cost table, between these markers; -update (see
// update_test.go) rewrites it from the fixtures.
const costPage = "docs/cost.md"

const (
	costBegin = "<!-- schedkit cost: begin (go test ./tests -run Cost -update) -->"
	costEnd   = "<!-- schedkit cost: end -->"
)

// TestCost_perPatternTableIsWhatCostEstimates prices every pattern's
// fixture with schedkit's cost estimate at the default usage and checks
// docs/cost.md's table says the same.
func TestCost_perPatternTableIsWhatCostEstimates(t *testing.T) {
	var b strings.Builder
	b.WriteString("| Pattern | Fixed per month | One run | Runs per month in the fixture | Variable per month | What the fixed cost is | No price |\n")
	b.WriteString("|---|--:|--:|---|--:|---|---|\n")
	for _, p := range costPatterns() {
		plan, err := synth.Run(p.program, synth.Options{Project: "cost", Stack: "fixture", Config: map[string]string{"aws:region": "us-east-1"}})
		require.NoError(t, err, p.pattern)
		report, err := cost.Estimate(plan, cost.Usage{})
		require.NoError(t, err, p.pattern)
		require.Equal(t, "us-east-1", report.Region)
		c := report.Component(p.component)
		require.NotNil(t, c, p.pattern)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", p.pattern, cost.USD(c.FixedUSD), c.OneRun(), runsOf(c), cost.USD(c.VariableUSD), fixedParts(c), unknownParts(c))
	}
	table := b.String()
	text := readPage(t, costPage)
	begin, end := strings.Index(text, costBegin), strings.Index(text, costEnd)
	require.True(t, begin >= 0 && end > begin, "%s has no block between %q and %q", costPage, costBegin, costEnd)
	current := text[begin+len(costBegin)+1 : end]
	if *update {
		writePage(t, costPage, text[:begin+len(costBegin)]+"\n"+table+text[end:])
		return
	}
	assert.Equal(t, table, current, "%s's cost table is stale: run go test ./tests -run Cost -update", costPage)
}

func runsOf(c *cost.ComponentCost) string {
	var parts []string
	for _, r := range c.Runs {
		parts = append(parts, fmt.Sprintf("%s: %s", strings.ReplaceAll(r.What, "|", "\\|"), trimNumber(r.RunsPerMonth)))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

// fixedParts sums the fixed lines by item: "2 × KMS key $2.00, ...".
func fixedParts(c *cost.ComponentCost) string {
	type part struct {
		n   int
		usd float64
	}
	parts := map[string]*part{}
	for _, l := range c.Lines {
		if !l.Fixed || l.MonthlyUSD == nil || *l.MonthlyUSD == 0 {
			continue
		}
		if parts[l.Item] == nil {
			parts[l.Item] = &part{}
		}
		parts[l.Item].n++
		parts[l.Item].usd += *l.MonthlyUSD
	}
	items := make([]string, 0, len(parts))
	for item := range parts {
		items = append(items, item)
	}
	sort.Slice(items, func(i, j int) bool {
		if parts[items[i]].usd != parts[items[j]].usd {
			return parts[items[i]].usd > parts[items[j]].usd
		}
		return items[i] < items[j]
	})
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = fmt.Sprintf("%d × %s %s", parts[item].n, item, cost.USD(parts[item].usd))
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// unknownParts names the items without a price, once each.
func unknownParts(c *cost.ComponentCost) string {
	seen := map[string]bool{}
	var out []string
	for _, l := range c.Lines {
		if l.Price != nil {
			continue
		}
		item := l.Item
		if i := strings.Index(item, " ("); i > 0 {
			item = item[:i]
		}
		if strings.HasPrefix(item, "serverless task ") {
			item = "serverless task credits"
		}
		if !seen[item] {
			seen[item] = true
			out = append(out, item)
		}
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, ", ")
}

func trimNumber(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

func TestCost_usageDefaultsOnTheCostPageMatchTheCode(t *testing.T) {
	rows := docTable(t, costPage, "Usage defaults")
	delete(rows, "Assumption") // the header
	d := cost.DefaultAssumptions()
	want := map[string]string{
		"`triggeredRunsPerMonth`": trimNumber(*d.TriggeredRunsPerMonth),
		"`taskMinutes`":           trimNumber(*d.TaskMinutes),
		"`mapItems`":              trimNumber(*d.MapItems),
		"`jobMinutes`":            trimNumber(*d.JobMinutes),
		"`queryMinutes`":          trimNumber(*d.QueryMinutes),
		"`deadlineCheckSeconds`":  trimNumber(*d.DeadlineCheckSeconds),
		"`gbPerMonth`":            trimNumber(*d.GBPerMonth),
		"`eventsPerMonth`":        trimNumber(*d.EventsPerMonth),
		"`invocationMillis`":      trimNumber(*d.InvocationMillis),
		"`activeHoursPerMonth`":   trimNumber(*d.ActiveHoursPerMonth),
		"`snowflakeCreditUSD`":    trimNumber(cost.DefaultCreditUSD),
	}
	assert.Equal(t, want, rows)
}

// TestCost_everyStackIsPriced runs `schedkit cost`'s estimate on the three
// stacks: every top-level component is priced, in the stacks' region, and
// every line without a price says why.
func TestCost_everyStackIsPriced(t *testing.T) {
	for _, stack := range []string{"dev", "staging", "prod"} {
		t.Run(stack, func(t *testing.T) {
			opts, err := synth.LoadStack(platformDir, stack)
			require.NoError(t, err)
			plan, err := synth.Run(stacks.Program, opts)
			require.NoError(t, err)
			report, err := cost.Estimate(plan, cost.Usage{})
			require.NoError(t, err)
			assert.Equal(t, opts.Config["aws:region"], report.Region)
			var components []string
			for _, r := range plan.Roots() {
				if !r.Custom && !strings.HasPrefix(r.Type, "pulumi:") {
					components = append(components, r.Name)
					assert.NotNil(t, report.Component(r.Name), r.Name)
				}
			}
			assert.Len(t, report.Components, len(components)+1, "the components and the resources outside them")
			assert.Greater(t, report.FixedUSD, 0.0)
			for _, c := range report.Components {
				for _, l := range c.Lines {
					if l.MonthlyUSD == nil {
						assert.NotEmpty(t, l.Note, "%s: %s", c.Name, l.Item)
					}
				}
			}
		})
	}
}
