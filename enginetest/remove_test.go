package enginetest_test

import (
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/diff"
	"github.com/schedkit/schedkit/enginetest"
)

// pipelines is a small program in the shape of the stacks: a clickstream
// (a StreamProcessor with an S3 sink: stream, bucket, queue, log groups,
// all stateful) beside a nightly CronJob, kept as prod keeps them when
// schedkit:keep is set. withClickstream false is the change that removes
// the clickstream.
func pipelines(withClickstream bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		keep := config.New(ctx, "schedkit").GetBool("keep")
		if _, err := cronjob.NewCronJob(ctx, "nightly-report", &cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.0.0"),
			Subnets:        pulumi.ToStringArray([]string{"subnet-0d000000000000001"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-0d000000000000001"}),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			AlertEmail:     "data-oncall@example.com",
			RetainOnDelete: keep, Protect: keep,
		}); err != nil {
			return err
		}
		if !withClickstream {
			return nil
		}
		_, err := stream.NewStreamProcessor(ctx, "clickstream", &stream.StreamProcessorArgs{
			CodeArchivePath: "./handler",
			Runtime:         "python3.12",
			Handler:         "index.handler",
			Sink:            &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail:      "data-oncall@example.com",
			RetainOnDelete:  keep, Protect: keep,
		})
		return err
	}
}

func pipelinesProgram(stack string, keep bool, withClickstream bool) enginetest.Program {
	return enginetest.Program{
		Project: "pipelines", Stack: stack, Dir: "../examples/stream", Run: pipelines(withClickstream),
		Config: map[string]string{"aws:region": "eu-west-1", "schedkit:keep": map[bool]string{true: "true", false: "false"}[keep]},
	}
}

// predicted is schedkit diff's report of a program change.
func predicted(t *testing.T, before, after enginetest.Program) *diff.Report {
	t.Helper()
	from, err := enginetest.Synth(before)
	require.NoError(t, err)
	to, err := enginetest.Synth(after)
	require.NoError(t, err)
	return diff.Compare(from, to, "before", "after")
}

func urnsOf(changes []diff.Change, kind diff.Kind) []resource.URN {
	var out []resource.URN
	for _, c := range changes {
		if c.Kind == kind {
			out = append(out, resource.URN(c.URN))
		}
	}
	sortURNs(out)
	return out
}

func inState(s *deploy.Snapshot) map[resource.URN]bool {
	out := map[resource.URN]bool{}
	for _, r := range s.Resources {
		out[r.URN] = true
	}
	return out
}

// TestRemove_devDeletesExactlyWhatDiffSays: removing a component in dev
// (nothing kept) deletes exactly the resources `schedkit diff` lists as
// deleted, each with a provider Delete, and nothing else changes.
func TestRemove_devDeletesExactlyWhatDiffSays(t *testing.T) {
	before, after := pipelinesProgram("dev", false, true), pipelinesProgram("dev", false, false)
	deployed := enginetest.Update(t, before, nil, enginetest.Options{})
	report := predicted(t, before, after)
	want := urnsOf(report.Changes, diff.Delete)
	require.NotEmpty(t, want)
	assert.Len(t, report.Changes, len(want), "the removal only deletes")

	res := enginetest.Update(t, after, deployed.Snapshot, enginetest.Options{})
	byOp := res.ByOp()
	assert.Equal(t, want, byOp["delete"])
	assert.Equal(t, []string{"delete", "same"}, keys(byOp))
	// Components leave the state without a provider call; every custom
	// resource deleted gets one.
	assert.Equal(t, customOnly(want), res.Calls.Deletes())
}

func customOnly(urns []resource.URN) []resource.URN {
	var out []resource.URN
	for _, u := range urns {
		if !isComponent(u) {
			out = append(out, u)
		}
	}
	return out
}

func isComponent(u resource.URN) bool {
	t := string(u.Type())
	return len(t) > 8 && t[:8] == "schedkit"
}

// TestRemove_prodRefusedAsDiffSays: removing a component whose data prod
// protects fails and deletes nothing, with or without a preview. With a
// preview (pulumi preview, pulumi up) nothing changes at all; without one
// (pulumi up --skip-preview, the Automation API's up) the engine reaches
// the component's delete lock first (keep.Policy.Lock: it depends on every
// other child, and NewStreamProcessor registers it) and fails there, at any
// parallelism, as `schedkit diff` says (diff.Refusal: nothing deleted
// first). Before the constructors registered their locks, this update
// deleted the function, its mapping, role and policy and the alarms (20
// resources) before failing on the stream.
func TestRemove_prodRefusedAsDiffSays(t *testing.T) {
	before, after := pipelinesProgram("prod", true, true), pipelinesProgram("prod", true, false)
	deployed := enginetest.Update(t, before, nil, enginetest.Options{})
	report := predicted(t, before, after)
	require.NotNil(t, report.Refusal, "schedkit diff must say the update fails")
	assert.Len(t, report.Refusal.Refused, 9, "the lock, and stream, bucket, queue, topic, key, Firehose, two log groups")
	assert.Contains(t, report.Refusal.Refused, string(clickstreamLock))
	assert.Empty(t, report.Refusal.DeletedFirst, "schedkit diff: nothing deleted before the update fails")

	preview := enginetest.Preview(t, after, deployed.Snapshot, enginetest.Options{ExpectFailure: true})
	assert.ErrorContains(t, preview.Err, "because it is protected")
	assert.Empty(t, preview.Calls.Deletes())

	up := enginetest.Update(t, after, deployed.Snapshot, enginetest.Options{ExpectFailure: true})
	require.Error(t, up.Err)
	assert.Nil(t, up.Snapshot, "the update stopped at its preview: no state written")
	assert.Empty(t, up.Calls.Deletes())

	for _, parallel := range []int32{1, 8} {
		blind := enginetest.Update(t, after, deployed.Snapshot, enginetest.Options{SkipPreview: true, ExpectFailure: true, Parallel: parallel})
		require.ErrorContains(t, blind.Err, "clickstream-delete-lock\" cannot be deleted")
		assert.Empty(t, blind.ByOp()["delete"], "parallel %d: a preview-less update deletes nothing before it fails", parallel)
		assert.Empty(t, blind.Calls.Deletes(), "parallel %d: no provider Delete", parallel)
		assert.Equal(t, inState(deployed.Snapshot), inState(blind.Snapshot), "parallel %d: nothing left the state", parallel)
	}
}

const clickstreamLock = resource.URN("urn:pulumi:prod::pipelines::schedkit:aws:StreamProcessor$schedkit:keep:DeleteLock::clickstream-delete-lock")
