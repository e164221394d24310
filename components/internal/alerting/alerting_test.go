package alerting

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// topicWithRules creates the alert topic "alerts" that the rules named
// rules may publish to, and returns the plan.
func topicWithRules(t *testing.T, rules ...string) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, func(ctx *pulumi.Context) error {
		var arns []pulumi.StringInput
		for _, r := range rules {
			rule, err := cloudwatch.NewEventRule(ctx, r, &cloudwatch.EventRuleArgs{EventPattern: pulumi.String(`{"source":["aws.sagemaker"]}`)})
			if err != nil {
				return err
			}
			arns = append(arns, rule.Arn)
		}
		_, err := NewTopic(ctx, "alerts", awsenv.Lookup(ctx, nil), TopicArgs{EventRuleArns: arns})
		return err
	}, synth.Options{})
}

func TestNewTopic_letsExactlyTheGivenRulesPublish(t *testing.T) {
	plan := topicWithRules(t, "approvals", "rejections")
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "alerts")
	doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "alerts-policy").String("policy"))
	assert.Equal(t, []string{"CloudWatchAlarmsPublish", "EventBridgeRulesPublish", "DenyInsecureTransport"}, synthtest.Sids(doc))
	publish := synthtest.Statement(t, doc, "EventBridgeRulesPublish")
	assert.Equal(t, map[string][]string{"Service": {"events.amazonaws.com"}}, publish.Principal)
	assert.Equal(t, []string{"sns:Publish"}, publish.Action)
	assert.Equal(t, []string{topic.Output("arn")}, publish.Resource)
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {
		synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "approvals").Output("arn"),
		synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "rejections").Output("arn"),
	}}}, publish.Condition)

	key := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:kms/key:Key", "alerts-key").String("policy"))
	assert.Equal(t, []string{"AccountAdministersKey", "CloudWatchAlarmsUseKey", "EventBridgeRulesUseKey"}, synthtest.Sids(key))
	use := synthtest.Statement(t, key, "EventBridgeRulesUseKey")
	assert.Equal(t, map[string][]string{"Service": {"events.amazonaws.com"}}, use.Principal)
	assert.Equal(t, []string{"kms:Decrypt", "kms:GenerateDataKey*"}, use.Action)
	assert.Equal(t, []string{"*"}, use.Resource)
	// No aws:SourceArn here: the SNS guide does not support it in a key
	// policy for EventBridge-to-encrypted topics. SNS's encryption context
	// keeps the grant to this account's topics in this region.
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"kms:EncryptionContext:aws:sns:topicArn": {"arn:aws:sns:us-east-1:123456789012:*"}}}, use.Condition)
	assert.Contains(t, topic.String("kmsMasterKeyId"), ":key/", "the topic is encrypted with that key")
}

func TestNewTopic_withoutRulesGrantsEventBridgeNothing(t *testing.T) {
	plan := topicWithRules(t)
	doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "alerts-policy").String("policy"))
	assert.Equal(t, []string{"CloudWatchAlarmsPublish", "DenyInsecureTransport"}, synthtest.Sids(doc))
	key := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:kms/key:Key", "alerts-key").String("policy"))
	assert.Equal(t, []string{"AccountAdministersKey", "CloudWatchAlarmsUseKey"}, synthtest.Sids(key))
}
