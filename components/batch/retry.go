package batch

import (
	"time"

	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/sfn"
)

// RetryPolicy says how a step is retried: exponential backoff with full
// jitter, on the listed errors only. Every field has a default.
type RetryPolicy struct {
	// Errors the step is retried on. Defaults to the transient errors of the
	// step's kind (see ECSTransientErrors, LambdaTransientErrors, ...).
	// States.Timeout is never in a default: a step that ran out of time is not re-run.
	Errors []string
	// MaxAttempts is how many retries follow the first attempt, 0–10. Defaults to 2.
	MaxAttempts *int
	// Interval before the first retry, 1s–1h in whole seconds. Defaults to 10s.
	Interval time.Duration
	// BackoffRate multiplies the interval after each retry, 1–10. Defaults to 2.
	BackoffRate float64
	// MaxDelay caps the interval, in whole seconds, at least Interval. Defaults to 5 minutes.
	MaxDelay time.Duration
}

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

// withDefaults returns p (nil for all defaults) with every unset field at
// its default; errors are the step kind's transient errors.
func (p *RetryPolicy) withDefaults(errors []string) RetryPolicy {
	return RetryPolicy((*retry.Policy)(p).WithDefaults(errors))
}

// retrier renders a defaulted policy.
func (p RetryPolicy) retrier() sfn.Retrier { return retry.Policy(p).Retrier() }
