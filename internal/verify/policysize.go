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
//
// S3 bucket (20 KB, "Bucket policies and user policies", Amazon S3 User
// Guide), SQS queue and SNS topic policies schedkit writes hold a fixed
// number of statements with ARNs it derives, never a list a caller sizes, so
// no rule checks them.
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
