package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/warehouse"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const testKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"

func options(extra map[string]string) synth.Options {
	cfg := map[string]string{
		"aws:region":                           "eu-west-1",
		"snowflake-example:organizationName":   "ACME",
		"snowflake-example:accountName":        "ANALYTICS",
		"snowflake-example:user":               "DEPLOYER",
		"snowflake-example:privateKey":         testKey,
		"snowflake-example:monthlyCreditQuota": "40",
	}
	for k, v := range extra {
		cfg[k] = v
	}
	return synth.Options{
		Project:    "snowflake-example",
		Stack:      "dev",
		Config:     cfg,
		SecretKeys: []string{"snowflake-example:privateKey"},
	}
}

func synthesize(t *testing.T, extra map[string]string) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, program, options(extra))
}

func TestExample_providerFromConfigWithSecretKey(t *testing.T) {
	plan := synthesize(t, nil)
	providers := plan.ByType(snowflake.ProviderType)
	require.Len(t, providers, 1)
	p := providers[0]
	assert.Equal(t, "snowflake", p.Name)
	assert.Equal(t, "ACME", p.String("organizationName"))
	assert.Equal(t, "ANALYTICS", p.String("accountName"))
	assert.Equal(t, "DEPLOYER", p.String("user"))
	assert.Equal(t, "ACCOUNTADMIN", p.String("role"))
	assert.Equal(t, "SNOWFLAKE_JWT", p.String("authenticator"))
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"], "the private key stays a secret")
	assert.NotContains(t, string(mustJSON(t, plan)), "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "the key appears nowhere in the plan")
	assert.Equal(t, []any{
		"snowflake_file_format_resource",
		"snowflake_notification_integration_resource",
		"snowflake_pipe_resource",
		"snowflake_stage_external_s3_resource",
		"snowflake_storage_integration_aws_resource",
		"snowflake_table_resource",
	}, p.Inputs["previewFeaturesEnabled"])
}

func TestExample_everySnowflakeResourceUsesTheExplicitProvider(t *testing.T) {
	plan := synthesize(t, nil)
	provider := plan.ByType(snowflake.ProviderType)[0]
	n := 0
	for _, r := range plan.Resources {
		if r.Custom && strings.HasPrefix(r.Type, "snowflake:") {
			n++
			assert.Truef(t, strings.HasPrefix(r.Provider, provider.URN+"::"), "%s %s uses provider %q", r.Type, r.Name, r.Provider)
		}
		if strings.HasPrefix(r.Type, "aws:") {
			assert.Emptyf(t, r.Provider, "%s %s must use the default AWS provider", r.Type, r.Name)
		}
	}
	assert.Greater(t, n, 10)
}

func TestExample_previewFeaturesCoverEveryResource(t *testing.T) {
	plan := synthesize(t, nil)
	enabled := map[string]bool{}
	for _, f := range plan.ByType(snowflake.ProviderType)[0].Inputs["previewFeaturesEnabled"].([]any) {
		enabled[f.(string)] = true
	}
	for _, r := range plan.Resources {
		if f, gated := snowflake.PreviewFeature[r.Type]; gated {
			assert.True(t, enabled[f], "%s %s needs %s", r.Type, r.Name, f)
		}
	}
}

func TestExample_pipelineIsWired(t *testing.T) {
	plan := synthesize(t, map[string]string{"snowflake-example:startTasks": "true"})

	for _, c := range []struct{ typ, name string }{
		{snowpipe.Type, "events"}, {taskgraph.Type, "order-rollup"}, {warehouse.Type, "reporting"},
	} {
		synthtest.Find(t, plan, c.typ, c.name)
	}

	// One bucket notification, one queue entry per pipe.
	notes := plan.ByType("aws:s3/bucketNotification:BucketNotification")
	require.Len(t, notes, 1)
	queues := notes[0].Inputs["queues"].([]any)
	require.Len(t, queues, 2)
	orders := synthtest.Find(t, plan, snowflake.PipeType, "events-orders-pipe")
	assert.Equal(t, orders.Output("notificationChannel"), queues[0].(map[string]any)["queueArn"])

	// The ORDERS stream triggers the graph's root.
	stream := synthtest.Find(t, plan, snowflake.StreamOnTableType, "events-orders-stream")
	assert.Equal(t, `"SCHEDKIT_DEV"."EVENTS"."ORDERS_STREAM"`, stream.Output("fullyQualifiedName"))
	root := synthtest.Find(t, plan, snowflake.TaskType, "order-rollup-task-rollup_orders")
	assert.Equal(t, `SYSTEM$STREAM_HAS_DATA('"SCHEDKIT_DEV"."EVENTS"."ORDERS_STREAM"')`, root.String("when"))
	assert.Contains(t, root.String("sqlStatement"), `FROM "SCHEDKIT_DEV"."EVENTS"."ORDERS_STREAM"`)
	assert.Contains(t, root.Dependencies, stream.URN)
	totals := synthtest.Find(t, plan, snowflake.TableType, "order-totals")
	assert.Contains(t, root.Dependencies, totals.URN, "the root, whose SQL writes ORDER_TOTALS, waits for the table")
	assert.Equal(t, map[string]any{"minutes": float64(15)}, root.Inputs["targetCompletionInterval"])
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, true, tk.Inputs["started"], "startTasks config resumes %s", tk.Name)
	}

	// The warehouse's quota comes from config.
	mon := synthtest.Find(t, plan, snowflake.ResourceMonitorType, "reporting-monitor")
	assert.Equal(t, float64(40), mon.Inputs["creditQuota"])
	assert.Equal(t, "REPORTING_DEV", plan.Outputs["warehouse"])
	assert.Equal(t, `"SCHEDKIT_DEV"."EVENTS"."ORDERS_STREAM"`, plan.Outputs["ordersStream"])
}

