package s3uri

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

// ListPrefixStatement allows s3:ListBucket on u's bucket for keys under u's prefix only.
func ListPrefixStatement(sid string, partition pulumi.StringInput, u URI) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        sid,
		Actions:    []string{"s3:ListBucket"},
		Resources:  iampolicy.Inputs(u.BucketARN(partition)),
		Conditions: []iampolicy.Condition{{Operator: "StringLike", Key: "s3:prefix", Values: iampolicy.Strings(u.Key + "*")}},
	}
}
