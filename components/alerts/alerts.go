// Package alerts creates one alert topic for a whole stack. Every schedkit
// component creates its own encrypted topic when used alone; a stack that
// composes many gives each the shared topic's Arn and KmsKeyArn instead
// (their AlertTopicArn and AlertTopicKmsKeyArn), so it pays for one
// customer-managed key, not one per component, and on-call subscribes once:
//
//	AlertTopic: KMS key (rotated) → SNS topic (standard) → email subscription
//	            policy, added by AllowPublishers once the components exist:
//	            CloudWatch alarms, the components' EventBridge rules, TLS only
//
// Every publisher a schedkit component brings can use it: CloudWatch alarms
// and EventBridge rules through the key's and the topic's policies; Step
// Functions workflows and the roles Snowflake's notification integrations
// assume through their own IAM policies, which name the topic and the key
// (the key policy lets the account's IAM policies grant its use). The topic
// is a standard one, as Snowflake error notifications need.
package alerts

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
)

// Type is the AlertTopic's Pulumi type token.
const Type = "schedkit:aws:AlertTopic"

// AlertTopic is one encrypted SNS topic, with its key, that every component
// of a stack sends its alerts to.
type AlertTopic struct {
	pulumi.ResourceState

	// Arn is the topic: give it to each component's AlertTopicArn.
	Arn pulumi.StringOutput `pulumi:"arn"`
	// KmsKeyArn is the key encrypting it: give it to each component's
	// AlertTopicKmsKeyArn, so their roles may publish.
	KmsKeyArn pulumi.StringOutput `pulumi:"kmsKeyArn"`

	name   string
	env    awsenv.Env
	topic  *alerting.Topic
	policy bool
	// children and keep are for the delete lock AllowPublishers registers
	// after the topic's policy, the component's last child.
	children keep.Children
	keep     keep.Policy
}

// NewAlertTopic validates args and registers the key (<name>-key), the
// topic (<name>) and, with Email, its subscription (<name>-email). The
// topic's policy and the delete lock (<name>-delete-lock, keep.Policy.Lock),
// the component's last children, come from AllowPublishers, which completes
// the component: call it once every publisher exists.
func NewAlertTopic(ctx *pulumi.Context, name string, args *AlertTopicArgs, opts ...pulumi.ResourceOption) (*AlertTopic, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	at := &AlertTopic{name: name, keep: keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}}
	if err := ctx.RegisterComponentResource(Type, name, at, at.children.Options(opts)...); err != nil {
		return nil, err
	}
	at.env = awsenv.Lookup(ctx, at)
	topic, err := alerting.NewShared(ctx, name, at.env, alerting.TopicArgs{
		StableName: a.StableName,
		Email:      a.Email, Tags: tags.For(Type, name, a.Tags), Keep: at.keep,
	}, pulumi.Parent(at))
	if err != nil {
		return nil, fmt.Errorf("%s %q: %w", kind, name, err)
	}
	// The outputs are registered by AllowPublishers, with the last child.
	at.topic, at.Arn, at.KmsKeyArn = topic, topic.Arn, topic.KeyArn
	return at, nil
}

// AllowPublishers registers the topic's one policy (<name>-policy): the
// account's CloudWatch alarms may publish (aws:SourceAccount), so may
// exactly the EventBridge rules in eventRules (aws:SourceArn) — a
// TrainingPipeline's ApprovalRuleArn, for one — and nothing may publish
// without TLS. Call it once, after the components whose rules publish: the
// rules are theirs, and they need the topic first. Until the policy exists
// the topic has SNS's default policy, which lets the account's own
// principals publish but not EventBridge; a notice a rule sends meanwhile
// is retried by its target and, failing that, kept in its dead-letter queue.
// Each rule adds its ARN to the policy (86 bytes for a rule name of 32
// characters, 118 for EventBridge's longest rule name, 64), and SNS allows 30 KB for a
// topic's policy: past it, after some 250 to 350 rules, the deployment fails
// naming AllowPublishers (verify.TopicPolicy) before the policy is sent,
// instead of AWS refusing it: at preview when the rules already exist,
// during the update when they are created with it (a new rule's ARN is
// unknown at preview).
func (at *AlertTopic) AllowPublishers(ctx *pulumi.Context, eventRules ...pulumi.StringInput) error {
	if at.policy {
		return fmt.Errorf("%s %q: AllowPublishers is called twice; a topic has one policy, so give every rule in one call", kind, at.name)
	}
	for i, r := range eventRules {
		if r == nil {
			return fmt.Errorf("%s %q: AllowPublishers: event rule %d is nil", kind, at.name, i)
		}
	}
	owner := alerting.PolicyOwner{Kind: kind, Name: at.name, Field: "AllowPublishers"}
	if err := at.topic.NewPolicy(ctx, at.name, at.env, eventRules, owner, pulumi.Parent(at)); err != nil {
		return fmt.Errorf("%s %q: %w", kind, at.name, err)
	}
	at.policy = true
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := at.keep.Lock(ctx, at, at.name, &at.children); err != nil {
		return fmt.Errorf("%s %q: registering the delete lock: %w", kind, at.name, err)
	}
	if err := ctx.RegisterResourceOutputs(at, pulumi.Map{
		"arn":       at.Arn,
		"kmsKeyArn": at.KmsKeyArn,
	}); err != nil {
		return fmt.Errorf("%s %q: registering outputs: %w", kind, at.name, err)
	}
	return nil
}
