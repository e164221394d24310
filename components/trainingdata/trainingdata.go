// Package trainingdata is the training-data pipeline (seed §3.3): Snowflake
// builds the training set, SageMaker trains on it.
//
//	TaskGraph (schedule): feature steps → UNLOAD_<DATASET>
//	  COPY INTO @stage/run-<time>/part_* (label first) → COPY INTO @stage/run-<time>/_SUCCESS
//	    └─ storage integration whose role may only write <Prefix><Dataset>/
//	S3 Object Created …/_SUCCESS ─EventBridge→ TrainingPipeline
//	  channel "train" = s3://bucket/<Prefix><Dataset>/run-<time>/part (from the event's key)
//	  → createTrainingJob.sync → model package in the registry
//	errors of both halves → one alert topic
package trainingdata

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/order"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/internal/verify"
)

// Type is the TrainingDataPipeline's Pulumi type token.
const Type = "schedkit:pipelines:TrainingDataPipeline"

// Tokens are the Snowflake resource tokens a TrainingDataPipeline registers
// (for the provider's previewFeaturesEnabled).
func Tokens() []string {
	return append(append([]string{snowflake.StageExternalS3Type}, snowaws.StorageTokens()...), taskgraph.Tokens()...)
}

// TrainingDataPipeline is a scheduled Snowflake unload that trains a model
// on every snapshot it writes.
type TrainingDataPipeline struct {
	pulumi.ResourceState

	// Graph is the feature-and-unload task graph.
	Graph *taskgraph.TaskGraph
	// Training is the training workflow and its model registry.
	Training *training.TrainingPipeline

	// RootTaskName is the graph's root task, "DB"."SCHEMA"."NAME".
	RootTaskName pulumi.StringOutput `pulumi:"rootTaskName"`
	// StageName is the unload stage, "DB"."SCHEMA"."NAME".
	StageName pulumi.StringOutput `pulumi:"stageName"`
	// SnapshotsS3Uri is where the snapshots go, s3://bucket/<Prefix><Dataset>/.
	SnapshotsS3Uri pulumi.StringOutput `pulumi:"snapshotsS3Uri"`
	// StorageRoleArn is the role Snowflake writes the snapshots with.
	StorageRoleArn pulumi.StringOutput `pulumi:"storageRoleArn"`
	// TrainingStateMachineArn is the training workflow.
	TrainingStateMachineArn pulumi.StringOutput `pulumi:"trainingStateMachineArn"`
	// ModelPackageGroupName is the registry the trained models go to.
	ModelPackageGroupName pulumi.StringOutput `pulumi:"modelPackageGroupName"`
	// AlertTopicArn receives the alerts of both halves; AlertTopicKmsKeyArn
	// is its key ("" for a given topic without one).
	AlertTopicArn       pulumi.StringOutput `pulumi:"alertTopicArn"`
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`
}

// NewTrainingDataPipeline validates args (and the graph and training it
// composes) and registers the storage integration and its write-only role,
// the stage, the training pipeline (its trigger on the snapshot marker) and
// the task graph.
func NewTrainingDataPipeline(ctx *pulumi.Context, name string, args *TrainingDataPipelineArgs, opts ...pulumi.ResourceOption) (*TrainingDataPipeline, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	if err := checkRoleNames(ctx, name, a); err != nil {
		return nil, err
	}
	after := order.DependsOn(opts)
	if err := claimPrefix(ctx, name, a.BucketName, snapshotPrefix(a)); err != nil {
		return nil, err
	}
	if err := claimStage(ctx, name, a); err != nil {
		return nil, err
	}

	p := &TrainingDataPipeline{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, p, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("%s %q: %s: %w", kind, name, what, err) }
	parent := pulumi.Parent(p)
	env := awsenv.Lookup(ctx, p)
	prefix := snapshotPrefix(a)
	bucketArn := pulumi.Sprintf("arn:%s:s3:::%s", env.Partition, a.BucketName)

	// The storage integration whose role may only write the snapshot prefix.
	externalID := pulumi.String(snowaws.ExternalID(ctx.Project(), ctx.Stack(), naming.Stable(name, a.StableName))).ToStringOutput()
	if a.ExternalID != nil {
		externalID = check.Deployed(kind, name, "ExternalID", a.ExternalID, verify.ExternalID).ToStringOutput()
	}
	bucketKey := check.Deployed(kind, name, "BucketKmsKeyArn", a.BucketKmsKeyArn, verify.KMSKeyARN)
	statements := snowaws.UnloadStatements(bucketArn, prefix)
	if bucketKey != nil {
		statements = append(statements, iampolicy.Statement{
			Sid: "EncryptSnapshots", Actions: []string{"kms:GenerateDataKey", "kms:Decrypt"}, Resources: iampolicy.Inputs(bucketKey),
		})
	}
	roleName := a.StorageRoleName
	if roleName == "" {
		roleName = snowaws.RoleName(ctx.Project(), ctx.Stack(), naming.Stable(name, a.StableName), snowaws.StoragePurpose)
	}
	storage, err := snowaws.NewStorage(ctx, naming.Child(name, "storage"), env, snowaws.StorageArgs{
		Kind: kind, Component: name, RoleName: roleName, ExternalID: externalID,
		BucketName: pulumi.String(a.BucketName).ToStringOutput(), Prefixes: []string{prefix},
		Statements: statements, Comment: "schedkit TrainingDataPipeline " + name + ": snapshot unload",
		Tags: tags.For(Type, name, a.Tags),
		Keep: keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect},
	}, parent)
	if err != nil {
		return nil, wrap("storage integration", err)
	}
	stage, err := snowflake.NewStageExternalS3(ctx, naming.Child(name, "stage"), &snowflake.StageExternalS3Args{
		Database:           order.Value(a.Database, after),
		Schema:             order.Value(a.Schema, after),
		Name:               pulumi.String(stageName(a.Dataset)),
		Url:                storage.Location(prefix),
		StorageIntegration: storage.IntegrationName,
		Comment:            pulumi.String("schedkit TrainingDataPipeline " + name + ": training-set snapshots"),
	}, keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}.Stateful(parent)...)
	if err != nil {
		return nil, wrap("creating stage", err)
	}

	// The training, started by each snapshot's marker; then the graph,
	// reporting its errors to the same alert topic.
	train, err := training.NewTrainingPipeline(ctx, trainingName(name), trainingArgs(a), parent)
	if err != nil {
		return nil, err
	}
	topic, key := train.AlertTopicArn, train.AlertTopicKmsKeyArn
	var graphKey pulumi.StringInput = key
	if a.AlertTopicArn != nil {
		graphKey = a.AlertTopicKmsKeyArn // nil for a given topic without a key
	}
	g := graphArgs(name, a, &alerts{topic, graphKey})
	// The unload names the stage in its SQL: its tasks wait for the stage
	// (and for what the pipeline waits for) through their database input.
	g.Database = order.Value(a.Database, append(after, stage))
	g.Schema = order.Value(a.Schema, after)
	graph, err := taskgraph.NewTaskGraph(ctx, graphName(name), g, parent)
	if err != nil {
		return nil, err
	}

	p.Graph, p.Training = graph, train
	p.RootTaskName = graph.RootTaskFullyQualifiedName
	p.StageName = stage.FullyQualifiedName
	p.SnapshotsS3Uri = pulumi.String(fmt.Sprintf("s3://%s/%s", a.BucketName, prefix)).ToStringOutput()
	p.StorageRoleArn = storage.Role.Ready
	p.TrainingStateMachineArn = train.StateMachineArn
	p.ModelPackageGroupName = train.ModelPackageGroupName
	p.AlertTopicArn, p.AlertTopicKmsKeyArn = topic, key
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := (keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}).Lock(ctx, p, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(p, pulumi.Map{
		"rootTaskName":            p.RootTaskName,
		"stageName":               p.StageName,
		"snapshotsS3Uri":          p.SnapshotsS3Uri,
		"storageRoleArn":          p.StorageRoleArn,
		"trainingStateMachineArn": p.TrainingStateMachineArn,
		"modelPackageGroupName":   p.ModelPackageGroupName,
		"alertTopicArn":           p.AlertTopicArn,
		"alertTopicKmsKeyArn":     p.AlertTopicKmsKeyArn,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return p, nil
}

// alerts is where the graph's errors go.
type alerts struct{ topic, key pulumi.StringInput }

// graphArgs is the task graph: the feature steps, then the unload after
// every step nothing else waits for. al is nil for validation.
func graphArgs(name string, a TrainingDataPipelineArgs, al *alerts) *taskgraph.TaskGraphArgs {
	tasks := append([]taskgraph.TaskSpec{}, a.FeatureSteps...)
	tasks = append(tasks, taskgraph.TaskSpec{
		Name:  unloadTaskName(a.Dataset),
		SQL:   unloadSQL(a.Database+"."+a.Schema+"."+stageName(a.Dataset), a.Query, a.LabelColumn, a.Format),
		After: leaves(a.FeatureSteps),
	})
	g := &taskgraph.TaskGraphArgs{
		StableName: naming.StableChild(a.StableName, graphName),
		Database:   pulumi.String(a.Database), Schema: pulumi.String(a.Schema), Tasks: tasks,
		Cron: a.Cron, Timezone: a.Timezone, EveryMinutes: a.EveryMinutes,
		DeadlineGrace: a.DeadlineGrace, DisableDeadline: a.DisableDeadline,
		Warehouse: a.Warehouse, Started: a.Started,
		RetainOnDelete: a.RetainOnDelete, Protect: a.Protect, Tags: a.Tags,
	}
	if al != nil {
		g.AlertTopicArn, g.AlertTopicKmsKeyArn = al.topic, al.key
	} else if a.AlertTopicArn != nil {
		g.AlertTopicArn, g.AlertTopicKmsKeyArn = a.AlertTopicArn, a.AlertTopicKmsKeyArn
	} else {
		// Validation stands in a topic for the one the training creates.
		g.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:" + name)
	}
	return g
}

// trainingArgs is the caller's training with what the pipeline sets: the
// snapshot channel read from the marker event's key, its content type, the
// bucket key and the shared alerts.
func trainingArgs(a TrainingDataPipelineArgs) *training.TrainingPipelineArgs {
	t := a.Training
	uri := fmt.Sprintf("s3://%s/%s", a.BucketName, snapshotPrefix(a))
	t.InputChannels = map[string]string{TrainChannel: uri}
	t.NewData = &trigger.ObjectCreated{S3Uri: uri, Suffix: "/" + MarkerName, EnableBucketNotifications: a.EnableBucketNotifications}
	t.NewDataChannel, t.NewDataFilePrefix = TrainChannel, DataFilePrefix
	t.ContentTypes = map[string]string{TrainChannel: ContentType[a.Format]}
	t.InputKmsKeyArn = a.BucketKmsKeyArn
	t.AlertTopicArn, t.AlertTopicKmsKeyArn, t.AlertEmail = a.AlertTopicArn, a.AlertTopicKmsKeyArn, a.AlertEmail
	t.RetainOnDelete, t.Protect, t.Tags = a.RetainOnDelete, a.Protect, a.Tags
	if stable := naming.StableChild(a.StableName, trainingName); stable != "" {
		t.StableName = stable
	}
	return &t
}

// leaves are the steps no other step runs after.
func leaves(steps []taskgraph.TaskSpec) []string {
	waited := map[string]bool{}
	for _, s := range steps {
		for _, b := range s.After {
			waited[b] = true
		}
	}
	var out []string
	for _, s := range steps {
		if !waited[s.Name] {
			out = append(out, s.Name)
		}
	}
	return out
}
