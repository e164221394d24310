package stacks

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/stream"
)

// PaymentsSettings is the payments pipeline's part of the stack configuration.
type PaymentsSettings struct {
	// Image is the consumer function's container image (arm64).
	Image string
	// FirehoseKeySecretArn is the Secrets Manager secret with the user and
	// private key Firehose loads the speed table as.
	FirehoseKeySecretArn string
	// Shards provisions the stream with this many shards; 0 is on-demand.
	Shards int
	// BatchMode is TASK or DYNAMIC_TABLE; BatchMinutes is the recompute
	// interval or the dynamic table's target lag. Empty and 0 are the
	// component's defaults.
	BatchMode    string
	BatchMinutes int
}

// payments composes the payments Lambda architecture: payment events on a
// Kinesis stream are handled in real time, loaded into PAYMENTS_SPEED and
// archived to S3; the batch layer is recomputed from the archive (a
// serverless task, or in prod a dynamic table on the transform warehouse),
// and the view PAYMENTS serves both. Dev and staging provision one shard,
// cheaper than an idle on-demand stream.
func payments(ctx *pulumi.Context, s Settings, al *stackAlerts, sf snowflakeBase) error {
	p := s.Payments
	const schemaName = "PAYMENTS"
	schema, err := snowflake.NewSchema(ctx, "payments", &snowflake.SchemaArgs{
		Database: sf.database.Name, Name: pulumi.String(schemaName),
	}, s.kept().Stateful(pulumi.Provider(sf.provider))...)
	if err != nil {
		return err
	}

	processor := stream.StreamProcessorArgs{
		ImageUri:    pulumi.String(p.Image),
		Environment: map[string]pulumi.StringInput{"PAYMENTS_ENV": pulumi.String(s.Env)},
		BatchSize:   200,
	}
	if p.Shards > 0 {
		processor.Stream = &stream.StreamArgs{Mode: "PROVISIONED", ShardCount: p.Shards}
	}
	args := &lambdaarch.LambdaArchitectureArgs{
		Processor: processor,
		Database:  sf.databaseName,
		Schema:    schemaName,
		Columns: []lambdaarch.Column{
			{Name: "PAYMENT_ID", Type: "VARCHAR(64)"},
			{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
			{Name: "STATUS", Type: "VARCHAR(32)"},
			{Name: "AMOUNT", Type: "NUMBER(12,2)"},
			{Name: "CURRENCY", Type: "VARCHAR(3)"},
			{Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"},
		},
		Watermark: "EVENT_TIME",
		// A payment's latest status wins in the batch layer.
		DedupeKey: []string{"PAYMENT_ID"},
		SnowflakeAccountUrl: fmt.Sprintf("https://%s-%s.snowflakecomputing.com",
			strings.ToLower(sf.settings.OrganizationName), strings.ToLower(sf.settings.AccountName)),
		PrivateKeySecretArn: pulumi.String(p.FirehoseKeySecretArn),
		BatchMode:           p.BatchMode,
		Started:             sf.settings.StartTasks,
		AlertTopicArn:       al.topic,
		AlertTopicKmsKeyArn: al.key,
		RetainOnDelete:      s.RetainStatefulResources,
		Protect:             s.ProtectStatefulResources,
		Tags:                map[string]string{"environment": s.Env},
	}
	every := time.Duration(p.BatchMinutes) * time.Minute
	if p.BatchMode == lambdaarch.BatchByDynamicTable {
		args.TargetLag, args.Warehouse = every, sf.transform.Name
	} else {
		args.RecomputeEvery = every
	}
	// The schema (and so the database) exists before any object in it.
	arch, err := lambdaarch.NewLambdaArchitecture(ctx, "payments", args,
		pulumi.Providers(sf.provider), pulumi.DependsOn([]pulumi.Resource{schema}))
	if err != nil {
		return err
	}
	ctx.Export("paymentsStreamName", arch.StreamName)
	ctx.Export("paymentsArchiveBucket", arch.ArchiveBucketName)
	ctx.Export("paymentsView", arch.View)
	return nil
}
