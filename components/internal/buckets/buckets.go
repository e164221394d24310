// Package buckets creates the S3 buckets schedkit components own, all with
// the same protections: versioned, encrypted by default, public access
// blocked, TLS-only; the bucket is a stateful child and every setting a
// guard (package keep), so a retained or protected bucket keeps its
// protections.
//
//	name ─New→ bucket name + name-versioning, -encryption, -public-access, -policy
//	          [+ -lifecycle (old versions to Glacier, stale multipart uploads aborted)]
//	          [+ -notifications (EventBridge on)]
package buckets

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/keep"
)

// Encryptions a created bucket can have by default.
const (
	// SSES3 is S3-managed keys: readers need no key permission (Snowflake
	// stages, for one).
	SSES3 = "AES256"
	// SSEKMS is a KMS key (the AWS-managed aws/s3 key unless KmsKeyArn).
	SSEKMS = "aws:kms"
)

// Args configure a created bucket.
type Args struct {
	// Encryption is SSES3 or SSEKMS.
	Encryption string
	// KmsKeyArn encrypts with this key (with SSEKMS).
	KmsKeyArn pulumi.StringInput
	// NoncurrentToGlacierDays moves old object versions to Glacier after
	// this many days; 0 keeps them where they are.
	NoncurrentToGlacierDays int
	// AbortMultipartDays aborts uploads left incomplete this many days (a
	// writer that stopped mid-upload leaves parts that are billed); 0 never.
	AbortMultipartDays int
	// EventBridge turns the bucket's EventBridge notifications on (the
	// bucket's one notification configuration: nothing else may manage it).
	EventBridge bool
	Tags        pulumi.StringMap
	// Keep retains (and protects) the bucket, and retains its settings,
	// when the component is deleted.
	Keep keep.Policy
}

// Bucket is a created bucket.
type Bucket struct {
	Bucket *s3.Bucket
	// Name and Arn of the bucket.
	Name, Arn pulumi.StringOutput
}

// New creates the bucket name and its settings as described in the package
// comment. opts carry the parent.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Bucket, error) {
	guard := args.Keep.Guard(opts...)
	after := func(r pulumi.Resource) []pulumi.ResourceOption {
		return append(args.Keep.Guard(opts...), pulumi.DependsOn([]pulumi.Resource{r}))
	}
	b, err := s3.NewBucket(ctx, name, &s3.BucketArgs{Tags: args.Tags}, args.Keep.Stateful(opts...)...)
	if err != nil {
		return nil, fmt.Errorf("creating bucket: %w", err)
	}
	versioning, err := s3.NewBucketVersioning(ctx, name+"-versioning", &s3.BucketVersioningArgs{
		Bucket:                  b.ID(),
		VersioningConfiguration: s3.BucketVersioningVersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, guard...)
	if err != nil {
		return nil, fmt.Errorf("enabling bucket versioning: %w", err)
	}
	byDefault := s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs{
		SseAlgorithm: pulumi.String(args.Encryption),
	}
	rule := s3.BucketServerSideEncryptionConfigurationRuleArgs{}
	if args.Encryption == SSEKMS {
		byDefault.KmsMasterKeyId = args.KmsKeyArn
		// S3 Bucket Keys cut the KMS requests (and their cost) per object.
		rule.BucketKeyEnabled = pulumi.Bool(true)
	}
	rule.ApplyServerSideEncryptionByDefault = byDefault
	if _, err := s3.NewBucketServerSideEncryptionConfiguration(ctx, name+"-encryption", &s3.BucketServerSideEncryptionConfigurationArgs{
		Bucket: b.ID(),
		Rules:  s3.BucketServerSideEncryptionConfigurationRuleArray{rule},
	}, guard...); err != nil {
		return nil, fmt.Errorf("encrypting bucket: %w", err)
	}
	block, err := s3.NewBucketPublicAccessBlock(ctx, name+"-public-access", &s3.BucketPublicAccessBlockArgs{
		Bucket:                b.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, guard...)
	if err != nil {
		return nil, fmt.Errorf("blocking public access: %w", err)
	}
	// S3 rejects a bucket policy written while the public access block is
	// being written ("conflicting conditional operation"); no data flows
	// between them, so order them explicitly.
	if _, err := s3.NewBucketPolicy(ctx, name+"-policy", &s3.BucketPolicyArgs{
		Bucket: b.ID(),
		Policy: iampolicy.Document{Statements: []iampolicy.Statement{
			iampolicy.DenyInsecureTransport("s3:*", b.Arn, pulumi.Sprintf("%s/*", b.Arn)),
		}}.Render(),
	}, after(block)...); err != nil {
		return nil, fmt.Errorf("creating bucket policy: %w", err)
	}
	if rules := lifecycleRules(args); len(rules) > 0 {
		if _, err := s3.NewBucketLifecycleConfiguration(ctx, name+"-lifecycle", &s3.BucketLifecycleConfigurationArgs{
			Bucket: b.ID(),
			Rules:  rules,
		}, after(versioning)...); err != nil {
			return nil, fmt.Errorf("creating bucket lifecycle: %w", err)
		}
	}
	if args.EventBridge {
		if _, err := s3.NewBucketNotification(ctx, name+"-notifications", &s3.BucketNotificationArgs{
			Bucket:      b.ID(),
			Eventbridge: pulumi.Bool(true),
		}, guard...); err != nil {
			return nil, fmt.Errorf("turning on EventBridge notifications: %w", err)
		}
	}
	return &Bucket{Bucket: b, Name: b.Bucket, Arn: b.Arn}, nil
}

// lifecycleRules are the bucket's lifecycle rules, none when args ask for none.
func lifecycleRules(args Args) s3.BucketLifecycleConfigurationRuleArray {
	var rules s3.BucketLifecycleConfigurationRuleArray
	if args.NoncurrentToGlacierDays > 0 {
		rules = append(rules, s3.BucketLifecycleConfigurationRuleArgs{
			Id:     pulumi.String("noncurrent-versions-to-glacier"),
			Status: pulumi.String("Enabled"),
			Filter: s3.BucketLifecycleConfigurationRuleFilterArgs{},
			NoncurrentVersionTransitions: s3.BucketLifecycleConfigurationRuleNoncurrentVersionTransitionArray{
				s3.BucketLifecycleConfigurationRuleNoncurrentVersionTransitionArgs{
					NoncurrentDays: pulumi.Int(args.NoncurrentToGlacierDays),
					StorageClass:   pulumi.String("GLACIER"),
				},
			},
		})
	}
	if args.AbortMultipartDays > 0 {
		rules = append(rules, s3.BucketLifecycleConfigurationRuleArgs{
			Id:     pulumi.String("abort-incomplete-multipart-uploads"),
			Status: pulumi.String("Enabled"),
			Filter: s3.BucketLifecycleConfigurationRuleFilterArgs{},
			AbortIncompleteMultipartUpload: s3.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(args.AbortMultipartDays),
			},
		})
	}
	return rules
}
