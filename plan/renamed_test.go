package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A v6 plan's S3 tokens (pulumi-aws v7 renamed them) are judged as their v7
// names: what a bucket loses, what guards it, how a picture draws it, and
// its physical name.
func TestCurrentType_readsV6TokensAsTheirV7Names(t *testing.T) {
	assert.Equal(t, "aws:s3/bucket:Bucket", CurrentType("aws:s3/bucketV2:BucketV2"))
	assert.Equal(t, "aws:s3/bucketVersioning:BucketVersioning", CurrentType("aws:s3/bucketVersioningV2:BucketVersioningV2"))
	assert.Equal(t, "aws:sqs/queue:Queue", CurrentType("aws:sqs/queue:Queue"), "a token no provider renamed is itself")
	for old, now := range renamedTypes {
		assert.NotContains(t, renamedTypes, now, "%s renames to %s, which is renamed again", old, now)
	}

	loses, ok := Stateful("aws:s3/bucketV2:BucketV2")
	assert.True(t, ok)
	assert.Equal(t, "its objects", loses)
	for _, old := range []string{
		"aws:s3/bucketVersioningV2:BucketVersioningV2",
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
		"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
	} {
		want, ok := Guard(CurrentType(old))
		assert.True(t, ok, old)
		got, _ := Guard(old)
		assert.Equal(t, want, got, old)
		assert.Equal(t, folded, roleOf(old), old)
	}
	b := Resource{Type: "aws:s3/bucketV2:BucketV2", Custom: true, Outputs: map[string]any{"bucket": "landing-1a2b3c4", "id": "landing-1a2b3c4"}}
	assert.Equal(t, "landing-1a2b3c4", b.PhysicalName())
	v := Resource{Type: "aws:s3/bucketVersioningV2:BucketVersioningV2", Custom: true, Outputs: map[string]any{"bucket": "landing-1a2b3c4", "id": "landing-versioning-5d6e7f8"}}
	assert.Equal(t, "landing-versioning-5d6e7f8", v.PhysicalName(), "a bucket's versioning is not named by the bucket it names")
	assert.Equal(t, toDependency, flowOf(Resource{Type: "aws:s3/bucketV2:BucketV2"}, Resource{Type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"}))
}
