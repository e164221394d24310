package inference

import (
	"github.com/schedkit/schedkit/components/internal/naming"
	"time"

	"github.com/schedkit/schedkit/components/internal/sagemaker"
)

// Defaults of BatchInferenceArgs. Each is documented on its field and
// pinned by a test; the transform's own defaults are those of every
// SageMaker transform schedkit runs (batch.DefaultTransformInstanceType, ...).
const (
	DefaultMaxRuntime       = 6 * time.Hour
	DefaultLogRetentionDays = 30
	DefaultNetworkIsolation = true
	DefaultRunOnApproval    = false
	// ApprovalRetryAttempts and ApprovalMaxEventAge are the retry policy
	// of the RunOnApproval rule's target: starts EventBridge could not
	// deliver within them land in the approval dead-letter queue.
	ApprovalRetryAttempts = 3
	ApprovalMaxEventAge   = time.Hour
	// WorkflowSlack is added to the attempts' runtimes for the workflow's
	// own timeout, to cover model resolution, backoff and the alert.
	WorkflowSlack = 30 * time.Minute
)

// withDefaults returns a copy of args with every unset field at its default.
func withDefaults(name string, a BatchInferenceArgs) BatchInferenceArgs {
	// Every default derived from the component's name derives from its
	// StableName, which defaults to the name.
	name = naming.Stable(name, a.StableName)
	a.StableName = name
	if a.MaxRuntime == 0 {
		a.MaxRuntime = DefaultMaxRuntime
	}
	if a.LogRetentionDays == 0 {
		a.LogRetentionDays = DefaultLogRetentionDays
	}
	if a.NetworkIsolation == nil {
		v := DefaultNetworkIsolation
		a.NetworkIsolation = &v
	}
	t := transformOf(a).WithDefaults(name)
	a.JobNamePrefix, a.PartitionByRunDate = t.JobNamePrefix, t.PartitionByRunDate
	a.InstanceType, a.InstanceCount, a.MaxPayloadMB = t.InstanceType, t.InstanceCount, t.MaxPayloadMB
	a.BatchStrategy, a.SplitType, a.ContentType, a.Accept = t.BatchStrategy, t.SplitType, t.ContentType, t.Accept
	a.AssembleWith, a.JoinSource = t.AssembleWith, t.JoinSource
	r := a.Retry.WithDefaults(sagemaker.JobErrors)
	a.Retry = &r
	a.Schedule = a.Schedule.WithDefaults()
	return a
}

// transformOf is the transform job the args describe (model and key are
// set by the workflow).
func transformOf(a BatchInferenceArgs) sagemaker.Transform {
	return sagemaker.Transform{
		JobNamePrefix: a.JobNamePrefix, InputS3Uri: a.InputS3Uri, OutputS3Uri: a.OutputS3Uri,
		PartitionByRunDate: a.PartitionByRunDate, InstanceType: a.InstanceType, InstanceCount: a.InstanceCount,
		MaxConcurrentTransforms: a.MaxConcurrentTransforms, MaxPayloadMB: a.MaxPayloadMB,
		BatchStrategy: a.BatchStrategy, SplitType: a.SplitType, ContentType: a.ContentType, Accept: a.Accept,
		AssembleWith: a.AssembleWith, JoinSource: a.JoinSource, Environment: a.Environment,
	}
}
