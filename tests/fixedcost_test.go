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

// readmeFixedCost reads the "fixed cost" row of a defaults table: "$1.50 a
// month: 1 KMS key, 5 alarms" and the like.
func readmeFixedCost(t *testing.T, heading string) (float64, fixedChildren) {
	t.Helper()
	row, ok := readmeTable(t, heading)["fixed cost"]
	require.Truef(t, ok, "README's %q has no fixed cost row", heading)
	dollars, err := strconv.ParseFloat(strings.TrimPrefix(strings.Fields(row)[0], "$"), 64)
	require.NoErrorf(t, err, "%q: the fixed cost row starts with its monthly figure", heading)
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

// Issue 11: each defaults table states what its component costs idle at
// its defaults, and that figure is what the component plans.
func TestReadme_fixedCostsMatchWhatEachComponentPlans(t *testing.T) {
	// The README's cost table prices the same fixtures, so its fixed column
	// and the defaults tables' rows agree by construction.
	cases := map[string]pulumi.RunFunc{
		"AlertTopic defaults": func(ctx *pulumi.Context) error {
			topic, err := alerts.NewAlertTopic(ctx, "alerts", nil)
			if err != nil {
				return err
			}
			return topic.AllowPublishers(ctx)
		},
	}
	for _, p := range costPatterns() {
		cases[p.defaults] = p.program
	}
	for heading, program := range cases {
		t.Run(heading, func(t *testing.T) {
			plan := synthtest.Run(t, program, synth.Options{Project: "fixed", Stack: "dev"})
			planned := countFixed(plan)
			dollars, stated := readmeFixedCost(t, heading)
			assert.Zero(t, planned.provisionedStreams, "no default provisions shards")
			planned.provisionedStreams = 0
			assert.Equal(t, planned, stated, "the children the README counts")
			assert.Equal(t, fmt.Sprintf("%.2f", fixedMonthly(t, plan)), fmt.Sprintf("%.2f", dollars), "the README's monthly figure is what schedkit cost prices idle")
		})
	}
}
