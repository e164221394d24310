package lambdaarch

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/stream"
)

// LambdaArchitectureArgs configures a LambdaArchitecture. Required:
// Processor's code, Database, Schema, Columns, Watermark, SnowflakeAccountUrl
// and PrivateKeySecretArn; everything else has a default.
//
// Database, Schema, Name and the column names are plain, upper-case
// identifiers: Firehose is given them as strings, the view and the tasks
// write them into SQL, and the provider quotes them when it creates the
// tables, so only upper-case names mean the same object everywhere.
type LambdaArchitectureArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Processor configures the events stream and its real-time consumer
	// function (code, runtime, memory, mapping, stream mode, alarms), as for
	// a StreamProcessor. The composite adds the two Firehose sinks and sets
	// the alert topic, RetainOnDelete, Protect and Tags from its own fields:
	// leave Sink, Sinks, AlertTopicArn, AlertTopicKmsKeyArn, AlertEmail,
	// RetainOnDelete, Protect and Tags unset here. Problems in Processor's
	// other fields are reported by the StreamProcessor <name>-events under
	// those fields' names.
	Processor stream.StreamProcessorArgs

	// Database and Schema hold the tables, the view, the pipe and the tasks.
	// Required. When the same program creates them, pass the resources in
	// pulumi.DependsOn to NewLambdaArchitecture: every Snowflake object of
	// the composite waits for them.
	Database, Schema string
	// Name is the base of the Snowflake names: the tables <Name>_SPEED,
	// <Name>_RAW and <Name>_BATCH, and the view <Name>. Defaults to the
	// component's name upper-cased, with "-" as "_".
	Name string
	// Columns are an event's columns, one list for the speed, raw and batch
	// tables, so they have the same columns by construction. An event is a
	// JSON object whose keys are the column names. Required.
	Columns []Column
	// Watermark is the column (DATE or a TIMESTAMP type) that orders events
	// in time. The view serves batch rows up to the batch table's latest
	// Watermark and speed rows after it. Required.
	Watermark string
	// DedupeKey are the columns that identify an event. The batch layer
	// keeps one row per key, the one with the latest Watermark (Firehose and
	// Snowpipe deliver at least once). Defaults to none: every row is kept.
	DedupeKey []string

	// SnowflakeAccountUrl is https://<account>.snowflakecomputing.com, where
	// Firehose loads the speed table with Snowpipe Streaming. Required.
	SnowflakeAccountUrl string
	// PrivateKeySecretArn is the Secrets Manager secret with the user and
	// private key Firehose signs in with ({"user": ..., "private_key": ...}).
	// Required: a key is never taken as plaintext.
	PrivateKeySecretArn pulumi.StringInput
	// SecretKmsKeyArn is the customer-managed key of that secret, if any.
	SecretKmsKeyArn pulumi.StringInput
	// LoaderRole is the Snowflake role Firehose loads with; it needs USAGE on
	// Database and Schema and INSERT on the speed table. Defaults to the
	// user's default role.
	LoaderRole string

	// ArchivePrefix is the key prefix the raw events are archived under
	// (date-partitioned, GZIP) and Snowpipe loads from; records Firehose
	// cannot process land under "errors/" + ArchivePrefix instead. Defaults
	// to "events/".
	ArchivePrefix string

	// BatchMode says how the batch table is computed from the raw table:
	// BatchByTask (a scheduled TaskGraph replaces its rows with INSERT
	// OVERWRITE) or BatchByDynamicTable (a dynamic table Snowflake refreshes
	// within TargetLag on Warehouse). Defaults to BatchByTask.
	BatchMode string
	// RecomputeEvery is how often the task recomputes the batch table, whole
	// minutes from 1m to 8 days. Defaults to 1 hour; BatchByTask only.
	RecomputeEvery time.Duration
	// TargetLag is how stale the dynamic table may get, whole minutes of at
	// least 1m. Defaults to 1 hour; BatchByDynamicTable only.
	TargetLag time.Duration
	// RefreshMode is the dynamic table's AUTO, INCREMENTAL or FULL. Defaults
	// to AUTO; BatchByDynamicTable only. It cannot change after creation.
	RefreshMode string
	// Warehouse (upper case) refreshes the dynamic table: required with
	// BatchByDynamicTable. With BatchByTask it runs the tasks, which are
	// serverless without it.
	Warehouse pulumi.StringInput

	// CleanupMargin is how long speed rows are kept past the batch
	// watermark: speed rows with a Watermark older than the batch table's
	// latest minus CleanupMargin are deleted. Whole minutes, longer than one
	// batch cycle (RecomputeEvery or TargetLag). Defaults to 24 hours.
	CleanupMargin time.Duration
	// CleanupEvery is how often the cleanup runs with BatchByDynamicTable,
	// whole minutes from 1m to 8 days. Defaults to 1 hour. With BatchByTask
	// the cleanup runs after every successful recompute instead. With the
	// deadline on, CleanupEvery plus DeadlineGrace is at most 5 days (what
	// the check can see of TASK_HISTORY's 7 days); set DisableDeadline for
	// a longer interval.
	CleanupEvery time.Duration

	// DeadlineGrace is the task graph's deadline grace: an alert goes to the
	// alert topic when no recompute (BatchByTask) or cleanup
	// (BatchByDynamicTable) has succeeded for its interval plus this long
	// (see TaskGraphArgs.DeadlineGrace and docs/deadlines.md). Defaults to
	// the graph's maximum runtime plus 5 minutes.
	DeadlineGrace time.Duration
	// DisableDeadline creates no deadline check for the task graph.
	// Defaults to false.
	DisableDeadline bool

	// Started resumes the task graph (true) or leaves it suspended.
	Started bool
	// AlertTopicArn receives every alert of the pipeline: the stream's and
	// the function's alarms, the raw pipe's load errors and the tasks'
	// errors. nil creates one encrypted topic.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string
	// RetainOnDelete keeps stateful children (the stream, the archive, the
	// tables, log groups, queues, topics and keys), and the settings that
	// guard them, when the component is deleted. Defaults to false; prod
	// stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every AWS child that takes tags.
	Tags map[string]string
}

// Column is one column of the speed, raw and batch tables.
type Column struct {
	// Name is an upper-case unquoted identifier, also the event's JSON key. Required.
	Name string
	// Type is a Snowflake data type, e.g. "NUMBER(38,0)", "TIMESTAMP_NTZ". Required.
	Type string
}
