package stacks

import (
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/warehouse"
)

// SnowflakeSettings is the Snowflake part of the stack configuration.
type SnowflakeSettings struct {
	OrganizationName, AccountName, User, Role string
	// PrivateKey is the key-pair private key, a Pulumi secret. When it is not
	// configured the provider plugin reads SNOWFLAKE_PRIVATE_KEY itself (a
	// CI/CD secret), so the key never has to sit in a stack file.
	PrivateKey         pulumi.StringOutput
	HasPrivateKey      bool
	StartTasks         bool
	MonthlyCreditQuota int
}

// snowflakeFeatures is every preview feature the stack's Snowflake
// components use; an explicit provider reads none from stack config.
func snowflakeFeatures() []string {
	var tokens []string
	tokens = append(tokens, snowpipe.Tokens()...)
	tokens = append(tokens, taskgraph.Tokens()...)
	tokens = append(tokens, warehouse.Tokens()...)
	tokens = append(tokens, hybrid.Tokens()...)
	tokens = append(tokens, trainingdata.Tokens()...)
	tokens = append(tokens, lambdaarch.Tokens()...)
	tokens = append(tokens, snowflake.DatabaseType, snowflake.SchemaType)
	return snowflake.PreviewFeaturesFor(tokens...)
}

// snowflakeBase is what the stack's Snowflake pipelines share.
type snowflakeBase struct {
	settings SnowflakeSettings
	// provider is the explicit provider every Snowflake resource uses.
	provider *snowflake.Provider
	// database is the environment's database, named databaseName.
	database     *snowflake.Database
	databaseName string
	// transform is the cost-guarded warehouse.
	transform *warehouse.Warehouse
}

