package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Task is a Snowflake task (snowflake:index/task:Task). Not a preview feature.
type Task struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."TASK" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the task.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the task.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the task identifier.
	Name pulumi.StringOutput `pulumi:"name"`
	// SqlStatement is the SQL (or CALL) the task runs.
	SqlStatement pulumi.StringOutput `pulumi:"sqlStatement"`
	// Started reports whether the task is resumed.
	Started pulumi.BoolOutput `pulumi:"started"`
	// ShowOutputs mirrors SHOW TASKS (one element: state, schedule, predecessors, owner, warehouse, ...).
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
	// Parameters mirrors SHOW PARAMETERS for the task.
	Parameters pulumi.MapArrayOutput `pulumi:"parameters"`
}

// TaskArgs are the inputs of [NewTask]. Required: Database, Schema,
// SqlStatement, Started.
type TaskArgs struct {
	// Database that holds the task. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the task. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the task identifier; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// SqlStatement is the SQL, or a CALL, that the task runs. Required.
	SqlStatement pulumi.StringInput `wire:"sqlStatement,required"`
	// Started resumes (true) or suspends (false) the task. Required. There is no "enabled" field.
	Started pulumi.BoolInput `wire:"started,required"`
	// Schedule says when a root task runs; set exactly one sub-field. Cannot be combined with Afters or Finalize.
	Schedule *TaskSchedule `wire:"schedule"`
	// Afters lists predecessor tasks, making this a child in a DAG.
	Afters pulumi.StringArrayInput `wire:"afters"`
	// Finalize makes this task the finalizer of the given root task.
	Finalize pulumi.StringPtrInput `wire:"finalize"`
	// When is a boolean SQL condition checked before each run.
	When pulumi.StringPtrInput `wire:"when"`
	// Warehouse to run on; nil means serverless. Cannot be combined with UserTaskManagedInitialWarehouseSize.
	Warehouse pulumi.StringPtrInput `wire:"warehouse"`
	// UserTaskManagedInitialWarehouseSize is the starting size for serverless compute.
	UserTaskManagedInitialWarehouseSize pulumi.StringPtrInput `wire:"userTaskManagedInitialWarehouseSize"`
	// ServerlessTaskMinStatementSize is the lower bound of the serverless warehouse size.
	ServerlessTaskMinStatementSize pulumi.StringPtrInput `wire:"serverlessTaskMinStatementSize"`
	// ServerlessTaskMaxStatementSize is the upper bound of the serverless warehouse size.
	ServerlessTaskMaxStatementSize pulumi.StringPtrInput `wire:"serverlessTaskMaxStatementSize"`
	// TargetCompletionInterval says how soon a serverless run should finish; set one sub-field.
	TargetCompletionInterval *TaskTargetCompletionInterval `wire:"targetCompletionInterval"`
	// AllowOverlappingExecution is tri-state ("true"/"false"/nil): whether DAG runs may overlap.
	AllowOverlappingExecution pulumi.StringPtrInput `wire:"allowOverlappingExecution"`
	// Config is a JSON object of settings shared by the task graph (not treated as sensitive).
	Config pulumi.StringPtrInput `wire:"config"`
	// ErrorIntegration is the notification integration that receives error notifications.
	ErrorIntegration pulumi.StringPtrInput `wire:"errorIntegration"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
	// SuspendTaskAfterNumFailures suspends the task after N failures in a row.
	SuspendTaskAfterNumFailures pulumi.IntPtrInput `wire:"suspendTaskAfterNumFailures"`
	// TaskAutoRetryAttempts is the number of automatic graph retries.
	TaskAutoRetryAttempts pulumi.IntPtrInput `wire:"taskAutoRetryAttempts"`
	// UserTaskTimeoutMs limits one run, in milliseconds.
	UserTaskTimeoutMs pulumi.IntPtrInput `wire:"userTaskTimeoutMs"`
	// UserTaskMinimumTriggerIntervalInSeconds is the minimum gap between runs of a triggered task.
	UserTaskMinimumTriggerIntervalInSeconds pulumi.IntPtrInput `wire:"userTaskMinimumTriggerIntervalInSeconds"`

	// TaskSessionParameters holds the optional session parameters (flattened on the wire).
	TaskSessionParameters
}

// TaskSchedule says when a root task runs. Set exactly one field.
type TaskSchedule struct {
	// Minutes runs the task every N minutes.
	Minutes pulumi.IntPtrInput `wire:"minutes"`
	// Seconds runs the task every N seconds.
	Seconds pulumi.IntPtrInput `wire:"seconds"`
	// Hours runs the task every N hours.
	Hours pulumi.IntPtrInput `wire:"hours"`
	// UsingCron is a cron expression plus time zone, e.g. "0 * * * * UTC".
	UsingCron pulumi.StringPtrInput `wire:"usingCron"`
}

// TaskTargetCompletionInterval says how soon a serverless run should finish. Set one field.
type TaskTargetCompletionInterval struct {
	// Hours of the interval.
	Hours pulumi.IntPtrInput `wire:"hours"`
	// Minutes of the interval.
	Minutes pulumi.IntPtrInput `wire:"minutes"`
	// Seconds of the interval.
	Seconds pulumi.IntPtrInput `wire:"seconds"`
}

// TaskSessionParameters are the optional session-parameter inputs of a Task.
// Each field maps to the wire name of the same spelling in lowerCamelCase.
// The provider docs advise against setting Autocommit to false and against
// setting SearchPath.
type TaskSessionParameters struct {
	// AbortDetachedQuery is the ABORT_DETACHED_QUERY parameter.
	AbortDetachedQuery pulumi.BoolPtrInput `wire:"abortDetachedQuery"`
	// Autocommit is the AUTOCOMMIT parameter (do not set it to false).
	Autocommit pulumi.BoolPtrInput `wire:"autocommit"`
	// ClientMetadataRequestUseConnectionCtx is the CLIENT_METADATA_REQUEST_USE_CONNECTION_CTX parameter.
	ClientMetadataRequestUseConnectionCtx pulumi.BoolPtrInput `wire:"clientMetadataRequestUseConnectionCtx"`
	// ClientResultColumnCaseInsensitive is the CLIENT_RESULT_COLUMN_CASE_INSENSITIVE parameter.
	ClientResultColumnCaseInsensitive pulumi.BoolPtrInput `wire:"clientResultColumnCaseInsensitive"`
	// ClientSessionKeepAlive is the CLIENT_SESSION_KEEP_ALIVE parameter.
	ClientSessionKeepAlive pulumi.BoolPtrInput `wire:"clientSessionKeepAlive"`
	// EnableUnloadPhysicalTypeOptimization is the ENABLE_UNLOAD_PHYSICAL_TYPE_OPTIMIZATION parameter.
	EnableUnloadPhysicalTypeOptimization pulumi.BoolPtrInput `wire:"enableUnloadPhysicalTypeOptimization"`
	// ErrorOnNondeterministicMerge is the ERROR_ON_NONDETERMINISTIC_MERGE parameter.
	ErrorOnNondeterministicMerge pulumi.BoolPtrInput `wire:"errorOnNondeterministicMerge"`
	// ErrorOnNondeterministicUpdate is the ERROR_ON_NONDETERMINISTIC_UPDATE parameter.
	ErrorOnNondeterministicUpdate pulumi.BoolPtrInput `wire:"errorOnNondeterministicUpdate"`
	// JdbcTreatTimestampNtzAsUtc is the JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC parameter.
	JdbcTreatTimestampNtzAsUtc pulumi.BoolPtrInput `wire:"jdbcTreatTimestampNtzAsUtc"`
	// JdbcUseSessionTimezone is the JDBC_USE_SESSION_TIMEZONE parameter.
	JdbcUseSessionTimezone pulumi.BoolPtrInput `wire:"jdbcUseSessionTimezone"`
	// NoorderSequenceAsDefault is the NOORDER_SEQUENCE_AS_DEFAULT parameter.
	NoorderSequenceAsDefault pulumi.BoolPtrInput `wire:"noorderSequenceAsDefault"`
	// OdbcTreatDecimalAsInt is the ODBC_TREAT_DECIMAL_AS_INT parameter.
	OdbcTreatDecimalAsInt pulumi.BoolPtrInput `wire:"odbcTreatDecimalAsInt"`
	// QuotedIdentifiersIgnoreCase is the QUOTED_IDENTIFIERS_IGNORE_CASE parameter.
	QuotedIdentifiersIgnoreCase pulumi.BoolPtrInput `wire:"quotedIdentifiersIgnoreCase"`
	// StrictJsonOutput is the STRICT_JSON_OUTPUT parameter.
	StrictJsonOutput pulumi.BoolPtrInput `wire:"strictJsonOutput"`
	// TimestampDayIsAlways24h is the TIMESTAMP_DAY_IS_ALWAYS_24H parameter.
	TimestampDayIsAlways24h pulumi.BoolPtrInput `wire:"timestampDayIsAlways24h"`
	// TransactionAbortOnError is the TRANSACTION_ABORT_ON_ERROR parameter.
	TransactionAbortOnError pulumi.BoolPtrInput `wire:"transactionAbortOnError"`
	// UseCachedResult is the USE_CACHED_RESULT parameter.
	UseCachedResult pulumi.BoolPtrInput `wire:"useCachedResult"`

	// BinaryInputFormat is the BINARY_INPUT_FORMAT parameter.
	BinaryInputFormat pulumi.StringPtrInput `wire:"binaryInputFormat"`
	// BinaryOutputFormat is the BINARY_OUTPUT_FORMAT parameter.
	BinaryOutputFormat pulumi.StringPtrInput `wire:"binaryOutputFormat"`
	// ClientTimestampTypeMapping is the CLIENT_TIMESTAMP_TYPE_MAPPING parameter.
	ClientTimestampTypeMapping pulumi.StringPtrInput `wire:"clientTimestampTypeMapping"`
	// DateInputFormat is the DATE_INPUT_FORMAT parameter.
	DateInputFormat pulumi.StringPtrInput `wire:"dateInputFormat"`
	// DateOutputFormat is the DATE_OUTPUT_FORMAT parameter.
	DateOutputFormat pulumi.StringPtrInput `wire:"dateOutputFormat"`
	// GeographyOutputFormat is the GEOGRAPHY_OUTPUT_FORMAT parameter.
	GeographyOutputFormat pulumi.StringPtrInput `wire:"geographyOutputFormat"`
	// GeometryOutputFormat is the GEOMETRY_OUTPUT_FORMAT parameter.
	GeometryOutputFormat pulumi.StringPtrInput `wire:"geometryOutputFormat"`
	// LogLevel is the LOG_LEVEL parameter.
	LogLevel pulumi.StringPtrInput `wire:"logLevel"`
	// QueryTag is the QUERY_TAG parameter.
	QueryTag pulumi.StringPtrInput `wire:"queryTag"`
	// S3StageVpceDnsName is the S3_STAGE_VPCE_DNS_NAME parameter.
	S3StageVpceDnsName pulumi.StringPtrInput `wire:"s3StageVpceDnsName"`
	// SearchPath is the SEARCH_PATH parameter (better left unset).
	SearchPath pulumi.StringPtrInput `wire:"searchPath"`
	// TimeInputFormat is the TIME_INPUT_FORMAT parameter.
	TimeInputFormat pulumi.StringPtrInput `wire:"timeInputFormat"`
	// TimeOutputFormat is the TIME_OUTPUT_FORMAT parameter.
	TimeOutputFormat pulumi.StringPtrInput `wire:"timeOutputFormat"`
	// TimestampInputFormat is the TIMESTAMP_INPUT_FORMAT parameter.
	TimestampInputFormat pulumi.StringPtrInput `wire:"timestampInputFormat"`
	// TimestampLtzOutputFormat is the TIMESTAMP_LTZ_OUTPUT_FORMAT parameter.
	TimestampLtzOutputFormat pulumi.StringPtrInput `wire:"timestampLtzOutputFormat"`
	// TimestampNtzOutputFormat is the TIMESTAMP_NTZ_OUTPUT_FORMAT parameter.
	TimestampNtzOutputFormat pulumi.StringPtrInput `wire:"timestampNtzOutputFormat"`
	// TimestampOutputFormat is the TIMESTAMP_OUTPUT_FORMAT parameter.
	TimestampOutputFormat pulumi.StringPtrInput `wire:"timestampOutputFormat"`
	// TimestampTypeMapping is the TIMESTAMP_TYPE_MAPPING parameter.
	TimestampTypeMapping pulumi.StringPtrInput `wire:"timestampTypeMapping"`
	// TimestampTzOutputFormat is the TIMESTAMP_TZ_OUTPUT_FORMAT parameter.
	TimestampTzOutputFormat pulumi.StringPtrInput `wire:"timestampTzOutputFormat"`
	// Timezone is the TIMEZONE parameter.
	Timezone pulumi.StringPtrInput `wire:"timezone"`
	// TraceLevel is the TRACE_LEVEL parameter.
	TraceLevel pulumi.StringPtrInput `wire:"traceLevel"`
	// TransactionDefaultIsolationLevel is the TRANSACTION_DEFAULT_ISOLATION_LEVEL parameter.
	TransactionDefaultIsolationLevel pulumi.StringPtrInput `wire:"transactionDefaultIsolationLevel"`
	// UnsupportedDdlAction is the UNSUPPORTED_DDL_ACTION parameter.
	UnsupportedDdlAction pulumi.StringPtrInput `wire:"unsupportedDdlAction"`

	// ClientMemoryLimit is the CLIENT_MEMORY_LIMIT parameter.
	ClientMemoryLimit pulumi.IntPtrInput `wire:"clientMemoryLimit"`
	// ClientPrefetchThreads is the CLIENT_PREFETCH_THREADS parameter.
	ClientPrefetchThreads pulumi.IntPtrInput `wire:"clientPrefetchThreads"`
	// ClientResultChunkSize is the CLIENT_RESULT_CHUNK_SIZE parameter.
	ClientResultChunkSize pulumi.IntPtrInput `wire:"clientResultChunkSize"`
	// ClientSessionKeepAliveHeartbeatFrequency is the CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY parameter.
	ClientSessionKeepAliveHeartbeatFrequency pulumi.IntPtrInput `wire:"clientSessionKeepAliveHeartbeatFrequency"`
	// JsonIndent is the JSON_INDENT parameter.
	JsonIndent pulumi.IntPtrInput `wire:"jsonIndent"`
	// LockTimeout is the LOCK_TIMEOUT parameter.
	LockTimeout pulumi.IntPtrInput `wire:"lockTimeout"`
	// MultiStatementCount is the MULTI_STATEMENT_COUNT parameter.
	MultiStatementCount pulumi.IntPtrInput `wire:"multiStatementCount"`
	// RowsPerResultset is the ROWS_PER_RESULTSET parameter.
	RowsPerResultset pulumi.IntPtrInput `wire:"rowsPerResultset"`
	// StatementQueuedTimeoutInSeconds is the STATEMENT_QUEUED_TIMEOUT_IN_SECONDS parameter.
	StatementQueuedTimeoutInSeconds pulumi.IntPtrInput `wire:"statementQueuedTimeoutInSeconds"`
	// StatementTimeoutInSeconds is the STATEMENT_TIMEOUT_IN_SECONDS parameter.
	StatementTimeoutInSeconds pulumi.IntPtrInput `wire:"statementTimeoutInSeconds"`
	// TwoDigitCenturyStart is the TWO_DIGIT_CENTURY_START parameter.
	TwoDigitCenturyStart pulumi.IntPtrInput `wire:"twoDigitCenturyStart"`
	// WeekOfYearPolicy is the WEEK_OF_YEAR_POLICY parameter.
	WeekOfYearPolicy pulumi.IntPtrInput `wire:"weekOfYearPolicy"`
	// WeekStart is the WEEK_START parameter.
	WeekStart pulumi.IntPtrInput `wire:"weekStart"`
}

// NewTask registers a Snowflake task. Database, Schema, SqlStatement and
// Started are required.
func NewTask(ctx *pulumi.Context, name string, args *TaskArgs, opts ...pulumi.ResourceOption) (*Task, error) {
	return create[Task](ctx, TaskType, name, args, opts)
}
