package s3uri

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse_acceptsOnlyBucketAndPrefix(t *testing.T) {
	good := map[string]URI{
		"s3://raw-events/year=2023/": {Bucket: "raw-events", Key: "year=2023/"},
		"s3://my.bucket/a/b/c.csv":   {Bucket: "my.bucket", Key: "a/b/c.csv"},
		"s3://abc/daily":             {Bucket: "abc", Key: "daily"},
	}
	for in, want := range good {
		got, err := Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	for _, bad := range []string{"", "raw/x", "s3://", "s3://bucket", "s3://bucket/", "S3://bucket/x", "s3://Bucket/x", "s3://ab/x", "s3://b..c/x", "s3://bucket/it's", "s3://bucket/{x}", "s3://bucket/a b", "s3://bucket//x"} {
		_, err := Parse(bad)
		assert.Error(t, err, bad)
	}
	u, _ := Parse("s3://abc/daily")
	assert.Equal(t, "s3://abc/daily/", u.Dir())
}
