package trainingdata

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
)

// TrainingDataPipelineArgs configures a TrainingDataPipeline. Database,
// Schema, Dataset, Query, BucketName, a schedule (Cron or EveryMinutes) and
// the training's image and output are required.
type TrainingDataPipelineArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Database and Schema hold the task graph and the unload stage:
	// unquoted Snowflake identifiers. Plain values: the unload SQL names the
	// stage with them. Required.
	Database string
	Schema   string

	// Dataset names the training set: the folder the snapshots go to
	// (<Prefix><Dataset>/), the stage, the unload task. Lower-case letters,
	// digits and single dashes, at most 40 characters. Required.
	Dataset string
	// FeatureSteps are the caller's SQL steps that build the features, a
	// task graph in their own right (After links them); the unload runs
	// after the steps nothing else waits for. Optional: without them the
	// unload is the graph's only task.
	FeatureSteps []taskgraph.TaskSpec
	// Query is the SELECT whose rows are the training set, e.g. "SELECT *
	// FROM FEATURES.CHURN_TRAINING". One statement, no ";" and no "$$".
	// Required.
	Query string
	// LabelColumn is the label's column in Query's result (an unquoted
	// identifier). The unload writes it first, as SageMaker's built-in
	// algorithms expect (SELECT <label>, * EXCLUDE (<label>) FROM (<Query>)).
	// Required.
	LabelColumn string
	// Format of the snapshot: CSV (headerless, label first) or PARQUET (with
	// column names). Defaults to CSV.
	Format string
	// BuiltInAlgorithm says the training image is a SageMaker built-in
	// algorithm (e.g. XGBoost): those read headerless CSV, not Parquet.
	// Defaults to false (a framework or script container).
	BuiltInAlgorithm bool

	// Cron runs the graph with five cron fields in Timezone (UTC by
	// default), or EveryMinutes every N minutes. Exactly one is required.
	Cron         string
	Timezone     string
	EveryMinutes int
	// DeadlineGrace is how long after each scheduled time (Cron), or past
	// its interval (EveryMinutes), a graph run must have succeeded before
	// the alert topic gets a deadline alert (TaskGraphArgs.DeadlineGrace,
	// docs/deadlines.md). 1m–5d in whole minutes. Defaults to the graph's
	// maximum runtime plus 5 minutes.
	DeadlineGrace time.Duration
	// DisableDeadline creates no deadline check for the graph. Defaults to false.
	DisableDeadline bool
	// Warehouse runs the graph's tasks; nil makes them serverless.
	Warehouse pulumi.StringInput
	// Started resumes the graph. Stacks set it from environment config.
	Started bool

	// BucketName is the existing bucket the snapshots go to. Required.
	BucketName string
	// BucketKmsKeyArn is the key the bucket encrypts objects with, if any:
	// Snowflake writes and SageMaker reads with it.
	BucketKmsKeyArn pulumi.StringInput
	// Prefix is the key prefix the pipeline owns in the bucket; the snapshots
	// go to <Prefix><Dataset>/run-<time>/. Defaults to "training-data/".
	Prefix string
	// EnableBucketNotifications turns the bucket's EventBridge notifications
	// on, which the marker's event needs. A bucket has one notification
	// configuration: leave it false when it is managed elsewhere, and turn
	// EventBridge on there. Defaults to false.
	EnableBucketNotifications bool
	// ExternalID is the storage integration's external id. Defaults to one
	// derived from the project, stack and name.
	ExternalID pulumi.StringInput
	// StorageRoleName is the exact name of the IAM role Snowflake assumes to
	// write the snapshots. Defaults to one unique to the project, stack and name.
	StorageRoleName string

	// Training trains on each snapshot: set its Image, OutputS3Uri and what
	// else the model needs (instance type, hyperparameters, registry). The
	// pipeline sets its input channel, trigger, content type, input key and
	// alerts itself; setting those here is an error.
	Training training.TrainingPipelineArgs

	// AlertTopicArn receives every alert of both halves (the graph's errors,
	// the training's failures); nil creates one encrypted topic.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string
	// RetainOnDelete keeps stateful children (the stage, and those of the
	// task graph and the training pipeline), the settings that guard them,
	// and what the kept stage needs to stay readable (the storage
	// integration, the role it assumes and the role's policy), when the
	// component is deleted. Defaults to false; prod stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every AWS child that takes tags.
	Tags map[string]string
}
