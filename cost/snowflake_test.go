package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/plan"
)

// taskGraph is an hourly graph of a root and a child on a SMALL warehouse
// that suspends after 60 s, plus a serverless graph every 5 minutes.
func taskGraph(f *fixture, started bool) {
	c := f.component("schedkit:snowflake:TaskGraph", "hourly", "")
	f.resource(warehouseType, "transform-warehouse", "", "", map[string]any{"name": "TRANSFORM", "warehouseSize": "SMALL", "autoSuspend": 60.0})
	f.resource(taskType, "hourly-root", c, "", map[string]any{"database": "DB", "schema": "S", "name": "ROOT", "warehouse": "TRANSFORM",
		"started": started, "schedule": map[string]any{"usingCron": "0 * * * * UTC"}})
	f.resource(taskType, "hourly-child", c, "", map[string]any{"database": "DB", "schema": "S", "name": "CHILD", "warehouse": "TRANSFORM",
		"started": started, "afters": []any{`"DB"."S"."ROOT"`}})
	s := f.component("schedkit:snowflake:TaskGraph", "often", "")
	f.resource(taskType, "often-root", s, "", map[string]any{"database": "DB", "schema": "S", "name": "OFTEN",
		"userTaskManagedInitialWarehouseSize": "XSMALL", "started": started, "schedule": map[string]any{"minutes": 5.0}})
}

func TestEstimate_taskGraphOnAWarehouse(t *testing.T) {
	f := newFixture("eu-west-1")
	taskGraph(f, true)
	r := estimate(t, f, Usage{SnowflakeCreditUSD: f64(2)})
	c := component(t, r, "hourly")
	// Per run: the root bills 60 s + 60 s auto-suspend, the child 60 s, on
	// 2 credits an hour: 0.1 credits, $0.20 at $2 a credit; 730 runs.
	require.NotNil(t, c.OneRunUSD)
	assert.True(t, c.OneRunKnown)
	assert.InDelta(t, 0.20, *c.OneRunUSD, 1e-12)
	assert.InDelta(t, 730*0.20, c.VariableUSD, 1e-9)
	assert.Equal(t, []Run{{Resource: "hourly-root", What: "USING CRON 0 * * * * UTC", RunsPerMonth: 730}}, c.Runs)
	assert.Equal(t, 2.0, r.CreditUSD)
	assert.Equal(t, "usage", r.CreditFrom)
}

// Serverless tasks bill 0.9 × the credits of a warehouse of their size
// (Snowflake's Service Consumption Table, serverless tasks: compute 0.9).
func TestEstimate_serverlessTaskCredits(t *testing.T) {
	f := newFixture("eu-west-1")
	taskGraph(f, true)
	r := estimate(t, f, Usage{SnowflakeCreditUSD: f64(2)})
	c := component(t, r, "often")
	assert.Equal(t, 12*730.0, c.Runs[0].RunsPerMonth)
	assert.Empty(t, c.Unknown)
	// One run: 1 minute on XSMALL (1 credit an hour) × 0.9 = 0.015 credits,
	// $0.03 at $2 a credit; 8,760 runs: 131.4 credits, $262.80.
	require.NotNil(t, c.OneRunUSD)
	assert.True(t, c.OneRunKnown)
	assert.InDelta(t, 0.03, *c.OneRunUSD, 1e-12)
	assert.InDelta(t, 262.80, c.VariableUSD, 1e-9)
	l := line(t, c, "serverless task OFTEN (XSMALL)")
	assert.InDelta(t, 131.4, l.Quantity, 1e-9)
	assert.Equal(t, "credits", l.Unit)
	assert.Contains(t, l.Note, "0.9 × the credits of a warehouse of its initial size XSMALL")
	assert.Contains(t, l.Note, "CreditConsumptionTable.pdf")

	// A size the credit table lacks stays unknown.
	g := newFixture("eu-west-1")
	s := g.component("schedkit:snowflake:TaskGraph", "odd", "")
	g.resource(taskType, "odd-root", s, "", map[string]any{"database": "DB", "schema": "S", "name": "ODD",
		"userTaskManagedInitialWarehouseSize": "HUGE", "started": true, "schedule": map[string]any{"minutes": 5.0}})
	odd := component(t, estimate(t, g, Usage{}), "odd")
	require.Len(t, odd.Unknown, 1)
	assert.Contains(t, odd.Unknown[0], "serverless task ODD (HUGE) (warehouse size not in the credit table: unknown)")
	assert.False(t, odd.OneRunKnown)
}

func TestEstimate_suspendedTasksRunNever(t *testing.T) {
	f := newFixture("eu-west-1")
	taskGraph(f, false)
	r := estimate(t, f, Usage{})
	assert.Zero(t, component(t, r, "hourly").VariableUSD)
	c := component(t, r, "often")
	assert.Contains(t, c.Runs[0].What, "(suspended)")
	assert.Empty(t, c.Unknown)
	assert.Zero(t, c.VariableUSD, "no runs cost nothing")
	require.NotNil(t, c.OneRunUSD)
	assert.InDelta(t, 0.015*3, *c.OneRunUSD, 1e-12, "a run would still cost 0.015 credits at the default $3")
}

