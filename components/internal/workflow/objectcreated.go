package workflow

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/internal/verify"
)

// ValidateObjectCreated records every problem of t, resolved (its
// defaults applied once, by the component's withDefaults), under field
// ("S3Trigger").
func ValidateObjectCreated(errs *check.Errors, field string, t trigger.ObjectCreated) {
	if t.S3Uri == "" {
		errs.Addf(field+".S3Uri", "is required, e.g. s3://bucket/incoming/")
	} else if u, err := s3uri.Parse(t.S3Uri); err != nil {
		errs.Field(field+".S3Uri", err)
	} else if err := verify.EventKeyChars(u.Key); err != nil {
		errs.Addf(field+".S3Uri", "%q: the key prefix %v", t.S3Uri, err)
	}
	if t.Suffix != "" && (verify.EventKeyChars(t.Suffix) != nil || len(t.Suffix) > verify.MaxKeyPrefix) {
		errs.Addf(field+".Suffix", "%q may contain only letters, digits and -_./ (it becomes an EventBridge wildcard pattern on keys S3 may URL-encode), at most %d characters", t.Suffix, verify.MaxKeyPrefix)
	}
	validateDelivery(errs, field+".RetryAttempts", *t.RetryAttempts, field+".MaxEventAge", t.MaxEventAge)
	ValidateMaxAge(errs, field+".MaxAge", t.MaxAge)
}

// ObjectCreatedChildNames are the auto-named children NewObjectCreated creates.
func ObjectCreatedChildNames(name string) map[string]naming.Kind {
	names := RuleStartChildNames(name, "s3")
	for n, k := range MaxAgeChildNames(name) {
		names[n] = k
	}
	return names
}

// ObjectCreatedArgs say what the rule starts.
type ObjectCreatedArgs struct {
	// Trigger is resolved: its defaults applied by the component.
	Trigger trigger.ObjectCreated
	// StateMachineArn is the workflow to start.
	StateMachineArn pulumi.StringOutput
	// Description of the rule.
	Description string
	// Kind names the component in a maximum-age alert ("trainingpipeline", ...).
	Kind string
	// Workflow is the workflow started; with Trigger.MaxAge its record of
	// the last success is checked.
	Workflow *StateMachine
	// Alerts receives the dead-letter queue's depth alarm.
	Alerts *alerting.Topic
	// Tags of every child.
	Tags pulumi.StringMap
	// Keep retains (and protects) the dead-letter queue, and retains its
	// policy, when the component is deleted.
	Keep keep.Policy
}

// NewObjectCreated creates, as children of parent, the rule start (see
// NewRuleStart) with the prefix "s3" on the bucket's Object Created events
// under the prefix: name-s3-rule, name-s3-dlq (+ -policy), name-s3-role
// (+ name-s3-policy), name-s3-target and name-s3-dlq-depth; with
// Trigger.MaxAge the maximum-age check (see maxAgePrefix); and, when asked
// for, name-s3-notifications, the bucket's EventBridge switch.
func NewObjectCreated(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, args ObjectCreatedArgs) (*RuleStart, error) {
	p := pulumi.Parent(parent)
	t := args.Trigger
	u, err := s3uri.Parse(t.S3Uri)
	if err != nil {
		return nil, fmt.Errorf("`S3Trigger.S3Uri` %w", err)
	}
	pattern, err := eventPattern(u, t.Suffix)
	if err != nil {
		return nil, err
	}
	start, err := NewRuleStart(ctx, name, env, parent, RuleStartArgs{
		Prefix: "s3", What: "S3 trigger", Pattern: pulumi.String(pattern),
		Description:      args.Description,
		RoleDescription:  pulumi.Sprintf("EventBridge starts %s with this role when objects arrive under %s", name, t.S3Uri),
		AlarmDescription: "An S3 event could not start the workflow.",
		Enabled:          *t.Enabled, RetryAttempts: *t.RetryAttempts, MaxEventAge: t.MaxEventAge,
		StateMachineArn: args.StateMachineArn, Alerts: args.Alerts, Tags: args.Tags, Keep: args.Keep,
		MaxAge: t.MaxAge, Kind: args.Kind, Workflow: args.Workflow,
	})
	if err != nil {
		return nil, err
	}
	if t.EnableBucketNotifications {
		if _, err := s3.NewBucketNotification(ctx, naming.Child(name, "s3-notifications"), &s3.BucketNotificationArgs{
			Bucket:      pulumi.String(u.Bucket),
			Eventbridge: pulumi.Bool(true),
		}, p); err != nil {
			return nil, fmt.Errorf("turning on EventBridge notifications of %s: %w", u.Bucket, err)
		}
	}
	return start, nil
}

// eventPattern is the rule's pattern: S3 "Object Created" events of the
// bucket whose key starts with the prefix.
func eventPattern(u s3uri.URI, suffix string) (string, error) {
	// A key with a prefix and a suffix is a wildcard match ("Wildcard
	// matching", Amazon EventBridge User Guide).
	key := map[string]string{"prefix": u.Key}
	if suffix != "" {
		key = map[string]string{"wildcard": u.Key + "*" + suffix}
	}
	b, err := json.Marshal(map[string]any{
		"source":      []string{"aws.s3"},
		"detail-type": []string{"Object Created"},
		"detail": map[string]any{
			"bucket": map[string]any{"name": []string{u.Bucket}},
			"object": map[string]any{"key": []map[string]string{key}},
		},
	})
	return string(b), err
}
