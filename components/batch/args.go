package batch

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/trigger"
)

// BatchWorkflowArgs configures a BatchWorkflow. Steps is required; with
// neither Schedule nor S3Trigger the workflow runs only when started by hand.
type BatchWorkflowArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Steps run in order; each is one kind of work (ECS task, Lambda,
	// SageMaker transform or Distributed Map). At least one is required.
	// Every step's grants go into the workflow role's one policy: past
	// IAM's 10,240 characters for a role's inline policies the deployment
	// fails naming Steps; split the work into more workflows.
	Steps []Step

	// Schedule starts the workflow on a schedule (retry policy and DLQ). Optional.
	Schedule *trigger.Schedule
	// S3Trigger starts the workflow for every object created under a prefix. Optional.
	S3Trigger *trigger.ObjectCreated

	// MaxRuntime bounds a whole run (the workflow's TimeoutSeconds). Defaults
	// to 24 hours; at most 365 days.
	MaxRuntime time.Duration
	// LogRetentionDays of the workflow's log group. Defaults to 30.
	LogRetentionDays int

	// AlertTopicArn sends alerts to an existing topic. Leave nil to create an encrypted one.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string

	// RetainOnDelete keeps stateful children (log group, queues, the alert
	// topic and its key), and the policies that guard the queues and the
	// topic, when the component is deleted. Defaults to false; prod stacks
	// turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every child that takes tags.
	Tags map[string]string
}

// Step is one state of the workflow. Set exactly one of ECSTask, Lambda,
// Transform and Map.
type Step struct {
	// Name is the state's name: 1–80 letters, digits, - and _, unique in the
	// workflow (Map child steps included). The step's result is kept at
	// $.results.<Name>.
	Name string

	// ECSTask runs an ECS Fargate task and waits for it.
	ECSTask *ECSTaskStep
	// Lambda invokes a function.
	Lambda *LambdaStep
	// Transform runs one SageMaker batch transform job and waits for it.
	Transform *TransformJob
	// Map runs a child step per item of an S3 prefix or manifest.
	Map *MapStep

	// Timeout stops the step (and the ECS task or SageMaker job it runs)
	// after this long, in whole seconds. Defaults to 1 hour for an ECS task,
	// 15 minutes for a Lambda and 6 hours for a transform (at most 28 days).
	// A Map has no timeout of its own: set its child step's.
	Timeout time.Duration
	// Retry says which errors are retried and how. Defaults to two retries
	// of the kind's transient errors, 10 s apart doubling up to 5 minutes,
	// with full jitter.
	Retry *RetryPolicy
}

// ECSTaskStep runs a Fargate task from an existing task definition and
// waits for it to stop (ecs:runTask.sync). The step fails unless the
// task's first container exits 0.
type ECSTaskStep struct {
	// ClusterArn is the cluster to run on. Required.
	ClusterArn pulumi.StringInput
	// TaskDefinitionArn is the task definition (with or without revision). Required.
	TaskDefinitionArn pulumi.StringInput
	// Family is the task definition's family; the workflow may run only its
	// revisions. Required.
	Family string
	// TaskRoleArn and ExecutionRoleArn are the task definition's roles; the
	// workflow may pass exactly these to ECS tasks. Required.
	TaskRoleArn      pulumi.StringInput
	ExecutionRoleArn pulumi.StringInput
	// Subnets and SecurityGroups of the task. Required; no public IP is assigned.
	Subnets        pulumi.StringArrayInput
	SecurityGroups pulumi.StringArrayInput
	// CapacityProvider is FARGATE or FARGATE_SPOT. Defaults to FARGATE.
	CapacityProvider string
	// ContainerName is the container that gets the step's input
	// (SCHEDKIT_INPUT) and the overrides below. Required.
	ContainerName string
	// Command overrides the container's command.
	Command []string
	// Environment adds plain variables to the container.
	Environment map[string]string
	// EnvironmentPaths adds variables read from the step's input by
	// JSONPath, e.g. {"RUN_DATE": "$.run.date"}; in a Map's child step
	// {"KEY": "$.item.Key"}. Every ECS step also gets SCHEDKIT_INPUT, the
	// step's whole input as JSON.
	EnvironmentPaths map[string]string
}

// LambdaStep invokes a function synchronously (lambda:invoke) and keeps its
// Payload. A function error fails the step.
type LambdaStep struct {
	// FunctionArn is the function's unqualified ARN; the workflow may invoke
	// it and its versions and aliases. Required.
	FunctionArn pulumi.StringInput
	// Payload is the event; values of keys ending in ".$" are JSONPaths.
	// Defaults to the step's whole input.
	Payload map[string]any
}

// MapStep runs a child step for every item of a data set, as child workflow
// executions (a Distributed Map): the serverless way to reprocess history.
// Set exactly one of ItemsS3Uri and ManifestS3Uri.
type MapStep struct {
	// ItemsS3Uri makes one item per object under "s3://bucket/prefix"
	// (s3:listObjectsV2). The workflow may list exactly that prefix.
	ItemsS3Uri string
	// ManifestS3Uri makes one item per entry of one object
	// "s3://bucket/key" (s3:getObject): a JSON array, CSV rows with a header
	// line, or an S3 Inventory manifest.json. The workflow may read exactly that object.
	ManifestS3Uri string
	// ManifestType is JSON, CSV or MANIFEST. Required with ManifestS3Uri.
	ManifestType string

	// Step runs once per item: an ECS task or a Lambda. Its input is
	// {"item": <the item>, "bucket": <the bucket read>, "run": $.run}.
	Step Step

	// MaxConcurrency is how many items run at once, 1–10000. Defaults to 100.
	MaxConcurrency int
	// ToleratedFailurePercentage of items may fail without failing the
	// step, 0–100. Defaults to 0.
	ToleratedFailurePercentage *float64
	// ResultsS3Uri, "s3://bucket/prefix", receives every item's result and
	// failure (ResultWriter). Without it each item's output is dropped and the
	// step keeps only the item count, and a Map's inline output is capped
	// at 256 KiB (roughly 80,000 items): give it for large backfills.
	ResultsS3Uri string
}
