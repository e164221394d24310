// Package snowpipe loads files from S3 into Snowflake continuously, wired in
// one `pulumi up` with no second pass:
//
//	S3 bucket ─(one notification, a queue entry per pipe prefix)→ pipe's SQS channel
//	   └─ pipe: COPY INTO table FROM @stage (file format) ─→ table ─→ append-only stream ─→ TaskGraph
//	stage ─ storage integration (role ARN computed first, our external id) ← IAM role reading only the prefixes
//	load errors → notification integration → SNS topic (KMS) ← IAM role Snowflake assumes
//
// The storage integration is created with the role's computed ARN and an
// external id schedkit sets; the role is created afterwards, trusting the
// integration's IAM user with that id (see internal/snowaws). Stages, and so
// pipes, are created only once the role and its policy exist, so the first
// file that lands is loaded.
package snowpipe

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/buckets"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/internal/verify"
)

// Type is the SnowpipeIngest's Pulumi type token.
const Type = "schedkit:snowflake:SnowpipeIngest"

// Tokens are the Snowflake resource tokens a SnowpipeIngest may register.
func Tokens() []string {
	return append([]string{
		snowflake.StorageIntegrationAwsType,
		snowflake.FileFormatType,
		snowflake.StageExternalS3Type,
		snowflake.TableType,
		snowflake.PipeType,
		snowflake.StreamOnTableType,
	}, snowaws.NotificationTokens()...)
}

// PreviewFeatures are the provider preview features a SnowpipeIngest needs;
// enable them on the stack's Snowflake provider.
func PreviewFeatures() []string { return snowflake.PreviewFeaturesFor(Tokens()...) }

// SnowpipeIngest is a bucket, its pipes into Snowflake and their wiring.
type SnowpipeIngest struct {
	pulumi.ResourceState

	// BucketName is the bucket files land in (given or created).
	BucketName pulumi.StringOutput `pulumi:"bucketName"`
	// BucketArn is that bucket's ARN.
	BucketArn pulumi.StringOutput `pulumi:"bucketArn"`
	// StorageIntegrationName is the storage integration the stages use.
	StorageIntegrationName pulumi.StringOutput `pulumi:"storageIntegrationName"`
	// StorageRoleArn is the role Snowflake assumes to read the bucket.
	StorageRoleArn pulumi.StringOutput `pulumi:"storageRoleArn"`
	// ExternalID is the storage integration's external id.
	ExternalID pulumi.StringOutput `pulumi:"externalId"`
	// ErrorIntegrationName is the notification integration pipes report load errors to.
	ErrorIntegrationName pulumi.StringOutput `pulumi:"errorIntegrationName"`
	// ErrorTopicArn is the SNS topic error notifications arrive on ("" with ErrorIntegration).
	ErrorTopicArn pulumi.StringOutput `pulumi:"errorTopicArn"`
	// PipeNames, StageNames, TableNames and StreamNames map each pipe's
	// Name to the fully qualified names of its objects (streams only for
	// pipes with Stream).
	PipeNames   pulumi.StringMapOutput `pulumi:"pipes"`
	StageNames  pulumi.StringMapOutput `pulumi:"stages"`
	TableNames  pulumi.StringMapOutput `pulumi:"tables"`
	StreamNames pulumi.StringMapOutput `pulumi:"streams"`
	// NotificationChannels maps each pipe's Name to its SQS channel ARN.
	NotificationChannels pulumi.StringMapOutput `pulumi:"notificationChannels"`

	// Streams maps each pipe's Name to its stream's fully qualified name,
	// typed for a TaskGraph's TriggerStream.
	Streams map[string]pulumi.StringOutput
	// Pipes are the created pipes by Name.
	Pipes map[string]*snowflake.Pipe
}

