package warehouse_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/warehouse"
	"github.com/schedkit/schedkit/synth"
)

// A reporting warehouse that suspends itself after a minute idle and stops
// at its monthly credit quota.
func ExampleNewWarehouse() {
	program := func(ctx *pulumi.Context) error {
		_, err := warehouse.NewWarehouse(ctx, "reporting", &warehouse.WarehouseArgs{MonthlyCreditQuota: 20})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	wh, _ := plan.Find("snowflake:index/warehouse:Warehouse", "reporting-warehouse")
	fmt.Println("warehouse:", wh.String("name"), wh.String("warehouseSize"), "suspends after", wh.Get("autoSuspend"), "s")
	monitor, _ := plan.Find("snowflake:index/resourceMonitor:ResourceMonitor", "reporting-monitor")
	fmt.Println("monitor:", monitor.Get("creditQuota"), "credits", monitor.String("frequency"),
		"notify at", monitor.Get("notifyTriggers"), "suspend at", monitor.Get("suspendTrigger"))
	// Output:
	// warehouse: REPORTING_DEV XSMALL suspends after 60 s
	// monitor: 20 credits MONTHLY notify at [80] suspend at 100
}
