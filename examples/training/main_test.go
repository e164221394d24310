package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
)

func TestProgram_synthesizesWithoutViolations(t *testing.T) {
	plan, err := synth.Run(program, synth.Options{Project: "schedkit-training-example", Stack: "dev"})
	require.NoError(t, err)
	for _, want := range [][2]string{
		{training.Type, "churn-training"},
		{inference.Type, "churn-scoring"},
		{"aws:sagemaker/modelPackageGroup:ModelPackageGroup", "churn-training-registry"},
		{"aws:sfn/stateMachine:StateMachine", "churn-training-workflow"},
		{"aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow"},
		{"aws:cloudwatch/eventRule:EventRule", "churn-training-s3-rule"},
		{"aws:scheduler/schedule:Schedule", "churn-scoring-schedule"},
	} {
		_, ok := plan.Find(want[0], want[1])
		assert.True(t, ok, "%s %s", want[0], want[1])
	}
	// The loop: inference reads the group training registers into.
	assert.Equal(t, "churn", plan.Outputs["modelPackageGroupName"])
	_, hasModel := plan.Find("aws:sagemaker/model:Model", "churn-scoring-model")
	assert.False(t, hasModel, "inference follows the group instead of a fixed model")
	sm, _ := plan.Find("aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow")
	var def struct {
		States map[string]struct{ Parameters map[string]any }
	}
	require.NoError(t, json.Unmarshal([]byte(sm.String("definition")), &def))
	assert.Equal(t, "churn", def.States[inference.StateFindApprovedModel].Parameters["ModelPackageGroupName"])

	rules := policy.All()
	assert.Empty(t, policy.Evaluate(plan, rules))
}

func TestProgram_inferenceAlertsThroughTrainingsEncryptedTopic(t *testing.T) {
	plan, err := synth.Run(program, synth.Options{Project: "schedkit-training-example", Stack: "dev"})
	require.NoError(t, err)
	topic, ok := plan.Find("aws:sns/topic:Topic", "churn-training-alerts")
	require.True(t, ok)
	_, own := plan.Find("aws:sns/topic:Topic", "churn-scoring-alerts")
	assert.False(t, own, "inference reuses the training topic")
	rp, ok := plan.Find("aws:iam/rolePolicy:RolePolicy", "churn-scoring-workflow-policy")
	require.True(t, ok)
	doc, err := iampolicy.Parse(rp.String("policy"))
	require.NoError(t, err)
	publish, ok := doc.FindSid("PublishAlerts")
	require.True(t, ok)
	assert.Equal(t, []string{topic.Output("arn")}, publish.Resource)
	encrypt, ok := doc.FindSid("EncryptAlerts")
	require.True(t, ok, "publishing to a KMS-encrypted topic needs the key")
	assert.Equal(t, []string{topic.String("kmsMasterKeyId")}, encrypt.Resource)
}
