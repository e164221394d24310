package alerts

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	topicType  = "aws:sns/topic:Topic"
	keyType    = "aws:kms/key:Key"
	lockType   = "schedkit:keep:DeleteLock"
	policyType = "aws:sns/topicPolicy:TopicPolicy"
	subType    = "aws:sns/topicSubscription:TopicSubscription"
)

// shared creates the topic "alerts" and, after it, the rules named rules,
// and lets those rules publish.
func shared(t *testing.T, args *AlertTopicArgs, rules ...string) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, func(ctx *pulumi.Context) error {
		topic, err := NewAlertTopic(ctx, "alerts", args)
		if err != nil {
			return err
		}
		var arns []pulumi.StringInput
		for _, r := range rules {
			rule, err := cloudwatch.NewEventRule(ctx, r, &cloudwatch.EventRuleArgs{EventPattern: pulumi.String(`{"source":["aws.sagemaker"]}`)})
			if err != nil {
				return err
			}
			arns = append(arns, rule.Arn)
		}
		return topic.AllowPublishers(ctx, arns...)
	}, synth.Options{})
}

func TestAlertTopic_createsOneEncryptedTopicWithEveryPublishersGrants(t *testing.T) {
	plan := shared(t, &AlertTopicArgs{Email: "oncall@example.com", RetainOnDelete: true}, "approvals")
	assert.Equal(t, []string{
		keyType + " alerts-key",
		topicType + " alerts",
		policyType + " alerts-policy",
		subType + " alerts-email",
		lockType + " alerts-delete-lock",
	}, synthtest.ChildrenOf(t, plan, Type, "alerts"))

	topic := synthtest.Find(t, plan, topicType, "alerts")
	key := synthtest.Find(t, plan, keyType, "alerts-key")
	assert.Equal(t, key.Output("arn"), topic.String("kmsMasterKeyId"))
	assert.Nil(t, topic.Inputs["fifoTopic"], "a standard topic, as Snowflake error notifications need")
	assert.Equal(t, true, key.Inputs["enableKeyRotation"])
	assert.True(t, topic.RetainOnDelete)
	assert.True(t, key.RetainOnDelete)

	keyPolicy := synthtest.ParsePolicy(t, key.String("policy"))
	assert.Equal(t, []string{"AccountAdministersKey", "CloudWatchAlarmsUseKey", "EventBridgeRulesUseKey"}, synthtest.Sids(keyPolicy),
		"the account's IAM policies grant roles (workflows, Snowflake's) the key; alarms and rules need the key policy")

	doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, policyType, "alerts-policy").String("policy"))
	assert.Equal(t, []string{"CloudWatchAlarmsPublish", "EventBridgeRulesPublish", "DenyInsecureTransport"}, synthtest.Sids(doc))
	publish := synthtest.Statement(t, doc, "EventBridgeRulesPublish")
	assert.Equal(t, []string{topic.Output("arn")}, publish.Resource)
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {
		synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "approvals").Output("arn"),
	}}}, publish.Condition, "exactly the rules given, not every rule of the account")
	alarms := synthtest.Statement(t, doc, "CloudWatchAlarmsPublish")
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"aws:SourceAccount": {"123456789012"}}}, alarms.Condition)

	sub := synthtest.Find(t, plan, subType, "alerts-email")
	assert.Equal(t, "email", sub.String("protocol"))
	assert.Equal(t, "oncall@example.com", sub.String("endpoint"))
	assert.Equal(t, topic.Output("arn"), sub.String("topic"))
}

func TestAlertTopic_withoutRulesOrEmail(t *testing.T) {
	plan := shared(t, nil)
	assert.Equal(t, []string{
		keyType + " alerts-key",
		topicType + " alerts",
		policyType + " alerts-policy",
		lockType + " alerts-delete-lock",
	}, synthtest.ChildrenOf(t, plan, Type, "alerts"))
	doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, policyType, "alerts-policy").String("policy"))
	assert.Equal(t, []string{"CloudWatchAlarmsPublish", "DenyInsecureTransport"}, synthtest.Sids(doc))
	assert.False(t, synthtest.Find(t, plan, topicType, "alerts").RetainOnDelete)
}

