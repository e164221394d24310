package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestProgram_synthesizesWithoutViolations(t *testing.T) {
	plan := synthtest.Run(t, program, synth.Options{Project: "schedkit-training-example", Stack: "dev"})
	for _, want := range [][2]string{
		{training.Type, "churn-training"},
		{inference.Type, "churn-scoring"},
		{"aws:sagemaker/modelPackageGroup:ModelPackageGroup", "churn-training-registry"},
		{"aws:sfn/stateMachine:StateMachine", "churn-training-workflow"},
		{"aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow"},
		{"aws:cloudwatch/eventRule:EventRule", "churn-training-s3-rule"},
		{"aws:cloudwatch/eventRule:EventRule", "churn-training-approvals"},
		{"aws:cloudwatch/eventRule:EventRule", "churn-scoring-approval-rule"},
		{"aws:scheduler/schedule:Schedule", "churn-scoring-schedule"},
	} {
		synthtest.Find(t, plan, want[0], want[1])
	}
	// The loop: inference reads the group training registers into.
	assert.Equal(t, "churn", plan.Outputs["modelPackageGroupName"])
	_, hasModel := plan.Find("aws:sagemaker/model:Model", "churn-scoring-model")
	assert.False(t, hasModel, "inference follows the group instead of a fixed model")
	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow")
	var def struct {
		States map[string]struct{ Parameters map[string]any }
	}
	require.NoError(t, json.Unmarshal([]byte(sm.String("definition")), &def))
	assert.Equal(t, "churn", def.States[inference.StateFindApprovedModel].Parameters["ModelPackageGroupName"])

	// Each run's model may pull the image the packages name.
	pull := synthtest.Statement(t, synthtest.Policy(t, plan, "churn-scoring-model-policy"), "PullImage")
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"}, pull.Resource)

	rules := policy.All()
	assert.Empty(t, policy.Evaluate(plan, rules))
}

func TestProgram_closesTheLoopOnApproval(t *testing.T) {
	plan := synthtest.Run(t, program, synth.Options{Project: "schedkit-training-example", Stack: "dev"})
	assert.Equal(t, []string{
		"aws:cloudwatch/eventRule:EventRule churn-training-approvals",
		"aws:cloudwatch/eventTarget:EventTarget churn-training-approvals-target",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-training-approvals-dlq-depth",
		"aws:sqs/queue:Queue churn-training-approvals-dlq",
		"aws:sqs/queuePolicy:QueuePolicy churn-training-approvals-dlq-policy",
	}, children(t, plan, training.Type, "churn-training", "approvals"))
	assert.Equal(t, []string{
		"aws:cloudwatch/eventRule:EventRule churn-scoring-approval-rule",
		"aws:cloudwatch/eventTarget:EventTarget churn-scoring-approval-target",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-scoring-approval-dlq-depth",
		"aws:iam/role:Role churn-scoring-approval-role",
		"aws:iam/rolePolicy:RolePolicy churn-scoring-approval-policy",
		"aws:sqs/queue:Queue churn-scoring-approval-dlq",
		"aws:sqs/queuePolicy:QueuePolicy churn-scoring-approval-dlq-policy",
	}, children(t, plan, inference.Type, "churn-scoring", "approval"))

	// Decisions on the group's packages reach the training's alert topic...
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "churn-training-alerts")
	notices := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-training-approvals")
	assert.Contains(t, notices.String("eventPattern"), `"ModelApprovalStatus":["Approved","Rejected"]`)
	assert.Contains(t, notices.String("eventPattern"), `"ModelPackageGroupName":["churn"]`)
	assert.Equal(t, topic.Output("arn"), synthtest.Find(t, plan, "aws:cloudwatch/eventTarget:EventTarget", "churn-training-approvals-target").String("arn"))
	grant := synthtest.Statement(t, synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "churn-training-alerts-policy").String("policy")), "EventBridgeRulesPublish")
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {notices.Output("arn")}}}, grant.Condition)

	// ...and an approval starts the scoring workflow of the same group.
	start := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-scoring-approval-rule")
	assert.Contains(t, start.String("eventPattern"), `"ModelApprovalStatus":["Approved"]`)
	assert.Contains(t, start.String("eventPattern"), `"ModelPackageGroupName":["churn"]`)
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow")
	assert.Equal(t, machine.Output("arn"), synthtest.Find(t, plan, "aws:cloudwatch/eventTarget:EventTarget", "churn-scoring-approval-target").String("arn"))
	assert.Equal(t, notices.Output("arn"), plan.Outputs["approvalNoticesRuleArn"])
	assert.Equal(t, start.Output("arn"), plan.Outputs["inferenceApprovalRuleArn"])
}

// children lists the children of the component whose names contain part.
func children(t *testing.T, plan *synth.Plan, typ, name, part string) []string {
	t.Helper()
	var out []string
	for _, c := range synthtest.ChildrenOf(t, plan, typ, name) {
		if strings.Contains(c, name+"-"+part) {
			out = append(out, c)
		}
	}
	return out
}

func TestProgram_inferenceAlertsThroughTrainingsEncryptedTopic(t *testing.T) {
	plan := synthtest.Run(t, program, synth.Options{Project: "schedkit-training-example", Stack: "dev"})
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "churn-training-alerts")
	_, own := plan.Find("aws:sns/topic:Topic", "churn-scoring-alerts")
	assert.False(t, own, "inference reuses the training topic")
	doc := synthtest.Policy(t, plan, "churn-scoring-workflow-policy")
	publish := synthtest.Statement(t, doc, "PublishAlerts")
	assert.Equal(t, []string{topic.Output("arn")}, publish.Resource)
	// Publishing to a KMS-encrypted topic needs the key.
	encrypt := synthtest.Statement(t, doc, "EncryptAlerts")
	assert.Equal(t, []string{topic.String("kmsMasterKeyId")}, encrypt.Resource)
}

func TestProgram_devStackDeploysWhereItsImageIs(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// SageMaker pulls a training image from an ECR repository in the
	// job's own region: the stack must be where the image is.
	assert.Equal(t, "us-east-1", opts.Config["aws:region"])
	assert.Contains(t, trainingImage, ".dkr.ecr."+opts.Config["aws:region"]+".amazonaws.com/")
	assert.Contains(t, plan.Outputs["trainingStateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:churn-training-workflow-")
	assert.Contains(t, plan.Outputs["inferenceStateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:churn-scoring-workflow-")
}
