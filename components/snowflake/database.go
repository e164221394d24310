package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// ContainerParameters are the optional retention, Iceberg and task-default
// parameters shared by [DatabaseArgs] and [SchemaArgs] (flattened on the wire).
type ContainerParameters struct {
	// DataRetentionTimeInDays is the Time Travel retention.
	DataRetentionTimeInDays pulumi.IntPtrInput `wire:"dataRetentionTimeInDays"`
	// MaxDataExtensionTimeInDays is the maximum retention extension for streams.
	MaxDataExtensionTimeInDays pulumi.IntPtrInput `wire:"maxDataExtensionTimeInDays"`
	// DefaultDdlCollation is the default collation.
	DefaultDdlCollation pulumi.StringPtrInput `wire:"defaultDdlCollation"`
	// Catalog is the default Iceberg catalog.
	Catalog pulumi.StringPtrInput `wire:"catalog"`
	// ExternalVolume is the default Iceberg external volume.
	ExternalVolume pulumi.StringPtrInput `wire:"externalVolume"`
	// StorageSerializationPolicy is the default Iceberg storage serialization policy.
	StorageSerializationPolicy pulumi.StringPtrInput `wire:"storageSerializationPolicy"`
	// ReplaceInvalidCharacters is the REPLACE_INVALID_CHARACTERS parameter.
	ReplaceInvalidCharacters pulumi.BoolPtrInput `wire:"replaceInvalidCharacters"`
	// QuotedIdentifiersIgnoreCase is the QUOTED_IDENTIFIERS_IGNORE_CASE parameter.
	QuotedIdentifiersIgnoreCase pulumi.BoolPtrInput `wire:"quotedIdentifiersIgnoreCase"`
	// EnableConsoleOutput is the ENABLE_CONSOLE_OUTPUT parameter.
	EnableConsoleOutput pulumi.BoolPtrInput `wire:"enableConsoleOutput"`
	// LogLevel is the LOG_LEVEL parameter.
	LogLevel pulumi.StringPtrInput `wire:"logLevel"`
	// TraceLevel is the TRACE_LEVEL parameter.
	TraceLevel pulumi.StringPtrInput `wire:"traceLevel"`
	// UserTaskManagedInitialWarehouseSize is the default serverless task size.
	UserTaskManagedInitialWarehouseSize pulumi.StringPtrInput `wire:"userTaskManagedInitialWarehouseSize"`
	// SuspendTaskAfterNumFailures is the default task failure limit.
	SuspendTaskAfterNumFailures pulumi.IntPtrInput `wire:"suspendTaskAfterNumFailures"`
	// TaskAutoRetryAttempts is the default number of task graph retries.
	TaskAutoRetryAttempts pulumi.IntPtrInput `wire:"taskAutoRetryAttempts"`
	// UserTaskTimeoutMs is the default task run time limit in milliseconds.
	UserTaskTimeoutMs pulumi.IntPtrInput `wire:"userTaskTimeoutMs"`
	// UserTaskMinimumTriggerIntervalInSeconds is the default minimum gap between triggered task runs.
	UserTaskMinimumTriggerIntervalInSeconds pulumi.IntPtrInput `wire:"userTaskMinimumTriggerIntervalInSeconds"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// Database is a Snowflake database (snowflake:index/database:Database). Not a
// preview feature.
type Database struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted database name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Name is the database name.
	Name pulumi.StringOutput `pulumi:"name"`
}

// DatabaseArgs are the inputs of [NewDatabase]. All fields are optional.
type DatabaseArgs struct {
	// Name is the database name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// IsTransient makes a transient database (no Fail-safe).
	IsTransient pulumi.BoolPtrInput `wire:"isTransient"`
	// DropPublicSchemaOnCreation drops the PUBLIC schema right after creation.
	DropPublicSchemaOnCreation pulumi.BoolPtrInput `wire:"dropPublicSchemaOnCreation"`
	// Replication makes the database a replication primary.
	Replication *DatabaseReplication `wire:"replication"`

	// ContainerParameters holds retention, Iceberg and task-default parameters.
	ContainerParameters
}

// DatabaseReplication makes a database a replication primary.
type DatabaseReplication struct {
	// EnableToAccounts lists the target accounts. Required (at least one).
	EnableToAccounts []DatabaseReplicationEnableToAccount `wire:"enableToAccounts,required"`
	// IgnoreEditionCheck allows replication to lower editions.
	IgnoreEditionCheck pulumi.BoolPtrInput `wire:"ignoreEditionCheck"`
}

// DatabaseReplicationEnableToAccount is one replication target.
type DatabaseReplicationEnableToAccount struct {
	// AccountIdentifier is the target account as "org"."account". Required.
	AccountIdentifier pulumi.StringInput `wire:"accountIdentifier,required"`
	// WithFailover also enables failover to the account.
	WithFailover pulumi.BoolPtrInput `wire:"withFailover"`
}

// NewDatabase registers a database. args may be nil.
func NewDatabase(ctx *pulumi.Context, name string, args *DatabaseArgs, opts ...pulumi.ResourceOption) (*Database, error) {
	return create[Database](ctx, DatabaseType, name, args, opts)
}

// Schema is a Snowflake schema (snowflake:index/schema:Schema). Not a preview
// feature.
type Schema struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database is the parent database.
	Database pulumi.StringOutput `pulumi:"database"`
	// Name is the schema name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ShowOutputs mirrors SHOW SCHEMAS.
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
	// DescribeOutputs mirrors DESCRIBE SCHEMA.
	DescribeOutputs pulumi.MapArrayOutput `pulumi:"describeOutputs"`
	// Parameters mirrors SHOW PARAMETERS for the schema.
	Parameters pulumi.MapArrayOutput `pulumi:"parameters"`
}

// SchemaArgs are the inputs of [NewSchema]. Required: Database.
type SchemaArgs struct {
	// Database is the parent database. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Name is the schema name; auto-named when nil. PUBLIC is altered rather than created.
	Name pulumi.StringPtrInput `wire:"name"`
	// IsTransient is tri-state ("true"/"false"/nil).
	IsTransient pulumi.StringPtrInput `wire:"isTransient"`
	// WithManagedAccess is tri-state ("true"/"false"/nil).
	WithManagedAccess pulumi.StringPtrInput `wire:"withManagedAccess"`
	// PipeExecutionPaused pauses the pipes in this schema.
	PipeExecutionPaused pulumi.BoolPtrInput `wire:"pipeExecutionPaused"`

	// ContainerParameters holds retention, Iceberg and task-default parameters.
	ContainerParameters
}

// NewSchema registers a schema. Database is required.
func NewSchema(ctx *pulumi.Context, name string, args *SchemaArgs, opts ...pulumi.ResourceOption) (*Schema, error) {
	return create[Schema](ctx, SchemaType, name, args, opts)
}
