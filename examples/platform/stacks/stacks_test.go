package stacks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func synthStack(t *testing.T, stack string) *synth.Plan {
	t.Helper()
	opts, err := synth.LoadStack("..", stack)
	require.NoError(t, err)
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	return plan
}

func TestStacks_everyEnvironmentSynthesizesWithoutViolations(t *testing.T) {
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			assert.NotEmpty(t, plan.Resources)
			assert.Empty(t, policy.Evaluate(plan, policy.All()))
			for _, key := range []string{"nightlyReportStateMachineArn", "nightlyReportScheduleArn", "nightlyReportAlertTopicArn", "nightlyReportDeadLetterQueueUrl"} {
				assert.NotEmpty(t, plan.Outputs[key], key)
			}
		})
	}
}

func TestStacks_devIsSmallAndItsScheduleIsOff(t *testing.T) {
	plan := synthStack(t, "dev")
	task, ok := plan.Find("aws:ecs/taskDefinition:TaskDefinition", "nightly-report-task")
	require.True(t, ok)
	assert.Equal(t, "256", task.String("cpu"))
	assert.Equal(t, "512", task.String("memory"))
	assert.Equal(t, "dev-nightly-report", task.String("family"))
	s, ok := plan.Find("aws:scheduler/schedule:Schedule", "nightly-report-schedule")
	require.True(t, ok)
	assert.Equal(t, "DISABLED", s.String("state"))
	for _, r := range plan.Resources {
		assert.Falsef(t, r.RetainOnDelete, "%s is retained in dev", r.Name)
	}
	assert.Empty(t, plan.ByType("aws:sns/topicSubscription:TopicSubscription"), "dev alerts go nowhere by email")
}

