package batch

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
)

var ecrImage = regexp.MustCompile(`^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([^:@]+)`)

// ECRRepositoryARN returns the repository ARN of an ECR image URI, and
// false for images from other registries.
func ECRRepositoryARN(image string) (string, bool) {
	m := ecrImage.FindStringSubmatch(image)
	if m == nil {
		return "", false
	}
	partition := "aws"
	if strings.Contains(image, ".amazonaws.com.cn/") {
		partition = "aws-cn"
	}
	return fmt.Sprintf("arn:%s:ecr:%s:%s:repository/%s", partition, m[2], m[1], m[3]), true
}

// CheckImage rejects an empty image, or one with white space.
func CheckImage(image string) error {
	if strings.TrimSpace(image) == "" {
		return fmt.Errorf("is empty; give a container image")
	}
	if strings.ContainsAny(image, " \t\n") {
		return fmt.Errorf("%q contains white space", image)
	}
	return nil
}

// ECRPullStatements let a SageMaker role pull images from the repositories.
func ECRPullStatements(repos ...pulumi.StringInput) []iampolicy.Statement {
	if len(repos) == 0 {
		return nil
	}
	return []iampolicy.Statement{
		{
			// GetAuthorizationToken has no resource-level permission.
			Sid:       "AuthenticateToECR",
			Actions:   []string{"ecr:GetAuthorizationToken"},
			Resources: iampolicy.Strings("*"),
		},
		{
			Sid:       "PullImage",
			Actions:   []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"},
			Resources: repos,
		},
	}
}

// SageMakerLogStatement lets a SageMaker role write its jobs' logs to the
// /aws/sagemaker/<group> log group (TransformJobs, TrainingJobs).
func SageMakerLogStatement(env awsenv.Env, group string) iampolicy.Statement {
	lg := "log-group:/aws/sagemaker/" + group
	return iampolicy.Statement{
		Sid:       "WriteJobLogs",
		Actions:   []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
		Resources: iampolicy.Inputs(env.ARN("logs", true, lg), env.ARN("logs", true, lg+":*")),
	}
}

// EncryptStatement lets a role write objects encrypted with key (multipart
// uploads also decrypt).
func EncryptStatement(sid string, key pulumi.StringInput) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:       sid,
		Actions:   []string{"kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"},
		Resources: iampolicy.Inputs(key),
	}
}

// DecryptStatement lets a role read objects encrypted with key.
func DecryptStatement(sid string, key pulumi.StringInput) iampolicy.Statement {
	return iampolicy.Statement{Sid: sid, Actions: []string{"kms:Decrypt"}, Resources: iampolicy.Inputs(key)}
}

// NewDataKey creates a customer-managed key with yearly rotation for a
// component's SageMaker output. Its policy is the account-administered key
// policy: IAM policies in the account grant its use (the SageMaker role's
// policy names it), nothing else does.
func NewDataKey(ctx *pulumi.Context, name, description string, env awsenv.Env, tags pulumi.StringMap, opts ...pulumi.ResourceOption) (*kms.Key, error) {
	policy := iampolicy.Document{Statements: []iampolicy.Statement{{
		Sid:        "AccountAdministersKey",
		Principals: map[string][]pulumi.StringInput{"AWS": iampolicy.Inputs(env.ARN("iam", false, "root"))},
		Actions:    []string{"kms:*"},
		Resources:  iampolicy.Strings("*"),
	}}}
	return kms.NewKey(ctx, name, &kms.KeyArgs{
		Description:          pulumi.String(description),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               policy.Render(),
		Tags:                 tags,
	}, opts...)
}
