// Command snowflake is the schedkit Snowflake compute example: S3 files land
// under orders/ and clicks/, Snowpipe loads them (one bucket notification for
// both pipes), the ORDERS stream triggers a serverless task graph, and a
// cost-guarded warehouse serves reports. Every Snowflake resource goes
// through one explicit provider configured from stack config, with the
// preview features the components need.
package main

import (
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/warehouse"
)

func main() { cli.Main(program) }

// previewFeatures is every preview feature the components used here need.
func previewFeatures() []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]string{snowpipe.PreviewFeatures(), taskgraph.PreviewFeatures(), warehouse.PreviewFeatures()} {
		for _, f := range list {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	role := cfg.Get("role")
	if role == "" {
		role = "ACCOUNTADMIN"
	}
	quota := cfg.GetInt("monthlyCreditQuota")
	if quota == 0 {
		quota = 20
	}

	// An explicit provider reads no snowflake:* stack config (pulumi-snowflake
	// #1081): everything, preview features included, is set here.
	provider, err := snowflake.NewProvider(ctx, "snowflake", &snowflake.ProviderArgs{
		OrganizationName:       pulumi.String(cfg.Require("organizationName")),
		AccountName:            pulumi.String(cfg.Require("accountName")),
		User:                   pulumi.String(cfg.Require("user")),
		Role:                   pulumi.String(role),
		Authenticator:          pulumi.String("SNOWFLAKE_JWT"),
		PrivateKey:             cfg.RequireSecret("privateKey"),
		PreviewFeaturesEnabled: previewFeatures(),
	})
	if err != nil {
		return err
	}
	sf := pulumi.Providers(provider)

	dbName := "SCHEDKIT_" + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(ctx.Stack()))
	db, err := snowflake.NewDatabase(ctx, "db", &snowflake.DatabaseArgs{Name: pulumi.String(dbName)}, pulumi.Provider(provider))
	if err != nil {
		return err
	}
	schema, err := snowflake.NewSchema(ctx, "events", &snowflake.SchemaArgs{Database: db.Name, Name: pulumi.String("EVENTS")}, pulumi.Provider(provider))
	if err != nil {
		return err
	}
	totals, err := snowflake.NewTable(ctx, "order-totals", &snowflake.TableArgs{
		Database: db.Name, Schema: schema.Name, Name: pulumi.String("ORDER_TOTALS"),
		Columns: []snowflake.TableColumn{
			{Name: pulumi.String("DAY"), Type: pulumi.String("DATE")},
			{Name: pulumi.String("ORDERS"), Type: pulumi.String("NUMBER(38,0)")},
			{Name: pulumi.String("AMOUNT"), Type: pulumi.String("NUMBER(18,2)")},
		},
	}, pulumi.Provider(provider))
	if err != nil {
		return err
	}

	ingest, err := snowpipe.NewSnowpipeIngest(ctx, "events", &snowpipe.SnowpipeIngestArgs{
		Database: db.Name,
		Schema:   schema.Name,
		Pipes: []snowpipe.PipeSpec{
			{
				Name: "ORDERS", Prefix: "orders/", Suffix: ".csv",
				Format: snowpipe.FileFormat{Type: "CSV", SkipHeader: 1},
				Columns: []snowpipe.Column{
					{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
					{Name: "AMOUNT", Type: "NUMBER(12,2)"},
					{Name: "CREATED_AT", Type: "TIMESTAMP_NTZ"},
				},
				Stream: true,
			},
			{
				Name: "CLICKS", Prefix: "clicks/", Suffix: ".json",
				Format:  snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
				Columns: []snowpipe.Column{{Name: "EVENT", Type: "VARIANT"}},
			},
		},
		AlertEmail: cfg.Get("alertEmail"),
	}, sf)
	if err != nil {
		return err
	}

	// The stream's name follows the pipe's: <Name>_STREAM in the same schema.
	stream := snowflake.QuoteFQN(dbName, "EVENTS", "ORDERS"+snowpipe.StreamSuffix)
	rollup, err := taskgraph.NewTaskGraph(ctx, "order-rollup", &taskgraph.TaskGraphArgs{
		// The table's database output (not db.Name): the tasks, whose SQL
		// writes ORDER_TOTALS, are created after the table.
		Database:                 totals.Database,
		Schema:                   schema.Name,
		TriggerStream:            ingest.Streams["ORDERS"],
		TargetCompletionInterval: 15 * time.Minute,
		Tasks: []taskgraph.TaskSpec{
			{
				Name: "ROLLUP_ORDERS",
				SQL: "INSERT INTO " + snowflake.QuoteFQN(dbName, "EVENTS", "ORDER_TOTALS") +
					" SELECT TO_DATE(CREATED_AT), COUNT(*), SUM(AMOUNT) FROM " + stream + " GROUP BY 1",
			},
			{
				Name:  "TRIM_TOTALS",
				SQL:   "DELETE FROM " + snowflake.QuoteFQN(dbName, "EVENTS", "ORDER_TOTALS") + " WHERE DAY < DATEADD('day', -400, CURRENT_DATE())",
				After: []string{"ROLLUP_ORDERS"},
			},
		},
		Started:    cfg.GetBool("startTasks"),
		AlertEmail: cfg.Get("alertEmail"),
	}, sf)
	if err != nil {
		return err
	}

	reporting, err := warehouse.NewWarehouse(ctx, "reporting", &warehouse.WarehouseArgs{
		MonthlyCreditQuota: quota,
	}, sf)
	if err != nil {
		return err
	}

	ctx.Export("bucketName", ingest.BucketName)
	ctx.Export("ordersStream", ingest.Streams["ORDERS"])
	ctx.Export("pipes", ingest.PipeNames)
	ctx.Export("rootTask", rollup.RootTaskFullyQualifiedName)
	ctx.Export("loadErrorsTopic", ingest.ErrorTopicArn)
	ctx.Export("taskErrorsTopic", rollup.ErrorTopicArn)
	ctx.Export("warehouse", reporting.Name)
	return nil
}
