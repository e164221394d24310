package snowaws

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
)

// StoragePurpose is the RoleName purpose of a storage integration's role.
const StoragePurpose = "s3"

// StorageTokens are the Snowflake resource tokens NewStorage registers.
func StorageTokens() []string { return []string{snowflake.StorageIntegrationAwsType} }

// StorageArgs configures a Snowflake storage integration over prefixes of
// one bucket and the IAM role it assumes.
type StorageArgs struct {
	// Kind and Component name the owning component in messages.
	Kind, Component string
	// RoleName is the exact name of the role Snowflake assumes.
	RoleName string
	// ExternalID is the integration's external id (see ExternalID).
	ExternalID pulumi.StringOutput
	// BucketName is the bucket; Prefixes the key prefixes ("orders/") the
	// integration may use, its STORAGE_ALLOWED_LOCATIONS.
	BucketName pulumi.StringOutput
	Prefixes   []string
	// Statements are the role's permissions (see ReadStatements and
	// UnloadStatements).
	Statements []iampolicy.Statement
	// SizeField is the caller's field the statements grow with (RoleArgs).
	SizeField string
	// Comment is set on the integration.
	Comment string
	Tags    pulumi.StringMap
	// Keep is the component's policy: the stages read and write through
	// the integration, its role and the role's policy, which are retained
	// whenever the stages are (keep.Policy.Needed), so a kept stage stays
	// readable.
	Keep keep.Policy
}

// Storage is a created storage integration and its role.
type Storage struct {
	Integration *snowflake.StorageIntegrationAws
	Role        *Role
	// IntegrationName resolves only once the role and its policy exist:
	// stages take it, so none is used before AWS can honour it.
	IntegrationName pulumi.StringOutput
	// ExternalID is the id the integration reports, checked to be ours.
	ExternalID pulumi.StringOutput
	// Location is the stage URL of a prefix: s3://bucket/prefix (s3gov://,
	// s3china:// in those partitions).
	Location func(prefix string) pulumi.StringOutput
}

