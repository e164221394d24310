package tests

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/dashboard"
	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// fixedChildren counts the children of a plan that are billed while idle.
type fixedChildren struct{ keys, alarms, onDemandStreams, provisionedStreams int }

func countFixed(plan *synth.Plan) fixedChildren {
	var f fixedChildren
	f.keys = len(plan.ByType("aws:kms/key:Key"))
	f.alarms = len(plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm"))
	for _, s := range plan.ByType("aws:kinesis/stream:Stream") {
		if s.Get("streamModeDetails", "streamMode") == "PROVISIONED" {
			f.provisionedStreams++
		} else {
			f.onDemandStreams++
		}
	}
	return f
}

// fixedMonthly is what the plan costs idle, as schedkit cost prices it
// (cost/prices.go, the one price table).
func fixedMonthly(t *testing.T, plan *synth.Plan) float64 {
	t.Helper()
	report, err := cost.Estimate(plan, cost.Usage{})
	require.NoError(t, err)
	return report.FixedUSD
}

// pageFixedCost reads the "fixed cost" row of a component page's defaults
// table: "$1.50 a month: 1 KMS key, 5 alarms" and the like.
func pageFixedCost(t *testing.T, page string) (float64, fixedChildren) {
	t.Helper()
	row, ok := docTable(t, page, "Defaults")["fixed cost"]
	require.Truef(t, ok, "%s: the defaults have no fixed cost row", page)
	dollars, err := strconv.ParseFloat(strings.TrimPrefix(strings.Fields(row)[0], "$"), 64)
	require.NoErrorf(t, err, "%s: the fixed cost row starts with its monthly figure", page)
	count := func(what string) int {
		m := regexp.MustCompile(`(\d+) ` + what).FindStringSubmatch(row)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return dollars, fixedChildren{keys: count("KMS key"), alarms: count("alarm"), onDemandStreams: count("on-demand stream")}
}

// Issue 11: each component page's defaults table states what the component
// costs idle at its defaults, and that figure is what the component plans.
func TestDocs_fixedCostsMatchWhatEachComponentPlans(t *testing.T) {
	// docs/cost.md's table prices the same fixtures, so its fixed column
	// and the defaults tables' rows agree by construction.
	cases := map[string]pulumi.RunFunc{
		componentPage("alerts"): func(ctx *pulumi.Context) error {
			topic, err := alerts.NewAlertTopic(ctx, "alerts", nil)
			if err != nil {
				return err
			}
			return topic.AllowPublishers(ctx)
		},
	}
	cases[componentPage("dashboard")] = func(ctx *pulumi.Context) error {
		_, err := dashboard.NewDashboard(ctx, "operations", nil)
		return err
	}
	for _, p := range costPatterns() {
		cases[p.page] = p.program
	}
	for page, program := range cases {
		t.Run(page, func(t *testing.T) {
			plan := synthtest.Run(t, program, synth.Options{Project: "fixed", Stack: "dev"})
			planned := countFixed(plan)
			dollars, stated := pageFixedCost(t, page)
			assert.Zero(t, planned.provisionedStreams, "no default provisions shards")
			planned.provisionedStreams = 0
			assert.Equal(t, planned, stated, "the children the page counts")
			assert.Equal(t, fmt.Sprintf("%.2f", fixedMonthly(t, plan)), fmt.Sprintf("%.2f", dollars), "the page's monthly figure is what schedkit cost prices idle")
		})
	}
}
