package enginetest_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/snowpipe"
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

// keptProgram is a prod program of one component, which build registers
// retained, and protected as schedkit:protect says (lifting protection is
// a config change and a pulumi up, as in a stack); present false removes
// the component.
func keptProgram(protect, present bool, build func(ctx *pulumi.Context, retain, protect bool) error) enginetest.Program {
	flag := map[bool]string{true: "true", false: "false"}
	return enginetest.Program{
		Project: "kept", Stack: "prod", Dir: "../examples/stream",
		Config: map[string]string{"aws:region": "eu-west-1", "schedkit:retain": "true", "schedkit:protect": flag[protect]},
		Run: func(ctx *pulumi.Context) error {
			if !present {
				return nil
			}
			c := config.New(ctx, "schedkit")
			return build(ctx, c.GetBool("retain"), c.GetBool("protect"))
		},
	}
}

// keptClickstream is the clickstream of pipelines alone (keptProgram).
func keptClickstream(protect, present bool) enginetest.Program {
	return keptProgram(protect, present, func(ctx *pulumi.Context, retain, protect bool) error {
		_, err := stream.NewStreamProcessor(ctx, "clickstream", &stream.StreamProcessorArgs{
			CodeArchivePath: "./handler", Runtime: "python3.12", Handler: "index.handler",
			Sink:       &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail: "data-oncall@example.com", RetainOnDelete: retain, Protect: protect,
		})
		return err
	})
}

// keptIngest is a SnowpipeIngest loading orders (keptProgram).
func keptIngest(protect, present bool) enginetest.Program {
	return keptProgram(protect, present, func(ctx *pulumi.Context, retain, protect bool) error {
		_, err := snowpipe.NewSnowpipeIngest(ctx, "events", &snowpipe.SnowpipeIngestArgs{
			Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"),
			Pipes: []snowpipe.PipeSpec{{
				Name: "ORDERS", Prefix: "orders/", Suffix: ".csv",
				Format:  snowpipe.FileFormat{Type: "CSV", SkipHeader: 1},
				Columns: []snowpipe.Column{{Name: "ORDER_ID", Type: "NUMBER(38,0)"}, {Name: "AMOUNT", Type: "NUMBER(12,2)"}},
			}},
			AlertEmail:     "data-oncall@example.com",
			RetainOnDelete: retain, Protect: protect,
		})
		return err
	})
}

// removeLiftedAsDiffSays deploys kept(true, true), lifts its protection
// the documented way (Protect false, pulumi up: only flags flip) and
// removes it, and asserts what holds for any kept component: the engine
// deletes from the state what `schedkit diff` lists, with a provider
// Delete for exactly what diff lists as deleted and not retained; each of
// stays, which diff says is retained, leaves the state and stays in the
// cloud; and nothing a retained resource depends on got a provider Delete,
// so what is left behind works. It returns the removal.
func removeLiftedAsDiffSays(t *testing.T, kept func(protect, present bool) enginetest.Program, stays []resource.URN) enginetest.Result {
	t.Helper()
	deployed := enginetest.Update(t, kept(true, true), nil, enginetest.Options{})
	lifted := enginetest.Update(t, kept(false, true), deployed.Snapshot, enginetest.Options{})
	assert.Equal(t, []string{"same"}, keys(lifted.ByOp()), "lifting protection flips flags only")

	report := predicted(t, kept(false, true), kept(false, false))
	require.Nil(t, report.Refusal, "nothing is protected any more")
	var cloud, retained []resource.URN
	for _, c := range report.Changes {
		require.Equal(t, diff.Delete, c.Kind, "%s: the removal only deletes", c.URN)
		switch u := resource.URN(c.URN); {
		case c.Retained:
			retained = append(retained, u)
		case !isComponent(u):
			cloud = append(cloud, u)
		}
	}
	sortURNs(cloud)

	removed := enginetest.Update(t, kept(false, false), lifted.Snapshot, enginetest.Options{})
	var fromState []resource.URN // a default provider goes with its last resource
	for _, u := range removed.ByOp()["delete"] {
		if !strings.HasPrefix(string(u.Type()), "pulumi:providers:") {
			fromState = append(fromState, u)
		}
	}
	assert.Equal(t, urnsOf(report.Changes, diff.Delete), fromState, "the engine deletes from the state what diff lists")
	assert.Equal(t, cloud, removed.Calls.Deletes(), "a provider Delete for exactly what diff lists as deleted and not retained")

	left := inState(removed.Snapshot)
	for _, u := range stays {
		assert.True(t, inState(lifted.Snapshot)[u], "%s was deployed", u)
		assert.Contains(t, retained, u, "diff says %s is retained", u)
		assert.NotContains(t, removed.Calls.Deletes(), u, "%s stays in the cloud", u)
		assert.False(t, left[u], "%s left the state", u)
	}

	deleted := map[resource.URN]bool{}
	for _, u := range removed.Calls.Deletes() {
		deleted[u] = true
	}
	for _, r := range lifted.Snapshot.Resources {
		if !r.RetainOnDelete {
			continue
		}
		for _, d := range r.Dependencies {
			assert.False(t, deleted[d], "%s is kept, but %s, which it depends on, was deleted", r.URN, d)
		}
	}
	return removed
}