func TestStacks_prodAlertsAndRetainsStatefulChildren(t *testing.T) {
	plan := synthStack(t, "prod")
	s, ok := plan.Find("aws:scheduler/schedule:Schedule", "nightly-report-schedule")
	require.True(t, ok)
	assert.Equal(t, "ENABLED", s.String("state"))
	assert.Equal(t, "Europe/Berlin", s.String("scheduleExpressionTimezone"))
	subs := plan.ByType("aws:sns/topicSubscription:TopicSubscription")
	require.Len(t, subs, 1, "on-call subscribes once, to the stack's alert topic")
	assert.Equal(t, "alerts-email", subs[0].Name)
	assert.Equal(t, "email", subs[0].String("protocol"))
	assert.Equal(t, "data-platform-oncall@example.com", subs[0].String("endpoint"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:sns/topic:Topic", "alerts").Output("arn"), subs[0].String("topic"))
	for _, name := range []string{"nightly-report-dlq", "alerts", "alerts-key", "nightly-report-task-logs", "nightly-report-workflow-logs"} {
		found := false
		for _, r := range plan.Resources {
			if r.Name == name && r.Custom {
				found = true
				assert.Truef(t, r.RetainOnDelete, "%s is not retained in prod", name)
			}
		}
		assert.True(t, found, name)
	}
	for _, r := range plan.Resources {
		assert.Contains(t, r.URN, "urn:pulumi:prod::schedkit::")
	}
	task, _ := plan.Find("aws:ecs/taskDefinition:TaskDefinition", "nightly-report-task")
	assert.Equal(t, "1024", task.String("cpu"))
	assert.Contains(t, task.String("containerDefinitions"), `"awslogs-region":"eu-west-1"`)
}

func TestStacks_badConfigIsAClearError(t *testing.T) {
	cases := map[string]struct {
		set  map[string]string
		want string
	}{
		"unknown environment":   {map[string]string{"schedkit:env": "qa"}, `schedkit:env "qa" is not one of [dev staging prod]`},
		"prod without alerting": {map[string]string{"schedkit:env": "prod", "schedkit:alertEmail": ""}, "prod needs schedkit:alertEmail or schedkit:alertTopicArn"},
		"email and given topic": {map[string]string{"schedkit:alertTopicArn": "arn:aws:sns:eu-west-1:123456789012:platform-alerts"},
			`schedkit:alertEmail "data-platform-oncall@example.com" is set with schedkit:alertTopicArn`},
		"key without topic": {map[string]string{"schedkit:alertTopicKmsKeyArn": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
			"schedkit:alertTopicKmsKeyArn is set without schedkit:alertTopicArn"},
		"given key not a key": {map[string]string{"schedkit:alertEmail": "", "schedkit:alertTopicArn": "arn:aws:sns:eu-west-1:123456789012:platform-alerts", "schedkit:alertTopicKmsKeyArn": "alias/alerts"},
			"`AlertTopicKmsKeyArn` \"alias/alerts\""},
		"five-field cron":     {map[string]string{"schedkit:nightlyReportSchedule": "cron(0 2 * * *)"}, "`Schedule.Expression`"},
		"payments batch mode": {map[string]string{"schedkit:paymentsBatchMode": "STREAM"}, "lambdaarch \"payments\": `BatchMode` \"STREAM\" is not one of TASK, DYNAMIC_TABLE"},
		"payments lag negative": {map[string]string{"schedkit:paymentsBatchMinutes": "-5"},
			"lambdaarch \"payments\": `TargetLag` -5m0s is under 1m0s"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			opts, err := synth.LoadStack("..", "prod")
			require.NoError(t, err)
			for k, v := range tc.set {
				opts.Config[k] = v
			}
			_, err = synth.Run(stacks.Program, opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestStacks_clickstreamIsOneShardBeforeProdAndSunkToS3InProd(t *testing.T) {
	for env, want := range map[string]struct {
		hours  float64
		mode   string
		shards any
		sink   bool
	}{
		// One provisioned shard ($0.015/h) instead of an idle on-demand stream ($0.04/h).
		"dev":     {24, "PROVISIONED", float64(1), false},
		"staging": {24, "PROVISIONED", float64(1), false},
		"prod":    {168, "ON_DEMAND", nil, true},
	} {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			s, ok := plan.Find("aws:kinesis/stream:Stream", "clickstream-stream")
			require.True(t, ok)
			assert.Equal(t, want.hours, s.Inputs["retentionPeriod"])
			assert.Equal(t, want.mode, s.Get("streamModeDetails", "streamMode"))
			assert.Equal(t, want.shards, s.Inputs["shardCount"])
			assert.Equal(t, "KMS", s.String("encryptionType"))
			_, hasSink := plan.Find("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clickstream-sink")
			assert.Equal(t, want.sink, hasSink)
			assert.Equal(t, want.sink, s.RetainOnDelete, "prod keeps the stream")
		})
	}
}

func TestStacks_snowflakeRunsOnOneExplicitProviderWithItsPreviewFeatures(t *testing.T) {
	plan := synthStack(t, "staging")
	providers := plan.ByType("pulumi:providers:snowflake")
	require.Len(t, providers, 1)
	p := providers[0]
	assert.Equal(t, "ACME", p.String("organizationName"))
	assert.Equal(t, "ANALYTICS", p.String("accountName"))
	assert.Equal(t, "SCHEDKIT_DEPLOYER_STAGING", p.String("user"))
	assert.Equal(t, "SNOWFLAKE_JWT", p.String("authenticator"))
	_, hasKey := p.Inputs["privateKey"]
	assert.False(t, hasKey, "without a configured key the plugin reads SNOWFLAKE_PRIVATE_KEY")
	enabled := map[string]bool{}
	for _, f := range p.Inputs["previewFeaturesEnabled"].([]any) {
		enabled[f.(string)] = true
	}
	for _, r := range plan.Resources {
		if !strings.HasPrefix(r.Type, "snowflake:") || !r.Custom {
			continue
		}
		assert.Truef(t, strings.HasPrefix(r.Provider, p.URN+"::"), "%s %s is not on the explicit provider", r.Type, r.Name)
		if f, gated := snowflake.PreviewFeature[r.Type]; gated {
			assert.Truef(t, enabled[f], "%s %s needs preview feature %s", r.Type, r.Name, f)
		}
	}
}

func TestStacks_snowflakePrivateKeyIsAPulumiSecret(t *testing.T) {
	opts, err := synth.LoadStack("..", "prod")
	require.NoError(t, err)
	opts.Config["schedkit:snowflakePrivateKey"] = "-----BEGIN PRIVATE KEY-----\nSECRETKEYBODY\n-----END PRIVATE KEY-----"
	opts.SecretKeys = append(opts.SecretKeys, "schedkit:snowflakePrivateKey")
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	p := plan.ByType("pulumi:providers:snowflake")[0]
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"])
	b, err := plan.JSON()
	require.NoError(t, err)
	assert.NotContains(t, string(b), "SECRETKEYBODY")
}

func TestStacks_snowflakeNamesAndTaskStateFollowTheEnvironment(t *testing.T) {
	for env, started := range map[string]bool{"dev": false, "staging": true, "prod": true} {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			db, ok := plan.Find("snowflake:index/database:Database", "analytics")
			require.True(t, ok)
			assert.Equal(t, "ANALYTICS_"+strings.ToUpper(env), db.String("name"))
			tasks := plan.ByType("snowflake:index/task:Task")
			var names []string
			for _, task := range tasks {
				if !strings.HasPrefix(task.Name, "payments-") { // tested below
					names = append(names, task.Name)
				}
			}
			assert.Equal(t, []string{
				"churn-features-features-deadline",
				"churn-features-features-task-build_churn_features",
				"churn-features-features-task-unload_churn_features",
				"daily-aggregates-deadline",
				"daily-aggregates-task-build_daily_revenue",
				"daily-aggregates-task-check_daily_revenue",
				"order-exports-transform-task-merge_order_exports",
				"order-exports-watch-deadline",
				"order-exports-watch-task-check_order_exports_freshness",
				"order-exports-watch-task-keep_order_exports_stream",
				"orders-transform-task-clean_orders",
			}, names)
			for _, task := range tasks {
				assert.Equalf(t, started, task.Inputs["started"], "%s", task.Name)
				assert.Equal(t, "ANALYTICS_"+strings.ToUpper(env), task.String("database"))
			}
			root, ok := plan.Find("snowflake:index/task:Task", "orders-transform-task-clean_orders")
			require.True(t, ok)
			assert.Contains(t, root.String("when"), "SYSTEM$STREAM_HAS_DATA")
			daily, ok := plan.Find("snowflake:index/task:Task", "daily-aggregates-task-build_daily_revenue")
			require.True(t, ok)
			assert.Equal(t, "0 3 * * * UTC", daily.Get("schedule", "usingCron"))
			// Its deadline check runs as the nightly run's grace ends (two
			// one-hour task timeouts and 5 minutes), started with the graph.
			check, ok := plan.Find("snowflake:index/task:Task", "daily-aggregates-deadline")
			require.True(t, ok)
			assert.Equal(t, "5 5 * * * UTC", check.Get("schedule", "usingCron"))
			assert.Equal(t, daily.String("errorIntegration"), check.String("errorIntegration"))
			// The hybrid watch graph, itself a monitor that suspends after a
			// day of stale alerts, has its check too: hourly at minute 5 (the
			// keep-alive's and the freshness task's timeouts and 5 minutes
			// after minute 0), alerting where the watch does.
			watch, ok := plan.Find("snowflake:index/task:Task", "order-exports-watch-deadline")
			require.True(t, ok)
			keepalive, ok := plan.Find("snowflake:index/task:Task", "order-exports-watch-task-keep_order_exports_stream")
			require.True(t, ok)
			assert.Equal(t, "KEEP_ORDER_EXPORTS_STREAM_DEADLINE", watch.String("name"))
			assert.Equal(t, "0 * * * * UTC", keepalive.Get("schedule", "usingCron"))
			assert.Equal(t, "5 * * * * UTC", watch.Get("schedule", "usingCron"))
			assert.Equal(t, keepalive.String("errorIntegration"), watch.String("errorIntegration"))
			for _, r := range plan.ByType("aws:iam/role:Role") {
				if n := r.String("name"); n != "" {
					assert.Containsf(t, n, "schedkit-"+env+"-", "fixed role names carry the environment so stacks can share an account")
				}
			}
		})
	}
}

func TestStacks_batchAndMLFollowTheEnvironment(t *testing.T) {
	cases := map[string]struct {
		schedule, approval string
		concurrency        float64
	}{
		"dev":     {"DISABLED", "Approved", 5},
		"staging": {"ENABLED", "PendingManualApproval", 5},
		"prod":    {"ENABLED", "PendingManualApproval", 100},
	}
	for env, want := range cases {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			for _, name := range []string{"churn-training-schedule", "churn-scoring-schedule"} {
				s, ok := plan.Find("aws:scheduler/schedule:Schedule", name)
				require.True(t, ok, name)
				assert.Equal(t, want.schedule, s.String("state"), name)
			}
			_, hasBackfillSchedule := plan.Find("aws:scheduler/schedule:Schedule", "report-backfill-schedule")
			assert.False(t, hasBackfillSchedule, "the backfill runs only when started by hand")

			group, ok := plan.Find("aws:sagemaker/modelPackageGroup:ModelPackageGroup", "churn-training-registry")
			require.True(t, ok)
			assert.Equal(t, env+"-churn", group.String("modelPackageGroupName"))

			train, ok := plan.Find("aws:sfn/stateMachine:StateMachine", "churn-training-workflow")
			require.True(t, ok)
			assert.Contains(t, train.String("definition"), `"ModelApprovalStatus":"`+want.approval+`"`)

			backfill, ok := plan.Find("aws:sfn/stateMachine:StateMachine", "report-backfill-workflow")
			require.True(t, ok)
			def := backfill.String("definition")
			assert.Contains(t, def, `"Resource":"arn:aws:states:::s3:listObjectsV2"`)
			assert.Contains(t, def, `"Bucket":"acme-data-`+env+`"`)
			assert.Contains(t, def, fmt.Sprintf(`"MaxConcurrency":%d`, int(want.concurrency)))
			task, ok := plan.Find("aws:ecs/taskDefinition:TaskDefinition", "nightly-report-task")
			require.True(t, ok)
			assert.Contains(t, def, `"TaskDefinition":"`+task.Output("arn")+`"`, "the backfill reprocesses history with the nightly report's task")

			scoring, ok := plan.Find("aws:sfn/stateMachine:StateMachine", "churn-scoring-workflow")
			require.True(t, ok)
			assert.Contains(t, scoring.String("definition"), `"ModelPackageGroupName":"`+env+`-churn"`, "scoring follows the group training registers into")

			// Each scoring run's model pulls the image the packages name: the
			// training image's repository (InferenceImage defaults to Image).
			modelPolicy, ok := plan.Find("aws:iam/rolePolicy:RolePolicy", "churn-scoring-model-policy")
			require.True(t, ok)
			doc, err := iampolicy.Parse(modelPolicy.String("policy"))
			require.NoError(t, err)
			pull, ok := doc.FindSid("PullImage")
			require.True(t, ok, "the scoring model's role may pull its image")
			assert.Equal(t, []string{"arn:aws:ecr:eu-west-1:123456789012:repository/churn-training"}, pull.Resource)
			auth, ok := doc.FindSid("AuthenticateToECR")
			require.True(t, ok)
			assert.Equal(t, []string{"ecr:GetAuthorizationToken"}, auth.Action)

			// The loop closes: a decision on a package is announced, and an
			// approval starts scoring at once.
			for _, want := range []struct{ rule, statuses, export string }{
				{"churn-training-approvals", `["Approved","Rejected"]`, "churnApprovalNoticesRuleArn"},
				{"churn-scoring-approval-rule", `["Approved"]`, "churnScoringApprovalRuleArn"},
			} {
				r, ok := plan.Find("aws:cloudwatch/eventRule:EventRule", want.rule)
				require.True(t, ok, want.rule)
				assert.Contains(t, r.String("eventPattern"), `"ModelApprovalStatus":`+want.statuses, want.rule)
				assert.Contains(t, r.String("eventPattern"), `"ModelPackageGroupName":["`+env+`-churn"]`, want.rule)
				assert.Equal(t, r.Output("arn"), plan.Outputs[want.export], want.export)
			}
			notices, ok := plan.Find("aws:cloudwatch/eventTarget:EventTarget", "churn-training-approvals-target")
			require.True(t, ok)
			topic, ok := plan.Find("aws:sns/topic:Topic", "alerts")
			require.True(t, ok)
			assert.Equal(t, topic.Output("arn"), notices.String("arn"), "approval notices go to the stack's alert topic")
			start, ok := plan.Find("aws:cloudwatch/eventTarget:EventTarget", "churn-scoring-approval-target")
			require.True(t, ok)
			assert.Equal(t, scoring.Output("arn"), start.String("arn"))
		})
	}
}

func TestStacks_backfillDoesNotSkipTheNightlyReport(t *testing.T) {
	// The backfill runs the nightly report's task family on its cluster; the
	// report's guard counts only its own workflow's executions.
	plan := synthStack(t, "prod")
	report, ok := plan.Find("aws:sfn/stateMachine:StateMachine", "nightly-report-workflow")
	require.True(t, ok)
	def := report.String("definition")
	assert.Contains(t, def, `"Resource":"arn:aws:states:::aws-sdk:sfn:listExecutions"`)
	assert.NotContains(t, def, "listTasks")

	self, ok := plan.Find("aws:iam/rolePolicy:RolePolicy", "nightly-report-workflow-self-policy")
	require.True(t, ok)
	doc, err := iampolicy.Parse(self.String("policy"))
	require.NoError(t, err)
	list, ok := doc.FindSid("ListThisWorkflowsRuns")
	require.True(t, ok)
	assert.Equal(t, []string{report.Output("arn")}, list.Resource, "the report's own executions, not the backfill's")

	_, alarm := plan.Find("aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-report-skipped-runs")
	assert.True(t, alarm, "skipped nightly runs alarm")
}

func TestStacks_awsAndSnowflakeHandOffInEveryEnvironment(t *testing.T) {
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			db := "ANALYTICS_" + strings.ToUpper(env)

			// Hybrid: the export job lands under the prefix the pipe reads, in its format.
			producer := synthtest.Policy(t, plan, "order-exports-producer-task-policy")
			bucket := synthtest.Find(t, plan, "aws:s3/bucket:Bucket", "order-exports-ingest-bucket")
			assert.Equal(t, []string{bucket.Output("arn") + "/order-exports/*"}, synthtest.Statement(t, producer, "WriteLandingPrefix").Resource)
			check := synthtest.Find(t, plan, "snowflake:index/task:Task", "order-exports-watch-task-check_order_exports_freshness")
			assert.Contains(t, check.String("sqlStatement"), "FROM "+db+".MARTS.EXPORTED_ORDERS;")

			// Training data: Snowflake unloads to the data bucket, the marker starts training.
			integ := synthtest.Find(t, plan, "snowflake:index/storageIntegrationAws:StorageIntegrationAws", "churn-features-storage-integration")
			assert.Equal(t, []any{"s3://acme-data-" + env + "/training-data/churn-features/"}, integ.Inputs["storageAllowedLocations"])
			_, notifications := plan.Find("aws:s3/bucketNotification:BucketNotification", "churn-features-training-s3-notifications")
			assert.True(t, notifications, "the data bucket sends its events to EventBridge")
			unload := synthtest.Find(t, plan, "snowflake:index/task:Task", "churn-features-features-task-unload_churn_features")
			assert.Contains(t, unload.String("sqlStatement"), "'@"+db+".MARTS.CHURN_FEATURES_SNAPSHOTS/run-'")
			assert.Contains(t, unload.Dependencies, synthtest.Find(t, plan, "snowflake:index/schema:Schema", "marts").URN)
		})
	}
}

