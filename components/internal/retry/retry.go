// Package retry gives a workflow step's retry policy its defaults, its
// validation and its States Language form:
//
//	batch.RetryPolicy ─convert→ Policy ─WithDefaults→ Validate / Retrier → sfn.Retrier (full jitter)
package retry

import (
	"fmt"
	"time"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/sfn"
)

// Defaults of a Policy (batch.RetryPolicy documents them to users).
const (
	DefaultAttempts    = 2
	DefaultInterval    = 10 * time.Second
	DefaultBackoffRate = 2.0
	DefaultMaxDelay    = 5 * time.Minute
)

// Policy is the behaviour of the public batch.RetryPolicy, kept out of the
// public API. It has exactly batch.RetryPolicy's fields, in the same order,
// so each converts to the other (retry.Policy(p)); the compiler rejects the
// conversion should they drift apart. batch.RetryPolicy documents the fields.
type Policy struct {
	Errors      []string
	MaxAttempts *int
	Interval    time.Duration
	BackoffRate float64
	MaxDelay    time.Duration
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
