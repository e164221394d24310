package lambdaarch

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// The exact SQL of validArgs (columns ORDER_ID, STATUS, AMOUNT and the
// watermark EVENT_TIME, TIMESTAMP_NTZ(9)).
const (
	cols       = "ORDER_ID, STATUS, AMOUNT, EVENT_TIME"
	batchQuery = "SELECT " + cols + ` FROM "ANALYTICS"."EVENTS"."ORDERS_RAW"`
	wantView   = "SELECT " + cols + ` FROM "ANALYTICS"."EVENTS"."ORDERS_BATCH" WHERE EVENT_TIME <= (SELECT MAX(EVENT_TIME) FROM "ANALYTICS"."EVENTS"."ORDERS_BATCH")` +
		" UNION ALL " +
		"SELECT " + cols + ` FROM "ANALYTICS"."EVENTS"."ORDERS_SPEED" WHERE EVENT_TIME > (SELECT COALESCE(MAX(EVENT_TIME), CAST('1970-01-01' AS TIMESTAMP_NTZ(9))) FROM "ANALYTICS"."EVENTS"."ORDERS_BATCH")`
	wantRecompute = `INSERT OVERWRITE INTO "ANALYTICS"."EVENTS"."ORDERS_BATCH" ` + batchQuery
	wantCleanup   = `DELETE FROM "ANALYTICS"."EVENTS"."ORDERS_SPEED" WHERE EVENT_TIME < DATEADD(MINUTE, -1440, (SELECT MAX(EVENT_TIME) FROM "ANALYTICS"."EVENTS"."ORDERS_BATCH"))`
)

func TestLambdaArchitecture_composesTheThreeLayersUnderOneComponent(t *testing.T) {
	plan := mustSynth(t, validArgs())
	assert.Equal(t, []string{
		"aws:kms/key:Key orders-alerts-key",
		"aws:sns/topic:Topic orders-alerts",
		"aws:sns/topicPolicy:TopicPolicy orders-alerts-policy",
		"schedkit:aws:StreamProcessor orders-events",
		"schedkit:keep:DeleteLock orders-delete-lock",
		"schedkit:snowflake:SnowpipeIngest orders-raw",
		"schedkit:snowflake:TaskGraph orders-tasks",
		"snowflake:index/table:Table orders-batch-table",
		"snowflake:index/table:Table orders-speed-table",
		"snowflake:index/view:View orders-view",
	}, synthtest.ChildrenOf(t, plan, Type, "orders"))
	for _, r := range synthtest.ChildrenOf(t, plan, Type, "orders") {
		_, name, _ := strings.Cut(r, " ")
		assert.True(t, strings.HasPrefix(name, "orders-"), "%s is named after the component", r)
	}

	// One processor, one stream, two sinks: no Firehose outside the StreamProcessor.
	procChildren := synthtest.ChildrenOf(t, plan, processorT, "orders-events")
	assert.Contains(t, procChildren, "aws:kinesis/stream:Stream orders-events-stream")
	assert.Contains(t, procChildren, "aws:lambda/function:Function orders-events-function")
	assert.Contains(t, procChildren, firehoseT+" orders-events-speed-sink")
	assert.Contains(t, procChildren, firehoseT+" orders-events-archive-sink")
	assert.Len(t, plan.ByType(firehoseT), 2)
	assert.Len(t, plan.ByType("aws:kinesis/stream:Stream"), 1)
	assert.Len(t, plan.ByType("aws:lambda/function:Function"), 1)
	for _, comp := range []string{processorT + "::orders-events", "schedkit:snowflake:SnowpipeIngest::orders-raw", "schedkit:snowflake:TaskGraph::orders-tasks"} {
		for _, r := range plan.Resources {
			if strings.HasSuffix(r.URN, comp) {
				assert.Equal(t, componentURN, r.Parent, comp)
			}
		}
	}
}

