// Package alerting gives components an alert topic and CloudWatch alarms that
// publish to it.
//
// A created topic is encrypted with its own customer-managed KMS key (with
// rotation) whose policy lets CloudWatch alarms use it: alarms cannot publish
// to a topic encrypted with the AWS-managed aws/sns key. EventBridge rules
// named in TopicArgs.EventRuleArns may publish to it too. NewTopic builds a
// component's own topic; NewShared the same topic for many components (the
// public alerts.AlertTopic), whose policy NewPolicy adds once their rules exist.
package alerting

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/observe"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/internal/verify"
)

// TopicArgs says whether to use a given topic or create one.
type TopicArgs struct {
	// StableName is the name the key's description derives from (the
	// component's StableName); empty means the topic's name.
	StableName string
	// ExistingArn is a topic to publish to instead of creating one.
	ExistingArn pulumi.StringInput
	// ExistingKeyArn is the KMS key that encrypts ExistingArn, if any; publishers get use of it.
	ExistingKeyArn pulumi.StringInput
	// Email subscribes an address to a created topic.
	Email string
	// EventRuleArns are EventBridge rules that publish to a created topic:
	// its policy lets events.amazonaws.com publish when the message comes
	// from one of them, and its key lets EventBridge encrypt for the
	// account's topics. A given topic's policies are managed where the
	// topic is: its owner grants the same.
	EventRuleArns []pulumi.StringInput
	Tags          pulumi.StringMap
	// Keep retains (and protects) a created topic and its key, and retains
	// the topic's policy, when the component is deleted.
	Keep keep.Policy
}

// Validate records the problems of a component's alert settings, under the
// field names components give them (AlertTopicArn, AlertTopicKmsKeyArn,
// AlertEmail): a key without a topic, an email next to a given topic, a
// topic or key that is not an ARN of its kind, an address that is none.
func (a TopicArgs) Validate(errs *check.Errors) {
	if a.ExistingArn == nil && a.ExistingKeyArn != nil {
		errs.Addf("AlertTopicKmsKeyArn", "is set without `AlertTopicArn`; a created topic gets its own key")
	}
	if a.ExistingArn != nil && a.Email != "" {
		errs.Addf("AlertEmail", "%q is set with `AlertTopicArn`; subscribe to the existing topic where it is managed", a.Email)
	}
	if a.Email != "" {
		errs.Field("AlertEmail", verify.Email(a.Email))
	}
	errs.Plain("AlertTopicArn", a.ExistingArn, verify.SNSTopicARN)
	errs.Plain("AlertTopicKmsKeyArn", a.ExistingKeyArn, verify.KMSKeyARN)
}

// Deployed returns a with a given topic and key re-checked once their values
// are known (see check.Deployed), under the same field names as Validate.
func (a TopicArgs) Deployed(kind, name string) TopicArgs {
	a.ExistingArn = check.Deployed(kind, name, "AlertTopicArn", a.ExistingArn, verify.SNSTopicARN)
	a.ExistingKeyArn = check.Deployed(kind, name, "AlertTopicKmsKeyArn", a.ExistingKeyArn, verify.KMSKeyARN)
	return a
}

// Topic is where a component's alerts go.
type Topic struct {
	Arn pulumi.StringOutput
	// KeyArn is the key encrypting the topic; "" when none is known.
	KeyArn pulumi.StringOutput
	// Policy is a created topic's policy, which holds the grants to
	// CloudWatch alarms and to TopicArgs.EventRuleArns; nil for a given topic.
	Policy *sns.TopicPolicy
	hasKey bool
	// keep is what becomes of a created topic, key and policy on delete.
	keep keep.Policy
}

