// Package sagemaker holds what schedkit's SageMaker components share: the
// checks on jobs and instance types; the least-privilege statements of
// SageMaker roles; the key that encrypts their output; and the batch
// transform a workflow runs:
//
//	Transform ─WithDefaults→ ValidateTransform → TransformState (createTransformJob.sync, a job name per attempt)
//	                                            + TransformStatements (the workflow role's permissions)
package sagemaker

import (
	"time"

	"github.com/schedkit/schedkit/components/internal/sfn"
)

// MaxRuntime is the longest SageMaker lets a training job run, and the
// longest schedkit lets a transform or training step run.
const MaxRuntime = 28 * 24 * time.Hour

// ExecutionTagKey tags every SageMaker job and model a workflow creates with
// the name of the execution that created it.
const ExecutionTagKey = "schedkit:execution"

var (
	// JobErrors: the create call failed (throttling, instance limit) or the
	// job itself failed (States.TaskFailed). A retried job runs under a new name.
	JobErrors = []string{"SageMaker.AmazonSageMakerException", "SageMaker.ResourceLimitExceededException", sfn.ErrorTaskFailed}
	// APIErrors are the errors of aws-sdk:sagemaker calls.
	APIErrors = []string{"SageMaker.SageMakerException"}
)