func TestLambdaArchitecture_tablesShareOneColumnList(t *testing.T) {
	plan := mustSynth(t, validArgs())
	want := []any{
		map[string]any{"name": "ORDER_ID", "type": "NUMBER(38,0)"},
		map[string]any{"name": "STATUS", "type": "VARCHAR(32)"},
		map[string]any{"name": "AMOUNT", "type": "NUMBER(12,2)"},
		map[string]any{"name": "EVENT_TIME", "type": "TIMESTAMP_NTZ(9)"},
	}
	for logical, fqn := range map[string]string{"orders-speed-table": speedFQN, "orders-batch-table": batchFQN, "orders-raw-orders_raw-table": rawFQN} {
		table := synthtest.Find(t, plan, tableT, logical)
		assert.Equal(t, want, table.Inputs["columns"], logical)
		assert.Equal(t, fqn, table.Output("fullyQualifiedName"), logical)
		assert.Equal(t, "ANALYTICS", table.String("database"))
		assert.Equal(t, "EVENTS", table.String("schema"))
	}
}

func TestLambdaArchitecture_speedSinkLoadsTheSpeedTable(t *testing.T) {
	a := validArgs()
	a.LoaderRole = "FIREHOSE_LOADER"
	a.SecretKmsKeyArn = pulumi.String(testKeyARN)
	plan := mustSynth(t, a)
	stream := synthtest.Find(t, plan, "aws:kinesis/stream:Stream", "orders-events-stream").Output("arn")
	speed := synthtest.Find(t, plan, firehoseT, "orders-events-speed-sink")
	sf := func(path ...any) any { return speed.Get(append([]any{"snowflakeConfiguration"}, path...)...) }
	assert.Equal(t, "snowflake", speed.String("destination"))
	assert.Equal(t, stream, speed.Get("kinesisSourceConfiguration", "kinesisStreamArn"))
	assert.Equal(t, "https://acme-analytics.snowflakecomputing.com", sf("accountUrl"))
	assert.Equal(t, []any{"ANALYTICS", "EVENTS", "ORDERS_SPEED"}, []any{sf("database"), sf("schema"), sf("table")})
	assert.Equal(t, "JSON_MAPPING", sf("dataLoadingOption"), "JSON keys are column names")
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "orders-events-speed-sink-role").Output("arn")
	assert.Equal(t, map[string]any{"enabled": true, "secretArn": testSecretARN, "roleArn": role}, sf("secretsManagerConfiguration"))
	assert.Nil(t, sf("privateKey"), "never a plaintext key")
	assert.Equal(t, map[string]any{"enabled": true, "snowflakeRole": "FIREHOSE_LOADER"}, sf("snowflakeRoleConfiguration"))

	doc := synthtest.Policy(t, plan, "orders-events-speed-sink-policy")
	assert.Equal(t, []string{"ReadSourceStream", "WriteSinkBucket", "WriteDeliveryLogs", "ReadSnowflakeKey", "DecryptSnowflakeKey"}, synthtest.Sids(doc))
	assert.Equal(t, []string{stream}, synthtest.Statement(t, doc, "ReadSourceStream").Resource)
	assert.Equal(t, []string{testSecretARN}, synthtest.Statement(t, doc, "ReadSnowflakeKey").Resource)
	assert.Equal(t, []string{testKeyARN}, synthtest.Statement(t, doc, "DecryptSnowflakeKey").Resource)
}

