package workflow

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/queues"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/internal/verify"
)

// ValidateObjectCreated records every problem of t under field ("S3Trigger").
func ValidateObjectCreated(errs *check.Errors, field string, t trigger.ObjectCreated) {
	t = t.WithDefaults()
	if t.S3Uri == "" {
		errs.Addf(field+".S3Uri", "is required, e.g. s3://bucket/incoming/")
	} else if _, err := s3uri.Parse(t.S3Uri); err != nil {
		errs.Field(field+".S3Uri", err)
	}
	if t.Suffix != "" && (strings.ContainsAny(t.Suffix, "*\\\" \t\n") || len(t.Suffix) > verify.MaxKeyPrefix) {
		errs.Addf(field+".Suffix", "%q may not hold *, \\, quotes or white space (it becomes an EventBridge wildcard pattern)", t.Suffix)
	}
	validateDelivery(errs, field+".RetryAttempts", *t.RetryAttempts, field+".MaxEventAge", t.MaxEventAge)
}

// ObjectCreatedChildNames are the auto-named children NewObjectCreated creates.
func ObjectCreatedChildNames(name string) map[string]naming.Kind {
	return map[string]naming.Kind{
		naming.Child(name, "s3-rule"): naming.EventRule,
		naming.Child(name, "s3-role"): naming.IAMRole,
		naming.Child(name, "s3-dlq"):  naming.SQSQueue,
	}
}

// ObjectCreatedArgs say what the rule starts.
type ObjectCreatedArgs struct {
	Trigger trigger.ObjectCreated
	// StateMachineArn is the workflow to start.
	StateMachineArn pulumi.StringOutput
	// Description of the rule.
	Description string
	// Alerts receives the dead-letter queue's depth alarm.
	Alerts *alerting.Topic
	// Tags of every child.
	Tags pulumi.StringMap
	// Retain keeps the dead-letter queue when the component is deleted.
	Retain bool
}

// ObjectCreatedRule is a created object-created trigger: the rule, its
// target, the target's dead-letter queue and the role EventBridge starts
// the workflow with.
type ObjectCreatedRule struct {
	Rule   *cloudwatch.EventRule
	Target *cloudwatch.EventTarget
	Queue  *queues.Queue
	Role   *iam.Role
}

// NewObjectCreated creates, as children of parent:
//
//	name-s3-rule                        EventBridge rule on the bucket's Object Created events under the prefix
//	name-s3-dlq (+ name-s3-dlq-policy)  encrypted dead-letter queue; its policy is
//	                                    TLS-only and lets exactly this rule send to it
//	name-s3-role (+ name-s3-policy)     EventBridge starts only this workflow with it
//	name-s3-target                      the workflow as target, with a retry policy and the queue as DLQ
//	name-s3-notifications               the bucket's EventBridge switch, when asked for
//	name-s3-dlq-depth                   alarm on the queue
//
// EventBridge delivers to a rule target's dead-letter queue with the
// queue's resource policy, not the target's role; the queue's one policy
// therefore holds both the TLS-only deny and the grant to this rule. The
// grant names the rule and the target names the queue: the policy is a
// child of its own, so neither waits for the other.
func NewObjectCreated(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, args ObjectCreatedArgs) (*ObjectCreatedRule, error) {
	p := pulumi.Parent(parent)
	t := args.Trigger.WithDefaults()
	u, err := s3uri.Parse(t.S3Uri)
	if err != nil {
		return nil, fmt.Errorf("`S3Trigger.S3Uri` %w", err)
	}
	pattern, err := eventPattern(u, t.Suffix)
	if err != nil {
		return nil, err
	}
	rule, err := cloudwatch.NewEventRule(ctx, naming.Child(name, "s3-rule"), &cloudwatch.EventRuleArgs{
		Description:  pulumi.String(args.Description),
		EventPattern: pulumi.String(pattern),
		State:        pulumi.String(stateOf(*t.Enabled)),
		Tags:         args.Tags,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger rule: %w", err)
	}
	dlq, err := queues.NewDeadLetterWithStatements(ctx, naming.Child(name, "s3-dlq"), args.Tags, args.Retain, func(queueArn pulumi.StringOutput) []iampolicy.Statement {
		return []iampolicy.Statement{ruleDeadLetters(queueArn, rule.Arn)}
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger dead-letter queue: %w", err)
	}
	role, rolePolicy, err := newStarterRole(ctx, name, env, args.StateMachineArn, args.Tags, starter{
		prefix: "s3", what: "S3 trigger", service: "events.amazonaws.com",
		description: pulumi.Sprintf("EventBridge starts %s with this role when objects arrive under %s", name, t.S3Uri),
	}, p)
	if err != nil {
		return nil, err
	}
	target, err := cloudwatch.NewEventTarget(ctx, naming.Child(name, "s3-target"), &cloudwatch.EventTargetArgs{
		Rule:    rule.Name,
		Arn:     args.StateMachineArn,
		RoleArn: role.Arn,
		RetryPolicy: cloudwatch.EventTargetRetryPolicyArgs{
			MaximumRetryAttempts:     pulumi.Int(*t.RetryAttempts),
			MaximumEventAgeInSeconds: pulumi.Int(int(t.MaxEventAge.Seconds())),
		},
		DeadLetterConfig: cloudwatch.EventTargetDeadLetterConfigArgs{Arn: dlq.Queue.Arn},
	}, p, pulumi.DependsOn([]pulumi.Resource{rolePolicy, dlq.Policy}))
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger target: %w", err)
	}
	if t.EnableBucketNotifications {
		if _, err := s3.NewBucketNotification(ctx, naming.Child(name, "s3-notifications"), &s3.BucketNotificationArgs{
			Bucket:      pulumi.String(u.Bucket),
			Eventbridge: pulumi.Bool(true),
		}, p); err != nil {
			return nil, fmt.Errorf("turning on EventBridge notifications of %s: %w", u.Bucket, err)
		}
	}
	if err := newDeadLetterAlarm(ctx, name, args.Alerts, args.Tags, "s3-dlq-depth", "An S3 event could not start the workflow.", dlq.Queue.Name, p); err != nil {
		return nil, err
	}
	return &ObjectCreatedRule{Rule: rule, Target: target, Queue: dlq, Role: role}, nil
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

// ruleDeadLetters lets events.amazonaws.com send to the queue when the
// message comes from ruleArn: the grant a rule target's dead-letter queue
// needs in its policy.
func ruleDeadLetters(queueArn, ruleArn pulumi.StringInput) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        "EventBridgeRuleDeadLetters",
		Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("events.amazonaws.com")},
		Actions:    []string{"sqs:SendMessage"},
		Resources:  iampolicy.Inputs(queueArn),
		Conditions: []iampolicy.Condition{{Operator: "ArnEquals", Key: "aws:SourceArn", Values: iampolicy.Inputs(ruleArn)}},
	}
}
