// Package hybrid is the hybrid pipeline (seed §3.4): AWS compute lands data,
// Snowflake compute transforms it, and one on-call sees both halves.
//
//	CronJob (ECS) ─s3:PutObject only on <LandingPrefix>→ S3 ─SnowpipeIngest→ landing table + stream
//	  stream has data ─→ TaskGraph transform (triggered)
//	  watch graph (scheduled): keep the stream fresh → newest target row older than MaxAge? fail
//	  its deadline check: no watch run succeeded by due time + grace? alert (also once it suspended)
//	every failure (job, load, transform, staleness) → one SNS alert topic
package hybrid

import (
	"fmt"
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/order"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
)

// Type is the HybridPipeline's Pulumi type token.
const Type = "schedkit:pipelines:HybridPipeline"

// Tokens are the Snowflake resource tokens a HybridPipeline registers.
func Tokens() []string { return append(snowpipe.Tokens(), taskgraph.Tokens()...) }

// HybridPipeline lands data with an ECS job and transforms it in Snowflake.
type HybridPipeline struct {
	pulumi.ResourceState

	// Producer, Ingest, Transform and Watch are the composed components.
	Producer  *cronjob.CronJob
	Ingest    *snowpipe.SnowpipeIngest
	Transform *taskgraph.TaskGraph
	Watch     *taskgraph.TaskGraph

	// LandingS3Uri is where the producer writes and the pipe reads.
	LandingS3Uri pulumi.StringOutput `pulumi:"landingS3Uri"`
	// LandingTableName and StreamName are the landing table and its stream.
	LandingTableName pulumi.StringOutput `pulumi:"landingTableName"`
	StreamName       pulumi.StringOutput `pulumi:"streamName"`
	// ProducerStateMachineArn is the producer's guard workflow.
	ProducerStateMachineArn pulumi.StringOutput `pulumi:"producerStateMachineArn"`
	// AlertTopicArn receives every alert; AlertTopicKmsKeyArn is its key.
	AlertTopicArn       pulumi.StringOutput `pulumi:"alertTopicArn"`
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`
}

// NewHybridPipeline validates args (and everything it composes) and
// registers the alert topic, the ingest (bucket, integration, pipe, stream),
// the producer with its landing permission, the triggered transform and the
// watch graph.
func NewHybridPipeline(ctx *pulumi.Context, name string, args *HybridPipelineArgs, opts ...pulumi.ResourceOption) (*HybridPipeline, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	after := order.DependsOn(opts)
	h := &HybridPipeline{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, h, children.Options(opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(h)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	env := awsenv.Lookup(ctx, h)

	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), env, alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail,
		Tags: tags.For(Type, name, a.Tags), Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, fmt.Errorf("%s %q: alert topic: %w", kind, name, err)
	}
	sh := shared{topic: topic.Arn, database: order.Value(a.Database, after), schema: order.Value(a.Schema, after)}
	if a.AlertTopicArn == nil || a.AlertTopicKmsKeyArn != nil {
		sh.key = topic.KeyArn
	}

	ingest, err := snowpipe.NewSnowpipeIngest(ctx, ingestName(name), ingestArgs(a, sh), parent)
	if err != nil {
		return nil, err
	}
	sh.bucketArn = ingest.BucketArn
	sh.landing = pulumi.Sprintf("s3://%s/%s", ingest.BucketName, a.LandingPrefix)
	sh.stream = ingest.Streams[a.Table]
	producer, err := cronjob.NewCronJob(ctx, producerName(name), producerArgs(a, sh), parent)
	if err != nil {
		return nil, err
	}
	transform, err := taskgraph.NewTaskGraph(ctx, transformName(name), transformArgs(a, sh), parent)
	if err != nil {
		return nil, err
	}
	// The watch names the stream in its SQL: its tasks wait for the stream
	// through their database input.
	sh.database = pulumi.All(sh.database, sh.stream).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
	watch, err := taskgraph.NewTaskGraph(ctx, watchName(name), watchArgs(name, a, sh), parent)
	if err != nil {
		return nil, err
	}

	h.Producer, h.Ingest, h.Transform, h.Watch = producer, ingest, transform, watch
	h.LandingS3Uri = sh.landing
	h.LandingTableName = ingest.TableNames.MapIndex(pulumi.String(a.Table))
	h.StreamName = sh.stream.ToStringOutput()
	h.ProducerStateMachineArn = producer.StateMachineArn
	h.AlertTopicArn, h.AlertTopicKmsKeyArn = topic.Arn, topic.KeyArn
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, h, name, &children); err != nil {
		return nil, fmt.Errorf("%s %q: registering the delete lock: %w", kind, name, err)
	}
	if err := ctx.RegisterResourceOutputs(h, pulumi.Map{
		"landingS3Uri":            h.LandingS3Uri,
		"landingTableName":        h.LandingTableName,
		"streamName":              h.StreamName,
		"producerStateMachineArn": h.ProducerStateMachineArn,
		"alertTopicArn":           h.AlertTopicArn,
		"alertTopicKmsKeyArn":     h.AlertTopicKmsKeyArn,
	}); err != nil {
		return nil, fmt.Errorf("%s %q: registering outputs: %w", kind, name, err)
	}
	return h, nil
}

// shared is what the composed components take from each other: the alert
// topic and its key (nil for a given topic without one), the landing
// bucket, the landing URI and the stream.
type shared struct {
	database, schema pulumi.StringInput
	topic, key       pulumi.StringInput
	bucketArn        pulumi.StringOutput
	landing          pulumi.StringOutput
	stream           pulumi.StringInput
}

// ingestArgs is the pipe on the landing prefix, with a stream on its table,
// reporting load errors to the shared topic.
func ingestArgs(a HybridPipelineArgs, sh shared) *snowpipe.SnowpipeIngestArgs {
	return &snowpipe.SnowpipeIngestArgs{
		StableName: naming.StableChild(a.StableName, ingestName),
		Database:   sh.database, Schema: sh.schema,
		Pipes: []snowpipe.PipeSpec{{
			Name: a.Table, Prefix: a.LandingPrefix, Format: a.Format,
			Columns: a.Columns, CopyOptions: a.CopyOptions, Stream: true,
		}},
		AlertTopicArn: sh.topic, AlertTopicKmsKeyArn: sh.key,
		RetainOnDelete: a.RetainOnDelete, Protect: a.Protect, Tags: a.Tags,
	}
}

// producerArgs is the caller's job with what the pipeline adds: exactly
// s3:PutObject under the landing prefix, the landing URI and format in its
// environment, and the shared alerts.
func producerArgs(a HybridPipelineArgs, sh shared) *cronjob.CronJobArgs {
	p := a.Producer
	p.TaskPolicyStatements = append(append([]iampolicy.Statement{}, p.TaskPolicyStatements...), iampolicy.Statement{
		Sid:       "WriteLandingPrefix",
		Actions:   []string{"s3:PutObject"},
		Resources: iampolicy.Inputs(pulumi.Sprintf("%s/%s*", sh.bucketArn, a.LandingPrefix)),
	})
	env := map[string]pulumi.StringInput{}
	maps.Copy(env, p.Environment)
	env[LandingURIVariable] = sh.landing
	env[LandingFormatVariable] = pulumi.String(a.Format.Type)
	p.Environment = env
	p.AlertTopicArn, p.AlertTopicKmsKeyArn = sh.topic, sh.key
	p.RetainOnDelete, p.Protect, p.Tags = a.RetainOnDelete, a.Protect, a.Tags
	if stable := naming.StableChild(a.StableName, producerName); stable != "" {
		p.StableName = stable
	}
	return &p
}

// transformArgs is the caller's transform, triggered by the landing stream.
func transformArgs(a HybridPipelineArgs, sh shared) *taskgraph.TaskGraphArgs {
	return &taskgraph.TaskGraphArgs{
		StableName: naming.StableChild(a.StableName, transformName),
		Database:   sh.database, Schema: sh.schema,
		Tasks: a.Transform, TriggerStream: sh.stream,
		TargetCompletionInterval: a.TargetCompletionInterval, Warehouse: a.Warehouse,
		MaxAge:  a.TransformMaxAge,
		Started: a.Started, AlertTopicArn: sh.topic, AlertTopicKmsKeyArn: sh.key,
		RetainOnDelete: a.RetainOnDelete, Protect: a.Protect, Tags: a.Tags,
	}
}

// watchArgs is the scheduled graph that keeps the stream fresh (Fallback)
// and then checks the target's freshness; a stale target fails the check,
// which notifies the shared topic. It suspends only after many alerts, and
// its deadline check (Freshness.DeadlineGrace) keeps alerting at every due
// time once it has, as it does when the watch stops running for any other
// reason: a monitor that stops is noticed.
func watchArgs(name string, a HybridPipelineArgs, sh shared) *taskgraph.TaskGraphArgs {
	f := a.Freshness
	check := taskgraph.TaskSpec{Name: freshnessTask(a.Table), SQL: freshnessSQL(name, f.Table, f.Column, f.MaxAge)}
	tasks := []taskgraph.TaskSpec{check}
	if *a.Fallback {
		keep := taskgraph.TaskSpec{Name: keepaliveTask(a.Table), SQL: keepaliveSQL(streamName(a))}
		check.After = []string{keep.Name}
		tasks = []taskgraph.TaskSpec{keep, check}
	}
	suspend := f.SuspendAfterFailures
	return &taskgraph.TaskGraphArgs{
		StableName: naming.StableChild(a.StableName, watchName),
		Database:   sh.database, Schema: sh.schema,
		Tasks: tasks, Cron: f.Cron, Warehouse: a.Warehouse,
		SuspendAfterFailures: &suspend,
		DeadlineGrace:        f.DeadlineGrace, DisableDeadline: f.DisableDeadline,
		Started: a.Started, AlertTopicArn: sh.topic, AlertTopicKmsKeyArn: sh.key,
		RetainOnDelete: a.RetainOnDelete, Protect: a.Protect, Tags: a.Tags,
	}
}
