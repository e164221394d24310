package cronjob

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/trigger"
)

// CronJobArgs configures a CronJob. Image, Schedule.Expression, Subnets and
// SecurityGroups are required; everything else has a production default.
type CronJobArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Image is the container image, e.g. "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4". Required.
	Image pulumi.StringInput
	// EcrRepositoryArn grants the execution role pull access to this repository.
	// Not needed when Image is a plain ECR URI (the ARN is derived from it).
	EcrRepositoryArn pulumi.StringInput
	// Command overrides the image's command.
	Command []string
	// Cpu is the task's CPU units. Defaults to 256.
	Cpu int
	// Memory is the task's memory in MiB; it must fit Cpu's Fargate range.
	// Defaults to the smallest size Fargate allows for Cpu (512 for 256).
	Memory int
	// CpuArchitecture is X86_64 or ARM64. Defaults to X86_64.
	CpuArchitecture string
	// Environment holds plain environment variables. Names that look like
	// credentials (PASSWORD, SECRET, TOKEN, ...) are rejected: use Secrets.
	Environment map[string]pulumi.StringInput
	// Secrets maps environment variable names to Secrets Manager secret or
	// SSM parameter ARNs; ECS injects the values at start. The execution role
	// may read exactly these.
	Secrets map[string]pulumi.StringInput
	// SecretsKmsKeyArn is the customer-managed key the secrets are encrypted
	// with, if any; the execution role may decrypt with it.
	SecretsKmsKeyArn pulumi.StringInput
	// EphemeralStorageGiB is the task's ephemeral storage, 21–200. Defaults to Fargate's 20 GiB (not set).
	EphemeralStorageGiB int
	// ReadonlyRootFilesystem mounts the container's root filesystem read-only. Defaults to false.
	ReadonlyRootFilesystem bool
	// StopTimeout is how long the container has to exit after SIGTERM, 2s–120s. Defaults to 30s.
	StopTimeout time.Duration
	// LogRetentionDays applies to the task's and the workflow's log groups. Defaults to 30.
	LogRetentionDays int
	// Family is the task definition family. Defaults to the component name.
	Family string

	// TaskPolicyStatements are the task role's permissions; it has none otherwise.
	TaskPolicyStatements []iampolicy.Statement

	// ClusterArn runs the job on an existing cluster. Leave nil to create one
	// (with the FARGATE and FARGATE_SPOT capacity providers). An existing
	// cluster needs FARGATE_SPOT associated for CapacityProvider FARGATE_SPOT.
	ClusterArn pulumi.StringInput
	// Cluster configures the cluster created when ClusterArn is nil. Giving both is an error.
	Cluster *ClusterArgs

	// Subnets the task runs in. Required: schedkit never picks a default VPC.
	Subnets pulumi.StringArrayInput
	// SecurityGroups attached to the task. Required.
	SecurityGroups pulumi.StringArrayInput
	// AssignPublicIP gives the task a public IP. Defaults to false.
	AssignPublicIP bool
	// CapacityProvider is FARGATE or FARGATE_SPOT. Defaults to FARGATE.
	CapacityProvider string

	// Schedule says when the job starts. Schedule.Expression is required.
	Schedule trigger.Schedule

	// MaxRuntime stops the task when it runs longer. Defaults to 1 hour; at most 365 days.
	MaxRuntime time.Duration
	// StartAttempts is how often a start that fails for a transient reason
	// (capacity, throttling) is tried, with exponential backoff, 1–10. Defaults to 3.
	StartAttempts int
	// SkipAlarmRuns alarms after this many consecutive skipped runs, 1–10.
	// Defaults to 3. A run skips while another one runs, which lasts at
	// most MaxRuntime + WorkflowSlack: the alarm fires when that many
	// one-minute periods within such a window hold a skip. CloudWatch caps
	// the window at one day, so skips of a job whose runs may last longer
	// are counted only over the last day.
	SkipAlarmRuns int

	// AlertTopicArn sends alerts to an existing topic. Leave nil to create an encrypted one.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string

	// RetainOnDelete keeps stateful children (log groups, queues, the alert
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

// ClusterArgs configures a cluster the CronJob creates.
type ClusterArgs struct {
	// ContainerInsights turns on CloudWatch Container Insights. Defaults to true.
	ContainerInsights *bool
}