func TestStacks_paymentsLambdaArchitectureFollowsTheEnvironment(t *testing.T) {
	cases := map[string]struct {
		shards  any // nil: on-demand
		dynamic bool
		started bool
	}{
		"dev":     {shards: 1.0},
		"staging": {shards: 1.0, started: true},
		"prod":    {dynamic: true, started: true},
	}
	for env, want := range cases {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			db := "ANALYTICS_" + strings.ToUpper(env)
			fqn := func(name string) string { return `"` + db + `"."PAYMENTS"."` + name + `"` }
			find := func(typ, name string) synth.Resource {
				r, ok := plan.Find(typ, name)
				require.True(t, ok, "%s %s", typ, name)
				return r
			}

			s := find("aws:kinesis/stream:Stream", "payments-events-stream")
			assert.Equal(t, want.shards, s.Inputs["shardCount"], "dev and staging provision one shard, prod is on-demand")
			assert.Equal(t, env == "prod", s.RetainOnDelete)

			speed := find("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "payments-events-speed-sink")
			assert.Equal(t, "https://acme-analytics.snowflakecomputing.com", speed.Get("snowflakeConfiguration", "accountUrl"))
			assert.Equal(t, []any{db, "PAYMENTS", "PAYMENTS_SPEED"}, []any{speed.Get("snowflakeConfiguration", "database"),
				speed.Get("snowflakeConfiguration", "schema"), speed.Get("snowflakeConfiguration", "table")})
			secret := "arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-" + env + "-AbCdEf"
			assert.Equal(t, secret, speed.Get("snowflakeConfiguration", "secretsManagerConfiguration", "secretArn"))
			policyDoc, err := iampolicy.Parse(find("aws:iam/rolePolicy:RolePolicy", "payments-events-speed-sink-policy").String("policy"))
			require.NoError(t, err)
			read, ok := policyDoc.FindSid("ReadSnowflakeKey")
			require.True(t, ok)
			assert.Equal(t, []string{secret}, read.Resource, "the speed sink reads only its environment's key")

			archive := find("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "payments-events-archive-sink")
			assert.Equal(t, "extended_s3", archive.String("destination"))
			assert.Equal(t, "events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", archive.Get("extendedS3Configuration", "prefix"))

			view := find("snowflake:index/view:View", "payments-view")
			assert.Contains(t, view.String("statement"), "FROM "+fqn("PAYMENTS_BATCH")+" WHERE EVENT_TIME <= (SELECT MAX(EVENT_TIME) FROM "+fqn("PAYMENTS_BATCH")+")")
			assert.Contains(t, view.String("statement"), "FROM "+fqn("PAYMENTS_SPEED")+" WHERE EVENT_TIME > ")
			schema := find("snowflake:index/schema:Schema", "payments")
			assert.Contains(t, find("snowflake:index/table:Table", "payments-speed-table").Dependencies, schema.URN)

			cleanup := find("snowflake:index/task:Task", "payments-tasks-task-payments_cleanup")
			assert.Equal(t, want.started, cleanup.Inputs["started"])
			assert.Equal(t, "DELETE FROM "+fqn("PAYMENTS_SPEED")+" WHERE EVENT_TIME < DATEADD(MINUTE, -1440, (SELECT MAX(EVENT_TIME) FROM "+fqn("PAYMENTS_BATCH")+"))",
				cleanup.String("sqlStatement"))
			_, hasRecompute := plan.Find("snowflake:index/task:Task", "payments-tasks-task-payments_recompute")
			dt, hasDynamic := plan.Find("snowflake:index/dynamicTable:DynamicTable", "payments-batch-table")
			assert.Equal(t, !want.dynamic, hasRecompute)
			assert.Equal(t, want.dynamic, hasDynamic)
			if want.dynamic {
				assert.Equal(t, "TRANSFORM_PROD", dt.String("warehouse"), "prod's batch layer refreshes on the cost-guarded warehouse")
				assert.Equal(t, map[string]any{"maximumDuration": "60 minutes"}, dt.Inputs["targetLag"])
				assert.Equal(t, map[string]any{"minutes": 60.0}, cleanup.Inputs["schedule"])
				assert.Contains(t, plan.ByType("pulumi:providers:snowflake")[0].Inputs["previewFeaturesEnabled"], "snowflake_dynamic_table_resource")
			} else {
				root := find("snowflake:index/task:Task", "payments-tasks-task-payments_recompute")
				assert.Equal(t, map[string]any{"minutes": 60.0}, root.Inputs["schedule"])
				assert.Contains(t, root.String("sqlStatement"), "QUALIFY ROW_NUMBER() OVER (PARTITION BY PAYMENT_ID ORDER BY EVENT_TIME DESC) = 1")
			}
			assert.Equal(t, fqn("PAYMENTS"), plan.Outputs["paymentsView"])
		})
	}
}

