package workflow

import (
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/queues"
	"github.com/schedkit/schedkit/components/keep"
)

// RuleStartChildNames are the auto-named children NewRuleStart creates with
// prefix.
func RuleStartChildNames(name, prefix string) map[string]naming.Kind {
	return map[string]naming.Kind{
		naming.Child(name, prefix+"-rule"): naming.EventRule,
		naming.Child(name, prefix+"-role"): naming.IAMRole,
		naming.Child(name, prefix+"-dlq"):  naming.SQSQueue,
	}
}

// RuleStartArgs say which events start the workflow, and how.
type RuleStartArgs struct {
	// Prefix names the children name-<Prefix>-rule, -dlq, -role, -target, ...
	Prefix string
	// What names the trigger in errors ("S3 trigger").
	What string
	// Pattern is the rule's event pattern (JSON); it may be an Output.
	Pattern pulumi.StringInput
	// Description of the rule.
	Description string
	// RoleDescription of the role EventBridge starts the workflow with.
	RoleDescription pulumi.StringInput
	// AlarmDescription says what a message in the dead-letter queue means.
	AlarmDescription string
	// Enabled turns the rule on.
	Enabled bool
	// RetryAttempts (0–185) and MaxEventAge (1m–24h, whole seconds) are
	// the target's retry policy; the caller has validated them.
	RetryAttempts int
	MaxEventAge   time.Duration
	// StateMachineArn is the workflow to start.
	StateMachineArn pulumi.StringOutput
	// Alerts receives the dead-letter queue's depth alarm.
	Alerts *alerting.Topic
	// Tags of every child.
	Tags pulumi.StringMap
	// Keep retains (and protects) the dead-letter queue, and retains its
	// policy, when the component is deleted.
	Keep keep.Policy
	// MaxAge, when not 0, adds the maximum-age check of Workflow (see
	// maxAgePrefix), its failed starts in this trigger's dead-letter queue;
	// the caller has validated it (ValidateMaxAge). Kind names the
	// component in its alert ("trainingpipeline", ...).
	MaxAge   time.Duration
	Kind     string
	Workflow *StateMachine
}

// RuleStart is a created EventBridge rule that starts a workflow: the rule,
// its target, the target's dead-letter queue and the role EventBridge starts
// the workflow with.
type RuleStart struct {
	Rule   *cloudwatch.EventRule
	Target *cloudwatch.EventTarget
	Queue  *queues.Queue
	Role   *iam.Role
}