// TestRemove_protectionLiftedLeavesAWorkingFirehose: removing the
// clickstream with protection lifted leaves the retained resources in the
// cloud, and with them what they need to keep working: the Firehose keeps
// its role, the role's policy and its delivery log stream
// (keep.Policy.Needed), so it keeps delivering from the kept stream to the
// kept bucket. Before, the role and policy got a provider Delete and the
// kept Firehose stopped delivering.
func TestRemove_protectionLiftedLeavesAWorkingFirehose(t *testing.T) {
	const sp = "urn:pulumi:prod::kept::schedkit:aws:StreamProcessor$"
	removeLiftedAsDiffSays(t, keptClickstream, []resource.URN{
		sp + "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream::clickstream-sink",
		sp + "aws:iam/role:Role::clickstream-sink-role",
		sp + "aws:iam/rolePolicy:RolePolicy::clickstream-sink-policy",
		sp + "aws:cloudwatch/logStream:LogStream::clickstream-sink-delivery-log",
		sp + "aws:cloudwatch/logGroup:LogGroup::clickstream-sink-logs",
		sp + "aws:kinesis/stream:Stream::clickstream-stream",
		sp + "aws:s3/bucket:Bucket::clickstream-sink-bucket",
	})
}

// TestRemove_protectionLiftedLeavesAReadableStage: removing a kept
// SnowpipeIngest with protection lifted leaves its stage readable: the
// stage, its storage integration, the role the integration assumes, that
// role's policy and the file format stay in the cloud; the pipe, which
// holds no data, is deleted.
func TestRemove_protectionLiftedLeavesAReadableStage(t *testing.T) {
	const si = "urn:pulumi:prod::kept::schedkit:snowflake:SnowpipeIngest$"
	removed := removeLiftedAsDiffSays(t, keptIngest, []resource.URN{
		si + "snowflake:index/stageExternalS3:StageExternalS3::events-orders-stage",
		si + "snowflake:index/storageIntegrationAws:StorageIntegrationAws::events-storage-integration",
		si + "aws:iam/role:Role::events-storage-role",
		si + "aws:iam/rolePolicy:RolePolicy::events-storage-role-policy",
		si + "snowflake:index/fileFormat:FileFormat::events-orders-format",
	})
	assert.Contains(t, removed.Calls.Deletes(), resource.URN(si+"snowflake:index/pipe:Pipe::events-orders-pipe"), "the pipe holds no data: deleted")
}

const clickstreamLock = resource.URN("urn:pulumi:prod::pipelines::schedkit:aws:StreamProcessor$schedkit:keep:DeleteLock::clickstream-delete-lock")