func TestEstimate_warehouseAndDynamicTable(t *testing.T) {
	f := newFixture("eu-west-1")
	c := f.component("schedkit:snowflake:Warehouse", "bi", "")
	f.resource(warehouseType, "bi-warehouse", c, "", map[string]any{"name": "BI", "warehouseSize": "SMALL", "autoSuspend": 600.0})
	f.resource(warehouseType, "always-on", c, "", map[string]any{"name": "ALWAYS", "warehouseSize": "XSMALL", "autoSuspend": 0.0})
	d := f.component("schedkit:pipelines:LambdaArchitecture", "lag", "")
	f.resource(dynamicTableType, "lag-batch", d, "", map[string]any{"warehouse": "BI", "targetLag": map[string]any{"maximumDuration": "10 minutes"}})
	r := estimate(t, f, Usage{Components: map[string]Assumptions{"bi": {ActiveHoursPerMonth: f64(5)}}})

	wh := component(t, r, "bi")
	assert.InDelta(t, 730*1*3.0, wh.FixedUSD, 1e-9, "a warehouse that never suspends runs all month")
	assert.InDelta(t, 5*2*3.0, wh.VariableUSD, 1e-9)
	assert.Equal(t, "active hour", line(t, wh, "warehouse SMALL active hours").Per)

	// A refresh every 10 minutes with a 600 s auto-suspend keeps the
	// warehouse running: 4,380 refreshes of 600 s is 730 hours at 2 credits.
	dt := component(t, r, "lag")
	assert.InDelta(t, 730*2*3.0, dt.VariableUSD, 1e-9)
	assert.Equal(t, 4380.0, dt.Runs[0].RunsPerMonth)
}

// Snowpipe bills 0.0037 credits per GB loaded since 2025-12-08, in every
// edition (Snowflake docs "Snowpipe costs").
func TestEstimate_snowpipeCreditsPerGB(t *testing.T) {
	f := newFixture("us-east-1")
	c := f.component("schedkit:snowflake:SnowpipeIngest", "raw", "")
	f.resource(pipeType, "raw-pipe", c, "", map[string]any{})
	r := estimate(t, f, Usage{Components: map[string]Assumptions{"raw": {GBPerMonth: f64(500)}}, SnowflakeCreditUSD: f64(2)})
	cc := component(t, r, "raw")
	assert.Empty(t, cc.Unknown)
	// 500 GB × 0.0037 = 1.85 credits, $3.70 at $2 a credit.
	l := line(t, cc, "Snowpipe data loaded")
	assert.InDelta(t, 1.85, l.Quantity, 1e-12)
	assert.InDelta(t, 3.70, cc.VariableUSD, 1e-12)
	assert.Contains(t, l.Note, "500 GB at 0.0037 credits per GB")
	assert.Contains(t, l.Note, "2025-12-08-snowpipe-simplified-pricing")
}

// checkedGraph is an hourly serverless graph of a root and a child, with
// the deadline check task the taskgraph component gives it (a standalone
// task whose comment ends with plan.DeadlineCheckComment), checked at
// minute 5 of every hour; and a daily graph on a SMALL warehouse with its
// check on the same warehouse.
func checkedGraph(f *fixture) {
	c := f.component("schedkit:snowflake:TaskGraph", "hourly", "")
	serverless := func(name string, more map[string]any) map[string]any {
		in := map[string]any{"database": "DB", "schema": "S", "name": name, "userTaskManagedInitialWarehouseSize": "XSMALL", "started": true}
		for k, v := range more {
			in[k] = v
		}
		return in
	}
	f.resource(taskType, "hourly-task-root", c, "", serverless("ROOT", map[string]any{
		"comment": "schedkit TaskGraph hourly", "schedule": map[string]any{"usingCron": "0 * * * * UTC"}}))
	f.resource(taskType, "hourly-task-child", c, "", serverless("CHILD", map[string]any{
		"comment": "schedkit TaskGraph hourly", "afters": []any{`"DB"."S"."ROOT"`}}))
	f.resource(taskType, "hourly-deadline", c, "", serverless("ROOT_DEADLINE", map[string]any{
		"comment": "schedkit TaskGraph hourly" + plan.DeadlineCheckComment, "schedule": map[string]any{"usingCron": "5 * * * * UTC"}}))

	d := f.component("schedkit:snowflake:TaskGraph", "daily", "")
	f.resource(warehouseType, "daily-warehouse", "", "", map[string]any{"name": "TRANSFORM", "warehouseSize": "SMALL", "autoSuspend": 60.0})
	f.resource(taskType, "daily-task-root", d, "", map[string]any{"database": "DB", "schema": "S", "name": "NIGHTLY", "warehouse": "TRANSFORM",
		"started": true, "comment": "schedkit TaskGraph daily", "schedule": map[string]any{"usingCron": "0 3 * * * UTC"}})
	f.resource(taskType, "daily-deadline", d, "", map[string]any{"database": "DB", "schema": "S", "name": "NIGHTLY_DEADLINE", "warehouse": "TRANSFORM",
		"started": true, "comment": "schedkit TaskGraph daily" + plan.DeadlineCheckComment, "schedule": map[string]any{"usingCron": "10 4 * * * UTC"}})
}

