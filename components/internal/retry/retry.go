// Package retry is the retry policy of a workflow step, shared by the
// patterns that run steps (batch, inference, training): its fields and
// defaults, its validation and its States Language form:
//
//	Policy ─WithDefaults→ Validate / Retrier → sfn.Retrier (full jitter)
//
// Programs name it through the patterns' aliases (batch.RetryPolicy,
// inference.RetryPolicy, training.RetryPolicy), so no pattern imports
// another for it.
package retry

import (
	"fmt"
	"time"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/sfn"
)

// Defaults of a Policy, each documented on its field.
const (
	DefaultAttempts    = 2
	DefaultInterval    = 10 * time.Second
	DefaultBackoffRate = 2.0
	DefaultMaxDelay    = 5 * time.Minute
)

// Policy says how a step is retried: exponential backoff with full
// jitter, on the listed errors only. Every field has a default.
type Policy struct {
	// Errors the step is retried on. Defaults to the transient errors of the
	// step's kind (see batch.ECSTransientErrors, batch.LambdaTransientErrors, ...).
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

// WithDefaults returns p (nil for all defaults) with every unset field at
// its default; errors are the step kind's transient errors, used when
// p.Errors is empty.
func (p *Policy) WithDefaults(errors []string) Policy {
	var out Policy
	if p != nil {
		out = *p
	}
	if len(out.Errors) == 0 {
		out.Errors = append([]string(nil), errors...)
	}
	if out.MaxAttempts == nil {
		n := DefaultAttempts
		out.MaxAttempts = &n
	}
	if out.Interval == 0 {
		out.Interval = DefaultInterval
	}
	if out.BackoffRate == 0 {
		out.BackoffRate = DefaultBackoffRate
	}
	if out.MaxDelay == 0 {
		out.MaxDelay = DefaultMaxDelay
	}
	return out
}

// Retrier renders a defaulted policy.
func (p Policy) Retrier() sfn.Retrier {
	return sfn.Retrier{
		ErrorEquals:     p.Errors,
		IntervalSeconds: int(p.Interval.Seconds()),
		MaxAttempts:     *p.MaxAttempts,
		BackoffRate:     p.BackoffRate,
		MaxDelaySeconds: int(p.MaxDelay.Seconds()),
		JitterStrategy:  sfn.JitterFull,
	}
}

// Validate records every problem of p (already defaulted) under field.
func Validate(errs *check.Errors, field string, p Policy) {
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