func TestStacks_prodKeepsAndProtectsEveryStatefulResource(t *testing.T) {
	plan := synthStack(t, "prod")
	stateful := synthtest.Kept(t, plan)
	// The Snowflake objects the stack itself creates are kept and protected
	// too, beside every component's stateful children.
	assert.Subset(t, stateful, []string{
		"snowflake:index/database:Database analytics",
		"snowflake:index/schema:Schema raw",
		"snowflake:index/schema:Schema marts",
		"snowflake:index/schema:Schema payments",
		"snowflake:index/table:Table orders-clean",
		"snowflake:index/table:Table daily-revenue",
		"snowflake:index/table:Table exported-orders",
		"snowflake:index/table:Table churn-features",
		"aws:s3/bucket:Bucket raw-orders-bucket",
		"aws:kinesis/stream:Stream payments-events-stream",
		"aws:sagemaker/modelPackageGroup:ModelPackageGroup churn-training-registry",
	})
}

func TestStacks_devAndStagingProtectNothing(t *testing.T) {
	dev := synthStack(t, "dev")
	assert.Contains(t, synthtest.NotKept(t, dev), "snowflake:index/database:Database analytics", "dev keeps nothing, not even its database")
	for _, r := range synthStack(t, "staging").Resources {
		assert.Falsef(t, r.Protect, "%s %s is protected in staging", r.Type, r.Name)
	}
}

