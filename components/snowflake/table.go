package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Table is a Snowflake table (snowflake:index/table:Table). Preview feature
// snowflake_table_resource.
type Table struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."TABLE" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the table.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the table.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the table name.
	Name pulumi.StringOutput `pulumi:"name"`
	// Owner is the role that owns the table.
	Owner pulumi.StringOutput `pulumi:"owner"`
}

// TableArgs are the inputs of [NewTable]. Required: Database, Schema, Columns.
type TableArgs struct {
	// Database that holds the table. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the table. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the table name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Columns are the column definitions. Required (at least one).
	Columns []TableColumn `wire:"columns,required"`
	// ClusterBy lists the clustering keys (wire name clusterBies, a bridge pluralisation artefact).
	ClusterBy pulumi.StringArrayInput `wire:"clusterBies"`
	// ChangeTracking turns on change tracking (default false).
	ChangeTracking pulumi.BoolPtrInput `wire:"changeTracking"`
	// DataRetentionTimeInDays is the Time Travel retention (-1 = default).
	DataRetentionTimeInDays pulumi.IntPtrInput `wire:"dataRetentionTimeInDays"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
	// PrimaryKey is deprecated: use a TableConstraint resource instead.
	PrimaryKey *TablePrimaryKey `wire:"primaryKey"`
	// Tags are deprecated inline tags: use TagAssociation instead.
	Tags []ObjectTag `wire:"tags"`
}

// TableColumn is one column definition.
type TableColumn struct {
	// Name is the column name. Required.
	Name pulumi.StringInput `wire:"name,required"`
	// Type is the Snowflake data type. Required.
	Type pulumi.StringInput `wire:"type,required"`
	// Nullable defaults to true.
	Nullable pulumi.BoolPtrInput `wire:"nullable"`
	// Comment is a column comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
	// Collate is the column collation.
	Collate pulumi.StringPtrInput `wire:"collate"`
	// MaskingPolicy is the fully qualified masking policy name.
	MaskingPolicy pulumi.StringPtrInput `wire:"maskingPolicy"`
	// SchemaEvolutionRecord records schema evolution information.
	SchemaEvolutionRecord pulumi.StringPtrInput `wire:"schemaEvolutionRecord"`
	// Default is the column default; cannot be combined with Identity.
	Default *TableColumnDefault `wire:"default"`
	// Identity makes an identity column; cannot be combined with Default.
	Identity *TableColumnIdentity `wire:"identity"`
}

// TableColumnDefault is a column default. Set exactly one field.
type TableColumnDefault struct {
	// Constant is a constant default.
	Constant pulumi.StringPtrInput `wire:"constant"`
	// Expression is a default expression.
	Expression pulumi.StringPtrInput `wire:"expression"`
	// Sequence is a sequence name.
	Sequence pulumi.StringPtrInput `wire:"sequence"`
}

// TableColumnIdentity makes an identity column.
type TableColumnIdentity struct {
	// StartNum is the first value (default 1).
	StartNum pulumi.IntPtrInput `wire:"startNum"`
	// StepNum is the increment (default 1).
	StepNum pulumi.IntPtrInput `wire:"stepNum"`
}

// TablePrimaryKey is the deprecated inline primary key.
type TablePrimaryKey struct {
	// Keys are the key columns. Required.
	Keys pulumi.StringArrayInput `wire:"keys,required"`
	// Name is the constraint name.
	Name pulumi.StringPtrInput `wire:"name"`
}

// ObjectTag is a deprecated inline tag (the TableTag / StageTag shape).
type ObjectTag struct {
	// Name is the tag name. Required.
	Name pulumi.StringInput `wire:"name,required"`
	// Value is the tag value. Required.
	Value pulumi.StringInput `wire:"value,required"`
	// Database holds the tag.
	Database pulumi.StringPtrInput `wire:"database"`
	// Schema holds the tag.
	Schema pulumi.StringPtrInput `wire:"schema"`
}

// NewTable registers a table. Database, Schema and at least one column are
// required. The provider must enable snowflake_table_resource.
func NewTable(ctx *pulumi.Context, name string, args *TableArgs, opts ...pulumi.ResourceOption) (*Table, error) {
	return create[Table](ctx, TableType, name, args, opts)
}

// StreamOnTable is a stream on a table
// (snowflake:index/streamOnTable:StreamOnTable). Not a preview feature.
type StreamOnTable struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."STREAM" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the stream.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the stream.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the stream name.
	Name pulumi.StringOutput `pulumi:"name"`
	// Table is the source table.
	Table pulumi.StringOutput `pulumi:"table"`
	// Stale reports whether the stream is stale.
	Stale pulumi.BoolOutput `pulumi:"stale"`
	// StreamType is the stream type.
	StreamType pulumi.StringOutput `pulumi:"streamType"`
	// ShowOutputs mirrors SHOW STREAMS.
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
	// DescribeOutputs mirrors DESCRIBE STREAM.
	DescribeOutputs pulumi.MapArrayOutput `pulumi:"describeOutputs"`
}

// StreamOnTableArgs are the inputs of [NewStreamOnTable]. Required: Database,
// Schema, Table.
type StreamOnTableArgs struct {
	// Database of the stream. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema of the stream. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the stream name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Table is the fully qualified name of the source table. Required.
	Table pulumi.StringInput `wire:"table,required"`
	// AppendOnly is tri-state ("true"/"false"/nil): record inserts only.
	AppendOnly pulumi.StringPtrInput `wire:"appendOnly"`
	// ShowInitialRows is tri-state ("true"/"false"/nil): return existing rows on first read.
	ShowInitialRows pulumi.StringPtrInput `wire:"showInitialRows"`
	// At is an inclusive Time Travel start point.
	At *StreamOnTableTimeTravel `wire:"at"`
	// Before is an exclusive Time Travel start point.
	Before *StreamOnTableTimeTravel `wire:"before"`
	// CopyGrants keeps grants when the stream is recreated.
	CopyGrants pulumi.BoolPtrInput `wire:"copyGrants"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// StreamOnTableTimeTravel is a Time Travel point (the StreamOnTableAt /
// StreamOnTableBefore shape). Set exactly one field.
type StreamOnTableTimeTravel struct {
	// Timestamp is a point in time.
	Timestamp pulumi.StringPtrInput `wire:"timestamp"`
	// Offset is a time difference in seconds, e.g. "-120".
	Offset pulumi.StringPtrInput `wire:"offset"`
	// Statement is a query ID.
	Statement pulumi.StringPtrInput `wire:"statement"`
	// Stream is the name of another stream.
	Stream pulumi.StringPtrInput `wire:"stream"`
}

// NewStreamOnTable registers a stream on a table. Database, Schema and Table
// are required.
func NewStreamOnTable(ctx *pulumi.Context, name string, args *StreamOnTableArgs, opts ...pulumi.ResourceOption) (*StreamOnTable, error) {
	return create[StreamOnTable](ctx, StreamOnTableType, name, args, opts)
}
