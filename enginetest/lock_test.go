package enginetest_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/enginetest"
)

// locked is the clickstream of pipelines, protect and retain from
// schedkit:protect and schedkit:retain; batch is the function's batch size
// (a normal update). NewStreamProcessor registers its own delete lock
// (keep.Policy.Lock) as its last child: the program does nothing for it.
func locked(present bool, batch int, email string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		c := config.New(ctx, "schedkit")
		policy := keep.Policy{Retain: c.GetBool("retain"), Protect: c.GetBool("protect")}
		if !present {
			return nil
		}
		_, err := stream.NewStreamProcessor(ctx, "clickstream", &stream.StreamProcessorArgs{
			CodeArchivePath: "./handler", Runtime: "python3.12", Handler: "index.handler", BatchSize: batch,
			Sink:       &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail: email, RetainOnDelete: policy.Retain, Protect: policy.Protect,
		})
		return err
	}
}

func lockedProgram(protect bool, present bool, batch int) enginetest.Program {
	return lockedProgramTo(protect, present, batch, "data-oncall@example.com")
}

// lockedProgramTo is lockedProgram alerting email.
func lockedProgramTo(protect bool, present bool, batch int, email string) enginetest.Program {
	flag := map[bool]string{true: "true", false: "false"}
	return enginetest.Program{
		Project: "locked", Stack: "prod", Dir: "../examples/stream", Run: locked(present, batch, email),
		Config: map[string]string{"aws:region": "eu-west-1", "schedkit:retain": "true", "schedkit:protect": flag[protect]},
	}
}

const lockURN = "urn:pulumi:prod::locked::schedkit:aws:StreamProcessor$schedkit:keep:DeleteLock::clickstream-delete-lock"

// TestLock_removalWithoutPreviewDeletesNothing: with its delete lock, a
// protected component's removal fails before deleting anything, with or
// without a preview, at any parallelism (without the lock,
// TestRemove_prodRefusedAsDiffSays shows 20 resources gone first).
func TestLock_removalWithoutPreviewDeletesNothing(t *testing.T) {
	deployed := enginetest.Update(t, lockedProgram(true, true, 100), nil, enginetest.Options{})
	for _, r := range deployed.Snapshot.Resources {
		if r.URN == lockURN {
			assert.True(t, r.Protect)
			assert.Len(t, r.Dependencies, 29, "every other child of the component")
		}
	}
	removed := lockedProgram(true, false, 100)
	for _, opts := range []enginetest.Options{
		{ExpectFailure: true},
		{ExpectFailure: true, SkipPreview: true, Parallel: 1},
		{ExpectFailure: true, SkipPreview: true, Parallel: 8},
	} {
		res := enginetest.Update(t, removed, deployed.Snapshot, opts)
		require.ErrorContains(t, res.Err, "clickstream-delete-lock\" cannot be deleted")
		if opts.SkipPreview { // the steps applied (a failed preview's are the planned ones)
			assert.Empty(t, res.ByOp()["delete"])
		}
		assert.Empty(t, res.Calls.Deletes())
		if res.Snapshot != nil {
			assert.Equal(t, len(deployed.Snapshot.Resources), len(res.Snapshot.Resources), "nothing left the state")
		}
	}
}

// TestLock_replacingAChildInProd: a child replaced under the protected lock
// (the alert subscription: its endpoint forces a new one) is replaced as
// without the lock, with or without a preview; the lock stays `same`.
func TestLock_replacingAChildInProd(t *testing.T) {
	deployed := enginetest.Update(t, lockedProgram(true, true, 100), nil, enginetest.Options{})
	sub := resource.URN("urn:pulumi:prod::locked::schedkit:aws:StreamProcessor$aws:sns/topicSubscription:TopicSubscription::clickstream-alerts-email")
	for _, opts := range []enginetest.Options{{}, {SkipPreview: true}} {
		res := enginetest.Update(t, lockedProgramTo(true, true, 100, "ops@example.com"), deployed.Snapshot, opts)
		require.NoError(t, res.Err)
		assert.Equal(t, []string{"create-replacement", "replace", "delete-replaced"}, opNames(res.Ops()[sub]))
		assert.Equal(t, []string{"same"}, opNames(res.Ops()[lockURN]))
		assert.Equal(t, []resource.URN{sub}, res.Calls.Deletes(), "only the old subscription")
	}
}

