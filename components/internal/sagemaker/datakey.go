package sagemaker

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
)

// NewDataKey creates a customer-managed key with yearly rotation for a
// component's SageMaker output. Its policy is the account-administered key
// policy: IAM policies in the account grant its use (the SageMaker role's
// policy names it), nothing else does.
func NewDataKey(ctx *pulumi.Context, name, description string, env awsenv.Env, tags pulumi.StringMap, opts ...pulumi.ResourceOption) (*kms.Key, error) {
	policy := iampolicy.Document{Statements: []iampolicy.Statement{iampolicy.AccountAdministersKey(env.ARN("iam", false, "root"))}}
	return kms.NewKey(ctx, name, &kms.KeyArgs{
		Description:          pulumi.String(description),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               policy.Render(),
		Tags:                 tags,
	}, opts...)
}

// OutputKey returns the given key's ARN, or creates a data key named name
// (with rotation) when given is nil. opts carry the parent and
// retain-on-delete.
func OutputKey(ctx *pulumi.Context, name string, given pulumi.StringInput, description string, env awsenv.Env, tags pulumi.StringMap, opts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	if given != nil {
		return given.ToStringOutput(), nil
	}
	key, err := NewDataKey(ctx, name, description, env, tags, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return key.Arn, nil
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
