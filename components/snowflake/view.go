package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// View is a Snowflake view (snowflake:index/view:View). Not a preview feature.
type View struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."VIEW" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the view.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the view.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the view name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ShowOutputs mirrors SHOW VIEWS.
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
	// DescribeOutputs mirrors DESCRIBE VIEW.
	DescribeOutputs pulumi.MapArrayOutput `pulumi:"describeOutputs"`
}

// ViewArgs are the inputs of [NewView]. Required: Database, Schema, Statement.
type ViewArgs struct {
	// Database that holds the view. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the view. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the view name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Statement is the SELECT that defines the view. Required.
	Statement pulumi.StringInput `wire:"statement,required"`
	// IsSecure is tri-state ("true"/"false"/nil).
	IsSecure pulumi.StringPtrInput `wire:"isSecure"`
	// IsRecursive is tri-state ("true"/"false"/nil).
	IsRecursive pulumi.StringPtrInput `wire:"isRecursive"`
	// IsTemporary is tri-state ("true"/"false"/nil).
	IsTemporary pulumi.StringPtrInput `wire:"isTemporary"`
	// ChangeTracking is tri-state ("true"/"false"/nil).
	ChangeTracking pulumi.StringPtrInput `wire:"changeTracking"`
	// CopyGrants keeps grants when the view is recreated.
	CopyGrants pulumi.BoolPtrInput `wire:"copyGrants"`
	// Columns rename columns and attach comments and column policies.
	Columns []ViewColumn `wire:"columns"`
	// RowAccessPolicy attaches a row access policy.
	RowAccessPolicy *ViewRowAccessPolicy `wire:"rowAccessPolicy"`
	// AggregationPolicy attaches an aggregation policy.
	AggregationPolicy *ViewAggregationPolicy `wire:"aggregationPolicy"`
	// DataMetricFunctions attaches data metric functions.
	DataMetricFunctions []ViewDataMetricFunction `wire:"dataMetricFunctions"`
	// DataMetricSchedule schedules the data metric functions.
	DataMetricSchedule *ViewDataMetricSchedule `wire:"dataMetricSchedule"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// ViewColumn renames a column and attaches a comment or policies.
type ViewColumn struct {
	// ColumnName is the column name. Required.
	ColumnName pulumi.StringInput `wire:"columnName,required"`
	// Comment is a column comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
	// MaskingPolicy attaches a masking policy.
	MaskingPolicy *ViewColumnMaskingPolicy `wire:"maskingPolicy"`
	// ProjectionPolicy attaches a projection policy.
	ProjectionPolicy *ViewColumnProjectionPolicy `wire:"projectionPolicy"`
}

// ViewColumnMaskingPolicy attaches a masking policy to a view column.
type ViewColumnMaskingPolicy struct {
	// PolicyName is the fully qualified policy name. Required.
	PolicyName pulumi.StringInput `wire:"policyName,required"`
	// Usings are the columns passed to the policy.
	Usings pulumi.StringArrayInput `wire:"usings"`
}

// ViewColumnProjectionPolicy attaches a projection policy to a view column.
type ViewColumnProjectionPolicy struct {
	// PolicyName is the fully qualified policy name. Required.
	PolicyName pulumi.StringInput `wire:"policyName,required"`
}

// ViewRowAccessPolicy attaches a row access policy.
type ViewRowAccessPolicy struct {
	// PolicyName is the fully qualified policy name. Required.
	PolicyName pulumi.StringInput `wire:"policyName,required"`
	// Ons are the columns the policy applies to. Required.
	Ons pulumi.StringArrayInput `wire:"ons,required"`
}

// ViewAggregationPolicy attaches an aggregation policy.
type ViewAggregationPolicy struct {
	// PolicyName is the fully qualified policy name. Required.
	PolicyName pulumi.StringInput `wire:"policyName,required"`
	// EntityKeys are the entity key columns.
	EntityKeys pulumi.StringArrayInput `wire:"entityKeys"`
}

// ViewDataMetricFunction attaches a data metric function.
type ViewDataMetricFunction struct {
	// FunctionName is the fully qualified function name. Required.
	FunctionName pulumi.StringInput `wire:"functionName,required"`
	// Ons are the columns the function applies to. Required.
	Ons pulumi.StringArrayInput `wire:"ons,required"`
	// ScheduleStatus is STARTED or SUSPENDED. Required.
	ScheduleStatus pulumi.StringInput `wire:"scheduleStatus,required"`
}

// ViewDataMetricSchedule schedules data metric functions. Set one field.
type ViewDataMetricSchedule struct {
	// Minutes runs the functions every N minutes.
	Minutes pulumi.IntPtrInput `wire:"minutes"`
	// UsingCron is a cron expression plus time zone.
	UsingCron pulumi.StringPtrInput `wire:"usingCron"`
}

// NewView registers a view. Database, Schema and Statement are required.
func NewView(ctx *pulumi.Context, name string, args *ViewArgs, opts ...pulumi.ResourceOption) (*View, error) {
	return create[View](ctx, ViewType, name, args, opts)
}