func TestLambdaArchitecture_archiveSinkWritesDatePartitionedGzipOutsideItsErrors(t *testing.T) {
	plan := mustSynth(t, validArgs())
	archive := synthtest.Find(t, plan, firehoseT, "orders-events-archive-sink")
	bucket := synthtest.Find(t, plan, bucketT, "orders-events-archive-sink-bucket")
	s3 := func(path ...any) any { return archive.Get(append([]any{"extendedS3Configuration"}, path...)...) }
	assert.Equal(t, "extended_s3", archive.String("destination"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:kinesis/stream:Stream", "orders-events-stream").Output("arn"),
		archive.Get("kinesisSourceConfiguration", "kinesisStreamArn"), "the same stream as the speed sink")
	assert.Equal(t, bucket.Output("arn"), s3("bucketArn"))
	assert.Equal(t, "events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", s3("prefix"))
	assert.Equal(t, "errors/events/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", s3("errorOutputPrefix"))
	assert.Equal(t, "GZIP", s3("compressionFormat"))
	sse := synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "orders-events-archive-sink-bucket-encryption")
	assert.Equal(t, "AES256", sse.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"), "Snowflake reads it with no key grant")

	doc := synthtest.Policy(t, plan, "orders-events-archive-sink-policy")
	arn := bucket.Output("arn")
	assert.Equal(t, []string{arn, arn + "/events/*", arn + "/errors/events/*"}, synthtest.Statement(t, doc, "WriteSinkBucket").Resource)
	_, readsSecret := doc.FindSid("ReadSnowflakeKey")
	assert.False(t, readsSecret, "the archive role reads no Snowflake key")
	assert.NotEqual(t, synthtest.Find(t, plan, "aws:iam/role:Role", "orders-events-archive-sink-role").Output("arn"),
		synthtest.Find(t, plan, "aws:iam/role:Role", "orders-events-speed-sink-role").Output("arn"))
}

func TestLambdaArchitecture_snowpipeLoadsTheArchiveIntoRaw(t *testing.T) {
	plan := mustSynth(t, validArgs())
	bucket := synthtest.Find(t, plan, bucketT, "orders-events-archive-sink-bucket").Output("bucket")
	stage := synthtest.Find(t, plan, "snowflake:index/stageExternalS3:StageExternalS3", "orders-raw-orders_raw-stage")
	assert.Equal(t, "s3://"+bucket+"/events/", stage.String("url"), "the archive prefix, not its errors")
	format := synthtest.Find(t, plan, "snowflake:index/fileFormat:FileFormat", "orders-raw-orders_raw-format")
	assert.Equal(t, "JSON", format.String("formatType"))
	assert.Equal(t, "GZIP", format.String("compression"))
	pipe := synthtest.Find(t, plan, "snowflake:index/pipe:Pipe", "orders-raw-orders_raw-pipe")
	assert.Equal(t, `COPY INTO `+rawFQN+` FROM @"ANALYTICS"."EVENTS"."ORDERS_RAW_STAGE" MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE`, pipe.String("copyStatement"))
	notification := synthtest.Find(t, plan, "aws:s3/bucketNotification:BucketNotification", "orders-raw-bucket-notification")
	assert.Equal(t, bucket, notification.String("bucket"))
	assert.Equal(t, "events/", notification.Get("queues", 0, "filterPrefix"))
	assert.Len(t, plan.ByType(bucketT), 2, "the archive and the speed sink's failed loads; SnowpipeIngest creates none")
}

func TestLambdaArchitecture_viewServesBatchUpToTheWatermarkAndSpeedAfter(t *testing.T) {
	for _, args := range []*LambdaArchitectureArgs{validArgs(), dynamicArgs()} {
		t.Run(args.BatchMode, func(t *testing.T) {
			plan := mustSynth(t, args)
			view := synthtest.Find(t, plan, viewT, "orders-view")
			assert.Equal(t, wantView, view.String("statement"))
			assert.Equal(t, "ORDERS", view.String("name"))
			assert.Equal(t, viewFQN, view.Output("fullyQualifiedName"))
			assert.Contains(t, view.String("statement"), "FROM "+batchFQN, "reads the batch table")
			assert.Contains(t, view.String("statement"), "FROM "+speedFQN, "reads the speed table")
			batchType := tableT
			if args.BatchMode == BatchByDynamicTable {
				batchType = dynamicT
			}
			assert.Contains(t, view.Dependencies, synthtest.Find(t, plan, batchType, "orders-batch-table").URN)
			assert.Contains(t, view.Dependencies, synthtest.Find(t, plan, tableT, "orders-speed-table").URN)
		})
	}
	a := validArgs()
	a.Columns[3].Type = "DATE"
	view := synthtest.Find(t, mustSynth(t, a), viewT, "orders-view")
	assert.Contains(t, view.String("statement"), "COALESCE(MAX(EVENT_TIME), CAST('1970-01-01' AS DATE))", "the epoch in the watermark's type")
}

func TestLambdaArchitecture_taskRecomputesBatchThenCleansSpeed(t *testing.T) {
	plan := mustSynth(t, validArgs())
	root := synthtest.Find(t, plan, taskT, "orders-tasks-task-orders_recompute")
	assert.Equal(t, "ORDERS_RECOMPUTE", root.String("name"))
	assert.Equal(t, wantRecompute, root.String("sqlStatement"))
	assert.Equal(t, map[string]any{"minutes": 60.0}, root.Inputs["schedule"])
	assert.Equal(t, "XSMALL", root.String("userTaskManagedInitialWarehouseSize"), "serverless")
	assert.Nil(t, root.Inputs["warehouse"])
	assert.Equal(t, false, root.Inputs["started"])

	cleanup := synthtest.Find(t, plan, taskT, "orders-tasks-task-orders_cleanup")
	assert.Equal(t, wantCleanup, cleanup.String("sqlStatement"))
	assert.Equal(t, []any{root.Output("fullyQualifiedName")}, cleanup.Inputs["afters"], "the cleanup runs after a successful recompute")
	assert.Nil(t, cleanup.Inputs["schedule"])
	assert.Len(t, plan.ByType(taskT), 3, "the recompute, the cleanup and the graph's deadline check")
	// The recompute owes a success every hour: the check alerts once no
	// run has succeeded for an hour plus the grace (two one-hour timeouts
	// and 5 minutes), checked hourly.
	check := synthtest.Find(t, plan, taskT, "orders-tasks-deadline")
	assert.Equal(t, "ORDERS_RECOMPUTE_DEADLINE", check.String("name"))
	assert.Equal(t, map[string]any{"minutes": 60.0}, check.Inputs["schedule"])
	assert.Contains(t, check.String("sqlStatement"), "COALESCE(LAST_AT, :created) + 11100 AS DEADLINE")
	assert.Equal(t, root.String("errorIntegration"), check.String("errorIntegration"))

	// The tasks are created after every table they name.
	for _, table := range []string{"orders-speed-table", "orders-batch-table", "orders-raw-orders_raw-table"} {
		assert.Contains(t, root.Dependencies, synthtest.Find(t, plan, tableT, table).URN, table)
	}

	a := validArgs()
	a.RecomputeEvery = 15 * time.Minute
	a.CleanupMargin = 2 * time.Hour
	a.Warehouse = pulumi.String("TRANSFORM")
	a.Started = true
	plan = mustSynth(t, a)
	root = synthtest.Find(t, plan, taskT, "orders-tasks-task-orders_recompute")
	assert.Equal(t, map[string]any{"minutes": 15.0}, root.Inputs["schedule"])
	assert.Equal(t, "TRANSFORM", root.String("warehouse"))
	assert.Equal(t, true, root.Inputs["started"])
	assert.Contains(t, synthtest.Find(t, plan, taskT, "orders-tasks-task-orders_cleanup").String("sqlStatement"), "DATEADD(MINUTE, -120, ")
}

func TestLambdaArchitecture_dynamicTableComputesTheBatchLayer(t *testing.T) {
	plan := mustSynth(t, dynamicArgs())
	assert.Equal(t, []string{
		"aws:kms/key:Key orders-alerts-key",
		"aws:sns/topic:Topic orders-alerts",
		"aws:sns/topicPolicy:TopicPolicy orders-alerts-policy",
		"schedkit:aws:StreamProcessor orders-events",
		"schedkit:keep:DeleteLock orders-delete-lock",
		"schedkit:snowflake:SnowpipeIngest orders-raw",
		"schedkit:snowflake:TaskGraph orders-tasks",
		"snowflake:index/dynamicTable:DynamicTable orders-batch-table",
		"snowflake:index/table:Table orders-speed-table",
		"snowflake:index/view:View orders-view",
	}, synthtest.ChildrenOf(t, plan, Type, "orders"))
	dt := synthtest.Find(t, plan, dynamicT, "orders-batch-table")
	assert.Equal(t, "ORDERS_BATCH", dt.String("name"))
	assert.Equal(t, batchQuery, dt.String("query"))
	assert.Equal(t, "TRANSFORM", dt.String("warehouse"))
	assert.Equal(t, map[string]any{"maximumDuration": "60 minutes"}, dt.Inputs["targetLag"])
	assert.Equal(t, "AUTO", dt.String("refreshMode"))
	assert.Contains(t, dt.Dependencies, synthtest.Find(t, plan, tableT, "orders-raw-orders_raw-table").URN, "its query reads the raw table")

	tasks := plan.ByType(taskT)
	require.Len(t, tasks, 2, "only the cleanup and its deadline check: Snowflake refreshes the batch layer")
	assert.Equal(t, "ORDERS_CLEANUP_DEADLINE", tasks[0].String("name"))
	tasks = tasks[1:]
	assert.Equal(t, "ORDERS_CLEANUP", tasks[0].String("name"))
	assert.Equal(t, wantCleanup, tasks[0].String("sqlStatement"))
	assert.Equal(t, map[string]any{"minutes": 60.0}, tasks[0].Inputs["schedule"])
	assert.Nil(t, tasks[0].Inputs["warehouse"], "the cleanup is serverless")

	a := dynamicArgs()
	a.TargetLag, a.RefreshMode, a.CleanupEvery, a.CleanupMargin = 5*time.Minute, "INCREMENTAL", 30*time.Minute, 6*time.Hour
	plan = mustSynth(t, a)
	dt = synthtest.Find(t, plan, dynamicT, "orders-batch-table")
	assert.Equal(t, map[string]any{"maximumDuration": "5 minutes"}, dt.Inputs["targetLag"])
	assert.Equal(t, "INCREMENTAL", dt.String("refreshMode"))
	assert.Equal(t, map[string]any{"minutes": 30.0}, synthtest.Find(t, plan, taskT, "orders-tasks-task-orders_cleanup").Inputs["schedule"])

	a.DisableDeadline = true
	plan = mustSynth(t, a)
	require.Len(t, plan.ByType(taskT), 1, "no deadline check when turned off")
	a.DisableDeadline, a.DeadlineGrace = false, 10*time.Minute
	plan = mustSynth(t, a)
	assert.Contains(t, synthtest.Find(t, plan, taskT, "orders-tasks-deadline").String("sqlStatement"), "COALESCE(LAST_AT, :created) + 2400 AS DEADLINE", "30 minutes plus the grace given")
}

func TestLambdaArchitecture_dedupeKeyKeepsTheLatestRowPerEvent(t *testing.T) {
	const qualify = " QUALIFY ROW_NUMBER() OVER (PARTITION BY ORDER_ID, STATUS ORDER BY EVENT_TIME DESC) = 1"
	a := validArgs()
	a.DedupeKey = []string{"ORDER_ID", "STATUS"}
	root := synthtest.Find(t, mustSynth(t, a), taskT, "orders-tasks-task-orders_recompute")
	assert.Equal(t, wantRecompute+qualify, root.String("sqlStatement"))

	d := dynamicArgs()
	d.DedupeKey = a.DedupeKey
	assert.Equal(t, batchQuery+qualify, synthtest.Find(t, mustSynth(t, d), dynamicT, "orders-batch-table").String("query"))
}

func TestLambdaArchitecture_hasNoPolicyViolations(t *testing.T) {
	for _, args := range []*LambdaArchitectureArgs{validArgs(), dynamicArgs()} {
		t.Run(args.BatchMode, func(t *testing.T) {
			assert.Empty(t, policy.Evaluate(mustSynth(t, args), policy.All()))
		})
	}
}

func TestLambdaArchitecture_exportsOutputs(t *testing.T) {
	plan := mustSynth(t, validArgs())
	find := func(typ, name, key string) string { return synthtest.Find(t, plan, typ, name).Output(key) }
	want := map[string]any{
		"streamArn":                find("aws:kinesis/stream:Stream", "orders-events-stream", "arn"),
		"streamName":               find("aws:kinesis/stream:Stream", "orders-events-stream", "name"),
		"functionName":             find("aws:lambda/function:Function", "orders-events-function", "name"),
		"speedDeliveryStreamArn":   find(firehoseT, "orders-events-speed-sink", "arn"),
		"archiveDeliveryStreamArn": find(firehoseT, "orders-events-archive-sink", "arn"),
		"archiveBucketName":        find(bucketT, "orders-events-archive-sink-bucket", "bucket"),
		"speedTable":               speedFQN,
		"rawTable":                 rawFQN,
		"batchTable":               batchFQN,
		"view":                     viewFQN,
		"rootTask":                 `"ANALYTICS"."EVENTS"."ORDERS_RECOMPUTE"`,
		"alertTopicArn":            find("aws:sns/topic:Topic", "orders-alerts", "arn"),
		"alertTopicKmsKeyArn":      find("aws:kms/key:Key", "orders-alerts-key", "arn"),
	}
	assert.Equal(t, want, plan.Outputs)
}

func TestLambdaArchitecture_everyAlertGoesToOneTopic(t *testing.T) {
	a := validArgs()
	a.AlertEmail = "oncall@example.com"
	plan := mustSynth(t, a)
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "orders-alerts")
	require.Len(t, plan.ByType("aws:sns/topic:Topic"), 1, "no topic of its own in any composed component")
	subs := plan.ByType("aws:sns/topicSubscription:TopicSubscription")
	require.Len(t, subs, 1)
	assert.Equal(t, "orders-alerts-email", subs[0].Name)
	assert.Equal(t, "oncall@example.com", subs[0].String("endpoint"))
	assert.Equal(t, topic.Output("arn"), subs[0].String("topic"))

	// The stream's and the function's alarms, the pipe's load errors and the tasks' errors.
	for _, alarm := range []string{"orders-events-iterator-age", "orders-events-errors", "orders-events-archive-sink-data-freshness"} {
		assert.Equal(t, []any{topic.Output("arn")}, synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", alarm).Inputs["alarmActions"], alarm)
	}
	for _, integration := range []string{"orders-raw-errors-integration", "orders-tasks-errors-integration"} {
		assert.Equal(t, topic.Output("arn"), synthtest.Find(t, plan, "snowflake:index/notificationIntegration:NotificationIntegration", integration).String("awsSnsTopicArn"), integration)
	}
	pipe := synthtest.Find(t, plan, "snowflake:index/pipe:Pipe", "orders-raw-orders_raw-pipe")
	assert.Equal(t, synthtest.Find(t, plan, "snowflake:index/notificationIntegration:NotificationIntegration", "orders-raw-errors-integration").Output("name"), pipe.String("errorIntegration"))

	given := validArgs()
	given.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")
	plan = mustSynth(t, given)
	assert.Empty(t, plan.ByType("aws:sns/topic:Topic"), "a given topic is used, none is created")
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops", plan.Outputs["alertTopicArn"])
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops",
		synthtest.Find(t, plan, "snowflake:index/notificationIntegration:NotificationIntegration", "orders-tasks-errors-integration").String("awsSnsTopicArn"))
}

