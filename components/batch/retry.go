package batch

import (
	"fmt"
	"time"

	"github.com/schedkit/schedkit/components/internal/check"
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
	SageMakerJobErrors = []string{"SageMaker.AmazonSageMakerException", "SageMaker.ResourceLimitExceededException", sfn.ErrorTaskFailed}
	// SageMakerAPIErrors are the errors of aws-sdk:sagemaker calls.
	SageMakerAPIErrors = []string{"SageMaker.SageMakerException"}
	// MapTransientErrors: the item reader or result writer hit a transient S3 error.
	MapTransientErrors = []string{"States.ItemReaderFailed", "States.ResultWriterFailed"}
)

// WithDefaults returns p with every unset field at its default; errors are
// the kind's transient errors, used when p.Errors is empty.
func (p *RetryPolicy) WithDefaults(errors []string) RetryPolicy {
	var out RetryPolicy
	if p != nil {
		out = *p
	}
	if len(out.Errors) == 0 {
		out.Errors = append([]string(nil), errors...)
	}
	if out.MaxAttempts == nil {
		n := DefaultRetryAttempts
		out.MaxAttempts = &n
	}
	if out.Interval == 0 {
		out.Interval = DefaultRetryInterval
	}
	if out.BackoffRate == 0 {
		out.BackoffRate = DefaultBackoffRate
	}
	if out.MaxDelay == 0 {
		out.MaxDelay = DefaultRetryMaxDelay
	}
	return out
}

// Retrier renders a defaulted policy.
func (p RetryPolicy) Retrier() sfn.Retrier {
	return sfn.Retrier{
		ErrorEquals:     p.Errors,
		IntervalSeconds: int(p.Interval.Seconds()),
		MaxAttempts:     *p.MaxAttempts,
		BackoffRate:     p.BackoffRate,
		MaxDelaySeconds: int(p.MaxDelay.Seconds()),
		JitterStrategy:  sfn.JitterFull,
	}
}

// ValidateRetry records every problem of p (already defaulted) under field.
func ValidateRetry(errs *check.Errors, field string, p RetryPolicy) {
	errs.Range(field+".MaxAttempts", *p.MaxAttempts, 0, 10)
	if p.Interval < time.Second || p.Interval > time.Hour || p.Interval%time.Second != 0 {
		errs.Addf(field+".Interval", "%s is outside 1s–1h0m0s in whole seconds", p.Interval)
	}
	if p.BackoffRate < 1 || p.BackoffRate > 10 {
		errs.Addf(field+".BackoffRate", "%g is outside 1–10", p.BackoffRate)
	}
	if p.MaxDelay < p.Interval || p.MaxDelay > 24*time.Hour || p.MaxDelay%time.Second != 0 {
		errs.Addf(field+".MaxDelay", "%s is not between `%s.Interval` %s and 24h0m0s in whole seconds", p.MaxDelay, field, p.Interval)
	}
	for i, e := range p.Errors {
		if e == "" {
			errs.Addf(fmt.Sprintf("%s.Errors[%d]", field, i), "is empty")
		}
		if e == sfn.ErrorAll && len(p.Errors) > 1 {
			errs.Addf(field+".Errors", "has States.ALL with other errors; States.ALL must stand alone")
		}
	}
}
