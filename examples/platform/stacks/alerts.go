package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/alerts"
)

// stackAlerts is where every component of the stack sends its alerts: the
// stack's one topic and key (alerts.AlertTopic, subscribed by
// schedkit:alertEmail), or the existing topic of schedkit:alertTopicArn
// (and its key, schedkit:alertTopicKmsKeyArn). One topic instead of one per
// component saves a customer-managed key ($1 a month) per component, and
// on-call confirms one subscription.
type stackAlerts struct {
	// topic and key go to every component's AlertTopicArn and
	// AlertTopicKmsKeyArn; key is nil for a given topic without one.
	topic, key pulumi.StringInput
	// shared is the created topic; nil for a given one.
	shared *alerts.AlertTopic
	// rules are the EventBridge rules that publish to the topic (the
	// training pipelines' approval notices), which its policy lets publish.
	rules []pulumi.StringInput
}

// newStackAlerts creates the stack's alert topic, unless the config names
// an existing one.
func newStackAlerts(ctx *pulumi.Context, s Settings) (*stackAlerts, error) {
	if s.AlertTopicArn != "" {
		al := &stackAlerts{topic: pulumi.String(s.AlertTopicArn)}
		if s.AlertTopicKmsKeyArn != "" {
			al.key = pulumi.String(s.AlertTopicKmsKeyArn)
		}
		return al, nil
	}
	topic, err := alerts.NewAlertTopic(ctx, "alerts", &alerts.AlertTopicArgs{
		Email:          s.AlertEmail,
		RetainOnDelete: s.RetainStatefulResources,
		Protect:        s.ProtectStatefulResources,
		Tags:           map[string]string{"environment": s.Env},
	})
	if err != nil {
		return nil, err
	}
	ctx.Export("alertTopicArn", topic.Arn)
	return &stackAlerts{topic: topic.Arn, key: topic.KmsKeyArn, shared: topic}, nil
}

// publishes records an EventBridge rule that publishes to the topic.
func (al *stackAlerts) publishes(rule pulumi.StringInput) {
	al.rules = append(al.rules, rule)
}

// finish gives the created topic its policy, once every rule that
// publishes to it exists. A given topic's policy is managed where the
// topic is (see the alertTopicArn config's description).
func (al *stackAlerts) finish(ctx *pulumi.Context) error {
	if al.shared == nil {
		return nil
	}
	if err := al.shared.AllowPublishers(ctx, al.rules...); err != nil {
		return fmt.Errorf("stack alerts: %w", err)
	}
	return nil
}
