// Package trigger describes when a schedkit workflow starts: an EventBridge
// Scheduler Schedule, or ObjectCreated, an EventBridge rule on S3 objects
// created under a prefix; each with its retry policy. Components take them
// as arguments (Schedule, S3Trigger, NewData) and validate them before
// anything is registered.
package trigger

import "time"

// Defaults of a Schedule, each documented on its field.
const (
	DefaultTimezone      = "UTC"
	DefaultRetryAttempts = 3
	DefaultMaxEventAge   = time.Hour
)

// Limits EventBridge puts on a target's retry policy (a Scheduler schedule's
// and a rule's alike) and on a schedule's flexible window.
const (
	MaxEventAgeLowerBound  = time.Minute
	MaxEventAgeUpperBound  = 24 * time.Hour
	MaxRetryAttemptsBound  = 185
	MaxFlexibleWindowBound = 1440
)

// Schedule is when and how EventBridge Scheduler starts a workflow. Failed
// starts are retried RetryAttempts times, then land in the component's
// encrypted dead-letter queue.
type Schedule struct {
	// Expression is an EventBridge Scheduler expression: cron(...) with six
	// fields, rate(...) or at(...). Required.
	Expression string
	// Timezone is the IANA zone the expression is read in. Defaults to UTC.
	Timezone string
	// StartDate and EndDate bound the schedule (RFC 3339). Optional.
	StartDate, EndDate string
	// FlexibleWindowMinutes lets Scheduler start up to this many minutes late,
	// 1–1440. Defaults to 0 (off).
	FlexibleWindowMinutes int
	// Enabled turns the schedule on. Defaults to true.
	Enabled *bool
	// RetryAttempts is how often Scheduler retries a failed start, 0–185. Defaults to 3.
	RetryAttempts *int
	// MaxEventAge drops a start Scheduler could not deliver for this long
	// (to the dead-letter queue), 1m–24h. Defaults to 1 hour.
	MaxEventAge time.Duration
	// DeadlineGrace is how long after each scheduled time a run must have
	// succeeded; past it, the component's alert topic gets a deadline
	// alert naming the run that was due and the last success. The check
	// runs on this schedule's own calendar and is disabled with it.
	// 1m–364d in whole seconds, longer than the flexible window. Defaults
	// to the component's maximum runtime plus the flexible window plus 5
	// minutes.
	DeadlineGrace time.Duration
}

// WithDefaults returns s with unset fields at their defaults.
func (s Schedule) WithDefaults() Schedule {
	if s.Timezone == "" {
		s.Timezone = DefaultTimezone
	}
	if s.Enabled == nil {
		t := true
		s.Enabled = &t
	}
	if s.RetryAttempts == nil {
		n := DefaultRetryAttempts
		s.RetryAttempts = &n
	}
	if s.MaxEventAge == 0 {
		s.MaxEventAge = DefaultMaxEventAge
	}
	return s
}
