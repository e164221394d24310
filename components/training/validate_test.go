package training

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// Limits the SageMaker API puts on a training job (CreateTrainingJob,
// SageMaker API Reference), caught before anything is registered.
func TestTrainingPipeline_rejectsWhatCreateTrainingJobRefuses(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *TrainingPipelineArgs)
		want   string
	}{
		{"transform-only instance type", func(a *TrainingPipelineArgs) { a.InstanceType = "ml.inf2.xlarge" }, "`InstanceType` \"ml.inf2.xlarge\" is not an instance type SageMaker training jobs run on (no ml.inf2.* type is)"},
		{"instance size training does not take", func(a *TrainingPipelineArgs) { a.InstanceType = "ml.c6i.large" }, "of ml.c6i.* they take ml.c6i.12xlarge"},
		{"more channels than a training job takes", func(a *TrainingPipelineArgs) {
			a.InputChannels = map[string]string{}
			for i := range 21 {
				a.InputChannels[fmt.Sprintf("c%d", i)] = fmt.Sprintf("s3://features/c%d/", i)
			}
		}, "`InputChannels` has 21 channels; a training job takes at most 20"},
		{"repository that is an image", func(a *TrainingPipelineArgs) {
			a.EcrRepositoryArn = pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn")
		}, "`EcrRepositoryArn` \"123456789012.dkr.ecr.us-east-1.amazonaws.com/churn\" is not an ECR repository ARN"},
		{"input key that is an alias", func(a *TrainingPipelineArgs) { a.InputKmsKeyArn = pulumi.String("alias/features") }, "`InputKmsKeyArn` \"alias/features\" is not a KMS key ARN"},
		{"output key that is an alias", func(a *TrainingPipelineArgs) { a.OutputKmsKeyArn = pulumi.String("alias/models") }, "`OutputKmsKeyArn` \"alias/models\" is not a KMS key ARN"},
		{"reserved tag key", func(a *TrainingPipelineArgs) { a.Tags = map[string]string{"aws:team": "ml"} }, "`Tags` key \"aws:team\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := baseArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
			assert.Contains(t, err.Error(), "trainingpipeline \"churn\": ")
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestTrainingPipeline_valuesKnownOnlyAtDeployTimeAreCheckedThenWithTheSameMessage(t *testing.T) {
	cases := []struct {
		field string
		set   func(a *TrainingPipelineArgs, v pulumi.StringInput)
		bad   string
	}{
		{"Image", func(a *TrainingPipelineArgs, v pulumi.StringInput) { a.Image = v }, ""},
		{"InferenceImage", func(a *TrainingPipelineArgs, v pulumi.StringInput) { a.InferenceImage = v }, "serve me:1"},
		{"EcrRepositoryArn", func(a *TrainingPipelineArgs, v pulumi.StringInput) { a.EcrRepositoryArn = v }, "churn"},
		{"InputKmsKeyArn", func(a *TrainingPipelineArgs, v pulumi.StringInput) { a.InputKmsKeyArn = v }, "alias/features"},
		{"OutputKmsKeyArn", func(a *TrainingPipelineArgs, v pulumi.StringInput) { a.OutputKmsKeyArn = v }, "alias/models"},
		{"AlertTopicArn", func(a *TrainingPipelineArgs, v pulumi.StringInput) { a.AlertTopicArn = v }, "alerts"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := baseArgs(), baseArgs()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, synthtest.Program(NewTrainingPipeline, "churn", plain), synthtest.Program(NewTrainingPipeline, "churn", output), options)
			assert.Contains(t, msg, "trainingpipeline \"churn\": `"+c.field+"`")
		})
	}
}

// The training role's one inline policy reads and lists every input
// channel's prefix: twenty channels under long keys pass IAM's limit for a
// role's inline policies (10,240 characters, white space not counted, "IAM
// and AWS STS quotas"), and are refused naming InputChannels, at plan time
// for plain values, instead of LimitExceeded at apply.
func TestTrainingPipeline_inputChannelsPastIAMsRoleLimitAreRefused(t *testing.T) {
	channels := func(keyLen int) map[string]string {
		m := map[string]string{}
		for i := range MaxInputChannels {
			m[fmt.Sprintf("c%02d", i)] = fmt.Sprintf("s3://ml-data/%s/c%02d/", strings.Repeat("k", keyLen), i)
		}
		return m
	}
	args := baseArgs()
	args.InputChannels = channels(300)
	err := synthtest.RunError(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
	assert.Regexp(t, "^synth [^:]+: trainingpipeline \"churn\": `InputChannels` gives a role inline policies of 14174 characters \\(white space not counted\\); IAM allows 10240 for one role's inline policies together: grant fewer, wider resources \\(a prefix instead of many objects\\)$", err.Error())

	args.InputChannels = channels(150)
	plan := run(t, args)
	doc := synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "churn-training-policy").String("policy")
	assert.Less(t, verify.IAMPolicyChars(doc), verify.MaxIAMRoleInline, "twenty channels under shorter keys fit")
	assert.Greater(t, verify.IAMPolicyChars(doc), verify.MaxIAMRoleInline/2, "and the policy grows with them")
}
