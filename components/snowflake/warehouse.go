package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Warehouse is a virtual warehouse (snowflake:index/warehouse:Warehouse). Not
// a preview feature.
type Warehouse struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted warehouse name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Name is the warehouse name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ShowOutputs mirrors SHOW WAREHOUSES (state, size, counts, ...).
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
	// Parameters mirrors SHOW PARAMETERS for the warehouse.
	Parameters pulumi.MapArrayOutput `pulumi:"parameters"`
}

// WarehouseArgs are the inputs of [NewWarehouse]. All fields are optional.
type WarehouseArgs struct {
	// Name is the warehouse name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// WarehouseSize is XSMALL ... X6LARGE.
	WarehouseSize pulumi.StringPtrInput `wire:"warehouseSize"`
	// WarehouseType is STANDARD or SNOWPARK-OPTIMIZED.
	WarehouseType pulumi.StringPtrInput `wire:"warehouseType"`
	// Generation is "1" or "2" (standard warehouses only).
	Generation pulumi.StringPtrInput `wire:"generation"`
	// ResourceConstraint is the memory/CPU profile of Snowpark-optimized warehouses.
	ResourceConstraint pulumi.StringPtrInput `wire:"resourceConstraint"`
	// AutoSuspend is the idle time in seconds before suspending (-1 = Snowflake default).
	AutoSuspend pulumi.IntPtrInput `wire:"autoSuspend"`
	// AutoResume is tri-state ("true"/"false"/nil): resume when a query arrives.
	AutoResume pulumi.StringPtrInput `wire:"autoResume"`
	// InitiallySuspended creates the warehouse suspended.
	InitiallySuspended pulumi.BoolPtrInput `wire:"initiallySuspended"`
	// MinClusterCount is the multi-cluster lower bound.
	MinClusterCount pulumi.IntPtrInput `wire:"minClusterCount"`
	// MaxClusterCount is the multi-cluster upper bound.
	MaxClusterCount pulumi.IntPtrInput `wire:"maxClusterCount"`
	// ScalingPolicy is STANDARD or ECONOMY.
	ScalingPolicy pulumi.StringPtrInput `wire:"scalingPolicy"`
	// EnableQueryAcceleration is tri-state ("true"/"false"/nil).
	EnableQueryAcceleration pulumi.StringPtrInput `wire:"enableQueryAcceleration"`
	// QueryAccelerationMaxScaleFactor caps the acceleration scale.
	QueryAccelerationMaxScaleFactor pulumi.IntPtrInput `wire:"queryAccelerationMaxScaleFactor"`
	// ResourceMonitor names the resource monitor to attach.
	ResourceMonitor pulumi.StringPtrInput `wire:"resourceMonitor"`
	// MaxConcurrencyLevel is the MAX_CONCURRENCY_LEVEL parameter.
	MaxConcurrencyLevel pulumi.IntPtrInput `wire:"maxConcurrencyLevel"`
	// StatementQueuedTimeoutInSeconds bounds the time a query may wait in the queue.
	StatementQueuedTimeoutInSeconds pulumi.IntPtrInput `wire:"statementQueuedTimeoutInSeconds"`
	// StatementTimeoutInSeconds bounds the time a query may run.
	StatementTimeoutInSeconds pulumi.IntPtrInput `wire:"statementTimeoutInSeconds"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// NewWarehouse registers a warehouse. args may be nil.
func NewWarehouse(ctx *pulumi.Context, name string, args *WarehouseArgs, opts ...pulumi.ResourceOption) (*Warehouse, error) {
	return create[Warehouse](ctx, WarehouseType, name, args, opts)
}

// ResourceMonitor is a resource monitor
// (snowflake:index/resourceMonitor:ResourceMonitor). Not a preview feature.
// Snowflake rejects a monitor with only triggers set, and removing every
// trigger recreates it.
type ResourceMonitor struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted monitor name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Name is the monitor name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ShowOutputs mirrors SHOW RESOURCE MONITORS.
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
}

// ResourceMonitorArgs are the inputs of [NewResourceMonitor]. All fields are optional.
type ResourceMonitorArgs struct {
	// Name is the monitor name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// CreditQuota is the number of credits per frequency interval.
	CreditQuota pulumi.IntPtrInput `wire:"creditQuota"`
	// Frequency is MONTHLY, DAILY, WEEKLY, YEARLY or NEVER; requires StartTimestamp.
	Frequency pulumi.StringPtrInput `wire:"frequency"`
	// StartTimestamp is when monitoring starts (or IMMEDIATELY); requires Frequency.
	StartTimestamp pulumi.StringPtrInput `wire:"startTimestamp"`
	// EndTimestamp is when the monitor suspends the assigned warehouses.
	EndTimestamp pulumi.StringPtrInput `wire:"endTimestamp"`
	// NotifyTriggers are quota percentages that notify NotifyUsers.
	NotifyTriggers pulumi.IntArrayInput `wire:"notifyTriggers"`
	// SuspendTrigger is the quota percentage that suspends warehouses after running queries finish.
	SuspendTrigger pulumi.IntPtrInput `wire:"suspendTrigger"`
	// SuspendImmediateTrigger is the quota percentage that suspends warehouses and cancels queries.
	SuspendImmediateTrigger pulumi.IntPtrInput `wire:"suspendImmediateTrigger"`
	// NotifyUsers are the users that receive notifications.
	NotifyUsers pulumi.StringArrayInput `wire:"notifyUsers"`
}

// NewResourceMonitor registers a resource monitor. args may be nil.
func NewResourceMonitor(ctx *pulumi.Context, name string, args *ResourceMonitorArgs, opts ...pulumi.ResourceOption) (*ResourceMonitor, error) {
	return create[ResourceMonitor](ctx, ResourceMonitorType, name, args, opts)
}