func TestAlertTopic_hasOnePolicy(t *testing.T) {
	err := synthtest.RunError(t, func(ctx *pulumi.Context) error {
		topic, err := NewAlertTopic(ctx, "alerts", nil)
		if err != nil {
			return err
		}
		if err := topic.AllowPublishers(ctx); err != nil {
			return err
		}
		return topic.AllowPublishers(ctx)
	}, synth.Options{})
	assert.ErrorContains(t, err, `alerttopic "alerts": AllowPublishers is called twice; a topic has one policy`)
}

func TestAlertTopic_refusesBadArgsBeforeRegistering(t *testing.T) {
	err := synthtest.Reject(t, synthtest.Program(NewAlertTopic, "alerts", &AlertTopicArgs{
		Email: "on-call",
		Tags:  map[string]string{"managed-by": "me"},
	}), synth.Options{})
	require.Error(t, err)
	assert.ErrorContains(t, err, "alerttopic \"alerts\": `Email` \"on-call\" is not an email address")
	assert.ErrorContains(t, err, "alerttopic \"alerts\": `Tags` key \"managed-by\" is set by schedkit")
	err = synthtest.Reject(t, synthtest.Program(NewAlertTopic, "alerts!", nil), synth.Options{})
	assert.ErrorContains(t, err, "may contain only letters, digits, - and _")
}

func TestAlertTopic_defaults(t *testing.T) {
	a, err := validate("alerts", nil)
	require.NoError(t, err)
	assert.Equal(t, AlertTopicArgs{}, a, "nil args: no subscription, nothing retained or protected")
	assert.Empty(t, DefaultEmail)
	assert.False(t, DefaultRetainOnDelete)
	assert.False(t, DefaultProtect)

	given := &AlertTopicArgs{Email: "oncall@example.com", Protect: true}
	a, err = validate("alerts", given)
	require.NoError(t, err)
	assert.Equal(t, *given, a, "what the caller gives is kept as it is")
}

// Every rule AllowPublishers lets publish adds its ARN to the topic policy's
// one EventBridge condition; SNS allows 30 KB for a topic's policy ("Amazon
// SNS API permissions: Actions and resources reference", Policy quotas).
// The test counts the growth per rule and shows the last rule that fits
// passes and one more is refused, naming AllowPublishers, with the exact
// size.
func TestAlertTopic_publishersPastSNSsPolicyLimitAreRefused(t *testing.T) {
	rules := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("churn-scoring-approval-rule-%04d", i)) // the length of a schedkit rule's name
		}
		return out
	}
	policyOf := func(plan *synth.Plan) string {
		return synthtest.Find(t, plan, policyType, "alerts-policy").String("policy")
	}
	one, two := policyOf(shared(t, &AlertTopicArgs{}, rules(1)...)), policyOf(shared(t, &AlertTopicArgs{}, rules(2)...))
	perRule := len(two) - len(one)
	arn := synthtest.Find(t, shared(t, &AlertTopicArgs{}, rules(1)...), "aws:cloudwatch/eventRule:EventRule", rules(1)[0]).Output("arn")
	assert.Equal(t, len(arn)+3, perRule, "a rule adds its ARN, quoted, and a comma")
	fit := 1 + (verify.MaxSNSTopicPolicy-len(one))/perRule
	t.Logf("%d bytes for one rule, %d more per rule: %d rules fit", len(one), perRule, fit)
	assert.Greater(t, fit, 250, "a stack of a few hundred publishing components fits")

	assert.LessOrEqual(t, len(policyOf(shared(t, &AlertTopicArgs{}, rules(fit)...))), verify.MaxSNSTopicPolicy)
	_, err := synth.Run(func(ctx *pulumi.Context) error {
		topic, err := NewAlertTopic(ctx, "alerts", &AlertTopicArgs{})
		if err != nil {
			return err
		}
		var arns []pulumi.StringInput
		for _, r := range rules(fit + 1) {
			rule, err := cloudwatch.NewEventRule(ctx, r, &cloudwatch.EventRuleArgs{EventPattern: pulumi.String(`{"source":["aws.sagemaker"]}`)})
			if err != nil {
				return err
			}
			arns = append(arns, rule.Arn)
		}
		return topic.AllowPublishers(ctx, arns...)
	}, synth.Options{})
	require.Error(t, err)
	assert.Regexp(t, fmt.Sprintf("^synth [^:]+: alerttopic \"alerts\": `AllowPublishers` gives the topic a policy of %d bytes; SNS allows 30000 \\(30 KB, read as 30,000 bytes\\) for one topic's policy: let fewer rules publish to this topic, and give the other components a topic of their own$",
		len(one)+fit*perRule), err.Error())
}
