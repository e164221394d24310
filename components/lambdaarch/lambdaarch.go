// Package lambdaarch is the Lambda architecture (seed §3.5) on Kinesis and
// Snowflake, composed from StreamProcessor, SnowpipeIngest and TaskGraph:
//
//	producers → Kinesis ─→ consumer Lambda (real time)
//	              ├─ Firehose "speed" ─Snowpipe Streaming→ <NAME>_SPEED ──────────────┐
//	              └─ Firehose "archive" → S3 events/ (date-partitioned, GZIP)         │
//	                    └─ Snowpipe → <NAME>_RAW ─recompute (task or dynamic table)→ <NAME>_BATCH
//	view <NAME> = batch rows up to MAX(watermark) of <NAME>_BATCH  UNION ALL  speed rows after it
//	cleanup task: delete speed rows older than the batch watermark minus CleanupMargin
//	every alarm, load error and task error → one SNS alert topic
//
// The archive is the immutable record every batch cycle recomputes from; the
// speed table covers the time since the last cycle; the view serves both
// without overlap. See sql.go for the exact SQL.
package lambdaarch

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/order"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/internal/verify"
)

// Type is the LambdaArchitecture's Pulumi type token.
const Type = "schedkit:pipelines:LambdaArchitecture"

// Tokens are the Snowflake resource tokens a LambdaArchitecture may register,
// its composed components' included.
func Tokens() []string {
	all := append(append(snowpipe.Tokens(), taskgraph.Tokens()...),
		snowflake.TableType, snowflake.DynamicTableType, snowflake.ViewType)
	slices.Sort(all)
	return slices.Compact(all)
}

// PreviewFeatures are the provider preview features a LambdaArchitecture
// needs; enable them on the stack's Snowflake provider.
func PreviewFeatures() []string { return snowflake.PreviewFeaturesFor(Tokens()...) }

