package training

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	ruleType   = "aws:cloudwatch/eventRule:EventRule"
	targetType = "aws:cloudwatch/eventTarget:EventTarget"
)

func TestTrainingPipeline_announcesApprovalsAndRejectionsOnTheAlertTopic(t *testing.T) {
	plan := run(t, baseArgs())
	rule := synthtest.Find(t, plan, ruleType, "churn-approvals")
	var pattern map[string]any
	require.NoError(t, json.Unmarshal([]byte(rule.String("eventPattern")), &pattern))
	assert.Equal(t, map[string]any{
		"source":      []any{"aws.sagemaker"},
		"detail-type": []any{"SageMaker Model Package State Change"},
		"detail": map[string]any{
			"ModelPackageGroupName": []any{"churn"},
			"ModelApprovalStatus":   []any{"Approved", "Rejected"},
		},
	}, pattern, "the group's packages, approved or rejected; not the pending ones registration creates")

	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "churn-alerts")
	target := synthtest.Find(t, plan, targetType, "churn-approvals-target")
	assert.Equal(t, rule.Output("name"), target.String("rule"))
	assert.Equal(t, topic.Output("arn"), target.String("arn"))
	assert.NotContains(t, target.Inputs, "roleArn", "EventBridge publishes to SNS with the topic's policy, not a role")
	assert.Equal(t, map[string]any{
		"arn":     "$.detail.ModelPackageArn",
		"group":   "$.detail.ModelPackageGroupName",
		"version": "$.detail.ModelPackageVersion",
		"status":  "$.detail.ModelApprovalStatus",
	}, target.Get("inputTransformer", "inputPaths"))
	template := target.Get("inputTransformer", "inputTemplate").(string)
	var message string
	require.NoError(t, json.Unmarshal([]byte(template), &message), "a JSON string, so SNS gets one line of text")
	assert.Equal(t, "schedkit training churn: model package <arn> (version <version>) in group <group> is now <status>", message)
	policyURN := synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "churn-alerts-policy").URN
	assert.Contains(t, target.Dependencies, policyURN, "the target waits for the grant")

	// A notice the topic refuses is retried, then kept and alarmed, not lost.
	dlq := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "churn-approvals-dlq")
	assert.Equal(t, dlq.Output("arn"), target.Get("deadLetterConfig", "arn"))
	assert.Equal(t, map[string]any{"maximumRetryAttempts": 3.0, "maximumEventAgeInSeconds": 3600.0}, target.Inputs["retryPolicy"])
	qdoc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sqs/queuePolicy:QueuePolicy", "churn-approvals-dlq-policy").String("policy"))
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {rule.Output("arn")}}}, synthtest.Statement(t, qdoc, "EventBridgeRuleDeadLetters").Condition)
	depth := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "churn-approvals-dlq-depth")
	assert.Equal(t, []any{topic.Output("arn")}, depth.Inputs["alarmActions"])

	// The created topic lets exactly this rule publish, and its key lets EventBridge encrypt.
	doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "churn-alerts-policy").String("policy"))
	publish := synthtest.Statement(t, doc, "EventBridgeRulesPublish")
	assert.Equal(t, map[string][]string{"Service": {"events.amazonaws.com"}}, publish.Principal)
	assert.Equal(t, []string{"sns:Publish"}, publish.Action)
	assert.Equal(t, []string{topic.Output("arn")}, publish.Resource)
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {rule.Output("arn")}}}, publish.Condition)
	key := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:kms/key:Key", "churn-alerts-key").String("policy"))
	use := synthtest.Statement(t, key, "EventBridgeRulesUseKey")
	assert.Equal(t, map[string][]string{"Service": {"events.amazonaws.com"}}, use.Principal)
	assert.Equal(t, []string{"kms:Decrypt", "kms:GenerateDataKey*"}, use.Action)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"kms:EncryptionContext:aws:sns:topicArn": {"arn:aws:sns:us-east-1:123456789012:*"}}}, use.Condition)

	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestTrainingPipeline_approvalNotificationsCanBeTurnedOff(t *testing.T) {
	args := baseArgs()
	off := false
	args.ApprovalNotifications = &off
	plan := synthtest.Run(t, exportingApprovalRule(args), options)
	_, hasRule := plan.Find(ruleType, "churn-approvals")
	_, hasTarget := plan.Find(targetType, "churn-approvals-target")
	assert.False(t, hasRule)
	assert.False(t, hasTarget)
	assert.Equal(t, "", plan.Outputs["approvalRuleArn"], "exported, and empty")
	doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "churn-alerts-policy").String("policy"))
	assert.Equal(t, []string{"CloudWatchAlarmsPublish", "DenyInsecureTransport"}, synthtest.Sids(doc), "nothing to grant EventBridge")
	key := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:kms/key:Key", "churn-alerts-key").String("policy"))
	assert.Equal(t, []string{"AccountAdministersKey", "CloudWatchAlarmsUseKey"}, synthtest.Sids(key))
}

// A given topic is not schedkit's to change (README: its owner grants
// events.amazonaws.com); the rule publishes to it and its ARN is exported
// for that grant.
func TestTrainingPipeline_announcesApprovalsOnAGivenTopic(t *testing.T) {
	const given = "arn:aws:sns:us-east-1:123456789012:ml-alerts"
	args := baseArgs()
	args.AlertTopicArn = pulumi.String(given)
	plan := synthtest.Run(t, exportingApprovalRule(args), options)
	assert.Equal(t, given, synthtest.Find(t, plan, targetType, "churn-approvals-target").String("arn"))
	assert.Equal(t, synthtest.Find(t, plan, ruleType, "churn-approvals").Output("arn"), plan.Outputs["approvalRuleArn"])
	assert.Empty(t, plan.ByType("aws:sns/topicPolicy:TopicPolicy"), "a given topic's policy is managed where the topic is")
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

// exportingApprovalRule runs a TrainingPipeline "churn" and exports its
// ApprovalRuleArn as approvalRuleArn.
func exportingApprovalRule(args *TrainingPipelineArgs) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		tp, err := NewTrainingPipeline(ctx, "churn", args)
		if err != nil {
			return err
		}
		ctx.Export("approvalRuleArn", tp.ApprovalRuleArn)
		return nil
	}
}
