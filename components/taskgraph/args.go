package taskgraph

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TaskGraphArgs configures a TaskGraph. Database, Schema, Tasks and exactly
// one of Cron, EveryMinutes and TriggerStream are required; everything else
// has a production default.
type TaskGraphArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Database and Schema hold the tasks. Required; plain values must be
	// unquoted Snowflake identifiers.
	Database pulumi.StringInput
	Schema   pulumi.StringInput

	// Tasks are the graph's tasks. Exactly one has no After: the root. At
	// most 1000 tasks (with the finalizer), names unique and acyclic.
	Tasks []TaskSpec
	// Finalizer runs after every other task of a graph run, whether it
	// succeeded or not (cleanup, notifications). It takes no After.
	Finalizer *TaskSpec

	// Cron schedules the root with five cron fields (minute hour
	// day-of-month month day-of-week), e.g. "0 2 * * *".
	Cron string
	// Timezone is the IANA time zone Cron is read in. Defaults to UTC; only with Cron.
	Timezone string
	// EveryMinutes schedules the root every N minutes, 1–11520.
	EveryMinutes int
	// TriggerStream makes the root a triggered task: it runs when the stream
	// (fully qualified, e.g. a SnowpipeIngest's stream output) has data,
	// `WHEN SYSTEM$STREAM_HAS_DATA('<stream>')`, and has no schedule.
	TriggerStream pulumi.StringInput
	// TargetCompletionInterval is how soon a serverless root run should
	// finish; Snowflake sizes serverless compute to meet it. Required for a
	// serverless triggered graph; whole minutes, at least one; only
	// serverless. Set on the root.
	TargetCompletionInterval time.Duration

	// Warehouse runs every task on this (upper-case) warehouse. Leave nil for
	// serverless tasks.
	Warehouse pulumi.StringInput
	// InitialWarehouseSize is the serverless starting size (XSMALL, SMALL,
	// MEDIUM, LARGE, XLARGE, XXLARGE). Defaults to XSMALL; only serverless.
	InitialWarehouseSize string

	// SuspendAfterFailures suspends the graph after this many consecutive
	// failed runs (SUSPEND_TASK_AFTER_NUM_FAILURES on the root). Defaults to
	// 3 (Snowflake's own default is 10). 0 never suspends: accepted, but the
	// policy rule snowflake-root-task-guarded flags it.
	SuspendAfterFailures *int
	// RetryAttempts is how often a failed graph run is retried automatically
	// from the failed tasks (TASK_AUTO_RETRY_ATTEMPTS on the root), 0–30.
	// Defaults to 0: task SQL is not assumed idempotent; a failure notifies,
	// counts toward SuspendAfterFailures, and the next run picks up the work
	// (a stream's offset advances only when a run commits).
	RetryAttempts *int

	// DeadlineGrace is how long after each scheduled time (Cron) a graph
	// run must have succeeded, and what EveryMinutes adds to its interval
	// for a maximum age; past it the error notification topic gets a
	// deadline alert naming the run that was due and the last success (see
	// docs/deadlines.md). The check is the task <ROOT>_DEADLINE in the
	// graph's schema, started and suspended with the graph. 1m–5d in whole
	// minutes (the check reads TASK_HISTORY, which keeps 7 days). Defaults
	// to the graph's maximum runtime (the longest path of task timeouts,
	// then the finalizer's) plus 5 minutes, at most 5 days.
	DeadlineGrace time.Duration
	// MaxAge alerts when a triggered graph (TriggerStream) has not
	// succeeded for this long (a stream has no calendar to say when a run
	// is due); checked every quarter of it, at least an hour apart, and
	// every check past it alerts. 15m–5d in whole minutes. Defaults to 0:
	// off. Only with TriggerStream.
	MaxAge time.Duration
	// DisableDeadline creates no deadline check. Defaults to false: a
	// Cron or EveryMinutes graph has one.
	DisableDeadline bool

	// Started resumes the graph (true) or leaves it suspended. Stacks set it
	// from environment config. To change a running graph Snowflake needs its
	// root suspended; the provider suspends and resumes the root around each
	// change itself.
	Started bool

	// ErrorIntegration sends error notifications through an existing
	// notification integration (by name) instead of creating the SNS topic,
	// the role and the integration.
	ErrorIntegration string
	// NotificationRoleName is the exact name of the IAM role Snowflake
	// assumes to publish. Defaults to "schedkit-<name>-sf-notify"; set it
	// when two stacks of this graph share an AWS account.
	NotificationRoleName string
	// AlertEmail subscribes an address to the created notification topic
	// (standard, encrypted with the AWS-managed aws/sns key: see
	// snowaws.AWSManagedSNSKey).
	AlertEmail string
	// AlertTopicArn sends error notifications to this existing standard
	// topic (e.g. the alert topic of an AWS component, so one on-call sees
	// both halves) instead of creating one; AlertTopicKmsKeyArn is the key
	// encrypting it, if any. Snowflake's role gets sns:Publish on it and
	// use of the key.
	AlertTopicArn       pulumi.StringInput
	AlertTopicKmsKeyArn pulumi.StringInput

	// RetainOnDelete keeps the created notification topic, and the
	// topic's TLS-only policy, when the component is deleted. Defaults to
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

// TaskSpec is one task of the graph.
type TaskSpec struct {
	// Name is the task's Snowflake name, an unquoted identifier unique in
	// the graph (case-insensitively). Required.
	Name string
	// SQL is the single statement, CALL, or Snowflake Scripting block
	// (BEGIN ... END;) the task runs. Required.
	SQL string
	// After names the predecessor tasks; empty for the root.
	After []string
	// When is an optional Boolean SQL expression checked before each run,
	// e.g. SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM'); not a statement (not
	// on a triggered root: its condition is the stream trigger).
	When string
	// Timeout limits one run of the task (USER_TASK_TIMEOUT_MS), whole
	// milliseconds up to 7 days. Defaults to 1 hour.
	Timeout time.Duration
}