// NewSnowpipeIngest validates args and registers the bucket (unless given),
// the storage integration and its role, the error notifications, and per
// pipe a file format, a stage, the table (unless given), the pipe and its
// stream; then the bucket's single notification configuration.
func NewSnowpipeIngest(ctx *pulumi.Context, name string, args *SnowpipeIngestArgs, opts ...pulumi.ResourceOption) (*SnowpipeIngest, error) {
	if err := validate(name, args); err != nil {
		return nil, err
	}
	a := *args
	if err := checkRoleNames(ctx, name, a); err != nil {
		return nil, err
	}

	comp := &SnowpipeIngest{Streams: map[string]pulumi.StringOutput{}, Pipes: map[string]*snowflake.Pipe{}}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, comp, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("snowpipe %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(comp)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	stateful := kept.Stateful(parent)
	env := awsenv.Lookup(ctx, comp)
	tagMap := tags.For(Type, name, a.Tags)

	// The bucket.
	var bucketName, bucketArn pulumi.StringOutput
	if a.BucketName != nil {
		bucketName = check.Deployed(kind, name, "BucketName", a.BucketName, verify.BucketName).ToStringOutput()
		bucketArn = pulumi.Sprintf("arn:%s:s3:::%s", env.Partition, bucketName)
	} else {
		// SSE-S3: Snowflake reads with no key permission to grant.
		bucket, err := buckets.New(ctx, naming.Child(name, "bucket"), buckets.Args{
			Encryption: buckets.SSES3, Tags: tagMap, Keep: kept,
		}, parent)
		if err != nil {
			return nil, wrap("bucket", err)
		}
		bucketName, bucketArn = bucket.Name, bucket.Arn
	}

	// The storage integration and the role it assumes, reading only the prefixes.
	var externalID pulumi.StringOutput
	if a.ExternalID != nil {
		externalID = check.Deployed(kind, name, "ExternalID", a.ExternalID, verify.ExternalID).ToStringOutput()
	} else {
		externalID = pulumi.String(snowaws.ExternalID(ctx.Project(), ctx.Stack(), naming.Stable(name, a.StableName))).ToStringOutput()
	}
	prefixes := make([]string, len(a.Pipes))
	for i, p := range a.Pipes {
		prefixes[i] = p.Prefix
	}
	bucketKey := check.Deployed(kind, name, "BucketKmsKeyArn", a.BucketKmsKeyArn, verify.KMSKeyARN)
	storage, err := snowaws.NewStorage(ctx, naming.Child(name, "storage"), env, snowaws.StorageArgs{
		Kind: kind, Component: name,
		RoleName:   storageRoleName(ctx, name, a),
		ExternalID: externalID,
		BucketName: bucketName,
		Prefixes:   prefixes,
		Statements: snowaws.ReadStatements(bucketArn, prefixes, bucketKey),
		SizeField:  "Pipes",
		Comment:    "schedkit SnowpipeIngest " + name,
		Tags:       tagMap,
		Keep:       kept,
	}, parent)
	if err != nil {
		return nil, wrap("storage integration", err)
	}
	storageIntegration := storage.IntegrationName
	location := storage.Location

	// Load-error notifications.
	errorIntegration := pulumi.String(a.ErrorIntegration).ToStringOutput()
	topicArn := pulumi.String("").ToStringOutput()
	if a.ErrorIntegration == "" {
		n, err := snowaws.NewErrorNotifications(ctx, naming.Child(name, "errors"), env, snowaws.NotificationArgs{
			Kind: kind, Component: name,
			RoleName: notificationRoleName(ctx, name, a),
			Email:    a.AlertEmail,
			Topic:    check.Deployed(kind, name, "AlertTopicArn", a.AlertTopicArn, verify.SNSTopicARN),
			TopicKey: check.Deployed(kind, name, "AlertTopicKmsKeyArn", a.AlertTopicKmsKeyArn, verify.KMSKeyARN),
			Comment:  fmt.Sprintf("schedkit SnowpipeIngest %s: load error notifications", name),
			Tags:     tagMap,
			Keep:     kept,
		}, parent)
		if err != nil {
			return nil, wrap("error notifications", err)
		}
		errorIntegration, topicArn = n.IntegrationName, n.TopicArn
	}

	// The pipes.
	database := check.Deployed(kind, name, "Database", a.Database, verify.SnowflakeIdentifier).ToStringOutput()
	schema := check.Deployed(kind, name, "Schema", a.Schema, verify.SnowflakeIdentifier).ToStringOutput()
	pipes, stages, tables, streams, channels := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
	queues := s3.BucketNotificationQueueArray{}
	for i, p := range a.Pipes {
		field := fmt.Sprintf("Pipes[%d]", i)
		child := func(suffix string) string { return naming.Child(name, strings.ToLower(p.Name)+"-"+suffix) }
		comment := pulumi.String(fmt.Sprintf("schedkit SnowpipeIngest %s: %s", name, p.Name))

		// The stage reads with its file format: kept with it.
		format, err := snowflake.NewFileFormat(ctx, child("format"), fileFormatArgs(database, schema, p, comment), kept.Needed(parent)...)
		if err != nil {
			return nil, wrap("creating file format of "+p.Name, err)
		}
		stage, err := snowflake.NewStageExternalS3(ctx, child("stage"), &snowflake.StageExternalS3Args{
			Database:           database,
			Schema:             schema,
			Name:               pulumi.String(p.Name + StageSuffix),
			Url:                location(p.Prefix),
			StorageIntegration: storageIntegration,
			FileFormat:         &snowflake.StageExternalS3FileFormat{FormatName: format.FullyQualifiedName},
			Comment:            comment,
		}, stateful...)
		if err != nil {
			return nil, wrap("creating stage of "+p.Name, err)
		}

		var table pulumi.StringOutput
		if p.Table != nil {
			table = check.Deployed(kind, name, field+".Table", p.Table, verify.SnowflakeName).ToStringOutput()
		} else {
			t, err := snowflake.NewTable(ctx, child("table"), &snowflake.TableArgs{
				Database: database,
				Schema:   schema,
				Name:     pulumi.String(p.Name),
				Columns:  tableColumns(p.Columns),
				Comment:  comment,
			}, stateful...)
			if err != nil {
				return nil, wrap("creating table of "+p.Name, err)
			}
			table = t.FullyQualifiedName
		}

		pipe, err := snowflake.NewPipe(ctx, child("pipe"), &snowflake.PipeArgs{
			Database:         database,
			Schema:           schema,
			Name:             pulumi.String(p.Name + PipeSuffix),
			CopyStatement:    copyStatement(table, stage.FullyQualifiedName, p.CopyOptions),
			AutoIngest:       pulumi.Bool(true),
			ErrorIntegration: errorIntegration,
			Comment:          comment,
		}, parent)
		if err != nil {
			return nil, wrap("creating pipe "+p.Name, err)
		}
		if p.Stream {
			stream, err := snowflake.NewStreamOnTable(ctx, child("stream"), &snowflake.StreamOnTableArgs{
				Database:   database,
				Schema:     schema,
				Name:       pulumi.String(p.Name + StreamSuffix),
				Table:      table,
				AppendOnly: pulumi.String(StreamAppendOnly),
				Comment:    comment,
			}, stateful...)
			if err != nil {
				return nil, wrap("creating stream of "+p.Name, err)
			}
			streams[p.Name] = stream.FullyQualifiedName
			comp.Streams[p.Name] = stream.FullyQualifiedName
		}

		queue := s3.BucketNotificationQueueArgs{
			Id:           pulumi.String(p.Name),
			QueueArn:     pipe.NotificationChannel,
			Events:       pulumi.StringArray{pulumi.String(ObjectCreatedEvents)},
			FilterPrefix: pulumi.String(p.Prefix),
		}
		if p.Suffix != "" {
			queue.FilterSuffix = pulumi.String(p.Suffix)
		}
		queues = append(queues, queue)
		comp.Pipes[p.Name] = pipe
		pipes[p.Name], stages[p.Name], tables[p.Name] = pipe.FullyQualifiedName, stage.FullyQualifiedName, table
		channels[p.Name] = pipe.NotificationChannel
	}

	// One notification configuration for the bucket: S3 keeps one per bucket.
	if _, err := s3.NewBucketNotification(ctx, naming.Child(name, "bucket-notification"), &s3.BucketNotificationArgs{
		Bucket: bucketName,
		Queues: queues,
	}, parent); err != nil {
		return nil, wrap("creating bucket notification", err)
	}

	comp.BucketName = bucketName
	comp.BucketArn = bucketArn
	comp.StorageIntegrationName = storageIntegration
	comp.StorageRoleArn = storage.Role.Ready
	comp.ExternalID = externalID
	comp.ErrorIntegrationName = errorIntegration
	comp.ErrorTopicArn = topicArn
	comp.PipeNames = pipes.ToStringMapOutput()
	comp.StageNames = stages.ToStringMapOutput()
	comp.TableNames = tables.ToStringMapOutput()
	comp.StreamNames = streams.ToStringMapOutput()
	comp.NotificationChannels = channels.ToStringMapOutput()
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, comp, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"bucketName":             comp.BucketName,
		"bucketArn":              comp.BucketArn,
		"storageIntegrationName": comp.StorageIntegrationName,
		"storageRoleArn":         comp.StorageRoleArn,
		"externalId":             comp.ExternalID,
		"errorIntegrationName":   comp.ErrorIntegrationName,
		"errorTopicArn":          comp.ErrorTopicArn,
		"pipes":                  comp.PipeNames,
		"stages":                 comp.StageNames,
		"tables":                 comp.TableNames,
		"streams":                comp.StreamNames,
		"notificationChannels":   comp.NotificationChannels,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return comp, nil
}
