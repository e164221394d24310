package synth

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Aliases are resolved as the engine resolves them (step_generator.go,
// generateAliases): full URNs as given, specs completed from the resource,
// a spec's parent by its old URN, and one inherited alias per parent alias.
func TestRun_resolvesAliasesAsTheEngine(t *testing.T) {
	const pre = "urn:pulumi:dev::p::"
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		comp := &component{}
		if err := ctx.RegisterComponentResource("schedkit:test:Thing", "new", comp,
			pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("old")}, {Type: pulumi.String("schedkit:test:OldThing")}})); err != nil {
			return err
		}
		// A full URN, and a move from the stack into the component.
		if _, err := sqs.NewQueue(ctx, "new-q", &sqs.QueueArgs{}, pulumi.Parent(comp), pulumi.Aliases([]pulumi.Alias{
			{URN: pulumi.URN(pre + "aws:sqs/queue:Queue::legacy")},
			{Name: pulumi.String("top-q"), NoParent: pulumi.Bool(true)},
		})); err != nil {
			return err
		}
		// No alias of its own: only what the parent's aliases give, plus the
		// type alias pulumi-aws v7's s3.NewBucket registers itself, to the
		// token v6 deployed buckets as.
		_, err := s3.NewBucket(ctx, "new-data", &s3.BucketArgs{}, pulumi.Parent(comp))
		return err
	}, Options{Project: "p", Stack: "dev"})

	comp := mustFind(t, plan, "schedkit:test:Thing", "new")
	assert.Equal(t, []string{pre + "schedkit:test:Thing::old", pre + "schedkit:test:OldThing::new"}, comp.Aliases)

	q := mustFind(t, plan, "aws:sqs/queue:Queue", "new-q")
	assert.Equal(t, []string{
		pre + "aws:sqs/queue:Queue::legacy",
		pre + "aws:sqs/queue:Queue::top-q",
		pre + "schedkit:test:Thing$aws:sqs/queue:Queue::old-q", // the parent was "old": "new-q" was "old-q"
		pre + "schedkit:test:Thing$aws:sqs/queue:Queue::legacy",
		pre + "schedkit:test:Thing$aws:sqs/queue:Queue::top-q",
		pre + "schedkit:test:OldThing$aws:sqs/queue:Queue::new-q",
		pre + "schedkit:test:OldThing$aws:sqs/queue:Queue::legacy",
		pre + "schedkit:test:OldThing$aws:sqs/queue:Queue::top-q",
	}, q.Aliases)

	b := mustFind(t, plan, "aws:s3/bucket:Bucket", "new-data")
	assert.Equal(t, []string{
		pre + "schedkit:test:Thing$aws:s3/bucketV2:BucketV2::new-data", // the SDK's own type alias
		pre + "schedkit:test:Thing$aws:s3/bucket:Bucket::old-data",
		pre + "schedkit:test:Thing$aws:s3/bucketV2:BucketV2::old-data",
		pre + "schedkit:test:OldThing$aws:s3/bucket:Bucket::new-data",
		pre + "schedkit:test:OldThing$aws:s3/bucketV2:BucketV2::new-data",
	}, b.Aliases)
	// It keeps the auto-name it had as "old-data" under the old component
	// and the old token.
	old := pre + "schedkit:test:Thing$aws:s3/bucketV2:BucketV2::old-data"
	assert.Equal(t, "old-data-"+hexOf(old, 7), b.Output("bucket"))

	// A resource with no alias has none, as an empty list.
	plain := mustRun(t, func(ctx *pulumi.Context) error {
		_, err := sqs.NewQueue(ctx, "q", &sqs.QueueArgs{})
		return err
	}, Options{Project: "p", Stack: "dev"})
	require.Len(t, plain.Resources, 1)
	assert.Equal(t, []string{}, plain.Resources[0].Aliases)
}
