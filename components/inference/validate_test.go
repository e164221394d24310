package inference

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// What CreateTransformJob refuses (SageMaker API Reference), caught before
// anything is registered.
func TestBatchInference_rejectsWhatCreateTransformJobRefuses(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *BatchInferenceArgs)
		want   string
	}{
		{"training-only instance type", func(a *BatchInferenceArgs) { a.InstanceType = "ml.p4d.24xlarge" }, "`InstanceType` \"ml.p4d.24xlarge\" is not an instance type SageMaker batch transform jobs run on (no ml.p4d.* type is)"},
		{"concurrency times payload over 100 MB", func(a *BatchInferenceArgs) { a.MaxConcurrentTransforms, a.MaxPayloadMB = 6, 20 },
			"`MaxConcurrentTransforms` 6 × `MaxPayloadMB` 20 is 120 MB; SageMaker allows at most 100 MB in flight per instance"},
		{"more environment entries than a transform takes", func(a *BatchInferenceArgs) {
			a.Environment = map[string]string{}
			for i := range 17 {
				a.Environment[fmt.Sprintf("V%d", i)] = "x"
			}
		}, "`Environment` has 17 entries; a transform job takes at most 16"},
		{"output key that is an alias", func(a *BatchInferenceArgs) { a.OutputKmsKeyArn = pulumi.String("alias/scores") }, "`OutputKmsKeyArn` \"alias/scores\" is not a KMS key ARN"},
		{"input key that is an alias", func(a *BatchInferenceArgs) { a.InputKmsKeyArn = pulumi.String("alias/features") }, "`InputKmsKeyArn` \"alias/features\" is not a KMS key ARN"},
		{"group name SageMaker refuses", func(a *BatchInferenceArgs) { a.ModelPackageGroupName = pulumi.String("churn_models") }, "`ModelPackageGroupName` \"churn_models\" is not a valid SageMaker resource name"},
		{"reserved tag key", func(a *BatchInferenceArgs) { a.Tags = map[string]string{"aws:team": "ml"} }, "`Tags` key \"aws:team\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := packageArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", args), options)
			assert.Contains(t, err.Error(), "batchinference \"churn\": "+c.want)
		})
	}
}

func TestBatchInference_valuesKnownOnlyAtDeployTimeAreCheckedThenWithTheSameMessage(t *testing.T) {
	cases := []struct {
		field string
		args  func() *BatchInferenceArgs
		set   func(a *BatchInferenceArgs, v pulumi.StringInput)
		bad   string
	}{
		{"Image", imageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.Image = v }, "churn infer:2"},
		{"ModelPackageGroupName", packageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.ModelPackageGroupName = v }, "churn_models"},
		{"ModelArtifactsKmsKeyArn", packageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.ModelArtifactsKmsKeyArn = v }, "alias/models"},
		{"EcrRepositoryArns[0]", packageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.EcrRepositoryArns = []pulumi.StringInput{v} }, "churn-infer"},
		{"InputKmsKeyArn", imageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.InputKmsKeyArn = v }, "alias/features"},
		{"OutputKmsKeyArn", imageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.OutputKmsKeyArn = v }, "alias/scores"},
		{"AlertTopicArn", imageArgs, func(a *BatchInferenceArgs, v pulumi.StringInput) { a.AlertTopicArn = v }, "alerts"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := c.args(), c.args()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, synthtest.Program(NewBatchInference, "churn", plain), synthtest.Program(NewBatchInference, "churn", output), options)
			assert.Contains(t, msg, "batchinference \"churn\": `"+c.field+"`")
		})
	}
}

// The model role's one inline policy lists every repository in
// EcrRepositoryArns, a list the caller sizes: past IAM's limit for a
// role's inline policies (10,240 characters, white space not counted, "IAM
// and AWS STS quotas") it is refused naming the field, at plan time for
// plain values, instead of LimitExceeded at apply.
func TestBatchInference_repositoriesPastIAMsRoleLimitAreRefused(t *testing.T) {
	repos := func(n int) []pulumi.StringInput {
		var out []pulumi.StringInput
		for i := range n {
			out = append(out, pulumi.Sprintf("arn:aws:ecr:us-east-1:123456789012:repository/team-models/churn-inference-%03d", i))
		}
		return out
	}
	args := packageArgs()
	args.EcrRepositoryArns = repos(120)
	err := synthtest.RunError(t, synthtest.Program(NewBatchInference, "churn", args), options)
	assert.Regexp(t, "^synth [^:]+: batchinference \"churn\": `EcrRepositoryArns` gives a role inline policies of 11220 characters \\(white space not counted\\); IAM allows 10240 for one role's inline policies together: grant fewer, wider resources \\(a prefix instead of many objects\\)$", err.Error())

	args.EcrRepositoryArns = repos(60)
	doc := synthtest.Find(t, run(t, args), "aws:iam/rolePolicy:RolePolicy", "churn-model-policy").String("policy")
	assert.Less(t, verify.IAMPolicyChars(doc), verify.MaxIAMRoleInline, "sixty repositories fit")
	assert.Greater(t, verify.IAMPolicyChars(doc), verify.MaxIAMRoleInline/2, "and the policy grows with them")
}
