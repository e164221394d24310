package plan

import (
	"fmt"
	"strings"
)

// guardsByType lists the resource types that guard a stateful resource's data (see
// Stateful): kept whenever what they guard is kept, so a retained bucket,
// queue or topic is never left unencrypted, public or open to plain HTTP.
// Each entry says what it guards; tokens are today's (CurrentType).
var guardsByType = map[string]string{
	"aws:s3/bucketPolicy:BucketPolicy":                                                       "a bucket's TLS-only policy",
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                 "a bucket's public access block",
	"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": "a bucket's default encryption",
	"aws:s3/bucketVersioning:BucketVersioning":                                               "a bucket's versioning (overwritten and deleted objects stay recoverable)",
	"aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":                       "a bucket's lifecycle (old versions to Glacier, stale uploads aborted)",
	"aws:sqs/queuePolicy:QueuePolicy":                                                        "a queue's TLS-only policy",
	"aws:sns/topicPolicy:TopicPolicy":                                                        "a topic's TLS-only policy and its publishers",
}

// Guard says whether a resource type guards a stateful resource, and what it
// guards.
func Guard(token string) (guards string, ok bool) {
	g, ok := guardsByType[CurrentType(token)]
	return g, ok
}

// KeepGap says what r lacks to be kept the way prod keeps data: a stateful
// resource must be retained on delete and protected, a guard retained. It
// returns "" for a resource that lacks nothing, or is neither.
func KeepGap(r Resource) string {
	if loses, ok := Stateful(r.Type); ok {
		var missing []string
		if !r.RetainOnDelete {
			missing = append(missing, "retainOnDelete")
		}
		if !r.Protect {
			missing = append(missing, "protect")
		}
		if len(missing) > 0 {
			return fmt.Sprintf("is not %s (deleting or replacing it loses %s)", strings.Join(missing, " or "), loses)
		}
		return ""
	}
	if guards, ok := Guard(r.Type); ok && !r.RetainOnDelete {
		return fmt.Sprintf("is not retainOnDelete (it is %s; a kept resource would be left without it)", guards)
	}
	return ""
}
