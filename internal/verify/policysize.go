package verify

import (
	"fmt"
	"unicode"
)

// Size limits of the policies schedkit writes. IAM counts characters
// without white space ("IAM and AWS STS quotas", IAM User Guide, "IAM and
// STS character limits": managed policy 6,144 characters; a role's inline
// policies 10,240 characters together; "IAM does not count white space
// when calculating the size of a policy").
const (
	MaxIAMManagedPolicy = 6144
	MaxIAMRoleInline    = 10240
)

// IAMPolicyChars is the size IAM charges a policy document with: its
// characters, white space not counted.
func IAMPolicyChars(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// RoleInlinePolicies accepts the inline policies of one IAM role when
// together they are at most MaxIAMRoleInline characters, white space not
// counted ("IAM and AWS STS quotas", IAM User Guide). A role over it is
// created and then its policy is refused at apply (LimitExceeded).
func RoleInlinePolicies(docs ...string) error {
	total := 0
	for _, d := range docs {
		total += IAMPolicyChars(d)
	}
	if total > MaxIAMRoleInline {
		return fmt.Errorf("gives a role inline policies of %d characters (white space not counted); IAM allows %d for one role's inline policies together: grant fewer, wider resources (a prefix instead of many objects)", total, MaxIAMRoleInline)
	}
	return nil
}

// Size limits of the resource policies schedkit writes, in bytes (these
// services do not exempt white space; schedkit renders compact JSON):
//
//   - an SNS topic's policy: 30 KB, at most 100 statements and 1–200
//     principals ("Amazon SNS API permissions: Actions and resources
//     reference", Amazon SNS Developer Guide, "Policy quotas");
//   - an SQS queue's policy: 8,192 bytes, 20 statements, 50 principals, 10
//     conditions, 7 actions per statement ("Amazon SQS policy quotas",
//     Amazon SQS Developer Guide);
//   - an S3 bucket's policy: 20 KB ("Bucket policies and user policies",
//     Amazon S3 User Guide: "Bucket policies are limited to 20 KB in size").
//
// Only one of them grows with a list a caller sizes: the shared alert
// topic's (alerts.AlertTopic.AllowPublishers), one ARN per EventBridge
// rule in the condition of one statement, held to MaxSNSTopicPolicy by
// TopicPolicy. Every queue policy (a dead-letter queue's: the TLS-only
// deny and at most one grant to one rule), every bucket policy (the
// TLS-only deny) and a component's own topic policy (at most one rule)
// holds a fixed number of statements with ARNs schedkit derives, well
// under its limit, so no rule checks them and no constant holds their
// limits. "30 KB" is read as 30,000 bytes, the smaller of its two
// readings: the page does not say which, and a shared topic does come near
// it (some 340 rules: see alerts'
// TestAlertTopic_publishersPastSNSsPolicyLimitAreRefused). Read as 30,720,
// the last eight or so rules would pass this check and, if SNS means
// 30,000, be refused at apply; read as 30,000, at worst those eight are
// refused here, with a message saying what to do.
const MaxSNSTopicPolicy = 30000

// TopicPolicy accepts an SNS topic policy of at most MaxSNSTopicPolicy
// bytes. A longer one is refused by SetTopicAttributes at apply.
func TopicPolicy(doc string) error {
	if n := len(doc); n > MaxSNSTopicPolicy {
		return fmt.Errorf("gives the topic a policy of %d bytes; SNS allows %d (30 KB, read as 30,000 bytes) for one topic's policy: let fewer rules publish to this topic, and give the other components a topic of their own", n, MaxSNSTopicPolicy)
	}
	return nil
}
