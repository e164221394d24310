// Command lambdaarch-example deploys a schedkit LambdaArchitecture for order
// events: a Kinesis stream read in real time by a Python function and copied
// by Firehose into a Snowflake speed table and an S3 archive; Snowpipe loads
// the archive into a raw table, a serverless task (or a dynamic table)
// recomputes the batch table from it every hour, and the view ORDERS serves
// the batch rows up to the batch watermark and the speed rows after it.
//
//	go run . synth --stack dev   # the dev stack (Pulumi.dev.yaml), planned offline
//	pulumi config set organizationName ACME   # your own values, then
//	pulumi config set accountName ANALYTICS
//	pulumi config set user DEPLOYER
//	pulumi config set --secret privateKey "$(cat deployer.p8)"
//	pulumi config set firehoseKeySecretArn arn:aws:secretsmanager:...:secret:snowflake/firehose-AbCdEf
//	pulumi up --stack dev
package main

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/stream"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	org, account := cfg.Require("organizationName"), cfg.Require("accountName")
	role := cfg.Get("role")
	if role == "" {
		role = "ACCOUNTADMIN"
	}

	// An explicit provider reads no snowflake:* stack config (pulumi-snowflake
	// #1081): the preview features the component needs are enabled here.
	provider, err := snowflake.NewProvider(ctx, "snowflake", &snowflake.ProviderArgs{
		OrganizationName:       pulumi.String(org),
		AccountName:            pulumi.String(account),
		User:                   pulumi.String(cfg.Require("user")),
		Role:                   pulumi.String(role),
		Authenticator:          pulumi.String("SNOWFLAKE_JWT"),
		PrivateKey:             cfg.RequireSecret("privateKey"),
		PreviewFeaturesEnabled: lambdaarch.PreviewFeatures(),
	})
	if err != nil {
		return err
	}
	database := "SCHEDKIT_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(ctx.Stack()))
	db, err := snowflake.NewDatabase(ctx, "db", &snowflake.DatabaseArgs{Name: pulumi.String(database)}, pulumi.Provider(provider))
	if err != nil {
		return err
	}
	schema, err := snowflake.NewSchema(ctx, "orders", &snowflake.SchemaArgs{Database: db.Name, Name: pulumi.String("ORDERS")}, pulumi.Provider(provider))
	if err != nil {
		return err
	}

	args := &lambdaarch.LambdaArchitectureArgs{
		Processor: stream.StreamProcessorArgs{
			CodeArchivePath: "./handler",
			Runtime:         "python3.12",
			Handler:         "index.handler",
			BatchSize:       500,
		},
		Database: database,
		Schema:   "ORDERS",
		Name:     "ORDER_EVENTS",
		Columns: []lambdaarch.Column{
			{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
			{Name: "STATUS", Type: "VARCHAR(32)"},
			{Name: "AMOUNT", Type: "NUMBER(12,2)"},
			{Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"},
		},
		Watermark: "EVENT_TIME",
		// An order's latest event wins in the batch layer.
		DedupeKey:           []string{"ORDER_ID"},
		SnowflakeAccountUrl: fmt.Sprintf("https://%s-%s.snowflakecomputing.com", strings.ToLower(org), strings.ToLower(account)),
		PrivateKeySecretArn: pulumi.String(cfg.Require("firehoseKeySecretArn")),
		BatchMode:           cfg.Get("batchMode"),
		Started:             cfg.GetBool("startTasks"),
		AlertEmail:          cfg.Get("alertEmail"),
		Tags:                map[string]string{"team": "orders", "stack": ctx.Stack()},
	}
	if wh := cfg.Get("warehouse"); wh != "" {
		args.Warehouse = pulumi.String(wh)
	}
	// The schema is created first: the component holds its tables back for it.
	orders, err := lambdaarch.NewLambdaArchitecture(ctx, "orders", args,
		pulumi.Providers(provider), pulumi.DependsOn([]pulumi.Resource{schema}))
	if err != nil {
		return err
	}
	ctx.Export("streamName", orders.StreamName)
	ctx.Export("archiveBucket", orders.ArchiveBucketName)
	ctx.Export("view", orders.View)
	ctx.Export("speedTable", orders.SpeedTable)
	ctx.Export("batchTable", orders.BatchTable)
	ctx.Export("alertTopic", orders.AlertTopicArn)
	return nil
}
