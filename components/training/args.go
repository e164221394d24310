package training

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/trigger"
)

// TrainingPipelineArgs configures a TrainingPipeline. Image, InputChannels
// and OutputS3Uri are required; with neither Schedule nor NewData the
// pipeline runs only when started by hand.
type TrainingPipelineArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Image is the training algorithm's image. Required.
	Image pulumi.StringInput
	// InferenceImage serves the trained model; it goes into each registered
	// package. Defaults to Image.
	InferenceImage pulumi.StringInput
	// EcrRepositoryArn lets the training role pull from this repository. Not
	// needed when Image is a plain ECR URI (derived from it).
	EcrRepositoryArn pulumi.StringInput

	// InstanceType is a SageMaker instance type ("ml." prefix). Defaults to ml.m5.xlarge.
	InstanceType string
	// InstanceCount is the number of instances, 1–100. Defaults to 1.
	InstanceCount int
	// VolumeSizeGB is each instance's storage volume, 1–16384 GB. Defaults to 30.
	VolumeSizeGB int
	// MaxRuntime stops a training job that runs longer
	// (StoppingCondition.MaxRuntimeInSeconds). Defaults to 24 hours; at most 28 days.
	MaxRuntime time.Duration
	// HyperParameters are passed to the algorithm (at most 100).
	HyperParameters map[string]string
	// EnableNetworkIsolation cuts the training container off the network.
	// Defaults to false (script-mode containers fetch their code).
	EnableNetworkIsolation bool

	// InputChannels maps channel names ("train", "validation") to folders
	// "s3://bucket/prefix". At least one is required; the training role may
	// read exactly these prefixes.
	InputChannels map[string]string
	// InputKmsKeyArn is the key the input is encrypted with, if any.
	InputKmsKeyArn pulumi.StringInput
	// OutputS3Uri is where model artifacts go, "s3://bucket/prefix";
	// SageMaker writes <OutputS3Uri>/<job-name>/output/model.tar.gz. Required.
	OutputS3Uri string
	// OutputKmsKeyArn encrypts the artifacts. Leave nil to create a key with rotation.
	OutputKmsKeyArn pulumi.StringInput

	// ManagedSpot trains on spot capacity (EnableManagedSpotTraining), with
	// checkpoints so an interrupted job resumes. Defaults to false.
	ManagedSpot bool
	// MaxWait bounds a spot job's runtime plus its waits for capacity; at
	// least MaxRuntime, at most 28 days. Defaults to twice MaxRuntime, at most 28 days.
	MaxWait time.Duration
	// CheckpointS3Uri is where a spot job checkpoints. Defaults to
	// <OutputS3Uri>/checkpoints/.
	CheckpointS3Uri string

	// JobNamePrefix starts every training job's name; each attempt appends
	// "-" and a UUID. Lower-case letters, digits and dashes, at most 26
	// characters. Defaults to the component's name.
	JobNamePrefix string

	// ModelPackageGroupName names the model registry the pipeline creates.
	// Defaults to the component's name; at most 63 characters.
	ModelPackageGroupName string
	// ModelApprovalStatus of each registered package: PendingManualApproval
	// (someone approves it) or Approved (automatic, meant for dev stacks).
	// Defaults to PendingManualApproval.
	ModelApprovalStatus string
	// SupportedContentTypes the packaged model reads. Defaults to ["text/csv"].
	SupportedContentTypes []string
	// SupportedResponseMIMETypes the packaged model answers with. Defaults to ["text/csv"].
	SupportedResponseMIMETypes []string

	// Retry says which errors are retried. Defaults to two retries of
	// batch.SageMakerJobErrors, each under a new job name.
	Retry *RetryPolicy

	// Schedule starts a training run on a schedule. Optional.
	Schedule *trigger.Schedule
	// NewData starts a training run when objects are created under a prefix. Optional.
	NewData *trigger.ObjectCreated
	// NewDataChannel names the input channel that reads the data of the
	// object whose creation started the run (with NewData): the folder one
	// level below the channel's prefix that holds the object. For the
	// channel "s3://b/datasets/churn/" and the object
	// datasets/churn/run-20261203T020000Z/_SUCCESS the run reads
	// s3://b/datasets/churn/run-20261203T020000Z/. The folder comes from the
	// event's object key, so a late or repeated event trains on the data it
	// announced. Runs started any other way fail with NoNewDataObject. Optional.
	NewDataChannel string
	// NewDataFilePrefix narrows a NewDataChannel to the objects of that
	// folder whose names start with it, e.g. "part" for part_0_0_0.csv, so a
	// completion marker beside the data is not read as data. Optional.
	NewDataFilePrefix string
	// ContentTypes sets a channel's MIME type, e.g. {"train": "text/csv"}:
	// SageMaker's built-in algorithms need it for CSV. Optional.
	ContentTypes map[string]string

	// LogRetentionDays of the workflow's log group. Defaults to 30.
	LogRetentionDays int
	// AlertTopicArn sends alerts to an existing topic. Leave nil to create an encrypted one.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string
	// ApprovalNotifications sends a message to the alert topic whenever a
	// package of the group is approved or rejected: an EventBridge rule on
	// SageMaker's model package state changes (ApprovalRuleArn) publishes
	// it. A created topic lets exactly that rule publish. A given
	// AlertTopicArn is not schedkit's to change: its policy must let
	// events.amazonaws.com sns:Publish (best conditioned on aws:SourceArn
	// being ApprovalRuleArn), and its key, if any, must let
	// events.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt.
	// Defaults to true.
	ApprovalNotifications *bool
	// RetainOnDelete keeps stateful children (the registry, the output key,
	// log group, queues, alert topic and its key), and the policies that
	// guard the queues and the topic, when the component is deleted.
	// Defaults to false; prod stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every child that takes tags.
	Tags map[string]string
}

// RetryPolicy says how a training run is retried: exponential backoff with full
// jitter, on the listed errors only. It is batch.RetryPolicy, the one retry
// policy of every step schedkit runs; its fields document their defaults.
type RetryPolicy = retry.Policy