// snowflakePipelines composes the Snowflake side: S3 files under orders/ are
// loaded by Snowpipe into RAW.ORDERS; its stream triggers a serverless
// transformation graph; a scheduled graph on a cost-guarded warehouse builds
// the daily aggregates. Database names carry the environment.
func snowflakePipelines(ctx *pulumi.Context, s Settings, al *stackAlerts) (snowflakeBase, error) {
	sf := s.Snowflake
	var none snowflakeBase
	args := &snowflake.ProviderArgs{
		OrganizationName:       pulumi.String(sf.OrganizationName),
		AccountName:            pulumi.String(sf.AccountName),
		User:                   pulumi.String(sf.User),
		Role:                   pulumi.String(sf.Role),
		Authenticator:          pulumi.String("SNOWFLAKE_JWT"),
		PreviewFeaturesEnabled: snowflakeFeatures(),
	}
	if sf.HasPrivateKey {
		args.PrivateKey = sf.PrivateKey
	}
	provider, err := snowflake.NewProvider(ctx, "snowflake", args)
	if err != nil {
		return none, err
	}
	onSnowflake := pulumi.Provider(provider)
	env := strings.ToUpper(s.Env)
	tags := map[string]string{"environment": s.Env}
	// Snowflake error notifications go to the stack's alert topic (a
	// standard one, as they need): each integration's own role may publish
	// to it and use its key.

	db, err := snowflake.NewDatabase(ctx, "analytics", &snowflake.DatabaseArgs{
		Name:                pulumi.String("ANALYTICS_" + env),
		ContainerParameters: snowflake.ContainerParameters{DataRetentionTimeInDays: pulumi.Int(retentionDays(s.Env))},
	}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}
	raw, err := snowflake.NewSchema(ctx, "raw", &snowflake.SchemaArgs{Database: db.Name, Name: pulumi.String("RAW")}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}
	marts, err := snowflake.NewSchema(ctx, "marts", &snowflake.SchemaArgs{Database: db.Name, Name: pulumi.String("MARTS")}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}

	prefix := "schedkit-" + s.Env + "-"
	ingest, err := snowpipe.NewSnowpipeIngest(ctx, "raw-orders", &snowpipe.SnowpipeIngestArgs{
		Database: db.Name,
		Schema:   raw.Name,
		Pipes: []snowpipe.PipeSpec{{
			Name: "ORDERS", Prefix: "orders/", Suffix: ".csv",
			Format: snowpipe.FileFormat{Type: "CSV", SkipHeader: 1, Compression: "AUTO"},
			Columns: []snowpipe.Column{
				{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
				{Name: "CUSTOMER_ID", Type: "NUMBER(38,0)"},
				{Name: "AMOUNT", Type: "NUMBER(12,2)"},
				{Name: "CREATED_AT", Type: "TIMESTAMP_NTZ"},
			},
			Stream: true,
		}},
		StorageRoleName:      prefix + "raw-orders-s3",
		NotificationRoleName: prefix + "raw-orders-notify",
		AlertTopicArn:        al.topic,
		AlertTopicKmsKeyArn:  al.key,
		RetainOnDelete:       s.RetainStatefulResources,
		Protect:              s.ProtectStatefulResources,
		Tags:                 tags,
	}, pulumi.Providers(provider))
	if err != nil {
		return none, err
	}

	ordersClean, err := snowflake.NewTable(ctx, "orders-clean", &snowflake.TableArgs{
		Database: db.Name, Schema: marts.Name, Name: pulumi.String("ORDERS_CLEAN"),
		Columns: []snowflake.TableColumn{
			{Name: pulumi.String("ORDER_ID"), Type: pulumi.String("NUMBER(38,0)")},
			{Name: pulumi.String("CUSTOMER_ID"), Type: pulumi.String("NUMBER(38,0)")},
			{Name: pulumi.String("AMOUNT"), Type: pulumi.String("NUMBER(12,2)")},
			{Name: pulumi.String("CREATED_AT"), Type: pulumi.String("TIMESTAMP_NTZ")},
		},
	}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}
	dailyRevenue, err := snowflake.NewTable(ctx, "daily-revenue", &snowflake.TableArgs{
		Database: db.Name, Schema: marts.Name, Name: pulumi.String("DAILY_REVENUE"),
		Columns: []snowflake.TableColumn{
			{Name: pulumi.String("DAY"), Type: pulumi.String("DATE")},
			{Name: pulumi.String("REVENUE"), Type: pulumi.String("NUMBER(18,2)")},
		},
	}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}

	dbName := "ANALYTICS_" + env
	ordersStream := snowflake.QuoteFQN(dbName, "RAW", "ORDERS"+snowpipe.StreamSuffix)
	clean := snowflake.QuoteFQN(dbName, "MARTS", "ORDERS_CLEAN")
	transform, err := taskgraph.NewTaskGraph(ctx, "orders-transform", &taskgraph.TaskGraphArgs{
		// The table's outputs, not the schema's: the tasks that write the
		// table are created after it.
		Database:                 ordersClean.Database,
		Schema:                   marts.Name,
		TriggerStream:            ingest.Streams["ORDERS"],
		TargetCompletionInterval: 15 * time.Minute,
		Tasks: []taskgraph.TaskSpec{{
			Name: "CLEAN_ORDERS",
			SQL: "INSERT INTO " + clean + " SELECT ORDER_ID, CUSTOMER_ID, AMOUNT, CREATED_AT FROM " + ordersStream +
				" WHERE METADATA$ACTION = 'INSERT' AND AMOUNT >= 0",
		}},
		Started:              sf.StartTasks,
		NotificationRoleName: prefix + "orders-transform-notify",
		AlertTopicArn:        al.topic,
		AlertTopicKmsKeyArn:  al.key,
		RetainOnDelete:       s.RetainStatefulResources,
		Protect:              s.ProtectStatefulResources,
		Tags:                 tags,
	}, pulumi.Providers(provider))
	if err != nil {
		return none, err
	}

	wh, err := warehouse.NewWarehouse(ctx, "transform", &warehouse.WarehouseArgs{
		Name:               "TRANSFORM_" + env,
		Size:               warehouseSize(s.Env),
		MonthlyCreditQuota: sf.MonthlyCreditQuota,
	}, pulumi.Providers(provider))
	if err != nil {
		return none, err
	}
	daily := snowflake.QuoteFQN(dbName, "MARTS", "DAILY_REVENUE")
	aggregates, err := taskgraph.NewTaskGraph(ctx, "daily-aggregates", &taskgraph.TaskGraphArgs{
		Database:  dailyRevenue.Database,
		Schema:    marts.Name,
		Cron:      "0 3 * * *",
		Timezone:  "UTC",
		Warehouse: wh.Name,
		Tasks: []taskgraph.TaskSpec{
			{Name: "BUILD_DAILY_REVENUE", SQL: "INSERT OVERWRITE INTO " + daily + " SELECT TO_DATE(CREATED_AT), SUM(AMOUNT) FROM " + clean + " GROUP BY 1"},
			// Fails (division by zero), and so notifies, when the build wrote nothing.
			{Name: "CHECK_DAILY_REVENUE", SQL: "SELECT 1 / (COUNT(*) > 0)::INT FROM " + daily, After: []string{"BUILD_DAILY_REVENUE"}},
		},
		Started:              sf.StartTasks,
		NotificationRoleName: prefix + "daily-aggregates-notify",
		AlertTopicArn:        al.topic,
		AlertTopicKmsKeyArn:  al.key,
		RetainOnDelete:       s.RetainStatefulResources,
		Protect:              s.ProtectStatefulResources,
		Tags:                 tags,
	}, pulumi.Providers(provider))
	if err != nil {
		return none, err
	}

	exported, err := snowflake.NewTable(ctx, "exported-orders", &snowflake.TableArgs{
		Database: db.Name, Schema: marts.Name, Name: pulumi.String("EXPORTED_ORDERS"),
		Columns: []snowflake.TableColumn{
			{Name: pulumi.String("ORDER_ID"), Type: pulumi.String("NUMBER(38,0)")},
			{Name: pulumi.String("AMOUNT"), Type: pulumi.String("NUMBER(12,2)")},
			{Name: pulumi.String("EXPORTED_AT"), Type: pulumi.String("TIMESTAMP_NTZ")},
		},
	}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}
	churnFeatures, err := snowflake.NewTable(ctx, "churn-features", &snowflake.TableArgs{
		Database: db.Name, Schema: marts.Name, Name: pulumi.String("CHURN_FEATURES"),
		Columns: []snowflake.TableColumn{
			{Name: pulumi.String("CUSTOMER_ID"), Type: pulumi.String("NUMBER(38,0)")},
			{Name: pulumi.String("ORDERS"), Type: pulumi.String("NUMBER(38,0)")},
			{Name: pulumi.String("REVENUE"), Type: pulumi.String("NUMBER(18,2)")},
			{Name: pulumi.String("CHURNED"), Type: pulumi.String("NUMBER(1,0)")},
		},
	}, s.kept().Stateful(onSnowflake)...)
	if err != nil {
		return none, err
	}
	if err := handoffs(ctx, s, al, sf, provider, dbName, raw, marts, exported, churnFeatures, ordersClean); err != nil {
		return none, err
	}

	ctx.Export("snowflakeDatabase", db.Name)
	ctx.Export("rawOrdersBucket", ingest.BucketName)
	ctx.Export("rawOrdersStream", ingest.Streams["ORDERS"])
	ctx.Export("ordersTransformRoot", transform.RootTaskFullyQualifiedName)
	ctx.Export("dailyAggregatesRoot", aggregates.RootTaskFullyQualifiedName)
	ctx.Export("transformWarehouse", wh.Name)
	return snowflakeBase{settings: sf, provider: provider, database: db, databaseName: dbName, transform: wh}, nil
}

func retentionDays(env string) int {
	if env == "prod" {
		return 7
	}
	return 1
}

func warehouseSize(env string) string {
	if env == "prod" {
		return "SMALL"
	}
	return "XSMALL"
}