// NewTopic returns the given topic or creates an encrypted one named
// name (children name, name-key, name-policy, name-email). opts carry the
// parent. A created topic's policy and key let CloudWatch alarms and the
// rules in args.EventRuleArns publish (see eventBridgePublishes).
func NewTopic(ctx *pulumi.Context, name string, env awsenv.Env, args TopicArgs, opts ...pulumi.ResourceOption) (*Topic, error) {
	if args.ExistingArn != nil {
		t := &Topic{Arn: args.ExistingArn.ToStringOutput(), KeyArn: pulumi.String("").ToStringOutput()}
		if args.ExistingKeyArn != nil {
			t.KeyArn = args.ExistingKeyArn.ToStringOutput()
			t.hasKey = true
		}
		return t, nil
	}
	t, err := newKeyAndTopic(ctx, name, env, args, len(args.EventRuleArns) > 0, opts...)
	if err != nil {
		return nil, err
	}
	if err := t.NewPolicy(ctx, name, env, args.EventRuleArns, PolicyOwner{}, opts...); err != nil {
		return nil, err
	}
	if err := t.subscribe(ctx, name, args.Email, opts...); err != nil {
		return nil, err
	}
	return t, nil
}

// NewShared creates the encrypted topic name that many components share
// (children name, name-key and, with args.Email, name-email), without its
// policy: the EventBridge rules that publish to it are created by the
// components it is given to, so the caller adds the policy with NewPolicy
// once they exist. Its key lets CloudWatch alarms and EventBridge use it
// from the start, since which rules will publish is not known yet (the
// topic policy names them). args.ExistingArn and args.EventRuleArns are
// not used.
func NewShared(ctx *pulumi.Context, name string, env awsenv.Env, args TopicArgs, opts ...pulumi.ResourceOption) (*Topic, error) {
	t, err := newKeyAndTopic(ctx, name, env, args, true, opts...)
	if err != nil {
		return nil, err
	}
	if err := t.subscribe(ctx, name, args.Email, opts...); err != nil {
		return nil, err
	}
	return t, nil
}

// newKeyAndTopic creates name-key, a customer-managed key with rotation
// that CloudWatch alarms (and, with eventBridge, EventBridge) may use, and
// the topic name encrypted with it. IAM policies of the account grant the
// key's use to roles (AccountAdministersKey): Step Functions roles and the
// roles Snowflake publishes with name it in their own policies.
func newKeyAndTopic(ctx *pulumi.Context, name string, env awsenv.Env, args TopicArgs, eventBridge bool, opts ...pulumi.ResourceOption) (*Topic, error) {
	root := env.ARN("iam", false, "root")
	keyPolicy := iampolicy.Document{Statements: []iampolicy.Statement{
		iampolicy.AccountAdministersKey(root),
		{
			Sid:        "CloudWatchAlarmsUseKey",
			Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("cloudwatch.amazonaws.com")},
			Actions:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			Resources:  iampolicy.Strings("*"),
			Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: iampolicy.Inputs(env.Account)}},
		},
	}}
	if eventBridge {
		keyPolicy.Statements = append(keyPolicy.Statements, eventBridgeUsesKey(env))
	}
	key, err := kms.NewKey(ctx, name+"-key", &kms.KeyArgs{
		Description:          pulumi.Sprintf("schedkit alerts of %s", naming.Stable(name, args.StableName)),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               keyPolicy.Render(),
		Tags:                 args.Tags,
	}, args.Keep.Stateful(opts...)...)
	if err != nil {
		return nil, fmt.Errorf("creating alert key: %w", err)
	}
	topic, err := sns.NewTopic(ctx, name, &sns.TopicArgs{
		KmsMasterKeyId: key.Arn,
		Tags:           args.Tags,
	}, args.Keep.Stateful(opts...)...)
	if err != nil {
		return nil, fmt.Errorf("creating alert topic: %w", err)
	}
	return &Topic{Arn: topic.Arn, KeyArn: key.Arn, hasKey: true, keep: args.Keep}, nil
}

// PolicyOwner names, in the error of a topic policy past SNS's size limit
// (verify.TopicPolicy), the component and the argument whose rules grew it.
// The zero PolicyOwner checks nothing: a component's own topic lets at most
// one rule publish, far under the limit.
type PolicyOwner struct{ Kind, Name, Field string }

