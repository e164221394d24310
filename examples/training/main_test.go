package main

import (
	"encoding/json"
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
