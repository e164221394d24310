// Command hybrid is the schedkit hybrid-pipeline example: an hourly ECS job
// exports orders as JSON under orders/ of a bucket it alone may write,
// Snowpipe loads them into RAW.SALES.ORDERS, the table's stream triggers a
// serverless merge into ANALYTICS.MARTS.ORDERS, and a watch graph alerts the
// same topic when the mart has received nothing for three hours.
package main

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/trigger"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	role := cfg.Get("role")
	if role == "" {
		role = "ACCOUNTADMIN"
	}
	var subnets, groups []string
	cfg.RequireObject("subnetIds", &subnets)
	cfg.RequireObject("securityGroupIds", &groups)

	provider, err := snowflake.NewProvider(ctx, "snowflake", &snowflake.ProviderArgs{
		OrganizationName:       pulumi.String(cfg.Require("organizationName")),
		AccountName:            pulumi.String(cfg.Require("accountName")),
		User:                   pulumi.String(cfg.Require("user")),
		Role:                   pulumi.String(role),
		Authenticator:          pulumi.String("SNOWFLAKE_JWT"),
		PrivateKey:             cfg.RequireSecret("privateKey"),
		PreviewFeaturesEnabled: snowflake.PreviewFeaturesFor(hybrid.Tokens()...),
	})
	if err != nil {
		return err
	}
	on := pulumi.Provider(provider)
	raw, err := snowflake.NewDatabase(ctx, "raw", &snowflake.DatabaseArgs{Name: pulumi.String("RAW")}, on)
	if err != nil {
		return err
	}
	sales, err := snowflake.NewSchema(ctx, "sales", &snowflake.SchemaArgs{Database: raw.Name, Name: pulumi.String("SALES")}, on)
	if err != nil {
		return err
	}

	orders, err := hybrid.NewHybridPipeline(ctx, "orders", &hybrid.HybridPipelineArgs{
		Producer: cronjob.CronJobArgs{
			Image:          pulumi.String(cfg.Require("exportImage")),
			Command:        []string{"export-orders", "--last", "1h"},
			Subnets:        pulumi.ToStringArray(subnets),
			SecurityGroups: pulumi.ToStringArray(groups),
			Schedule:       trigger.Schedule{Expression: "rate(1 hour)"},
		},
		LandingPrefix: "orders/",
		Format:        snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
		Database:      "RAW", Schema: "SALES", Table: "ORDERS",
		Columns: []snowpipe.Column{
			{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
			{Name: "AMOUNT", Type: "NUMBER(12,2)"},
			{Name: "UPDATED_AT", Type: "TIMESTAMP_NTZ"},
		},
		CopyOptions: "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE",
		Transform: []taskgraph.TaskSpec{{
			Name: "MERGE_ORDERS",
			SQL: "MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ORDER_ID = s.ORDER_ID" +
				" WHEN MATCHED THEN UPDATE SET AMOUNT = s.AMOUNT, UPDATED_AT = s.UPDATED_AT" +
				" WHEN NOT MATCHED THEN INSERT (ORDER_ID, AMOUNT, UPDATED_AT) VALUES (s.ORDER_ID, s.AMOUNT, s.UPDATED_AT)",
		}},
		TargetCompletionInterval: 15 * time.Minute,
		Freshness:                hybrid.Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "UPDATED_AT", MaxAge: 3 * time.Hour},
		Started:                  true,
		AlertEmail:               cfg.Get("alertEmail"),
	}, pulumi.Providers(provider), pulumi.DependsOn([]pulumi.Resource{sales}))
	if err != nil {
		return err
	}

	ctx.Export("landing", orders.LandingS3Uri)
	ctx.Export("stream", orders.StreamName)
	ctx.Export("producerStateMachineArn", orders.ProducerStateMachineArn)
	ctx.Export("alertTopicArn", orders.AlertTopicArn)
	return nil
}