// NewPolicy creates name-policy, the created topic's one policy: CloudWatch
// alarms of the account publish, the rules in eventRules publish (see
// eventBridgePublishes; none when empty), and nothing is published without
// TLS. Each rule adds its ARN to one condition, so the policy grows with
// eventRules: with an owner, a policy past SNS's limit fails the deployment
// with a verify.Problem of owner's field once the ARNs are known, before
// the policy is sent (a schedkit plan reports it; a Pulumi preview only
// when the rules already exist). It sets t.Policy.
func (t *Topic) NewPolicy(ctx *pulumi.Context, name string, env awsenv.Env, eventRules []pulumi.StringInput, owner PolicyOwner, opts ...pulumi.ResourceOption) error {
	topicPolicy := iampolicy.Document{Statements: []iampolicy.Statement{
		{
			Sid:        "CloudWatchAlarmsPublish",
			Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("cloudwatch.amazonaws.com")},
			Actions:    []string{"sns:Publish"},
			Resources:  iampolicy.Inputs(t.Arn),
			Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: iampolicy.Inputs(env.Account)}},
		},
	}}
	if len(eventRules) > 0 {
		topicPolicy.Statements = append(topicPolicy.Statements, eventBridgePublishes(t.Arn, eventRules))
	}
	topicPolicy.Statements = append(topicPolicy.Statements, iampolicy.DenyInsecureTransport("sns:Publish", t.Arn))
	doc := topicPolicy.Render()
	if owner.Kind != "" {
		doc = check.Deployed(owner.Kind, owner.Name, owner.Field, doc, verify.TopicPolicy).ToStringOutput()
	}
	policy, err := sns.NewTopicPolicy(ctx, name+"-policy", &sns.TopicPolicyArgs{
		Arn:    t.Arn,
		Policy: doc,
	}, t.keep.Guard(opts...)...)
	if err != nil {
		return fmt.Errorf("creating alert topic policy: %w", err)
	}
	t.Policy = policy
	return nil
}

// subscribe creates name-email, which subscribes email to the topic; none
// for "".
func (t *Topic) subscribe(ctx *pulumi.Context, name, email string, opts ...pulumi.ResourceOption) error {
	if email == "" {
		return nil
	}
	if _, err := sns.NewTopicSubscription(ctx, name+"-email", &sns.TopicSubscriptionArgs{
		Topic:    t.Arn,
		Protocol: pulumi.String("email"),
		Endpoint: pulumi.String(email),
	}, opts...); err != nil {
		return fmt.Errorf("subscribing %s to alerts: %w", email, err)
	}
	return nil
}

// PublishStatements let a role publish to the topic, and use its key.
func (t *Topic) PublishStatements() []iampolicy.Statement {
	stmts := []iampolicy.Statement{{
		Sid:       "PublishAlerts",
		Actions:   []string{"sns:Publish"},
		Resources: iampolicy.Inputs(t.Arn),
	}}
	if t.hasKey {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "EncryptAlerts",
			Actions:   []string{"kms:Decrypt", "kms:GenerateDataKey"},
			Resources: iampolicy.Inputs(t.KeyArn),
		})
	}
	return stmts
}

// Alarm is one CloudWatch alarm on a single metric.
type Alarm struct {
	// Suffix names the alarm child: "<component>-<Suffix>".
	Suffix      string
	Description string
	Namespace   string
	Metric      string
	Dimensions  pulumi.StringMap
	// Statistic defaults to Sum.
	Statistic string
	// PeriodSeconds defaults to 300.
	PeriodSeconds int
	// EvaluationPeriods defaults to 1.
	EvaluationPeriods int
	// DatapointsToAlarm makes an M-of-N alarm: it fires when this many of
	// the EvaluationPeriods breach. Leave 0 for CloudWatch's default (all of them).
	DatapointsToAlarm int
	Threshold         float64
	// Comparison defaults to GreaterThanOrEqualToThreshold.
	Comparison string
}