func TestLambdaArchitecture_retainsTheArchiveTablesAndStream(t *testing.T) {
	a := validArgs()
	a.RetainOnDelete = true
	a.Tags = map[string]string{"team": "orders"}
	plan := mustSynth(t, a)
	for typ, names := range map[string][]string{
		tableT:                      {"orders-speed-table", "orders-batch-table", "orders-raw-orders_raw-table"},
		"aws:kinesis/stream:Stream": {"orders-events-stream"},
		bucketT:                     {"orders-events-archive-sink-bucket"},
		"aws:sqs/queue:Queue":       {"orders-events-failures"},
	} {
		for _, name := range names {
			assert.True(t, synthtest.Find(t, plan, typ, name).RetainOnDelete, name)
		}
	}
	assert.False(t, synthtest.Find(t, plan, viewT, "orders-view").RetainOnDelete, "a view holds no data")
	assert.Equal(t, "orders", synthtest.Find(t, plan, "aws:kinesis/stream:Stream", "orders-events-stream").Get("tags", "team"))

	for _, r := range mustSynth(t, validArgs()).Resources {
		assert.Falsef(t, r.RetainOnDelete, "%s is retained by default", r.Name)
	}
}

func TestLambdaArchitecture_dependsOnHoldsBackEverySnowflakeObject(t *testing.T) {
	for _, args := range []*LambdaArchitectureArgs{validArgs(), dynamicArgs()} {
		t.Run(args.BatchMode, func(t *testing.T) {
			plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
				provider, err := snowflake.NewProvider(ctx, "snowflake", &snowflake.ProviderArgs{PreviewFeaturesEnabled: PreviewFeatures()})
				if err != nil {
					return err
				}
				schema, err := snowflake.NewSchema(ctx, "events", &snowflake.SchemaArgs{Database: pulumi.String("ANALYTICS"), Name: pulumi.String("EVENTS")}, pulumi.Provider(provider))
				if err != nil {
					return err
				}
				_, err = NewLambdaArchitecture(ctx, "orders", args, pulumi.Providers(provider), pulumi.DependsOn([]pulumi.Resource{schema}))
				return err
			}, options)
			schemaURN := synthtest.Find(t, plan, snowflake.SchemaType, "events").URN
			provider := synthtest.Find(t, plan, snowflake.ProviderType, "snowflake").URN
			n := 0
			for _, r := range plan.Resources {
				if !r.Custom || !strings.HasPrefix(r.Type, "snowflake:index/") || r.Name == "events" {
					continue
				}
				n++
				assert.Truef(t, strings.HasPrefix(r.Provider, provider), "%s %s is on the explicit provider", r.Type, r.Name)
				if r.String("database") != "" {
					assert.Containsf(t, r.Dependencies, schemaURN, "%s %s waits for the schema", r.Type, r.Name)
				}
			}
			assert.Greater(t, n, 10)
			// The tasks also wait for every table they name.
			root := plan.ByType(taskT)[0]
			for _, table := range []string{"orders-speed-table", "orders-raw-orders_raw-table"} {
				assert.Contains(t, root.Dependencies, synthtest.Find(t, plan, tableT, table).URN, table)
			}
		})
	}
}

func TestLambdaArchitecture_tokensAndPreviewFeatures(t *testing.T) {
	for _, tok := range []string{snowflake.TableType, snowflake.DynamicTableType, snowflake.ViewType, snowflake.PipeType, snowflake.TaskType} {
		assert.Contains(t, Tokens(), tok)
	}
	assert.Equal(t, []string{
		"snowflake_dynamic_table_resource",
		"snowflake_file_format_resource",
		"snowflake_notification_integration_resource",
		"snowflake_pipe_resource",
		"snowflake_stage_external_s3_resource",
		"snowflake_storage_integration_aws_resource",
		"snowflake_table_resource",
	}, PreviewFeatures())
}

func TestLambdaArchitecture_defaults(t *testing.T) {
	assert.Equal(t, "events/", DefaultArchivePrefix)
	assert.Equal(t, "TASK", DefaultBatchMode)
	assert.Equal(t, time.Hour, DefaultRecomputeEvery)
	assert.Equal(t, time.Hour, DefaultTargetLag)
	assert.Equal(t, "AUTO", DefaultRefreshMode)
	assert.Equal(t, 24*time.Hour, DefaultCleanupMargin)
	assert.Equal(t, time.Hour, DefaultCleanupEvery)
	assert.Equal(t, "schedkit:pipelines:LambdaArchitecture", Type)

	a := withDefaults("order-events", LambdaArchitectureArgs{})
	assert.Equal(t, "ORDER_EVENTS", a.Name)
	assert.Equal(t, "events/", a.ArchivePrefix)
	assert.Equal(t, BatchByTask, a.BatchMode)
	assert.Equal(t, time.Hour, a.RecomputeEvery)
	assert.Zero(t, a.TargetLag, "a target lag belongs to the dynamic table")
	assert.Zero(t, a.CleanupEvery, "with tasks the cleanup follows the recompute")
	assert.Equal(t, 24*time.Hour, a.CleanupMargin)

	d := withDefaults("orders", LambdaArchitectureArgs{BatchMode: BatchByDynamicTable})
	assert.Equal(t, time.Hour, d.TargetLag)
	assert.Equal(t, "AUTO", d.RefreshMode)
	assert.Equal(t, time.Hour, d.CleanupEvery)
	assert.Zero(t, d.RecomputeEvery)
}

func TestLambdaArchitecture_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := dynamicArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup orders-events-archive-sink-logs",
		"aws:cloudwatch/logGroup:LogGroup orders-events-function-logs",
		"aws:cloudwatch/logGroup:LogGroup orders-events-speed-sink-logs",
		"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream orders-events-archive-sink",
		"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream orders-events-speed-sink",
		"aws:kinesis/stream:Stream orders-events-stream",
		"aws:kms/key:Key orders-alerts-key",
		"aws:s3/bucket:Bucket orders-events-archive-sink-bucket",
		"aws:s3/bucket:Bucket orders-events-speed-sink-bucket",
		"aws:sns/topic:Topic orders-alerts",
		"aws:sqs/queue:Queue orders-events-failures",
		"snowflake:index/dynamicTable:DynamicTable orders-batch-table",
		"snowflake:index/stageExternalS3:StageExternalS3 orders-raw-orders_raw-stage",
		"snowflake:index/table:Table orders-raw-orders_raw-table",
		"snowflake:index/table:Table orders-speed-table",
	}, synthtest.Kept(t, mustSynth(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestLambdaArchitecture_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, mustSynth(t, dynamicArgs())))
}
