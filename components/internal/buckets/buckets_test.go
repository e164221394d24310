package buckets

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func run(t *testing.T, args Args) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, func(ctx *pulumi.Context) error {
		_, err := New(ctx, "landing", args)
		return err
	}, synth.Options{})
}

func TestNew_protectsEveryBucketAlike(t *testing.T) {
	plan := run(t, Args{Encryption: SSES3, Keep: keep.Policy{Retain: true}})
	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
		assert.True(t, r.RetainOnDelete, "a retained bucket keeps its protections: %s", r.Name)
		assert.False(t, r.Protect, "retained, not protected: %s", r.Name)
	}
	assert.ElementsMatch(t, []string{
		"aws:s3/bucket:Bucket landing",
		"aws:s3/bucketVersioning:BucketVersioning landing-versioning",
		"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration landing-encryption",
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock landing-public-access",
		"aws:s3/bucketPolicy:BucketPolicy landing-policy",
	}, got)
	enc := synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "landing-encryption")
	assert.Equal(t, []any{map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "AES256"}}}, enc.Inputs["rules"])
	block := synthtest.Find(t, plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "landing-public-access")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equal(t, true, block.Inputs[k], k)
	}
	policy := synthtest.Find(t, plan, "aws:s3/bucketPolicy:BucketPolicy", "landing-policy")
	assert.Contains(t, policy.Dependencies, block.URN, "the policy waits for the public access block")
	doc := synthtest.ParsePolicy(t, policy.String("policy"))
	assert.Equal(t, "Deny", string(doc.Statement[0].Effect))
	assert.Equal(t, map[string]map[string][]string{"Bool": {"aws:SecureTransport": {"false"}}}, doc.Statement[0].Condition)
}

func TestNew_kmsLifecycleAndEventBridge(t *testing.T) {
	plan := run(t, Args{
		Encryption: SSEKMS, KmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k"),
		NoncurrentToGlacierDays: 90, AbortMultipartDays: 7, EventBridge: true,
	})
	enc := synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "landing-encryption")
	assert.Equal(t, []any{map[string]any{
		"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"},
		"bucketKeyEnabled":                   true,
	}}, enc.Inputs["rules"])
	life := synthtest.Find(t, plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "landing-lifecycle")
	rules := life.Inputs["rules"].([]any)
	assert.Len(t, rules, 2)
	assert.Equal(t, "noncurrent-versions-to-glacier", rules[0].(map[string]any)["id"])
	assert.Equal(t, []any{map[string]any{"noncurrentDays": 90.0, "storageClass": "GLACIER"}}, rules[0].(map[string]any)["noncurrentVersionTransitions"])
	assert.Equal(t, map[string]any{"daysAfterInitiation": 7.0}, rules[1].(map[string]any)["abortIncompleteMultipartUpload"])
	n := synthtest.Find(t, plan, "aws:s3/bucketNotification:BucketNotification", "landing-notifications")
	assert.Equal(t, true, n.Inputs["eventbridge"])
}

func TestNew_protectedBucketIsProtectedAndItsGuardsRetained(t *testing.T) {
	plan := run(t, Args{Encryption: SSES3, NoncurrentToGlacierDays: 90, EventBridge: true, Keep: keep.Policy{Protect: true}})
	assert.Equal(t, []string{"aws:s3/bucket:Bucket landing"}, synthtest.Kept(t, plan))
	for _, r := range plan.Resources {
		assert.True(t, r.RetainOnDelete, "%s %s", r.Type, r.Name)
		assert.Equal(t, r.Name == "landing", r.Protect, "only the bucket itself is protected: %s", r.Name)
	}
	assert.Len(t, plan.Resources, 7, "bucket, versioning, encryption, public access block, policy, lifecycle, notifications")
}

func TestNew_unkeptBucketKeepsNothing(t *testing.T) {
	plan := run(t, Args{Encryption: SSES3, NoncurrentToGlacierDays: 90})
	assert.Equal(t, []string{"aws:s3/bucket:Bucket landing"}, synthtest.NotKept(t, plan))
}