// NewAlarms creates each alarm with the topic as alarm and OK action, treating
// missing data as not breaching.
func NewAlarms(ctx *pulumi.Context, component string, topic *Topic, tags pulumi.StringMap, alarms []Alarm, opts ...pulumi.ResourceOption) ([]*cloudwatch.MetricAlarm, error) {
	var out []*cloudwatch.MetricAlarm
	for _, a := range alarms {
		stat, period, evals, cmp := a.Statistic, a.PeriodSeconds, a.EvaluationPeriods, a.Comparison
		if stat == "" {
			stat = "Sum"
		}
		if period == 0 {
			period = 300
		}
		if evals == 0 {
			evals = 1
		}
		if cmp == "" {
			cmp = "GreaterThanOrEqualToThreshold"
		}
		args := &cloudwatch.MetricAlarmArgs{
			AlarmDescription:   pulumi.String(a.Description),
			Namespace:          pulumi.String(a.Namespace),
			MetricName:         pulumi.String(a.Metric),
			Dimensions:         a.Dimensions,
			Statistic:          pulumi.String(stat),
			Period:             pulumi.Int(period),
			EvaluationPeriods:  pulumi.Int(evals),
			Threshold:          pulumi.Float64(a.Threshold),
			ComparisonOperator: pulumi.String(cmp),
			TreatMissingData:   pulumi.String("notBreaching"),
			AlarmActions:       pulumi.Array{topic.Arn},
			OkActions:          pulumi.Array{topic.Arn},
			Tags:               tags,
		}
		if a.DatapointsToAlarm > 0 {
			args.DatapointsToAlarm = pulumi.Int(a.DatapointsToAlarm)
		}
		alarm, err := cloudwatch.NewMetricAlarm(ctx, component+"-"+a.Suffix, args, opts...)
		if err != nil {
			return nil, fmt.Errorf("creating alarm %s: %w", a.Suffix, err)
		}
		dims := map[string]pulumi.StringInput{}
		for k, v := range a.Dimensions {
			dims[k] = v
		}
		threshold := a.Threshold
		observe.Add(ctx, observe.Graph{
			Component: component, Title: a.Description, Threshold: &threshold,
			Metrics: []observe.Metric{{Namespace: a.Namespace, Name: a.Metric, Dimensions: dims, Stat: stat}},
		})
		out = append(out, alarm)
	}
	return out, nil
}

// StateMachineAlarms are the alarms every workflow gets: executions failed,
// timed out and aborted, each at one or more in five minutes.
func StateMachineAlarms(stateMachineArn pulumi.StringInput) []Alarm {
	dims := pulumi.StringMap{"StateMachineArn": stateMachineArn}
	return []Alarm{
		{Suffix: "executions-failed", Description: "A workflow execution failed.", Namespace: "AWS/States", Metric: "ExecutionsFailed", Dimensions: dims, Threshold: 1},
		{Suffix: "executions-timed-out", Description: "A workflow execution timed out.", Namespace: "AWS/States", Metric: "ExecutionsTimedOut", Dimensions: dims, Threshold: 1},
		{Suffix: "executions-aborted", Description: "A workflow execution was aborted.", Namespace: "AWS/States", Metric: "ExecutionsAborted", Dimensions: dims, Threshold: 1},
	}
}

// QueueDepthAlarm fires when any message waits in a dead-letter or failure queue.
func QueueDepthAlarm(suffix, description string, queueName pulumi.StringInput) Alarm {
	return Alarm{
		Suffix: suffix, Description: description,
		Namespace: "AWS/SQS", Metric: "ApproximateNumberOfMessagesVisible",
		Dimensions: pulumi.StringMap{"QueueName": queueName},
		Statistic:  "Maximum", Threshold: 1,
	}
}
