package batch

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/queues"
)

// S3Trigger starts a workflow for every object created under a prefix,
// through an EventBridge rule on S3's "Object Created" events.
//
// S3 sends those events only when the bucket's EventBridge notifications
// are on. A bucket has exactly one notification configuration, so turn
// EnableBucketNotifications on only when nothing else manages the bucket's
// notifications; otherwise turn EventBridge on where they are managed
// (s3.BucketNotification with Eventbridge: true).
type S3Trigger struct {
	// S3Uri is "s3://bucket/prefix": objects created under it start a run. Required.
	S3Uri string
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
}

// WithDefaults returns t with unset fields at their defaults.
func (t S3Trigger) WithDefaults() S3Trigger {
	if t.Enabled == nil {
		v := true
		t.Enabled = &v
	}
	if t.RetryAttempts == nil {
		n := DefaultS3TriggerRetryAttempts
		t.RetryAttempts = &n
	}
	if t.MaxEventAge == 0 {
		t.MaxEventAge = DefaultS3TriggerMaxEventAge
	}
	return t
}

// ValidateS3Trigger records every problem of t under field ("S3Trigger").
func ValidateS3Trigger(errs *check.Errors, field string, t S3Trigger) {
	t = t.WithDefaults()
	if t.S3Uri == "" {
		errs.Addf(field+".S3Uri", "is required, e.g. s3://bucket/incoming/")
	} else if _, err := ParseS3URI(t.S3Uri); err != nil {
		errs.Field(field+".S3Uri", err)
	}
	errs.Range(field+".RetryAttempts", *t.RetryAttempts, 0, 185)
	if age := t.MaxEventAge; age < time.Minute || age > 24*time.Hour || age%time.Second != 0 {
		errs.Addf(field+".MaxEventAge", "%s is outside 1m0s–24h0m0s in whole seconds", age)
	}
}

// S3TriggerChildNames are the auto-named children NewS3Trigger creates.
func S3TriggerChildNames(name string) map[string]naming.Kind {
	return map[string]naming.Kind{
		naming.Child(name, "s3-rule"): naming.EventRule,
		naming.Child(name, "s3-role"): naming.IAMRole,
		naming.Child(name, "s3-dlq"):  naming.SQSQueue,
	}
}

// EventPattern is the rule's pattern: S3 "Object Created" events of the
// bucket whose key starts with the prefix.
func EventPattern(u S3URI) (string, error) {
	b, err := json.Marshal(map[string]any{
		"source":      []string{"aws.s3"},
		"detail-type": []string{"Object Created"},
		"detail": map[string]any{
			"bucket": map[string]any{"name": []string{u.Bucket}},
			"object": map[string]any{"key": []map[string]string{{"prefix": u.Key}}},
		},
	})
	return string(b), err
}

