// Package warehouse creates a cost-guarded Snowflake virtual warehouse:
//
//	Warehouse (XSMALL, auto-suspend 60 s, auto-resume, created suspended)
//	   └─ ResourceMonitor (monthly credit quota: notify at 80 %, suspend at 100 %)
//
// Creating a resource monitor needs the ACCOUNTADMIN role (or a role granted
// CREATE RESOURCE MONITOR), so the stack's Snowflake provider must use one.
package warehouse

import (
	"fmt"
	"github.com/schedkit/schedkit/components/keep"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/snowflake"
)

// Type is the Warehouse's Pulumi type token.
const Type = "schedkit:snowflake:Warehouse"

// Tokens are the Snowflake resource tokens a Warehouse registers.
func Tokens() []string {
	return []string{snowflake.WarehouseType, snowflake.ResourceMonitorType}
}

// PreviewFeatures are the provider preview features a Warehouse needs
// (none: Warehouse and ResourceMonitor are not preview resources).
func PreviewFeatures() []string { return snowflake.PreviewFeaturesFor(Tokens()...) }

// Warehouse is a Snowflake warehouse with a monthly credit quota.
type Warehouse struct {
	pulumi.ResourceState

	// Name is the warehouse name, for a task's or a session's warehouse.
	Name pulumi.StringOutput `pulumi:"name"`
	// FullyQualifiedName is the quoted warehouse name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// ResourceMonitorName is the monitor guarding the warehouse's credits.
	ResourceMonitorName pulumi.StringOutput `pulumi:"resourceMonitorName"`
}

// NewWarehouse validates args and registers the warehouse and its monitor.
func NewWarehouse(ctx *pulumi.Context, name string, args *WarehouseArgs, opts ...pulumi.ResourceOption) (*Warehouse, error) {
	a, err := validate(name, ctx.Stack(), args)
	if err != nil {
		return nil, err
	}

	wh := &Warehouse{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, wh, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("warehouse %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(wh)

	monitorArgs := &snowflake.ResourceMonitorArgs{
		Name:           pulumi.String(monitorName(a.Name)),
		CreditQuota:    pulumi.Int(a.MonthlyCreditQuota),
		Frequency:      pulumi.String(MonitorFrequency),
		StartTimestamp: pulumi.String(MonitorStart),
		NotifyTriggers: pulumi.IntArray{pulumi.Int(NotifyAtPercent)},
		SuspendTrigger: pulumi.Int(SuspendAtPercent),
	}
	if len(a.NotifyUsers) > 0 {
		monitorArgs.NotifyUsers = pulumi.ToStringArray(a.NotifyUsers)
	}
	monitor, err := snowflake.NewResourceMonitor(ctx, naming.Child(name, "monitor"), monitorArgs, parent)
	if err != nil {
		return nil, wrap("creating resource monitor", err)
	}

	comment := a.Comment
	if comment == "" {
		comment = "schedkit warehouse " + name
	}
	whArgs := &snowflake.WarehouseArgs{
		Name:               pulumi.String(a.Name),
		WarehouseSize:      pulumi.String(a.Size),
		AutoSuspend:        pulumi.Int(a.AutoSuspendSeconds),
		AutoResume:         pulumi.String("true"),
		InitiallySuspended: pulumi.Bool(true),
		ResourceMonitor:    monitor.Name,
		Comment:            pulumi.String(comment),
	}
	if a.StatementTimeoutSeconds != 0 {
		whArgs.StatementTimeoutInSeconds = pulumi.Int(a.StatementTimeoutSeconds)
	}
	warehouse, err := snowflake.NewWarehouse(ctx, naming.Child(name, "warehouse"), whArgs, parent)
	if err != nil {
		return nil, wrap("creating warehouse", err)
	}

	wh.Name = warehouse.Name
	wh.FullyQualifiedName = warehouse.FullyQualifiedName
	wh.ResourceMonitorName = monitor.Name
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := (keep.Policy{}).Lock(ctx, wh, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(wh, pulumi.Map{
		"name":                wh.Name,
		"fullyQualifiedName":  wh.FullyQualifiedName,
		"resourceMonitorName": wh.ResourceMonitorName,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return wh, nil
}
