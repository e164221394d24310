// Package s3uri reads the "s3://bucket/prefix" URIs schedkit components
// take, and turns them into the ARNs their IAM policies name:
//
//	"s3://bucket/prefix" ─Parse→ URI{Bucket, Key} → BucketARN / ObjectARN / PrefixARN
package s3uri

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/internal/verify"
)

// URI is a parsed "s3://bucket/key-or-prefix".
type URI struct {
	Bucket string
	// Key is the object key or key prefix, without the leading slash.
	Key string
}

// Parse reads "s3://bucket/prefix". The bucket must be a valid S3 bucket
// name and the key part non-empty. Characters that the States Language's
// States.Format treats specially (' { } \) and white space are rejected,
// because schedkit builds dated S3 paths with States.Format.
func Parse(uri string) (URI, error) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	if !ok {
		return URI{}, fmt.Errorf("%q is not of the form s3://bucket/prefix", uri)
	}
	bucket, key, ok := strings.Cut(rest, "/")
	if !ok || key == "" {
		return URI{}, fmt.Errorf("%q is not of the form s3://bucket/prefix: the prefix is missing", uri)
	}
	if err := verify.BucketName(bucket); err != nil {
		return URI{}, fmt.Errorf("%q is not of the form s3://bucket/prefix: %w", uri, err)
	}
	if strings.ContainsAny(key, "'{}\\ \t\n") {
		return URI{}, fmt.Errorf("%q has a quote, brace, backslash or white space in its key, which schedkit does not support", uri)
	}
	if strings.HasPrefix(key, "/") {
		return URI{}, fmt.Errorf("%q has an empty path segment after the bucket", uri)
	}
	return URI{Bucket: bucket, Key: key}, nil
}

// String renders the URI back.
func (u URI) String() string { return "s3://" + u.Bucket + "/" + u.Key }

// Dir is the URI as a "directory": with a trailing slash.
func (u URI) Dir() string { return u.AsDir().String() }

// AsDir is the URI as a folder: its key ends with "/", so a prefix
// "models/churn" does not also cover "models/churn-old/".
func (u URI) AsDir() URI {
	if !strings.HasSuffix(u.Key, "/") {
		u.Key += "/"
	}
	return u
}

// BucketARN is arn:<partition>:s3:::<bucket>.
func (u URI) BucketARN(partition pulumi.StringInput) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:s3:::%s", partition, u.Bucket)
}

// ObjectARN is the ARN of exactly this key.
func (u URI) ObjectARN(partition pulumi.StringInput) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:s3:::%s/%s", partition, u.Bucket, u.Key)
}

// PrefixARN covers every object whose key starts with this key.
func (u URI) PrefixARN(partition pulumi.StringInput) pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:s3:::%s/%s*", partition, u.Bucket, u.Key)
}
