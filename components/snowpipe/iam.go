package snowpipe

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

// readStatements let the storage role read exactly the pipes' prefixes of the
// bucket: objects (and their versions) under each prefix, listing only under
// them, the bucket's location, and decryption with the bucket's key if any.
func readStatements(bucketArn pulumi.StringOutput, prefixes []string, kmsKey pulumi.StringInput) []iampolicy.Statement {
	objects := make([]pulumi.StringInput, len(prefixes))
	listed := make([]pulumi.StringInput, len(prefixes))
	for i, p := range prefixes {
		objects[i] = pulumi.Sprintf("%s/%s*", bucketArn, p)
		listed[i] = pulumi.String(p + "*")
	}
	stmts := []iampolicy.Statement{
		{
			Sid:       "ReadStagedObjects",
			Actions:   []string{"s3:GetObject", "s3:GetObjectVersion"},
			Resources: objects,
		},
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
	if kmsKey != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "DecryptStagedObjects",
			Actions:   []string{"kms:Decrypt"},
			Resources: iampolicy.Inputs(kmsKey),
		})
	}
	return stmts
}
