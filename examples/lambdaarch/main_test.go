package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	testKey       = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
	testSecretARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-AbCdEf"
	firehoseT     = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
)

func synthesize(t *testing.T, extra map[string]string) *synth.Plan {
	t.Helper()
	cfg := map[string]string{
		"aws:region":                              "eu-west-1",
		"lambdaarch-example:organizationName":     "ACME",
		"lambdaarch-example:accountName":          "ANALYTICS",
		"lambdaarch-example:user":                 "DEPLOYER",
		"lambdaarch-example:privateKey":           testKey,
		"lambdaarch-example:firehoseKeySecretArn": testSecretARN,
	}
	for k, v := range extra {
		cfg[k] = v
	}
	return synthtest.Run(t, program, synth.Options{
		Project: "lambdaarch-example", Stack: "dev", Config: cfg,
		SecretKeys: []string{"lambdaarch-example:privateKey"},
	})
}

func TestExample_composesTheThreeLayers(t *testing.T) {
	plan := synthesize(t, nil)
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
	}, synthtest.ChildrenOf(t, plan, lambdaarch.Type, "orders"))

	speed := synthtest.Find(t, plan, firehoseT, "orders-events-speed-sink")
	assert.Equal(t, "https://acme-analytics.snowflakecomputing.com", speed.Get("snowflakeConfiguration", "accountUrl"))
	assert.Equal(t, "ORDER_EVENTS_SPEED", speed.Get("snowflakeConfiguration", "table"))
	assert.Equal(t, testSecretARN, speed.Get("snowflakeConfiguration", "secretsManagerConfiguration", "secretArn"))
	archive := synthtest.Find(t, plan, firehoseT, "orders-events-archive-sink")
	assert.Equal(t, "events/"+stream.DatePartitions, archive.Get("extendedS3Configuration", "prefix"))

	view := synthtest.Find(t, plan, snowflake.ViewType, "orders-view")
	assert.Contains(t, view.String("statement"), `FROM "SCHEDKIT_DEV"."ORDERS"."ORDER_EVENTS_BATCH" WHERE EVENT_TIME <= `)
	assert.Contains(t, view.String("statement"), `FROM "SCHEDKIT_DEV"."ORDERS"."ORDER_EVENTS_SPEED" WHERE EVENT_TIME > `)
	root := synthtest.Find(t, plan, snowflake.TaskType, "orders-tasks-task-order_events_recompute")
	assert.Contains(t, root.String("sqlStatement"), "QUALIFY ROW_NUMBER() OVER (PARTITION BY ORDER_ID ORDER BY EVENT_TIME DESC) = 1")
	assert.Equal(t, false, root.Inputs["started"], "tasks stay suspended unless startTasks")

	schema := synthtest.Find(t, plan, snowflake.SchemaType, "orders")
	assert.Contains(t, synthtest.Find(t, plan, snowflake.TableType, "orders-speed-table").Dependencies, schema.URN,
		"the tables wait for the schema the program creates")
	assert.Equal(t, `"SCHEDKIT_DEV"."ORDERS"."ORDER_EVENTS"`, plan.Outputs["view"])
}

func TestExample_dynamicTableFromConfig(t *testing.T) {
	plan := synthesize(t, map[string]string{
		"lambdaarch-example:batchMode": "DYNAMIC_TABLE",
		"lambdaarch-example:warehouse": "TRANSFORM",
	})
	dt := synthtest.Find(t, plan, snowflake.DynamicTableType, "orders-batch-table")
	assert.Equal(t, "TRANSFORM", dt.String("warehouse"))
	require.Len(t, plan.ByType(snowflake.TaskType), 2, "only the cleanup and its deadline check")
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestExample_providerEnablesEveryPreviewFeatureAndKeepsTheKeySecret(t *testing.T) {
	plan := synthesize(t, nil)
	providers := plan.ByType(snowflake.ProviderType)
	require.Len(t, providers, 1)
	p := providers[0]
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"])
	b, err := plan.JSON()
	require.NoError(t, err)
	assert.NotContains(t, string(b), "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
	enabled := map[string]bool{}
	for _, f := range p.Inputs["previewFeaturesEnabled"].([]any) {
		enabled[f.(string)] = true
	}
	for _, r := range plan.Resources {
		if f, gated := snowflake.PreviewFeature[r.Type]; gated {
			assert.True(t, enabled[f], "%s %s needs %s", r.Type, r.Name, f)
		}
		if r.Custom && strings.HasPrefix(r.Type, "snowflake:") {
			assert.True(t, strings.HasPrefix(r.Provider, p.URN+"::"), "%s %s is on the explicit provider", r.Type, r.Name)
		}
	}
}

func TestExample_noPolicyViolationsAndOneAlertTopic(t *testing.T) {
	plan := synthesize(t, map[string]string{"lambdaarch-example:alertEmail": "oncall@example.com"})
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
	subs := plan.ByType("aws:sns/topicSubscription:TopicSubscription")
	require.Len(t, subs, 1, "one topic receives the stream's alarms, the load errors and the task errors")
	assert.Equal(t, "orders-alerts-email", subs[0].Name)
}

func TestExample_devStackSynthesizesFromItsStackFile(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	assert.Equal(t, []string{"lambdaarch-example:privateKey"}, opts.SecretKeys)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	p := synthtest.Find(t, plan, snowflake.ProviderType, "snowflake")
	assert.Equal(t, "SCHEDKIT_DEPLOYER_DEV", p.String("user"))
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"], "the key is a secret, never plain text")
	speed := synthtest.Find(t, plan, firehoseT, "orders-events-speed-sink")
	assert.Equal(t, "https://acme-analytics.snowflakecomputing.com", speed.Get("snowflakeConfiguration", "accountUrl"))
	assert.Equal(t, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-dev-AbCdEf",
		speed.Get("snowflakeConfiguration", "secretsManagerConfiguration", "secretArn"))
	assert.NotEmpty(t, plan.ByType(snowflake.TaskType), "the schema's default batch mode is TASK")
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, false, tk.Inputs["started"], "dev leaves %s suspended", tk.Name)
	}
	assert.Equal(t, `"SCHEDKIT_DEV"."ORDERS"."ORDER_EVENTS"`, plan.Outputs["view"])
}
