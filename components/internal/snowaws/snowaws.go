// Package snowaws wires the AWS side of Snowflake integrations in the same
// `pulumi up` as the Snowflake side. A Snowflake integration needs the ARN of
// the IAM role it assumes, and that role's trust policy needs the IAM user and
// external id the integration reports: a cycle. snowaws breaks it the way
// Snowflake's own Terraform module does:
//
//	role ARN = arn:<partition>:iam::<account>:role/<fixed name>  (computed, nothing created yet)
//	   └─→ Snowflake integration (given that ARN) ─(IAM user ARN, external id)→ IAM role named exactly <fixed name>
//
// The role is created last, under the fixed name, and its real ARN is checked
// against the computed one at deploy time. Outputs that Snowflake objects
// reference next (the integration name) resolve only once the role and its
// policy exist, so nothing uses the integration before AWS can honour it.
package snowaws

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
)

// RoleName is the default fixed IAM role name of a component's
// Snowflake-assumed role: "schedkit-<project>-<stack>-<component>-sf-<purpose>".
// IAM role names are unique per AWS account, so the project and stack are
// part of it: the dev and staging stacks of one program can share an
// account. A name over IAM's 64 characters keeps its start and its
// "-sf-<purpose>" end and replaces the rest with "-" and eight hex
// characters of the full name's SHA-256, so it stays unique and stable.
func RoleName(project, stack, component, purpose string) string {
	full := fmt.Sprintf("schedkit-%s-%s-%s-sf-%s", project, stack, component, purpose)
	if len(full) <= naming.IAMRole.Limit {
		return full
	}
	sum := sha256.Sum256([]byte(full))
	end := "-" + hex.EncodeToString(sum[:])[:8] + "-sf-" + purpose
	return full[:naming.IAMRole.Limit-len(end)] + end
}

// CheckRoleName validates an exact IAM role name (at most 64 characters of
// letters, digits and +=,.@_-) for the component kind named name.
func CheckRoleName(kind, name, field, roleName string) error {
	return naming.CheckExact(kind, name, field, naming.IAMRole, roleName)
}

// RoleARN is the ARN the role named roleName will have, computed from the
// account and partition before the role exists.
func RoleARN(env awsenv.Env, roleName string) pulumi.StringOutput {
	return env.ARN("iam", false, "role/"+roleName)
}

// TrustPolicy lets the Snowflake integration's IAM user assume the role, only
// with the integration's external id (the confused-deputy guard).
func TrustPolicy(iamUserArn, externalID pulumi.StringInput) iampolicy.Document {
	return iampolicy.Document{Statements: []iampolicy.Statement{{
		Sid:        "SnowflakeIntegrationAssumesRole",
		Principals: map[string][]pulumi.StringInput{"AWS": iampolicy.Inputs(iamUserArn)},
		Actions:    []string{"sts:AssumeRole"},
		Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "sts:ExternalId", Values: iampolicy.Inputs(externalID)}},
	}}}
}

// ExternalID derives the external id schedkit gives a storage integration
// (storageAwsExternalId) from the project, stack and component name:
// "schedkit-" and 40 hex characters of their SHA-256. It is deterministic, so
// the role's trust policy and the integration agree without a second pass and
// without a random-provider dependency. An external id is not a secret: it
// binds the role to this one integration, and only principals that can
// create integrations in the same Snowflake account (whose IAM user the role
// trusts) could present it. Callers that want an unguessable value pass
// their own.
func ExternalID(project, stack, component string) string {
	sum := sha256.Sum256([]byte(project + "/" + stack + "/" + component))
	return "schedkit-" + hex.EncodeToString(sum[:])[:40]
}

// RoleArgs configures the IAM role a Snowflake integration assumes.
type RoleArgs struct {
	// Kind and Component name the owning component in deploy-time errors.
	Kind, Component string
	// Name is the exact role name; the integration was given its computed ARN.
	Name string
	// Description of the role.
	Description string
	// IamUserArn and ExternalID are the integration's reported values.
	IamUserArn, ExternalID pulumi.StringInput
	// ExpectedArn is the ARN the integration was given (see RoleARN).
	ExpectedArn pulumi.StringInput
	// Statements are the role's permissions, in an inline policy.
	Statements []iampolicy.Statement
	// SizeField is the caller's field the statements grow with (the pipes
	// whose prefixes they list): the field a policy past IAM's limit for
	// one role is reported under.
	SizeField string
	Tags      pulumi.StringMap
}

// Role is a created Snowflake-assumed role.
type Role struct {
	Role   *iam.Role
	Policy *iam.RolePolicy
	// Ready is the role's ARN, known only once its policy is attached and
	// the ARN is checked to equal the one the integration was given.
	Ready pulumi.StringOutput
}

// NewRole creates the role logical (named exactly args.Name) trusting the
// integration, and its inline policy logical+"-policy". opts carry the parent.
func NewRole(ctx *pulumi.Context, logical string, args RoleArgs, opts ...pulumi.ResourceOption) (*Role, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%s %q: %s", args.Kind, args.Component, fmt.Sprintf(format, a...))
	}
	trust := pulumi.All(args.IamUserArn, args.ExternalID).ApplyT(func(v []any) (pulumi.StringOutput, error) {
		user, ext := v[0].(string), v[1].(string)
		if user == "" {
			return pulumi.StringOutput{}, fail("the Snowflake integration reported no AWS IAM user ARN for role %s to trust", args.Name)
		}
		if ext == "" {
			return pulumi.StringOutput{}, fail("the Snowflake integration reported no external id for role %s", args.Name)
		}
		return TrustPolicy(pulumi.String(user), pulumi.String(ext)).Render(), nil
	}).(pulumi.StringOutput)
	role, err := iam.NewRole(ctx, logical, &iam.RoleArgs{
		Name:             pulumi.String(args.Name),
		Description:      pulumi.String(args.Description),
		AssumeRolePolicy: trust,
		Tags:             args.Tags,
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating role %s: %w", args.Name, err)
	}
	policy, err := iam.NewRolePolicy(ctx, logical+"-policy", &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: check.RoleInlinePolicies(args.Kind, args.Component, args.SizeField, iampolicy.Document{Statements: args.Statements}.Render()),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating policy of role %s: %w", args.Name, err)
	}
	ready := pulumi.All(role.Arn, policy.ID(), args.ExpectedArn).ApplyT(func(v []any) (string, error) {
		arn, expected := v[0].(string), v[2].(string)
		if arn != expected {
			return "", fail("role ARN %s differs from %s, the ARN the Snowflake integration was given", arn, expected)
		}
		return arn, nil
	}).(pulumi.StringOutput)
	return &Role{Role: role, Policy: policy, Ready: ready}, nil
}

// After returns value once ready has resolved, carrying ready's dependencies:
// a Snowflake object that takes the result is created only after the AWS
// side exists.
func After(value pulumi.StringInput, ready pulumi.StringInput) pulumi.StringOutput {
	return pulumi.All(value, ready).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
}
