package tests

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/synth"
)

// A TaskGraph's deadline check is a task with a schedule of its own, so
// cost counts its runs from the plan: as many as a daily graph's, none
// while the graph (and so the check) is suspended, and a maximum-age
// check's at its period.
func TestCost_countsTheTaskGraphDeadlineCheck(t *testing.T) {
	runs := func(t *testing.T, args taskgraph.TaskGraphArgs) map[string]float64 {
		t.Helper()
		plan, err := synth.Run(func(ctx *pulumi.Context) error {
			_, err := taskgraph.NewTaskGraph(ctx, "nightly", &args)
			return err
		}, synth.Options{Project: "cost", Stack: "fixture", Config: map[string]string{"aws:region": "us-east-1"}})
		require.NoError(t, err)
		report, err := cost.Estimate(plan, cost.Usage{})
		require.NoError(t, err)
		out := map[string]float64{}
		for _, r := range report.Component("nightly").Runs {
			out[r.What] = r.RunsPerMonth
		}
		return out
	}
	daily := taskgraph.TaskGraphArgs{
		Database: pulumi.String("ANALYTICS"), Schema: pulumi.String("CORE"), Cron: "0 2 * * *",
		Tasks: []taskgraph.TaskSpec{{Name: "BUILD", SQL: "CALL build()"}}, Started: true,
	}
	assert.Equal(t, map[string]float64{
		"USING CRON 0 2 * * * UTC": 365.0 / 12,
		"USING CRON 5 3 * * * UTC": 365.0 / 12, // the check, an hour and 5 minutes later
	}, runs(t, daily))

	daily.Started = false
	assert.Equal(t, map[string]float64{
		"USING CRON 0 2 * * * UTC (suspended)": 0,
		"USING CRON 5 3 * * * UTC (suspended)": 0,
	}, runs(t, daily), "a suspended graph has a suspended check: cost says so")

	every := daily
	every.Started, every.Cron, every.EveryMinutes, every.DeadlineGrace = true, "", 360, 2*time.Hour
	assert.Equal(t, map[string]float64{
		"every 360 minutes": 730.0 / 6,
		"every 120 minutes": 730.0 / 2, // a quarter of 8 hours
	}, runs(t, every))
}
