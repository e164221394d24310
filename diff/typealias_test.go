package diff_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/diff"
	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// This file names pulumi-aws v6 tokens on purpose: the move from v6 to v7 is
// its subject.

// v6Resource is a resource registered by its raw token, as pulumi-aws v6's
// SDK registered it (no package of this module imports sdk/v6 any more).
type v6Resource struct{ pulumi.CustomResourceState }

// landing is a bucket with its versioning inside a component, as a v6 or a
// v7 program registers it. v6's s3.NewBucketV2 aliased the legacy
// aws:s3/bucket:Bucket token; v7's s3.NewBucket aliases
// aws:s3/bucketV2:BucketV2, and s3.NewBucketVersioning
// aws:s3/bucketVersioningV2:BucketVersioningV2 (sdk/v7 v7.41.0, bucket.go and
// bucketVersioning.go). bucket is "" for an auto-named bucket. sdkAlias false
// registers the v7 token without the SDK's alias, as a hand-written
// ctx.RegisterResource would.
func landing(v7 bool, bucket string, sdkAlias bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		c := &component{}
		if err := ctx.RegisterComponentResource(ingestT, "ingest", c); err != nil {
			return err
		}
		var name pulumi.StringPtrInput
		if bucket != "" {
			name = pulumi.String(bucket)
		}
		if !v7 {
			var b v6Resource
			if err := ctx.RegisterResource("aws:s3/bucketV2:BucketV2", "ingest-landing", pulumi.Map{"bucket": name}, &b,
				pulumi.Parent(c), pulumi.Aliases([]pulumi.Alias{{Type: pulumi.String("aws:s3/bucket:Bucket")}})); err != nil {
				return err
			}
			var v v6Resource
			return ctx.RegisterResource("aws:s3/bucketVersioningV2:BucketVersioningV2", "ingest-landing-versioning", pulumi.Map{
				"bucket":                  b.ID(),
				"versioningConfiguration": pulumi.Map{"status": pulumi.String("Enabled")},
			}, &v, pulumi.Parent(c))
		}
		if !sdkAlias {
			var b v6Resource
			return ctx.RegisterResource(plan.BucketType, "ingest-landing", pulumi.Map{"bucket": name}, &b, pulumi.Parent(c))
		}
		b, err := s3.NewBucket(ctx, "ingest-landing", &s3.BucketArgs{Bucket: name}, pulumi.Parent(c))
		if err != nil {
			return err
		}
		_, err = s3.NewBucketVersioning(ctx, "ingest-landing-versioning", &s3.BucketVersioningArgs{
			Bucket:                  b.ID(),
			VersioningConfiguration: s3.BucketVersioningVersioningConfigurationArgs{Status: pulumi.String("Enabled")},
		}, pulumi.Parent(c))
		return err
	}
}

func synthOf(t *testing.T, program pulumi.RunFunc) *plan.Plan {
	t.Helper()
	p, err := synth.Run(program, opts)
	require.NoError(t, err)
	return p
}

// The diff pairs resources through the type aliases the v7 SDK's
// constructors register themselves, as the engine does: moving a deployed
// v6 bucket to v7 is an update that only moves it (no input changes), never
// a delete and a create, and the bucket keeps its auto-name.
func TestCompare_followsTheSDKsOwnTypeAliasFromV6ToV7(t *testing.T) {
	const (
		oldBucket     = pre + ingestT + "$aws:s3/bucketV2:BucketV2::ingest-landing"
		newBucket     = pre + ingestT + "$aws:s3/bucket:Bucket::ingest-landing"
		oldVersioning = pre + ingestT + "$aws:s3/bucketVersioningV2:BucketVersioningV2::ingest-landing-versioning"
		newVersioning = pre + ingestT + "$aws:s3/bucketVersioning:BucketVersioning::ingest-landing-versioning"
	)
	from, to := synthOf(t, landing(false, "", true)), synthOf(t, landing(true, "", true))
	b, ok := to.ByURN(newBucket)
	require.True(t, ok)
	assert.Contains(t, b.Aliases, oldBucket, "the plan records the SDK's own type alias")
	old, ok := from.ByURN(oldBucket)
	require.True(t, ok)
	assert.Equal(t, old.PhysicalName(), b.PhysicalName(), "the auto-name given under v6 stays")

	oldV, ok := from.ByURN(oldVersioning)
	require.True(t, ok)

	r := diff.Compare(from, to, "v6", "v7")
	assert.Equal(t, map[diff.Kind]int{diff.Update: 2}, r.Counts(), "two moves and nothing else")
	assert.Empty(t, r.StatefulLosses())
	assert.Equal(t, []diff.Change{
		{Kind: diff.Update, Type: plan.BucketType, URN: newBucket, OldURN: oldBucket, Aliased: true, PhysicalName: old.PhysicalName()},
		{Kind: diff.Update, Type: "aws:s3/bucketVersioning:BucketVersioning", URN: newVersioning, OldURN: oldVersioning, Aliased: true,
			PhysicalName: oldV.PhysicalName()},
	}, r.Changes)
}

// Without the alias the engine would delete the v6 bucket and create a v7
// one: the diff says so, as a stateful rename of the same cloud bucket
// (read across the rename of its token).
func TestCompare_aV7TokenWithoutTheAliasIsAStatefulRename(t *testing.T) {
	from, to := synthOf(t, landing(false, "acme-landing", true)), synthOf(t, landing(true, "acme-landing", false))
	r := diff.Compare(from, to, "v6", "v7")
	losses := r.StatefulLosses()
	require.Len(t, losses, 1)
	assert.Equal(t, diff.Rename, losses[0].Kind)
	assert.Equal(t, pre+ingestT+"$aws:s3/bucketV2:BucketV2::ingest-landing", losses[0].OldURN)
	assert.Equal(t, "its objects", losses[0].Loses)
}

// pulumi-aws v7 made every regional resource's `region` an input, and
// changing it replaces the resource (docs/enhanced-region-support.md); IAM
// is global and has none. A v6 plan's renamed S3 tokens replace on the same
// inputs as their v7 names: both bridge the same Terraform resource.
func TestForcesNew_pulumiAWSv7(t *testing.T) {
	for _, typ := range diff.ReplaceTypes() {
		if !strings.HasPrefix(typ, "aws:") {
			continue
		}
		_, ok := diff.ForcesNew(typ, "region")
		assert.Equal(t, !strings.HasPrefix(typ, "aws:iam/"), ok, "%s.region", typ)
	}
	for old, now := range map[string]string{
		"aws:s3/bucketV2:BucketV2":                     "aws:s3/bucket:Bucket",
		"aws:s3/bucketVersioningV2:BucketVersioningV2": "aws:s3/bucketVersioning:BucketVersioning",
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
		"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
	} {
		assert.Contains(t, diff.ReplaceTypes(), now)
		assert.NotContains(t, diff.ReplaceTypes(), old, "one entry per resource, under its v7 token")
		for _, key := range []string{"bucket", "region"} {
			want, ok := diff.ForcesNew(now, key)
			require.True(t, ok, "%s.%s", now, key)
			got, ok := diff.ForcesNew(old, key)
			assert.True(t, ok, "%s.%s", old, key)
			assert.Equal(t, want, got)
		}
	}
	src, ok := diff.ForcesNew("aws:s3/bucketV2:BucketV2", "bucket")
	assert.True(t, ok)
	assert.Equal(t, "terraform aws_s3_bucket: bucket, forces new resource", src)
	_, ok = diff.ForcesNew("aws:s3/bucketV2:BucketV2", "tags")
	assert.False(t, ok)
}