func TestStacks_prodWithoutProtectionFailsThePolicyNamingWhatIsUnprotected(t *testing.T) {
	opts, err := synth.LoadStack("..", "prod")
	require.NoError(t, err)
	opts.Config["schedkit:protectStatefulResources"] = "false"
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	var got []string
	for _, v := range policy.Evaluate(plan, policy.All()) {
		assert.Equal(t, "prod-stateful-kept", v.Rule, v.String())
		got = append(got, v.Message)
	}
	assert.Contains(t, got, `snowflake:index/database:Database "analytics" is not protect (deleting or replacing it loses every schema, table and stage in it)`)
	assert.Len(t, got, len(synthtest.StatefulIn(plan)), "one violation per stateful resource, retained but not protected")
}

// TestStacks_everyComponentLocksItsDeletesLast: every schedkit component in
// every stack, nested ones included, has its delete lock (keep.Policy.Lock)
// as a child named "<name>-delete-lock", depending on every custom resource
// under the component, so the engine must delete the lock before any of
// them; in prod it is protected wherever the component holds data, and
// wherever the component has a Protect to set (all but the Warehouse and
// the Dashboard, which hold nothing). All thirteen public components are
// in the stacks.
func TestStacks_everyComponentLocksItsDeletesLast(t *testing.T) {
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			p := synthStack(t, env)
			byURN := map[string]plan.Resource{}
			for _, r := range p.Resources {
				byURN[r.URN] = r
			}
			under := func(urn, ancestor string) bool {
				for r, ok := byURN[urn]; ok; r, ok = byURN[r.Parent] {
					if r.Parent == ancestor {
						return true
					}
				}
				return false
			}
			kinds := map[string]bool{}
			for _, c := range p.Resources {
				if c.Custom || c.Type == plan.LockType || !strings.HasPrefix(c.Type, "schedkit:") {
					continue
				}
				kinds[c.Type] = true
				var locks []plan.Resource
				var customs []string
				holdsData := false
				for _, r := range p.Resources {
					if r.Parent == c.URN && r.Type == plan.LockType {
						locks = append(locks, r)
					}
					if r.Custom && under(r.URN, c.URN) {
						customs = append(customs, r.URN)
						if _, ok := plan.Stateful(r.Type); ok {
							holdsData = true
						}
					}
				}
				require.Len(t, locks, 1, "%s %s: one delete lock", c.Type, c.Name)
				lock := locks[0]
				assert.Equal(t, c.Name+"-delete-lock", lock.Name)
				assert.ElementsMatch(t, customs, lock.Dependencies, "%s %s: the lock depends on every custom resource under it", c.Type, c.Name)
				dataless := c.Type == "schedkit:snowflake:Warehouse" || c.Type == "schedkit:aws:Dashboard"
				assert.False(t, holdsData && dataless, "%s %s holds data", c.Type, c.Name)
				assert.Equal(t, env == "prod" && !dataless, lock.Protect, "%s %s: lock protected", c.Type, c.Name)
				assert.False(t, lock.Custom)
			}
			assert.Len(t, kinds, 13, "every public component: %v", kinds)
		})
	}
}
