package batch

import (
	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
)

// RetryPolicy says how a step is retried: exponential backoff with full
// jitter, on the listed errors only. Every field has a default: Errors the
// step kind's transient errors (ECSTransientErrors, ...), MaxAttempts 2
// (0–10), Interval 10s (1s–1h), BackoffRate 2 (1–10), MaxDelay 5 minutes.
// It is the one policy inference and training take too
// (inference.RetryPolicy and training.RetryPolicy are the same type).
type RetryPolicy = retry.Policy

// Transient errors each kind of step retries on by default.
var (
	// ECSTransientErrors: RunTask returned failures (e.g. no capacity), ECS
	// service errors and throttling.
	ECSTransientErrors = []string{"ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException", "AmazonECS.Unknown"}
	// LambdaTransientErrors are the errors AWS recommends retrying for lambda:invoke.
	LambdaTransientErrors = []string{"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"}
	// SageMakerJobErrors: the create call failed (throttling, instance limit)
	// or the job itself failed (States.TaskFailed). A retried job runs under
	// a new name.
	SageMakerJobErrors = sagemaker.JobErrors
	// MapTransientErrors: the item reader or result writer hit a transient S3 error.
	MapTransientErrors = []string{"States.ItemReaderFailed", "States.ResultWriterFailed"}
)
