package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGuard_namesWhatEachGuardKeepsSafe(t *testing.T) {
	for _, token := range []string{
		"aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
		"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
		"aws:s3/bucketVersioning:BucketVersioning",
		"aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
		"aws:sqs/queuePolicy:QueuePolicy", "aws:sns/topicPolicy:TopicPolicy",
	} {
		guards, ok := Guard(token)
		assert.True(t, ok, token)
		assert.NotEmpty(t, guards, token)
		_, stateful := Stateful(token)
		assert.False(t, stateful, "a guard is not itself stateful: %s", token)
	}
	for _, token := range []string{"aws:s3/bucket:Bucket", "aws:s3/bucketNotification:BucketNotification", "aws:iam/rolePolicy:RolePolicy"} {
		_, ok := Guard(token)
		assert.False(t, ok, token)
	}
}

func TestKeepGap_namesWhatIsMissing(t *testing.T) {
	bucket, policy, role := "aws:s3/bucket:Bucket", "aws:s3/bucketPolicy:BucketPolicy", "aws:iam/role:Role"
	for _, tc := range []struct {
		name string
		r    Resource
		want string
	}{
		{"kept bucket", Resource{Type: bucket, Protect: true, RetainOnDelete: true}, ""},
		{"bare bucket", Resource{Type: bucket}, "is not retainOnDelete or protect (deleting or replacing it loses its objects)"},
		{"retained bucket", Resource{Type: bucket, RetainOnDelete: true}, "is not protect (deleting or replacing it loses its objects)"},
		{"protected bucket", Resource{Type: bucket, Protect: true}, "is not retainOnDelete (deleting or replacing it loses its objects)"},
		{"retained guard", Resource{Type: policy, RetainOnDelete: true}, ""},
		{"bare guard", Resource{Type: policy}, "is not retainOnDelete (it is a bucket's TLS-only policy; a kept resource would be left without it)"},
		{"neither", Resource{Type: role}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, KeepGap(tc.r)) })
	}
}
