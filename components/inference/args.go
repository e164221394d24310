package inference

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/trigger"
)

// BatchInferenceArgs configures a BatchInference. Give the model either as
// Image and ModelDataUrl, or as ModelPackageGroupName (the group's latest
// approved package, resolved at each run). InputS3Uri, OutputS3Uri and
// Schedule.Expression are required.
type BatchInferenceArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Image is the inference container image. Together with ModelDataUrl it
	// makes the model the component creates.
	Image pulumi.StringInput
	// ModelDataUrl is the model artifact, "s3://bucket/path/model.tar.gz".
	// Required with Image; the model's role may read exactly this object.
	ModelDataUrl string

	// ModelPackageGroupName makes each run use the group's latest approved
	// package (e.g. a TrainingPipeline's ModelPackageGroupName).
	ModelPackageGroupName pulumi.StringInput
	// ModelArtifactsS3Uri is where the group's packages keep their
	// artifacts ("s3://bucket/prefix", e.g. the TrainingPipeline's
	// OutputS3Uri). Required with ModelPackageGroupName; the model's role may
	// read under it.
	ModelArtifactsS3Uri string
	// ModelArtifactsKmsKeyArn is the key the artifacts are encrypted with, if any.
	ModelArtifactsKmsKeyArn pulumi.StringInput

	// EcrRepositoryArns are the ECR repositories the model's images come
	// from; the model's role may pull from exactly these. With Image the
	// repository of an ECR image URI is derived and added. Required with
	// ModelPackageGroupName: each run's model pulls the approved package's
	// inference image, e.g. from a TrainingPipeline's
	// InferenceImageRepositoryArn. Each is
	// arn:<partition>:ecr:<region>:<account>:repository/<name>.
	EcrRepositoryArns []pulumi.StringInput
	// NetworkIsolation cuts the model container off the network (SageMaker
	// still reads the input and writes the output). Defaults to true.
	NetworkIsolation *bool

	// InputS3Uri is the folder the input lives in, "s3://bucket/prefix"
	// (read as "prefix/"). Required.
	InputS3Uri string
	// OutputS3Uri is the folder predictions go to, "s3://bucket/prefix"
	// (written as "prefix/"). Required.
	OutputS3Uri string
	// PartitionByRunDate reads <InputS3Uri>/dt=YYYY-MM-DD/ and writes
	// <OutputS3Uri>/dt=YYYY-MM-DD/: the scheduled time's date (UTC) for a
	// scheduled run, the start date otherwise. Defaults to true.
	PartitionByRunDate *bool
	// InputKmsKeyArn is the key the input is encrypted with, if any.
	InputKmsKeyArn pulumi.StringInput
	// OutputKmsKeyArn encrypts the predictions. Leave nil to create a key with rotation.
	OutputKmsKeyArn pulumi.StringInput

	// JobNamePrefix starts the name of every transform job (and run model);
	// each attempt appends "-" and a UUID. Lower-case letters, digits and
	// dashes, at most 26 characters. Defaults to the component's name.
	JobNamePrefix string
	// InstanceType is a SageMaker instance type ("ml." prefix). Defaults to ml.m5.large.
	InstanceType string
	// InstanceCount is the number of instances, 1–100. Defaults to 1.
	InstanceCount int
	// MaxConcurrentTransforms is the number of parallel requests per
	// instance, 0–1000; 0 leaves SageMaker's choice. Defaults to 0.
	MaxConcurrentTransforms int
	// MaxPayloadMB is the largest mini-batch in MB, 1–100. Defaults to 6.
	MaxPayloadMB int
	// BatchStrategy is MultiRecord or SingleRecord. Defaults to MultiRecord.
	BatchStrategy string
	// SplitType is None, Line, RecordIO or TFRecord. Defaults to Line.
	SplitType string
	// ContentType is the input's MIME type. Defaults to text/csv.
	ContentType string
	// Accept is the output's MIME type. Defaults to text/csv.
	Accept string
	// AssembleWith is None or Line. Defaults to Line.
	AssembleWith string
	// JoinSource is None or Input. Defaults to None.
	JoinSource string
	// Environment is passed to the model container.
	Environment map[string]string

	// MaxRuntime stops a transform job that runs longer (each attempt).
	// Defaults to 6 hours; at most 28 days.
	MaxRuntime time.Duration
	// Retry says which errors are retried. Defaults to two retries of
	// batch.SageMakerJobErrors, each under a new job name.
	Retry *RetryPolicy

	// Schedule says when a run starts. Schedule.Expression is required.
	Schedule trigger.Schedule
	// RunOnApproval starts a run as soon as a package of
	// ModelPackageGroupName is approved, besides the scheduled runs: an
	// EventBridge rule on SageMaker's model package state changes starts the
	// workflow, with a retry policy and a dead-letter queue. The run uses
	// the group's latest approved package (by creation time) and, having no
	// scheduled time, is dated by its start. SageMaker may announce one
	// approval more than once, so such runs may repeat. Only valid with
	// ModelPackageGroupName. Defaults to false.
	RunOnApproval bool
	// ApprovalMaxAge is RunOnApproval's maximum age, as NewData.MaxAge is
	// a TrainingPipeline's: it alerts on the component's topic when no run
	// has succeeded for this long (approvals have no calendar to say when a
	// run is due; the scheduled runs have their deadline). Any run's
	// success counts, scheduled or started by an approval. Checked every
	// quarter of it, at most hourly, and every check past it alerts.
	// 15m–364d in whole minutes; only with RunOnApproval. Defaults to 0: off.
	ApprovalMaxAge time.Duration

	// LogRetentionDays of the workflow's log group. Defaults to 30.
	LogRetentionDays int
	// AlertTopicArn sends alerts to an existing topic. Leave nil to create an encrypted one.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string
	// RetainOnDelete keeps stateful children (the output key, log group,
	// queues, alert topic and its key), and the policies that guard the
	// queues and the topic, when the component is deleted. Defaults to
	// false; prod stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every child that takes tags.
	Tags map[string]string
}

// RetryPolicy says how a transform job is retried: exponential backoff with full
// jitter, on the listed errors only. It is batch.RetryPolicy, the one retry
// policy of every step schedkit runs; its fields document their defaults.
type RetryPolicy = retry.Policy
