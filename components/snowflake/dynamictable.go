package snowflake

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DynamicTable is a dynamic table (snowflake:index/dynamicTable:DynamicTable):
// a table whose rows Snowflake keeps equal to a query's result, refreshed on
// a warehouse within a target lag. Preview feature
// snowflake_dynamic_table_resource.
type DynamicTable struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."TABLE" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the table.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the table.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the table name.
	Name pulumi.StringOutput `pulumi:"name"`
	// DataTimestamp is the timestamp of the base data the table includes.
	DataTimestamp pulumi.StringOutput `pulumi:"dataTimestamp"`
	// SchedulingState is ACTIVE while refreshes are scheduled, else SUSPENDED.
	SchedulingState pulumi.StringOutput `pulumi:"schedulingState"`
	// RefreshModeReason explains why FULL refresh was chosen ("" otherwise).
	RefreshModeReason pulumi.StringOutput `pulumi:"refreshModeReason"`
	// Rows is the number of rows.
	Rows pulumi.IntOutput `pulumi:"rows"`
	// Bytes is the number of bytes a full scan reads.
	Bytes pulumi.IntOutput `pulumi:"bytes"`
	// CreatedOn is when the table was created.
	CreatedOn pulumi.StringOutput `pulumi:"createdOn"`
	// Owner is the role that owns the table.
	Owner pulumi.StringOutput `pulumi:"owner"`
	// IsClone reports whether the table is a clone.
	IsClone pulumi.BoolOutput `pulumi:"isClone"`
	// IsReplica reports whether the table is a replica.
	IsReplica pulumi.BoolOutput `pulumi:"isReplica"`
	// LastSuspendedOn is when refreshes were last suspended.
	LastSuspendedOn pulumi.StringOutput `pulumi:"lastSuspendedOn"`
	// AutomaticClustering reports whether automatic clustering is on.
	AutomaticClustering pulumi.BoolOutput `pulumi:"automaticClustering"`
	// ClusterBy is the clustering key.
	ClusterBy pulumi.StringOutput `pulumi:"clusterBy"`
}

// DynamicTableArgs are the inputs of [NewDynamicTable]. Required: Database,
// Schema, Query, Warehouse, TargetLag.
type DynamicTableArgs struct {
	// Database that holds the table. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the table. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the table name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Query is the SELECT whose result the table keeps up to date. Required.
	Query pulumi.StringInput `wire:"query,required"`
	// Warehouse runs the refreshes. Required.
	Warehouse pulumi.StringInput `wire:"warehouse,required"`
	// TargetLag is how stale the table may get; set exactly one field. Required.
	TargetLag *DynamicTableTargetLag `wire:"targetLag,required"`
	// RefreshMode is AUTO (the default), INCREMENTAL or FULL. It cannot be
	// changed on an existing table.
	RefreshMode pulumi.StringPtrInput `wire:"refreshMode"`
	// Initialize is ON_CREATE (the default: the first refresh runs, and must
	// succeed, during creation) or ON_SCHEDULE.
	Initialize pulumi.StringPtrInput `wire:"initialize"`
	// OrReplace creates the table with CREATE OR REPLACE.
	OrReplace pulumi.BoolPtrInput `wire:"orReplace"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// DynamicTableTargetLag is a dynamic table's target lag. Set exactly one field.
type DynamicTableTargetLag struct {
	// MaximumDuration is the lag as Snowflake writes it, e.g. "20 minutes";
	// at least 1 minute.
	MaximumDuration pulumi.StringPtrInput `wire:"maximumDuration"`
	// Downstream refreshes the table only when a dynamic table that reads it refreshes.
	Downstream pulumi.BoolPtrInput `wire:"downstream"`
}

// NewDynamicTable registers a dynamic table. Database, Schema, Query,
// Warehouse and TargetLag (with exactly one of its fields) are required. The
// provider must enable snowflake_dynamic_table_resource.
func NewDynamicTable(ctx *pulumi.Context, name string, args *DynamicTableArgs, opts ...pulumi.ResourceOption) (*DynamicTable, error) {
	if args != nil && args.TargetLag != nil {
		if err := exactlyOne([]string{"TargetLag.MaximumDuration", "TargetLag.Downstream"},
			args.TargetLag.MaximumDuration, args.TargetLag.Downstream); err != nil {
			return nil, fmt.Errorf("%s %q: %w", label(DynamicTableType), name, err)
		}
	}
	return create[DynamicTable](ctx, DynamicTableType, name, args, opts)
}