// NewStorage creates name-integration, a storage integration given the role's
// computed ARN and our external id, allowed exactly the prefixes; then
// name-role (and name-role-policy), named args.RoleName, trusting the IAM
// user and external id the integration reports (the external id checked to
// be ours), with args.Statements. opts carry the parent.
func NewStorage(ctx *pulumi.Context, name string, env awsenv.Env, args StorageArgs, opts ...pulumi.ResourceOption) (*Storage, error) {
	opts = args.Keep.Needed(opts...)
	roleArn := RoleARN(env, args.RoleName)
	provider, scheme := storageFor(args.Kind, args.Component, env.Partition)
	location := func(prefix string) pulumi.StringOutput {
		return pulumi.Sprintf("%s%s/%s", scheme, args.BucketName, prefix)
	}
	locations := pulumi.StringArray{}
	for _, p := range args.Prefixes {
		locations = append(locations, location(p))
	}
	integration, err := snowflake.NewStorageIntegrationAws(ctx, name+"-integration", &snowflake.StorageIntegrationAwsArgs{
		Enabled:                 pulumi.Bool(true),
		StorageProvider:         provider,
		StorageAwsRoleArn:       roleArn,
		StorageAllowedLocations: locations,
		StorageAwsExternalId:    args.ExternalID,
		Comment:                 pulumi.String(args.Comment),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating storage integration: %w", err)
	}
	// An update that changes the external id (an aliased rename without
	// StableName) leaves the reported one unknown until the provider has run
	// its ALTER and read the integration back (terraform-provider-snowflake
	// storage_integration_aws.go: describe_output is computed when
	// storage_aws_external_id changes), so this check never sees a stale id.
	reported := pulumi.All(integration.ExternalId(), args.ExternalID).ApplyT(func(v []any) (string, error) {
		if v[0].(string) != v[1].(string) {
			return "", fmt.Errorf("%s %q: the storage integration reports external id %q, not the %q it was given", args.Kind, args.Component, v[0], v[1])
		}
		return v[0].(string), nil
	}).(pulumi.StringOutput)
	role, err := NewRole(ctx, name+"-role", RoleArgs{
		Kind: args.Kind, Component: args.Component,
		Name:        args.RoleName,
		Description: fmt.Sprintf("Snowflake reaches the staged files of schedkit %s %s with this role", args.Kind, args.Component),
		IamUserArn:  integration.IamUserArn(),
		ExternalID:  reported,
		ExpectedArn: roleArn,
		Statements:  args.Statements,
		SizeField:   args.SizeField,
		Tags:        args.Tags,
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("storage role: %w", err)
	}
	return &Storage{
		Integration: integration, Role: role,
		IntegrationName: After(integration.Name, role.Ready),
		ExternalID:      reported,
		Location:        location,
	}, nil
}

// storageFor maps the AWS partition to Snowflake's storage provider (S3,
// S3GOV, S3CHINA) and the matching stage URL scheme.
func storageFor(kind, component string, partition pulumi.StringOutput) (provider, scheme pulumi.StringOutput) {
	pick := func(i int) pulumi.StringOutput {
		return partition.ApplyT(func(p string) (string, error) {
			m := map[string][2]string{
				"aws":        {"S3", "s3://"},
				"aws-us-gov": {"S3GOV", "s3gov://"},
				"aws-cn":     {"S3CHINA", "s3china://"},
			}
			v, ok := m[p]
			if !ok {
				return "", fmt.Errorf("%s %q: Snowflake has no storage provider for AWS partition %q", kind, component, p)
			}
			return v[i], nil
		}).(pulumi.StringOutput)
	}
	return pick(0), pick(1)
}

// ReadStatements let a storage role read exactly the prefixes of the bucket:
// objects (and their versions) under each prefix, listing only under them,
// the bucket's location, and decryption with the bucket's key if any
// ("Configuring a Snowflake storage integration to access Amazon S3",
// Snowflake docs: GetObject, GetObjectVersion, ListBucket, GetBucketLocation).
func ReadStatements(bucketArn pulumi.StringOutput, prefixes []string, kmsKey pulumi.StringInput) []iampolicy.Statement {
	objects := make([]pulumi.StringInput, len(prefixes))
	for i, p := range prefixes {
		objects[i] = pulumi.Sprintf("%s/%s*", bucketArn, p)
	}
	stmts := []iampolicy.Statement{{
		Sid:       "ReadStagedObjects",
		Actions:   []string{"s3:GetObject", "s3:GetObjectVersion"},
		Resources: objects,
	}}
	stmts = append(stmts, listStatements(bucketArn, prefixes)...)
	if kmsKey != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "DecryptStagedObjects",
			Actions:   []string{"kms:Decrypt"},
			Resources: iampolicy.Inputs(kmsKey),
		})
	}
	return stmts
}

// UnloadStatements let a storage role write exactly under prefix of the
// bucket and nothing else: s3:PutObject, and s3:DeleteObject, which COPY
// INTO <location> with OVERWRITE = TRUE needs ("Unloading into Amazon S3",
// Snowflake docs: "Snowflake requires the following permissions on an S3
// bucket and folder to create new files in the folder: s3:DeleteObject,
// s3:PutObject"); listing only under the prefix and the bucket's location.
// It reads no object.
func UnloadStatements(bucketArn pulumi.StringOutput, prefix string) []iampolicy.Statement {
	return append([]iampolicy.Statement{{
		Sid:       "WriteUnloadPrefix",
		Actions:   []string{"s3:PutObject", "s3:DeleteObject"},
		Resources: iampolicy.Inputs(pulumi.Sprintf("%s/%s*", bucketArn, prefix)),
	}}, listStatements(bucketArn, []string{prefix})...)
}

// listStatements let a storage role list only under the prefixes, and
// locate the bucket.
func listStatements(bucketArn pulumi.StringOutput, prefixes []string) []iampolicy.Statement {
	listed := make([]pulumi.StringInput, len(prefixes))
	for i, p := range prefixes {
		listed[i] = pulumi.String(p + "*")
	}
	return []iampolicy.Statement{
		{
			Sid:        "ListStagedPrefixes",
			Actions:    []string{"s3:ListBucket"},
			Resources:  iampolicy.Inputs(bucketArn),
			Conditions: []iampolicy.Condition{{Operator: "StringLike", Key: "s3:prefix", Values: listed}},
		},
		{
			// GetBucketLocation carries no s3:prefix: under the listing
			// statement's condition it would always be denied.
			Sid:       "LocateBucket",
			Actions:   []string{"s3:GetBucketLocation"},
			Resources: iampolicy.Inputs(bucketArn),
		},
	}
}