func TestExample_tasksStaySuspendedByDefault(t *testing.T) {
	plan := synthesize(t, nil)
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, false, tk.Inputs["started"], tk.Name)
	}
}

func TestExample_noPolicyViolations(t *testing.T) {
	plan := synthesize(t, nil)
	rules := policy.All()
	assert.Empty(t, policy.Evaluate(plan, rules))
}

func mustJSON(t *testing.T, plan *synth.Plan) []byte {
	t.Helper()
	b, err := plan.JSON()
	require.NoError(t, err)
	return b
}

func TestExample_stackFilesMatchTheProgram(t *testing.T) {
	dir := t.TempDir()
	project, err := os.ReadFile("Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), project, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.ci.yaml"), []byte(`config:
  aws:region: eu-west-1
  snowflake-example:organizationName: ACME
  snowflake-example:accountName: ANALYTICS
  snowflake-example:user: DEPLOYER
  snowflake-example:privateKey:
    secure: AAABAKc2ZXhhbXBsZS1jaXBoZXJ0ZXh0
`), 0o600))

	opts, err := synth.LoadStack(dir, "ci")
	require.NoError(t, err)
	assert.Contains(t, opts.SecretKeys, "snowflake-example:privateKey")
	plan := synthtest.Run(t, program, opts)
	p := plan.ByType(snowflake.ProviderType)[0]
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"])
	assert.Equal(t, "ACCOUNTADMIN", p.String("role"), "the schema's default role")
	mon := synthtest.Find(t, plan, snowflake.ResourceMonitorType, "reporting-monitor")
	assert.Equal(t, float64(20), mon.Inputs["creditQuota"], "the schema's default quota")
	assert.Empty(t, plan.ByType("aws:sns/topicSubscription:TopicSubscription"), "no alert email by default")
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestExample_devStackSynthesizesFromItsStackFile(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	assert.Equal(t, []string{"snowflake-example:privateKey"}, opts.SecretKeys)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	p := synthtest.Find(t, plan, snowflake.ProviderType, "snowflake")
	assert.Equal(t, "ACME", p.String("organizationName"))
	assert.Equal(t, "ANALYTICS", p.String("accountName"))
	assert.Equal(t, "SCHEDKIT_DEPLOYER_DEV", p.String("user"))
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"], "the key is a secret, never plain text")
	mon := synthtest.Find(t, plan, snowflake.ResourceMonitorType, "reporting-monitor")
	assert.Equal(t, float64(10), mon.Inputs["creditQuota"], "dev's quota, not the schema's 20")
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, false, tk.Inputs["started"], "dev leaves %s suspended", tk.Name)
	}
}
