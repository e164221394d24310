package trigger

import "time"

// Defaults of an ObjectCreated trigger, each documented on its field.
const (
	DefaultObjectCreatedRetryAttempts = 3
	DefaultObjectCreatedMaxEventAge   = time.Hour
)

// ObjectCreated starts a workflow for every object created under a prefix,
// through an EventBridge rule on S3's "Object Created" events. Failed starts
// are retried RetryAttempts times, then land in the component's encrypted
// dead-letter queue.
//
// S3 sends those events only when the bucket's EventBridge notifications
// are on. A bucket has exactly one notification configuration, so turn
// EnableBucketNotifications on only when nothing else manages the bucket's
// notifications; otherwise turn EventBridge on where they are managed
// (s3.BucketNotification with Eventbridge: true).
type ObjectCreated struct {
	// S3Uri is "s3://bucket/prefix": objects created under it start a run. Required.
	S3Uri string
	// Suffix starts a run only for objects whose key ends with it, e.g.
	// "/_SUCCESS" for a completion marker. Optional.
	Suffix string
	// EnableBucketNotifications creates the bucket's notification
	// configuration with EventBridge on. Defaults to false.
	EnableBucketNotifications bool
	// Enabled turns the rule on. Defaults to true.
	Enabled *bool
	// RetryAttempts is how often EventBridge retries a failed start, 0–185. Defaults to 3.
	RetryAttempts *int
	// MaxEventAge drops a start EventBridge could not deliver for this long
	// (to the dead-letter queue), 1m–24h in whole seconds. Defaults to 1 hour.
	MaxEventAge time.Duration
	// MaxAge alerts on the component's topic when no run has succeeded for
	// this long (events have no calendar to say when one is due); checked
	// every quarter of it, at most hourly, and every check past it alerts.
	// 15m–364d in whole minutes. Defaults to 0: off.
	MaxAge time.Duration
}

// WithDefaults returns t with unset fields at their defaults.
func (t ObjectCreated) WithDefaults() ObjectCreated {
	if t.Enabled == nil {
		v := true
		t.Enabled = &v
	}
	if t.RetryAttempts == nil {
		n := DefaultObjectCreatedRetryAttempts
		t.RetryAttempts = &n
	}
	if t.MaxEventAge == 0 {
		t.MaxEventAge = DefaultObjectCreatedMaxEventAge
	}
	return t
}