// S3TriggerArgs say what the rule starts.
type S3TriggerArgs struct {
	Trigger S3Trigger
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

// S3Events is a created S3 trigger: the rule, its target, the target's
// dead-letter queue and the role EventBridge starts the workflow with.
type S3Events struct {
	Rule   *cloudwatch.EventRule
	Target *cloudwatch.EventTarget
	Queue  *sqs.Queue
	Role   *iam.Role
}

// NewS3Trigger creates, as children of parent:
//
//	name-s3-dlq (+ name-s3-dlq-policy)  encrypted dead-letter queue; its policy is
//	                                    TLS-only and lets exactly this rule send to it
//	name-s3-rule                        EventBridge rule on the bucket's Object Created events under the prefix
//	name-s3-role (+ name-s3-policy)     EventBridge starts only this workflow with it
//	name-s3-target                      the workflow as target, with a retry policy and the queue as DLQ
//	name-s3-notifications               the bucket's EventBridge switch, when asked for
//	name-s3-dlq-depth                   alarm on the queue
//
// EventBridge delivers to a rule target's dead-letter queue with the
// queue's resource policy, not the target's role; the queue's one policy
// therefore holds both the TLS-only deny and the grant to this rule.
func NewS3Trigger(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, args S3TriggerArgs) (*S3Events, error) {
	p := pulumi.Parent(parent)
	t := args.Trigger.WithDefaults()
	u, err := ParseS3URI(t.S3Uri)
	if err != nil {
		return nil, fmt.Errorf("`S3Trigger.S3Uri` %w", err)
	}
	pattern, err := EventPattern(u)
	if err != nil {
		return nil, err
	}
	// The queue mirrors queues.NewDeadLetter; its policy is created below
	// with the rule's grant, since a queue has a single policy.
	q, err := sqs.NewQueue(ctx, naming.Child(name, "s3-dlq"), &sqs.QueueArgs{
		SqsManagedSseEnabled:    pulumi.Bool(true),
		MessageRetentionSeconds: pulumi.Int(queues.RetentionSeconds),
		Tags:                    args.Tags,
	}, p, pulumi.RetainOnDelete(args.Retain))
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger dead-letter queue: %w", err)
	}
	state := "ENABLED"
	if !*t.Enabled {
		state = "DISABLED"
	}
	rule, err := cloudwatch.NewEventRule(ctx, naming.Child(name, "s3-rule"), &cloudwatch.EventRuleArgs{
		Description:  pulumi.String(args.Description),
		EventPattern: pulumi.String(pattern),
		State:        pulumi.String(state),
		Tags:         args.Tags,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger rule: %w", err)
	}
	queuePolicy, err := sqs.NewQueuePolicy(ctx, naming.Child(name, "s3-dlq-policy"), &sqs.QueuePolicyArgs{
		QueueUrl: q.Url,
		Policy:   DeadLetterPolicy(q.Arn, rule.Arn).Render(),
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger dead-letter queue policy: %w", err)
	}
	role, err := iam.NewRole(ctx, naming.Child(name, "s3-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("EventBridge starts %s with this role when objects arrive under %s", name, t.S3Uri),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("events.amazonaws.com", env.Account).Render(),
		Tags:             args.Tags,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger role: %w", err)
	}
	rolePolicy, err := iam.NewRolePolicy(ctx, naming.Child(name, "s3-policy"), &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: iampolicy.Document{Statements: []iampolicy.Statement{
			{Sid: "StartThisWorkflow", Actions: []string{"states:StartExecution"}, Resources: iampolicy.Inputs(args.StateMachineArn)},
		}}.Render(),
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating S3 trigger policy: %w", err)
	}
	target, err := cloudwatch.NewEventTarget(ctx, naming.Child(name, "s3-target"), &cloudwatch.EventTargetArgs{
		Rule:    rule.Name,
		Arn:     args.StateMachineArn,
		RoleArn: role.Arn,
		RetryPolicy: cloudwatch.EventTargetRetryPolicyArgs{
			MaximumRetryAttempts:     pulumi.Int(*t.RetryAttempts),
			MaximumEventAgeInSeconds: pulumi.Int(int(t.MaxEventAge.Seconds())),
		},
		DeadLetterConfig: cloudwatch.EventTargetDeadLetterConfigArgs{Arn: q.Arn},
	}, p, pulumi.DependsOn([]pulumi.Resource{rolePolicy, queuePolicy}))
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
	if args.Alerts != nil {
		alarm := alerting.QueueDepthAlarm("s3-dlq-depth", "An S3 event could not start the workflow.", q.Name)
		if _, err := alerting.NewAlarms(ctx, name, args.Alerts, args.Tags, []alerting.Alarm{alarm}, p); err != nil {
			return nil, err
		}
	}
	return &S3Events{Rule: rule, Target: target, Queue: q, Role: role}, nil
}

// DeadLetterPolicy is an EventBridge rule target's dead-letter queue
// policy: TLS only, and sqs:SendMessage for events.amazonaws.com when the
// message comes from ruleArn.
func DeadLetterPolicy(queueArn, ruleArn pulumi.StringInput) iampolicy.Document {
	return iampolicy.Document{Statements: []iampolicy.Statement{
		iampolicy.DenyInsecureTransport("sqs:*", queueArn),
		{
			Sid:        "EventBridgeRuleDeadLetters",
			Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("events.amazonaws.com")},
			Actions:    []string{"sqs:SendMessage"},
			Resources:  iampolicy.Inputs(queueArn),
			Conditions: []iampolicy.Condition{{Operator: "ArnEquals", Key: "aws:SourceArn", Values: iampolicy.Inputs(ruleArn)}},
		},
	}}
}