// LambdaArchitecture is a stream served in real time and recomputed in
// batch, with one view over both.
type LambdaArchitecture struct {
	pulumi.ResourceState

	// StreamArn and StreamName are the events stream producers write to.
	StreamArn  pulumi.StringOutput `pulumi:"streamArn"`
	StreamName pulumi.StringOutput `pulumi:"streamName"`
	// FunctionName is the real-time consumer.
	FunctionName pulumi.StringOutput `pulumi:"functionName"`
	// SpeedDeliveryStreamArn is the Firehose loading the speed table.
	SpeedDeliveryStreamArn pulumi.StringOutput `pulumi:"speedDeliveryStreamArn"`
	// ArchiveDeliveryStreamArn is the Firehose archiving events to S3.
	ArchiveDeliveryStreamArn pulumi.StringOutput `pulumi:"archiveDeliveryStreamArn"`
	// ArchiveBucketName is the bucket of the raw archive.
	ArchiveBucketName pulumi.StringOutput `pulumi:"archiveBucketName"`
	// SpeedTable, RawTable and BatchTable are the tables' fully qualified names.
	SpeedTable pulumi.StringOutput `pulumi:"speedTable"`
	RawTable   pulumi.StringOutput `pulumi:"rawTable"`
	BatchTable pulumi.StringOutput `pulumi:"batchTable"`
	// View is the serving view's fully qualified name: query this.
	View pulumi.StringOutput `pulumi:"view"`
	// RootTask is the task graph's root: the recompute, or the cleanup with a dynamic table.
	RootTask pulumi.StringOutput `pulumi:"rootTask"`
	// AlertTopicArn receives every alert; AlertTopicKmsKeyArn is its key
	// ("" for a given topic without AlertTopicKmsKeyArn).
	AlertTopicArn       pulumi.StringOutput `pulumi:"alertTopicArn"`
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`

	// Processor, Ingest and Tasks are the composed components.
	Processor *stream.StreamProcessor
	Ingest    *snowpipe.SnowpipeIngest
	Tasks     *taskgraph.TaskGraph
}

// NewLambdaArchitecture validates args (and everything it composes) and
// registers the alert topic, the speed table, the StreamProcessor with its
// speed and archive sinks, the SnowpipeIngest of the archive, the batch
// table, the serving view and the task graph.
//
// Pulumi does not pass a component's pulumi.DependsOn to its children; this
// one carries it to every Snowflake object it creates or composes (see
// internal/order), so a database or schema the same program creates is
// there first.
func NewLambdaArchitecture(ctx *pulumi.Context, name string, args *LambdaArchitectureArgs, opts ...pulumi.ResourceOption) (*LambdaArchitecture, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	l := newLayers(a)
	after := order.DependsOn(opts)

	comp := &LambdaArchitecture{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, comp, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("lambdaarch %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(comp)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	tables := kept.Stateful(parent)
	comment := func(what string) pulumi.StringPtrInput {
		return pulumi.String(fmt.Sprintf("schedkit LambdaArchitecture %s: %s", name, what))
	}

	// One topic for every alert of both halves.
	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), awsenv.Lookup(ctx, comp), alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail,
		Tags: tags.For(Type, name, a.Tags), Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, wrap("alert topic", err)
	}
	sh := shared{
		database: order.Value(a.Database, after), schema: order.Value(a.Schema, after),
		topic:     topic.Arn,
		secret:    check.Deployed(kind, name, "PrivateKeySecretArn", a.PrivateKeySecretArn, verify.SecretARN),
		secretKey: check.Deployed(kind, name, "SecretKmsKeyArn", a.SecretKmsKeyArn, verify.KMSKeyARN),
		objects:   objects{a.Database, a.Schema, a.Name},
	}
	if a.AlertTopicArn == nil || a.AlertTopicKmsKeyArn != nil {
		sh.key = topic.KeyArn
	}
	database, schema, o := sh.database, sh.schema, sh.objects

	// Speed layer: the table Firehose loads, then the stream, its consumer
	// and both sinks. Firehose retries a load until the table exists.
	speed, err := snowflake.NewTable(ctx, name+"-speed-table", &snowflake.TableArgs{
		Database: database, Schema: schema, Name: pulumi.String(o.speed()),
		Columns: tableColumns(a.Columns), Comment: comment("speed layer, loaded by Firehose"),
	}, tables...)
	if err != nil {
		return nil, wrap("creating speed table", err)
	}
	proc, err := stream.NewStreamProcessor(ctx, processorName(name), processorArgs(a, sh), parent)
	if err != nil {
		return nil, wrap("events", err)
	}

	// Batch layer: Snowpipe loads the archive into the raw table, and the
	// batch table is computed from it.
	sh.archiveBucket = proc.SinkBucketNames.MapIndex(pulumi.String(ArchiveSink))
	ingest, err := snowpipe.NewSnowpipeIngest(ctx, ingestName(name), ingestArgs(a, sh), parent)
	if err != nil {
		return nil, wrap("raw", err)
	}
	raw := ingest.TableNames.MapIndex(pulumi.String(o.raw()))
	warehouse := check.Deployed(kind, name, "Warehouse", a.Warehouse, verify.SnowflakeWarehouseName)
	var batch pulumi.StringOutput
	if a.BatchMode == BatchByDynamicTable {
		dt, err := snowflake.NewDynamicTable(ctx, name+"-batch-table", &snowflake.DynamicTableArgs{
			Database: database, Schema: schema, Name: pulumi.String(o.batch()),
			Query:       raw.ApplyT(l.batchQuery).(pulumi.StringOutput),
			Warehouse:   warehouse,
			TargetLag:   &snowflake.DynamicTableTargetLag{MaximumDuration: pulumi.String(targetLag(a.TargetLag))},
			RefreshMode: pulumi.String(a.RefreshMode),
			Comment:     comment("batch layer, refreshed from the raw table"),
		}, tables...)
		if err != nil {
			return nil, wrap("creating batch dynamic table", err)
		}
		batch = dt.FullyQualifiedName
	} else {
		t, err := snowflake.NewTable(ctx, name+"-batch-table", &snowflake.TableArgs{
			Database: database, Schema: schema, Name: pulumi.String(o.batch()),
			Columns: tableColumns(a.Columns), Comment: comment("batch layer, recomputed from the raw table"),
		}, tables...)
		if err != nil {
			return nil, wrap("creating batch table", err)
		}
		batch = t.FullyQualifiedName
	}

	// Serving layer: the view reads both tables, so it follows both.
	view, err := snowflake.NewView(ctx, name+"-view", &snowflake.ViewArgs{
		Database: database, Schema: schema, Name: pulumi.String(o.view()),
		Statement: pulumi.All(batch, speed.FullyQualifiedName).ApplyT(func(v []any) string {
			return l.view(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput),
		Comment: comment("serving view: batch rows up to the batch watermark, speed rows after it"),
	}, parent)
	if err != nil {
		return nil, wrap("creating view", err)
	}

	// Tasks: created once every table they name exists.
	sh.database = pulumi.All(database, speed.FullyQualifiedName, batch, raw).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
	graph, err := taskgraph.NewTaskGraph(ctx, graphName(name), graphArgs(a, sh, warehouse), parent)
	if err != nil {
		return nil, wrap("tasks", err)
	}

	comp.StreamArn = proc.StreamArn
	comp.StreamName = proc.StreamName
	comp.FunctionName = proc.FunctionName
	comp.SpeedDeliveryStreamArn = proc.DeliveryStreamArns.MapIndex(pulumi.String(SpeedSink))
	comp.ArchiveDeliveryStreamArn = proc.DeliveryStreamArns.MapIndex(pulumi.String(ArchiveSink))
	comp.ArchiveBucketName = ingest.BucketName
	comp.SpeedTable = speed.FullyQualifiedName
	comp.RawTable = raw
	comp.BatchTable = batch
	comp.View = view.FullyQualifiedName
	comp.RootTask = graph.RootTaskFullyQualifiedName
	comp.AlertTopicArn, comp.AlertTopicKmsKeyArn = topic.Arn, topic.KeyArn
	comp.Processor, comp.Ingest, comp.Tasks = proc, ingest, graph
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, comp, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"streamArn":                comp.StreamArn,
		"streamName":               comp.StreamName,
		"functionName":             comp.FunctionName,
		"speedDeliveryStreamArn":   comp.SpeedDeliveryStreamArn,
		"archiveDeliveryStreamArn": comp.ArchiveDeliveryStreamArn,
		"archiveBucketName":        comp.ArchiveBucketName,
		"speedTable":               comp.SpeedTable,
		"rawTable":                 comp.RawTable,
		"batchTable":               comp.BatchTable,
		"view":                     comp.View,
		"rootTask":                 comp.RootTask,
		"alertTopicArn":            comp.AlertTopicArn,
		"alertTopicKmsKeyArn":      comp.AlertTopicKmsKeyArn,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return comp, nil
}