// TestLock_normalUpdateAndLiftingProtection: the lock costs nothing to a
// normal update (the changed child is updated, the lock stays `same`); and
// protection lifted the documented way (Protect false, pulumi up: only
// protect flags flip, no provider call) lets the removal through: the lock
// and the unretained children are deleted, the retained ones leave the
// state without a provider Delete.
func TestLock_normalUpdateAndLiftingProtection(t *testing.T) {
	deployed := enginetest.Update(t, lockedProgram(true, true, 100), nil, enginetest.Options{})

	updated := enginetest.Update(t, lockedProgram(true, true, 200), deployed.Snapshot, enginetest.Options{SkipPreview: true})
	mapping := resource.URN("urn:pulumi:prod::locked::schedkit:aws:StreamProcessor$aws:lambda/eventSourceMapping:EventSourceMapping::clickstream-mapping")
	assert.Equal(t, []resource.URN{mapping}, updated.ByOp()["update"])
	assert.Equal(t, []string{"same", "update"}, keys(updated.ByOp()))

	lifted := enginetest.Update(t, lockedProgram(false, true, 200), updated.Snapshot, enginetest.Options{})
	assert.Equal(t, []string{"same"}, keys(lifted.ByOp()), "lifting protection flips flags only")
	assert.Empty(t, lifted.Calls.Updates())

	removed := enginetest.Update(t, lockedProgram(false, false, 200), lifted.Snapshot, enginetest.Options{})
	var retained, deleted []resource.URN
	for _, r := range lifted.Snapshot.Resources {
		if r.Type == "pulumi:pulumi:Stack" || r.Type == "pulumi:providers:aws" {
			continue
		}
		switch {
		case r.RetainOnDelete:
			retained = append(retained, r.URN)
		case r.Custom:
			deleted = append(deleted, r.URN)
		}
	}
	sortURNs(deleted)
	require.NotEmpty(t, retained)
	assert.Equal(t, deleted, removed.Calls.Deletes(), "a provider Delete for each unretained resource, none for a retained one")
	left := inState(removed.Snapshot)
	for _, u := range retained {
		assert.False(t, left[u], "%s left the state", u)
	}
	assert.False(t, left[lockURN])
}

type box struct{ pulumi.ResourceState }

// boxed is a component with one queue named explicitly (queueName) and its
// delete lock, protected: renaming the queue replaces it, deleting the old
// one first (two queues cannot hold one name).
func boxed(queueName string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		var b box
		var children keep.Children
		if err := ctx.RegisterComponentResource("schedkit:test:Box", "box", &b, children.Option()); err != nil {
			return err
		}
		var q pulumi.CustomResourceState
		if err := ctx.RegisterResource("aws:sqs/queue:Queue", "box-queue", pulumi.Map{"name": pulumi.String(queueName)}, &q, pulumi.Parent(&b)); err != nil {
			return err
		}
		return keep.Policy{Protect: true}.Lock(ctx, &b, "box", &children)
	}
}

// TestLock_deleteBeforeReplaceOfAChild: a child replaced delete-first under
// a protected lock is replaced as without it; the lock stays `same`.
func TestLock_deleteBeforeReplaceOfAChild(t *testing.T) {
	p := func(name string) enginetest.Program {
		return enginetest.Program{Project: "box", Stack: "prod", Run: boxed(name), Config: map[string]string{"aws:region": "eu-west-1"}}
	}
	deployed := enginetest.Update(t, p("jobs-a"), nil, enginetest.Options{})
	res := enginetest.Update(t, p("jobs-b"), deployed.Snapshot, enginetest.Options{})
	queue := resource.URN("urn:pulumi:prod::box::schedkit:test:Box$aws:sqs/queue:Queue::box-queue")
	assert.Equal(t, []string{"delete-replaced", "replace", "create-replacement"}, opNames(res.Ops()[queue]))
	assert.Equal(t, []string{"same"}, opNames(res.Ops()["urn:pulumi:prod::box::schedkit:test:Box$schedkit:keep:DeleteLock::box-delete-lock"]))
	assert.Equal(t, []resource.URN{queue}, res.Calls.Deletes())
}
