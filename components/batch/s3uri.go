package batch

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// S3URI is a parsed "s3://bucket/key-or-prefix".
type S3URI struct {
	Bucket string
	// Key is the object key or key prefix, without the leading slash.
	Key string
}

var bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// ParseS3URI reads "s3://bucket/prefix". The bucket must be a valid S3
// bucket name and the key part non-empty. Characters that the States
// Language's States.Format treats specially (' { } \) and white space are
// rejected, because schedkit builds dated S3 paths with States.Format.
func ParseS3URI(uri string) (S3URI, error) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	if !ok {
		return S3URI{}, fmt.Errorf("%q is not of the form s3://bucket/prefix", uri)
	}
	bucket, key, ok := strings.Cut(rest, "/")
	if !ok || key == "" {
		return S3URI{}, fmt.Errorf("%q is not of the form s3://bucket/prefix: the prefix is missing", uri)
	}
	if !bucketName.MatchString(bucket) || strings.Contains(bucket, "..") {
		return S3URI{}, fmt.Errorf("%q is not of the form s3://bucket/prefix: %q is not a valid bucket name", uri, bucket)
	}
	if strings.ContainsAny(key, "'{}\\ \t\n") {
		return S3URI{}, fmt.Errorf("%q has a quote, brace, backslash or white space in its key, which schedkit does not support", uri)
	}
	if strings.HasPrefix(key, "/") {
		return S3URI{}, fmt.Errorf("%q has an empty path segment after the bucket", uri)
	}
	return S3URI{Bucket: bucket, Key: key}, nil
}

// String renders the URI back.
func (u S3URI) String() string { return "s3://" + u.Bucket + "/" + u.Key }

// Dir is the URI as a "directory": with a trailing slash.
func (u S3URI) Dir() string { return u.AsDir().String() }

// AsDir is the URI as a folder: its key ends with "/", so a prefix
// "models/churn" does not also cover "models/churn-old/".
func (u S3URI) AsDir() S3URI {
	if !strings.HasSuffix(u.Key, "/") {
		u.Key += "/"
	}
	return u
}

// BucketARN is arn:<partition>:s3:::<bucket>.
func (u S3URI) BucketARN(partition pulumi.StringInput) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:s3:::%s", partition, u.Bucket)
}

// ObjectARN is the ARN of exactly this key.
func (u S3URI) ObjectARN(partition pulumi.StringInput) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:s3:::%s/%s", partition, u.Bucket, u.Key)
}

// PrefixARN covers every object whose key starts with this key.
func (u S3URI) PrefixARN(partition pulumi.StringInput) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:s3:::%s/%s*", partition, u.Bucket, u.Key)
}

// CheckInstanceType accepts SageMaker ML instance types ("ml.m5.xlarge").
func CheckInstanceType(t string) error {
	parts := strings.Split(t, ".")
	if len(parts) < 3 || parts[0] != "ml" {
		return fmt.Errorf("%q is not a SageMaker instance type; they start with \"ml.\", e.g. ml.m5.xlarge", t)
	}
	for _, p := range parts[1:] {
		if p == "" {
			return fmt.Errorf("%q is not a SageMaker instance type; they start with \"ml.\", e.g. ml.m5.xlarge", t)
		}
	}
	return nil
}

var jobNamePrefix = regexp.MustCompile(`^[a-z0-9](-?[a-z0-9])*$`)

// CheckJobNamePrefix accepts a prefix that, with "-" and a 36-character
// UUID, still makes a valid SageMaker job name (at most 63 characters).
// Lower case only: SageMaker lower-cases names in ARNs, and the IAM
// resources schedkit writes must match them.
func CheckJobNamePrefix(p string) error {
	if !jobNamePrefix.MatchString(p) {
		return fmt.Errorf("%q may contain only lower-case letters, digits and single dashes, starting and ending with a letter or digit", p)
	}
	if len(p) > MaxJobNamePrefix {
		return fmt.Errorf("%q is %d characters; with \"-\" and a UUID the job name must fit SageMaker's 63, so at most %d", p, len(p), MaxJobNamePrefix)
	}
	return nil
}

// MaxJobNamePrefix is the longest job name prefix: 63 − len("-") − 36 (UUID).
const MaxJobNamePrefix = 26
