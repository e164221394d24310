package hybrid

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
)

// HybridPipelineArgs configures a HybridPipeline: Producer, LandingPrefix,
// Format, Database, Schema, Table, Columns, Transform, Freshness and a
// serverless TargetCompletionInterval (or a Warehouse) are required.
type HybridPipelineArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Producer is the ECS job that lands the data (image, command, schedule,
	// network). The pipeline gives its task role s3:PutObject on the landing
	// prefix and its container LANDING_S3_URI and LANDING_FORMAT; setting
	// those variables here is an error. Its alerts go to the shared topic,
	// and its RetainOnDelete, Protect and Tags are the pipeline's.
	Producer cronjob.CronJobArgs
	// LandingPrefix is where the producer writes and the pipe reads, e.g.
	// "orders/": one value for both. Required.
	LandingPrefix string
	// Format is the files' format: the producer is told its Type, the pipe
	// reads it. Required (Type CSV, JSON or PARQUET).
	Format snowpipe.FileFormat

	// Database and Schema hold the landing table, its pipe and stream, and
	// the task graphs: unquoted identifiers, plain (the SQL names them).
	// Required.
	Database string
	Schema   string
	// Table names the landing table the pipe loads (and the pipe, stage and
	// stream made for it); Columns create it. Required.
	Table   string
	Columns []snowpipe.Column
	// CopyOptions are appended to the pipe's COPY statement.
	CopyOptions string

	// Transform is the task graph that runs when the landing table's stream
	// has data (SYSTEM$STREAM_HAS_DATA): its SQL reads the stream, whose
	// name the component's Stream output gives, e.g. "MERGE INTO ... USING
	// RAW.ORDERS.ORDERS_STREAM ...". Required.
	Transform []taskgraph.TaskSpec
	// TargetCompletionInterval is how soon a serverless triggered run should
	// finish. Required without Warehouse.
	TargetCompletionInterval time.Duration
	// Warehouse runs the graphs' tasks; nil makes them serverless.
	Warehouse pulumi.StringInput
	// Fallback adds a scheduled run on the landing stream (a task selecting
	// SYSTEM$STREAM_HAS_DATA on the freshness schedule, before the check):
	// it keeps a stream that receives nothing for long from going stale — a
	// stream is lost once its offset is older than the table's data
	// retention, and the triggered transform never runs while nothing
	// arrives. Defaults to true.
	Fallback *bool

	// TransformMaxAge alerts when the transform has not succeeded for this
	// long (TaskGraphArgs.MaxAge: a triggered graph has no calendar), 15m–5d
	// in whole minutes. Defaults to 0: off, as Freshness already alerts
	// when the target stops receiving rows, whichever half stopped. The
	// watch graph has a deadline of its own (Freshness.DeadlineGrace).
	TransformMaxAge time.Duration

	// Freshness alerts when the target table has received no rows for a
	// while. Required.
	Freshness Freshness

	// Started resumes the task graphs. Stacks set it from environment config.
	Started bool
	// AlertTopicArn receives the alerts of both halves (the producer's
	// failures, load errors, transform errors, staleness); nil creates one
	// encrypted topic.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string
	// RetainOnDelete keeps stateful children (those of the producer, the
	// ingest and the transform, and the alert topic and its key), and the
	// settings that guard them, when the component is deleted. Defaults to
	// false; prod stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every AWS child that takes tags.
	Tags map[string]string
}

// Freshness is the end-to-end check: a scheduled, serverless task that
// fails (and so notifies the alert topic) when the newest row of Table is
// older than MaxAge.
type Freshness struct {
	// Table is the target table's qualified name, e.g. ANALYTICS.MARTS.ORDERS. Required.
	Table string
	// Column is its load or event time column (a timestamp). Required.
	Column string
	// MaxAge is how old the newest row may get, whole minutes. Defaults to 24 hours.
	MaxAge time.Duration
	// Cron is when the check runs, five fields in UTC. Defaults to hourly.
	Cron string
	// SuspendAfterFailures suspends the check after this many consecutive
	// stale results (alerts); resume it once fixed. Defaults to 24.
	SuspendAfterFailures int
	// DeadlineGrace is how long after each scheduled time (Cron) a run of
	// the watch graph must have succeeded before the alert topic gets a
	// deadline alert (TaskGraphArgs.DeadlineGrace, docs/deadlines.md), so a
	// watch that stops running is noticed too: one suspended after
	// SuspendAfterFailures stale results, by hand, or whose schedule never
	// fires. A stale target fails the watch, so while it is stale both the
	// freshness error and the deadline alert arrive; once the watch has
	// suspended itself the deadline alerts keep coming at each due time
	// until it is resumed. 1m–5d in whole minutes. Defaults to the watch
	// graph's maximum runtime (its tasks' timeouts) plus 5 minutes.
	DeadlineGrace time.Duration
	// DisableDeadline creates no deadline check for the watch graph.
	// Defaults to false.
	DisableDeadline bool
}
