package snowpipe

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/naming"
)

// newBucket creates the landing bucket name-bucket: versioned, encrypted with
// SSE-S3, public access blocked, TLS only. The bucket itself takes
// retain-on-delete; its settings are children named after it.
func newBucket(ctx *pulumi.Context, name string, tags pulumi.StringMap, retain bool, parent pulumi.ResourceOption) (*s3.BucketV2, error) {
	logical := naming.Child(name, "bucket")
	bucket, err := s3.NewBucketV2(ctx, logical, &s3.BucketV2Args{Tags: tags}, parent, pulumi.RetainOnDelete(retain))
	if err != nil {
		return nil, fmt.Errorf("creating bucket: %w", err)
	}
	if _, err := s3.NewBucketVersioningV2(ctx, logical+"-versioning", &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, parent); err != nil {
		return nil, fmt.Errorf("enabling bucket versioning: %w", err)
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, logical+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			// SSE-S3: Snowflake reads with no key permission to grant.
			ApplyServerSideEncryptionByDefault: s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("AES256"),
			},
		}},
	}, parent); err != nil {
		return nil, fmt.Errorf("encrypting bucket: %w", err)
	}
	block, err := s3.NewBucketPublicAccessBlock(ctx, logical+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("blocking public access: %w", err)
	}
	policy := iampolicy.Document{Statements: []iampolicy.Statement{
		iampolicy.DenyInsecureTransport("s3:*", bucket.Arn, pulumi.Sprintf("%s/*", bucket.Arn)),
	}}
	if _, err := s3.NewBucketPolicy(ctx, logical+"-policy", &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: policy.Render(),
		// S3 rejects a bucket policy written while the public access block
		// is being written ("conflicting conditional operation"); no data
		// flows between them, so order them explicitly.
	}, parent, pulumi.DependsOn([]pulumi.Resource{block})); err != nil {
		return nil, fmt.Errorf("creating bucket policy: %w", err)
	}
	return bucket, nil
}