// A deadline check runs metadata queries, not the graph's work: its runs
// are priced at deadlineCheckSeconds (default 10 s), the graph's tasks at
// queryMinutes, and a usage file overrides either.
func TestEstimate_deadlineCheckHasItsOwnRuntime(t *testing.T) {
	f := newFixture("eu-west-1")
	checkedGraph(f)
	r := estimate(t, f, Usage{SnowflakeCreditUSD: f64(2)})
	c := component(t, r, "hourly")
	// The graph's tasks: 1 minute each on XSMALL × 0.9 = 0.015 credits a
	// run, 730 runs: 10.95 credits each.
	assert.InDelta(t, 10.95, line(t, c, "serverless task ROOT (XSMALL)").Quantity, 1e-9)
	assert.InDelta(t, 10.95, line(t, c, "serverless task CHILD (XSMALL)").Quantity, 1e-9)
	// The check: 10 s on XSMALL × 0.9 = 0.0025 credits a run, 730 runs:
	// 1.825 credits, $3.65 at $2 a credit (not the $21.90 of a minute).
	check := line(t, c, "serverless task ROOT_DEADLINE (XSMALL)")
	assert.InDelta(t, 1.825, check.Quantity, 1e-9)
	require.NotNil(t, check.MonthlyUSD)
	assert.InDelta(t, 3.65, *check.MonthlyUSD, 1e-9)
	require.NotNil(t, check.PerUSD)
	assert.InDelta(t, 0.005, *check.PerUSD, 1e-12)
	assert.Contains(t, check.Note, "a deadline check, 10 s a run (deadlineCheckSeconds); 0.9 × the credits")
	assert.NotContains(t, line(t, c, "serverless task ROOT (XSMALL)").Note, "deadline")
	assert.Contains(t, c.Assumptions, Assumption{Name: "queryMinutes", Value: 1, From: "default"})
	assert.Contains(t, c.Assumptions, Assumption{Name: "deadlineCheckSeconds", Value: DefaultDeadlineCheckSeconds, From: "default"})
	assert.Contains(t, c.Runs, Run{Resource: "hourly-deadline", What: "USING CRON 5 * * * * UTC", RunsPerMonth: 730})

	// On a warehouse a check is a root like any other: its runtime plus the
	// 60 s auto-suspend wait, at least 60 s: 70 s on SMALL (2 credits an
	// hour) a run, 30.42 runs a month.
	d := component(t, r, "daily")
	dl := line(t, d, "task NIGHTLY_DEADLINE on TRANSFORM (SMALL)")
	assert.InDelta(t, 70.0/3600*2*365.0/12, dl.Quantity, 1e-9)
	assert.Equal(t, "a deadline check, 10 s a run (deadlineCheckSeconds)", dl.Note)
	assert.InDelta(t, 120.0/3600*2*365.0/12, line(t, d, "task NIGHTLY on TRANSFORM (SMALL)").Quantity, 1e-9, "the graph's root: 60 s + 60 s")

	// A usage file overrides it, for every component or one by name,
	// without touching queryMinutes.
	r = estimate(t, f, Usage{SnowflakeCreditUSD: f64(2),
		Defaults:   Assumptions{DeadlineCheckSeconds: f64(30)},
		Components: map[string]Assumptions{"daily": {DeadlineCheckSeconds: f64(120)}}})
	c = component(t, r, "hourly")
	assert.InDelta(t, 30.0/3600*0.9*730, line(t, c, "serverless task ROOT_DEADLINE (XSMALL)").Quantity, 1e-9)
	assert.InDelta(t, 10.95, line(t, c, "serverless task ROOT (XSMALL)").Quantity, 1e-9)
	assert.Contains(t, c.Assumptions, Assumption{Name: "deadlineCheckSeconds", Value: 30, From: "usage defaults"})
	d = component(t, r, "daily")
	assert.InDelta(t, 180.0/3600*2*365.0/12, line(t, d, "task NIGHTLY_DEADLINE on TRANSFORM (SMALL)").Quantity, 1e-9)
	assert.Contains(t, d.Assumptions, Assumption{Name: "deadlineCheckSeconds", Value: 120, From: "usage components.daily"})
}
