package sagemaker

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
)

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
