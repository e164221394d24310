package warehouse

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// options is the project and stack the tests run as.
var options = synth.Options{Project: "proj", Stack: "dev"}

func TestWarehouse_defaults(t *testing.T) {
	assert.Equal(t, "XSMALL", DefaultSize)
	assert.Equal(t, 60, DefaultAutoSuspendSeconds)
	assert.Equal(t, 60, MinAutoSuspendSeconds)
	assert.Equal(t, 600, MaxAutoSuspendSeconds)
	assert.Equal(t, 604800, MaxStatementTimeoutSeconds)
	assert.Equal(t, 80, NotifyAtPercent)
	assert.Equal(t, 100, SuspendAtPercent)
	assert.Equal(t, "MONTHLY", MonitorFrequency)
	assert.Equal(t, "IMMEDIATELY", MonitorStart)
	assert.Equal(t, "schedkit:snowflake:Warehouse", Type)
	assert.Equal(t, "REPORTING_DEV", DefaultName("reporting", "dev"))
	assert.Equal(t, "BI_WH_PROD_EU", DefaultName("bi-wh", "prod-eu"))
	assert.Equal(t, "WH_1X_DEV", DefaultName("1x", "dev"))
	assert.Empty(t, PreviewFeatures())
	assert.NotNil(t, PreviewFeatures())
}

func TestWarehouse_createsGuardedWarehouse(t *testing.T) {
	plan := synthtest.Run(t, synthtest.Program(NewWarehouse, "reporting", &WarehouseArgs{MonthlyCreditQuota: 25}), options)

	assert.Equal(t, []string{
		"schedkit:keep:DeleteLock reporting-delete-lock",
		snowflake.ResourceMonitorType + " reporting-monitor",
		snowflake.WarehouseType + " reporting-warehouse",
	}, synthtest.ChildrenOf(t, plan, Type, "reporting"))

	mon := synthtest.Find(t, plan, snowflake.ResourceMonitorType, "reporting-monitor")
	assert.Equal(t, "REPORTING_DEV_MONITOR", mon.String("name"))
	assert.Equal(t, float64(25), mon.Inputs["creditQuota"])
	assert.Equal(t, "MONTHLY", mon.String("frequency"))
	assert.Equal(t, "IMMEDIATELY", mon.String("startTimestamp"))
	assert.Equal(t, []any{float64(80)}, mon.Inputs["notifyTriggers"])
	assert.Equal(t, float64(100), mon.Inputs["suspendTrigger"])
	assert.Nil(t, mon.Inputs["suspendImmediateTrigger"])
	assert.Nil(t, mon.Inputs["notifyUsers"])

	wh := synthtest.Find(t, plan, snowflake.WarehouseType, "reporting-warehouse")
	assert.Equal(t, "REPORTING_DEV", wh.String("name"))
	assert.Equal(t, "XSMALL", wh.String("warehouseSize"))
	assert.Equal(t, float64(60), wh.Inputs["autoSuspend"])
	assert.Equal(t, "true", wh.String("autoResume"))
	assert.Equal(t, true, wh.Inputs["initiallySuspended"])
	assert.Equal(t, "REPORTING_DEV_MONITOR", wh.String("resourceMonitor"), "the warehouse is attached to its monitor by name")
	assert.Nil(t, wh.Inputs["statementTimeoutInSeconds"])
	assert.Contains(t, wh.Dependencies, mon.URN, "the monitor exists before the warehouse")
}

func TestWarehouse_settings(t *testing.T) {
	plan := synthtest.Run(t, synthtest.Program(NewWarehouse, "etl", &WarehouseArgs{
		Name: "ETL_WH", Size: "LARGE", MonthlyCreditQuota: 500, AutoSuspendSeconds: 300,
		StatementTimeoutSeconds: 3600, NotifyUsers: []string{"OPS"}, Comment: "ETL",
	}), options)
	wh := synthtest.Find(t, plan, snowflake.WarehouseType, "etl-warehouse")
	assert.Equal(t, "ETL_WH", wh.String("name"))
	assert.Equal(t, "LARGE", wh.String("warehouseSize"))
	assert.Equal(t, float64(300), wh.Inputs["autoSuspend"])
	assert.Equal(t, float64(3600), wh.Inputs["statementTimeoutInSeconds"])
	assert.Equal(t, "ETL", wh.String("comment"))
	assert.Equal(t, "ETL_WH_MONITOR", wh.String("resourceMonitor"))
	mon := synthtest.Find(t, plan, snowflake.ResourceMonitorType, "etl-monitor")
	assert.Equal(t, []any{"OPS"}, mon.Inputs["notifyUsers"])
	assert.Equal(t, float64(500), mon.Inputs["creditQuota"])
}

func TestWarehouse_rejectsBadInput(t *testing.T) {
	ok := func() *WarehouseArgs { return &WarehouseArgs{MonthlyCreditQuota: 10} }
	cases := []struct {
		name   string
		args   *WarehouseArgs
		field  string
		detail string
	}{
		{"nil args", nil, "`args`", "MonthlyCreditQuota is required"},
		{"no quota", &WarehouseArgs{}, "`MonthlyCreditQuota`", "0 is not positive"},
		{"negative quota", &WarehouseArgs{MonthlyCreditQuota: -5}, "`MonthlyCreditQuota`", "-5"},
		{"unknown size", func() *WarehouseArgs { a := ok(); a.Size = "HUGE"; return a }(), "`Size`", `"HUGE" is not one of XSMALL`},
		{"lower-case size", func() *WarehouseArgs { a := ok(); a.Size = "xsmall"; return a }(), "`Size`", `"xsmall"`},
		{"auto-suspend too short", func() *WarehouseArgs { a := ok(); a.AutoSuspendSeconds = 30; return a }(), "`AutoSuspendSeconds`", "30 is outside 60–600"},
		{"auto-suspend too long", func() *WarehouseArgs { a := ok(); a.AutoSuspendSeconds = 3600; return a }(), "`AutoSuspendSeconds`", "3600 is outside 60–600"},
		{"statement timeout too long", func() *WarehouseArgs { a := ok(); a.StatementTimeoutSeconds = 604801; return a }(), "`StatementTimeoutSeconds`", "604801"},
		{"negative statement timeout", func() *WarehouseArgs { a := ok(); a.StatementTimeoutSeconds = -1; return a }(), "`StatementTimeoutSeconds`", "-1"},
		{"bad name", func() *WarehouseArgs { a := ok(); a.Name = "MY-WH"; return a }(), "`Name`", `contains '-'`},
		{"lower-case name", func() *WarehouseArgs { a := ok(); a.Name = "my_wh"; return a }(), "`Name`", "not upper case"},
		{"bad notify user", func() *WarehouseArgs { a := ok(); a.NotifyUsers = []string{"ops team"}; return a }(), "`NotifyUsers[0]`", "contains ' '"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := synthtest.Reject(t, synthtest.Program(NewWarehouse, "wh", c.args), synth.Options{Stack: "dev"})
			assert.Contains(t, err.Error(), `warehouse "wh": `+c.field)
			assert.Contains(t, err.Error(), c.detail)
		})
	}
}

func TestWarehouse_reportsEveryProblem(t *testing.T) {
	err := errOf(validate("wh", "dev", &WarehouseArgs{Size: "HUGE", AutoSuspendSeconds: 1}))
	require.Error(t, err)
	for _, f := range []string{"`Size`", "`MonthlyCreditQuota`", "`AutoSuspendSeconds`"} {
		assert.Contains(t, err.Error(), f)
	}
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }
