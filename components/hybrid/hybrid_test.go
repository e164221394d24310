package hybrid

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// ordersArgs: an hourly export job lands JSON under orders/, Snowpipe loads
// it into RAW.SALES.ORDERS, a triggered graph merges it into the mart.
func ordersArgs() *HybridPipelineArgs {
	return &HybridPipelineArgs{
		Producer: cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-export:1.0"),
			Command:        []string{"export-orders"},
			Schedule:       trigger.Schedule{Expression: "rate(1 hour)"},
			Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
		},
		LandingPrefix: "orders/",
		Format:        snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
		Database:      "RAW", Schema: "SALES", Table: "ORDERS",
		Columns:     []snowpipe.Column{{Name: "RECORD", Type: "VARIANT"}, {Name: "LOADED_AT", Type: "TIMESTAMP_LTZ"}},
		CopyOptions: "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE",
		Transform: []taskgraph.TaskSpec{{
			Name: "MERGE_ORDERS",
			SQL:  "MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ID = s.RECORD:id WHEN NOT MATCHED THEN INSERT (ID, LOADED_AT) VALUES (s.RECORD:id, s.LOADED_AT)",
		}},
		TargetCompletionInterval: 15 * time.Minute,
		Freshness:                Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "LOADED_AT", MaxAge: 3 * time.Hour},
		AlertEmail:               "data-oncall@example.com",
	}
}

var options = synth.Options{Project: "p", Stack: "dev"}

func run(t *testing.T, args *HybridPipelineArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, synthtest.Program(NewHybridPipeline, "orders", args), options)
}

func TestHybridPipeline_composesOneTopicIngestProducerAndGraphs(t *testing.T) {
	plan := run(t, ordersArgs())
	assert.Equal(t, []string{
		"aws:kms/key:Key orders-alerts-key",
		"aws:sns/topic:Topic orders-alerts",
		"aws:sns/topicPolicy:TopicPolicy orders-alerts-policy",
		"aws:sns/topicSubscription:TopicSubscription orders-alerts-email",
		"schedkit:aws:CronJob orders-producer",
		"schedkit:keep:DeleteLock orders-delete-lock",
		"schedkit:snowflake:SnowpipeIngest orders-ingest",
		"schedkit:snowflake:TaskGraph orders-transform",
		"schedkit:snowflake:TaskGraph orders-watch",
	}, synthtest.ChildrenOf(t, plan, Type, "orders"))
	assert.Len(t, plan.ByType("aws:sns/topic:Topic"), 1, "one on-call topic for both halves")
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "orders-alerts").Output("arn")
	for _, integ := range plan.ByType(snowflake.NotificationIntegrationType) {
		assert.Equal(t, topic, integ.String("awsSnsTopicArn"), integ.Name)
	}
	def := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "orders-producer-workflow").String("definition")
	assert.Contains(t, def, topic, "the producer's failures alert the same topic")
}

func TestHybridPipeline_producerMayOnlyPutUnderTheLandingPrefixThePipeReads(t *testing.T) {
	plan := run(t, ordersArgs())
	bucket := synthtest.Find(t, plan, "aws:s3/bucket:Bucket", "orders-ingest-bucket")
	doc := synthtest.Policy(t, plan, "orders-producer-task-policy")
	assert.Equal(t, []string{"WriteLandingPrefix"}, synthtest.Sids(doc))
	w := synthtest.Statement(t, doc, "WriteLandingPrefix")
	assert.Equal(t, []string{"s3:PutObject"}, w.Action)
	assert.Equal(t, []string{bucket.Output("arn") + "/orders/*"}, w.Resource)

	// The producer is told the prefix and format the pipe reads.
	td := synthtest.Find(t, plan, "aws:ecs/taskDefinition:TaskDefinition", "orders-producer-task")
	var containers []struct {
		Environment []struct{ Name, Value string } `json:"environment"`
	}
	assert.NoError(t, json.Unmarshal([]byte(td.String("containerDefinitions")), &containers))
	env := map[string]string{}
	for _, e := range containers[0].Environment {
		env[e.Name] = e.Value
	}
	assert.Equal(t, "s3://"+bucket.Output("bucket")+"/orders/", env[LandingURIVariable])
	assert.Equal(t, "JSON", env[LandingFormatVariable])

	notification := synthtest.Find(t, plan, "aws:s3/bucketNotification:BucketNotification", "orders-ingest-bucket-notification")
	queues := notification.Inputs["queues"].([]any)
	assert.Equal(t, "orders/", queues[0].(map[string]any)["filterPrefix"], "the pipe's prefix is the producer's")
	format := synthtest.Find(t, plan, snowflake.FileFormatType, "orders-ingest-orders-format")
	assert.Equal(t, "JSON", format.String("formatType"), "the pipe reads the format the producer writes")
}

func TestHybridPipeline_transformRunsOnTheStreamAndTheWatchKeepsItFresh(t *testing.T) {
	plan := run(t, ordersArgs())
	stream := synthtest.Find(t, plan, snowflake.StreamOnTableType, "orders-ingest-orders-stream")
	merge := synthtest.Find(t, plan, snowflake.TaskType, "orders-transform-task-merge_orders")
	assert.Equal(t, "SYSTEM$STREAM_HAS_DATA('"+stream.Output("fullyQualifiedName")+"')", merge.String("when"))
	assert.Nil(t, merge.Inputs["schedule"], "triggered, not scheduled")

	keep := synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-task-keep_orders_stream")
	assert.Equal(t, "SELECT SYSTEM$STREAM_HAS_DATA('RAW.SALES.ORDERS_STREAM')", keep.String("sqlStatement"))
	assert.Equal(t, map[string]any{"usingCron": "0 * * * * UTC"}, keep.Inputs["schedule"])
	assert.Equal(t, 24.0, keep.Inputs["suspendTaskAfterNumFailures"])
	check := synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-task-check_orders_freshness")
	assert.Equal(t, []any{keep.Output("fullyQualifiedName")}, check.Inputs["afters"])
	assert.Equal(t, strings.Join([]string{
		"EXECUTE IMMEDIATE $$",
		"DECLARE",
		"  newest TIMESTAMP_LTZ;",
		"  stale EXCEPTION (-20001, 'schedkit hybridpipeline orders: ANALYTICS.MARTS.ORDERS has received no rows for 180 minutes');",
		"BEGIN",
		"  SELECT COALESCE(MAX(LOADED_AT)::TIMESTAMP_LTZ, '1970-01-01'::TIMESTAMP_LTZ) INTO :newest FROM ANALYTICS.MARTS.ORDERS;",
		"  IF (newest < DATEADD(MINUTE, -180, CURRENT_TIMESTAMP())) THEN",
		"    RAISE stale;",
		"  END IF;",
		"  RETURN 'fresh';",
		"END;",
		"$$",
	}, "\n"), check.String("sqlStatement"))

	off := ordersArgs()
	no := false
	off.Fallback = &no
	plan = run(t, off)
	_, kept := plan.Find(snowflake.TaskType, "orders-watch-task-keep_orders_stream")
	assert.False(t, kept)
	root := synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-task-check_orders_freshness")
	assert.Equal(t, map[string]any{"usingCron": "0 * * * * UTC"}, root.Inputs["schedule"], "without the fallback the check is the root")

	// A triggered transform has no calendar: no deadline check by default.
	_, transformChecked := plan.Find(snowflake.TaskType, "orders-transform-deadline")
	assert.False(t, transformChecked)

	aged := ordersArgs()
	aged.TransformMaxAge = 6 * time.Hour
	plan = run(t, aged)
	deadline := synthtest.Find(t, plan, snowflake.TaskType, "orders-transform-deadline")
	assert.Equal(t, "MERGE_ORDERS_DEADLINE", deadline.String("name"))
	assert.Equal(t, map[string]any{"minutes": 90.0}, deadline.Inputs["schedule"], "a quarter of the age")
	assert.Contains(t, deadline.String("sqlStatement"), "COALESCE(LAST_AT, :created) + 21600 AS DEADLINE")
}

// The watch graph is a monitor that can stop (suspended after
// Freshness.SuspendAfterFailures stale results, by hand, or a schedule that
// never fires): it has a deadline of its own, on its own calendar, alerting
// the shared topic (issue 19: every scheduled component has a deadline).
func TestHybridPipeline_watchGraphHasADeadline(t *testing.T) {
	plan := run(t, ordersArgs())
	keep := synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-task-keep_orders_stream")
	check := synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-deadline")
	assert.Equal(t, "KEEP_ORDERS_STREAM_DEADLINE", check.String("name"), "named after the watch's root, the keep-alive")
	assert.Equal(t, "schedkit TaskGraph orders-watch: deadline check", check.String("comment"))
	assert.Nil(t, check.Inputs["afters"], "a standalone task, not part of the graph it checks")
	// Default grace: the keep-alive's and the check's timeouts (1h each) + 5m.
	// The hourly watch (minute 0) is checked at minute 5 of each hour.
	assert.Equal(t, map[string]any{"usingCron": "5 * * * * UTC"}, check.Inputs["schedule"])
	sql := check.String("sqlStatement")
	assert.Contains(t, sql, "WHERE E <= :s - 7500 AND E > COALESCE(:created, 0)", "grace 2h5m")
	assert.Contains(t, sql, "SHOW TASKS LIKE 'KEEP_ORDERS_STREAM' IN SCHEMA RAW.SALES;")
	assert.Contains(t, sql, "'component', 'taskgraph', 'name', 'orders-watch',")
	assert.Contains(t, sql, "WHERE MINUTE(WALL) = 0\n", "due every hour at minute 0")
	assert.Equal(t, keep.String("errorIntegration"), check.String("errorIntegration"), "its failures go where the watch's do")
	assert.Contains(t, sql, "SNOWFLAKE.NOTIFICATION.INTEGRATION('"+keep.String("errorIntegration")+"')", "its alerts go to the watch's integration, so the shared topic")
	assert.Equal(t, keep.Inputs["started"], check.Inputs["started"], "started and suspended with the watch")

	// Without the fallback the freshness check is the root; a grace set on
	// Freshness reaches the check.
	args := ordersArgs()
	no := false
	args.Fallback = &no
	args.Freshness.Cron = "30 6 * * *"
	args.Freshness.DeadlineGrace = 45 * time.Minute
	check = synthtest.Find(t, run(t, args), snowflake.TaskType, "orders-watch-deadline")
	assert.Equal(t, "CHECK_ORDERS_FRESHNESS_DEADLINE", check.String("name"))
	assert.Equal(t, map[string]any{"usingCron": "15 7 * * * UTC"}, check.Inputs["schedule"], "06:30 + 45m")
	assert.Contains(t, check.String("sqlStatement"), "WHERE E <= :s - 2700 AND")

	off := ordersArgs()
	off.Freshness.DisableDeadline = true
	plan = run(t, off)
	_, checked := plan.Find(snowflake.TaskType, "orders-watch-deadline")
	assert.False(t, checked, "Freshness.DisableDeadline turns it off")
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.NotContains(t, tk.String("name"), "_DEADLINE", tk.Name)
	}
}

// The watch's deadline goes through the watch's StableName, as its other
// parts do: a renamed pipeline keeps the check's physical name and the
// role its alerts are published with.
func TestHybridPipeline_watchDeadlineKeepsItsNamesUnderStableName(t *testing.T) {
	args := ordersArgs()
	args.StableName = "orders"
	plan := synthtest.Run(t, synthtest.Program(NewHybridPipeline, "orders-v2", args), options)
	check := synthtest.Find(t, plan, snowflake.TaskType, "orders-v2-watch-deadline")
	assert.Equal(t, "KEEP_ORDERS_STREAM_DEADLINE", check.String("name"))
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "orders-v2-watch-errors-role")
	assert.Equal(t, "schedkit-p-dev-orders-watch-sf-notify", role.String("name"), "the name the pipeline had before the rename")
	before := synthtest.Find(t, run(t, ordersArgs()), snowflake.TaskType, "orders-watch-deadline")
	assert.Equal(t, before.Inputs["schedule"], check.Inputs["schedule"])
}

func TestHybridPipeline_hasNoPolicyViolations(t *testing.T) {
	features, _ := json.Marshal(snowflake.PreviewFeaturesFor(Tokens()...))
	opts := options
	opts.Config = map[string]string{"snowflake:previewFeaturesEnabled": string(features)}
	plan := synthtest.Run(t, synthtest.Program(NewHybridPipeline, "orders", ordersArgs()), opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestHybridPipeline_rejectsBadInputBeforeRegistering(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *HybridPipelineArgs)
		want   string
	}{
		{"landing prefix as a URI", func(a *HybridPipelineArgs) { a.LandingPrefix = "s3://landing/orders/" }, "hybridpipeline \"orders\": `LandingPrefix` \"s3://landing/orders/\" is a URI"},
		{"landing variable set by the caller", func(a *HybridPipelineArgs) {
			a.Producer.Environment = map[string]pulumi.StringInput{LandingURIVariable: pulumi.String("s3://elsewhere/x/")}
		}, "`Producer.Environment` \"LANDING_S3_URI\" is set; the pipeline sets it"},
		{"producer alerts set by the caller", func(a *HybridPipelineArgs) { a.Producer.AlertEmail = "x@example.com" }, "`Producer.AlertEmail` is set"},
		{"producer protected on its own", func(a *HybridPipelineArgs) { a.Producer.Protect = true }, "`Producer.Protect` is set; the pipeline sets it for all its parts"},
		{"no transform", func(a *HybridPipelineArgs) { a.Transform = nil }, "`Transform` is empty"},
		{"table that is no identifier", func(a *HybridPipelineArgs) { a.Table = "orders-v2" }, "`Table`"},
		{"freshness column", func(a *HybridPipelineArgs) { a.Freshness.Column = "loaded at" }, "`Freshness.Column`"},
		{"freshness age not whole minutes", func(a *HybridPipelineArgs) { a.Freshness.MaxAge = 90 * time.Second }, "`Freshness.MaxAge` 1m30s is not a whole number of minutes"},
		{"freshness cron with six fields", func(a *HybridPipelineArgs) { a.Freshness.Cron = "0 * * * ? *" }, "hybridpipeline \"orders\": `Freshness.Cron` \"0 * * * ? * UTC\""},
		{"unknown format", func(a *HybridPipelineArgs) { a.Format.Type = "XML" }, "hybridpipeline \"orders\": `Format.Type` \"XML\" is not one of CSV, JSON, PARQUET"},
		{"copy option a pipe refuses", func(a *HybridPipelineArgs) { a.CopyOptions = "PURGE = TRUE" }, "PURGE, which CREATE PIPE does not accept"},
		{"serverless trigger without interval", func(a *HybridPipelineArgs) { a.TargetCompletionInterval = 0 }, "hybridpipeline \"orders\": `TargetCompletionInterval` is not set"},
		{"producer without subnets", func(a *HybridPipelineArgs) { a.Producer.Subnets = nil }, "cronjob \"orders-producer\": `Subnets` is required"},
		{"transform task named like the freshness check", func(a *HybridPipelineArgs) { a.Transform[0].Name = "check_orders_freshness" },
			"hybridpipeline \"orders\": `Transform[0].Name` \"check_orders_freshness\" is the name of the watch graph's freshness task, which the component creates itself (names compare without case); choose another"},
		{"transform task named like the keep-alive", func(a *HybridPipelineArgs) { a.Transform[0].Name = "KEEP_ORDERS_STREAM" },
			"hybridpipeline \"orders\": `Transform[0].Name` \"KEEP_ORDERS_STREAM\" is the name of the watch graph's keep-alive task, which the component creates itself (names compare without case); choose another"},
		{"transform condition that is a query", func(a *HybridPipelineArgs) { a.Transform[0].When = "SELECT 1" },
			"hybridpipeline \"orders\": `Transform[0].When` \"SELECT 1\" is a statement (SELECT), not a Boolean expression"},
		{"transform max age out of range", func(a *HybridPipelineArgs) { a.TransformMaxAge = 10 * time.Minute },
			"hybridpipeline \"orders\": `TransformMaxAge` 10m0s is outside 15m0s–120h0m0s in whole minutes (0 turns the check off)"},
		{"watch grace not whole minutes", func(a *HybridPipelineArgs) { a.Freshness.DeadlineGrace = 90 * time.Second },
			"hybridpipeline \"orders\": `Freshness.DeadlineGrace` 1m30s is outside 1m0s–120h0m0s in whole minutes"},
		{"watch grace without a deadline", func(a *HybridPipelineArgs) {
			a.Freshness.DeadlineGrace = time.Hour
			a.Freshness.DisableDeadline = true
		}, "hybridpipeline \"orders\": `Freshness.DeadlineGrace` 1h0m0s is set with `Freshness.DisableDeadline`; a graph without a deadline check has no grace"},
		{"transform task named like the watch's deadline check", func(a *HybridPipelineArgs) { a.Transform[0].Name = "keep_orders_stream_deadline" },
			"hybridpipeline \"orders\": `Transform[0].Name` \"keep_orders_stream_deadline\" is the name of the watch graph's deadline check task, which the component creates itself (names compare without case); choose another"},
		{"alert address that is none", func(a *HybridPipelineArgs) { a.AlertEmail = "oncall" }, "`AlertEmail` \"oncall\" is not an email address"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := ordersArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewHybridPipeline, "orders", args), options)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	assert.ErrorContains(t, errOf(validate("h", nil)), "hybridpipeline \"h\": `args` is nil")
}

func TestHybridPipeline_defaults(t *testing.T) {
	assert.True(t, DefaultFallback)
	assert.Equal(t, 24*time.Hour, DefaultFreshnessMaxAge)
	assert.Equal(t, "0 * * * *", DefaultFreshnessCron)
	assert.Equal(t, 24, DefaultFreshnessSuspendAfterFailures)
	a := withDefaults(HybridPipelineArgs{})
	assert.True(t, *a.Fallback)
	assert.Equal(t, Freshness{MaxAge: DefaultFreshnessMaxAge, Cron: DefaultFreshnessCron, SuspendAfterFailures: DefaultFreshnessSuspendAfterFailures}, a.Freshness)
}

func TestHybridPipeline_childrenWaitForWhatThePipelineWaitsFor(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		schema, err := snowflake.NewSchema(ctx, "sales", &snowflake.SchemaArgs{Database: pulumi.String("RAW"), Name: pulumi.String("SALES")})
		if err != nil {
			return err
		}
		_, err = NewHybridPipeline(ctx, "orders", ordersArgs(), pulumi.DependsOn([]pulumi.Resource{schema}))
		return err
	}, options)
	schema := synthtest.Find(t, plan, snowflake.SchemaType, "sales").URN
	for _, r := range []synth.Resource{
		synthtest.Find(t, plan, snowflake.PipeType, "orders-ingest-orders-pipe"),
		synthtest.Find(t, plan, snowflake.TaskType, "orders-transform-task-merge_orders"),
		synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-task-check_orders_freshness"),
	} {
		assert.Contains(t, r.Dependencies, schema, r.Name)
	}
	stream := synthtest.Find(t, plan, snowflake.StreamOnTableType, "orders-ingest-orders-stream").URN
	assert.Contains(t, synthtest.Find(t, plan, snowflake.TaskType, "orders-watch-task-keep_orders_stream").Dependencies, stream, "the keepalive's SQL names the stream")
}

func TestHybridPipeline_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := ordersArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup orders-producer-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup orders-producer-task-logs",
		"aws:cloudwatch/logGroup:LogGroup orders-producer-workflow-logs",
		"aws:kms/key:Key orders-alerts-key",
		"aws:s3/bucket:Bucket orders-ingest-bucket",
		"aws:sns/topic:Topic orders-alerts",
		"aws:sqs/queue:Queue orders-producer-dlq",
		"snowflake:index/stageExternalS3:StageExternalS3 orders-ingest-orders-stage",
		"snowflake:index/streamOnTable:StreamOnTable orders-ingest-orders-stream",
		"snowflake:index/table:Table orders-ingest-orders-table",
	}, synthtest.Kept(t, run(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestHybridPipeline_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, run(t, ordersArgs())))
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }

// Without the fallback there is no keep-alive task, so its name is free.
func TestHybridPipeline_keepAliveNameFreeWithoutFallback(t *testing.T) {
	args := ordersArgs()
	no := false
	args.Fallback = &no
	args.Transform[0].Name = "KEEP_ORDERS_STREAM"
	run(t, args)
}

// Without the watch's deadline its check task's name is free.
func TestHybridPipeline_watchDeadlineNameFreeWhenDisabled(t *testing.T) {
	args := ordersArgs()
	args.Freshness.DisableDeadline = true
	args.Transform[0].Name = "KEEP_ORDERS_STREAM_DEADLINE"
	merge := synthtest.Find(t, run(t, args), snowflake.TaskType, "orders-transform-task-keep_orders_stream_deadline")
	assert.Equal(t, "KEEP_ORDERS_STREAM_DEADLINE", merge.String("name"))
}
