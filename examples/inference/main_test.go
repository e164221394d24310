package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestProgram_synthesizesWithoutViolations(t *testing.T) {
	plan := synthtest.Run(t, program, synth.Options{Project: "schedkit-inference-example", Stack: "dev"})
	for _, want := range [][2]string{
		{inference.Type, "churn-scoring"},
		{"aws:sagemaker/model:Model", "churn-scoring-model"},
		{"aws:kms/key:Key", "churn-scoring-key"},
		{"aws:iam/role:Role", "churn-scoring-model-role"},
		{"aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow"},
		{"aws:scheduler/schedule:Schedule", "churn-scoring-schedule"},
	} {
		synthtest.Find(t, plan, want[0], want[1])
	}
	assert.Contains(t, plan.Outputs["outputKmsKeyArn"], ":kms:us-east-1:123456789012:key/")
	pull := synthtest.Statement(t, synthtest.Policy(t, plan, "churn-scoring-model-policy"), "PullImage")
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:123456789012:repository/churn-inference"}, pull.Resource, "derived from the image")
	rules := policy.All()
	assert.Empty(t, policy.Evaluate(plan, rules))
}

func TestProgram_devStackDeploysWhereItsImageIs(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// SageMaker pulls a model's image from an ECR repository in the
	// model's own region: the stack must be where the image is.
	assert.Equal(t, "us-east-1", opts.Config["aws:region"])
	model := synthtest.Find(t, plan, "aws:sagemaker/model:Model", "churn-scoring-model")
	assert.Contains(t, model.Get("primaryContainer", "image"), ".dkr.ecr."+opts.Config["aws:region"]+".amazonaws.com/churn-inference:2.1.0")
	assert.Contains(t, plan.Outputs["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:churn-scoring-workflow-")
}