// NewRuleStart creates, as children of parent (<p> is s.Prefix):
//
//	name-<p>-rule                         EventBridge rule on s.Pattern
//	name-<p>-dlq (+ name-<p>-dlq-policy)  encrypted dead-letter queue; its policy is
//	                                      TLS-only and lets exactly this rule send to it
//	name-<p>-role (+ name-<p>-policy)     EventBridge starts only this workflow with it
//	name-<p>-target                       the workflow as target, with a retry policy and the queue as DLQ
//	name-<p>-dlq-depth                    alarm on the queue, when there is an alert topic
//	name-max-age, -check, ...             with s.MaxAge, the maximum-age check (see maxAgePrefix)
//
// EventBridge delivers to a rule target's dead-letter queue with the
// queue's resource policy, not the target's role; the queue's one policy
// therefore holds both the TLS-only deny and the grant to this rule. The
// grant names the rule and the target names the queue: the policy is a
// child of its own, so neither waits for the other. The target passes the
// matched event as the execution's input.
func NewRuleStart(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, s RuleStartArgs) (*RuleStart, error) {
	p := pulumi.Parent(parent)
	rule, err := cloudwatch.NewEventRule(ctx, naming.Child(name, s.Prefix+"-rule"), &cloudwatch.EventRuleArgs{
		Description:  pulumi.String(s.Description),
		EventPattern: s.Pattern.ToStringOutput(),
		State:        pulumi.String(stateOf(s.Enabled)),
		Tags:         s.Tags,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating %s rule: %w", s.What, err)
	}
	dlq, err := queues.NewDeadLetterWithStatements(ctx, naming.Child(name, s.Prefix+"-dlq"), s.Tags, s.Keep, func(queueArn pulumi.StringOutput) []iampolicy.Statement {
		return []iampolicy.Statement{RuleDeadLetters(queueArn, rule.Arn)}
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating %s dead-letter queue: %w", s.What, err)
	}
	role, rolePolicy, err := newStarterRole(ctx, name, env, s.StateMachineArn, s.Tags, starter{
		prefix: s.Prefix, what: s.What, service: "events.amazonaws.com", description: s.RoleDescription,
	}, p)
	if err != nil {
		return nil, err
	}
	target, err := cloudwatch.NewEventTarget(ctx, naming.Child(name, s.Prefix+"-target"), &cloudwatch.EventTargetArgs{
		Rule:    rule.Name,
		Arn:     s.StateMachineArn,
		RoleArn: role.Arn,
		RetryPolicy: cloudwatch.EventTargetRetryPolicyArgs{
			MaximumRetryAttempts:     pulumi.Int(s.RetryAttempts),
			MaximumEventAgeInSeconds: pulumi.Int(int(s.MaxEventAge.Seconds())),
		},
		DeadLetterConfig: cloudwatch.EventTargetDeadLetterConfigArgs{Arn: dlq.Queue.Arn},
	}, p, pulumi.DependsOn([]pulumi.Resource{rolePolicy, dlq.Policy}))
	if err != nil {
		return nil, fmt.Errorf("creating %s target: %w", s.What, err)
	}
	if err := newDeadLetterAlarm(ctx, name, s.Alerts, s.Tags, s.Prefix+"-dlq-depth", s.AlarmDescription, dlq.Queue.Name, p); err != nil {
		return nil, err
	}
	if s.MaxAge > 0 {
		if _, err := newMaxAgeCheck(ctx, name, env, p, maxAgeArgs{
			Age: s.MaxAge, Kind: s.Kind, Workflow: s.Workflow, Alerts: s.Alerts,
			Queue: dlq, Enabled: s.Enabled, Tags: s.Tags,
		}); err != nil {
			return nil, err
		}
	}
	return &RuleStart{Rule: rule, Target: target, Queue: dlq, Role: role}, nil
}

// RuleDeadLetters lets events.amazonaws.com send to the queue when the
// message comes from ruleArn: the grant a rule target's dead-letter queue
// needs in its policy.
func RuleDeadLetters(queueArn, ruleArn pulumi.StringInput) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        "EventBridgeRuleDeadLetters",
		Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("events.amazonaws.com")},
		Actions:    []string{"sqs:SendMessage"},
		Resources:  iampolicy.Inputs(queueArn),
		Conditions: []iampolicy.Condition{{Operator: "ArnEquals", Key: "aws:SourceArn", Values: iampolicy.Inputs(ruleArn)}},
	}
}

// NewRuleDeadLetters creates, for a rule target that is not a workflow (an
// SNS topic, say), what NewRuleStart gives a workflow target besides its
// role: name-<prefix>-dlq, an encrypted queue only that rule may send to,
// and its depth alarm name-<prefix>-dlq-depth when there is an alert topic.
// Put the queue in the target's DeadLetterConfig, with a retry policy.
func NewRuleDeadLetters(ctx *pulumi.Context, name, prefix string, ruleArn pulumi.StringOutput, alerts *alerting.Topic, tags pulumi.StringMap, kept keep.Policy, description string, parent pulumi.Resource) (*queues.Queue, error) {
	p := pulumi.Parent(parent)
	dlq, err := queues.NewDeadLetterWithStatements(ctx, naming.Child(name, prefix+"-dlq"), tags, kept, func(queueArn pulumi.StringOutput) []iampolicy.Statement {
		return []iampolicy.Statement{RuleDeadLetters(queueArn, ruleArn)}
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating dead-letter queue: %w", err)
	}
	if err := newDeadLetterAlarm(ctx, name, alerts, tags, prefix+"-dlq-depth", description, dlq.Queue.Name, p); err != nil {
		return nil, err
	}
	return dlq, nil
}
