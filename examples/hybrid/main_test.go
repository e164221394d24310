package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func options() synth.Options {
	return synth.Options{
		Project: "hybrid-example", Stack: "dev",
		Config: map[string]string{
			"aws:region":                      "eu-west-1",
			"hybrid-example:organizationName": "ACME",
			"hybrid-example:accountName":      "ANALYTICS",
			"hybrid-example:user":             "DEPLOYER",
			"hybrid-example:privateKey":       "-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----",
			"hybrid-example:exportImage":      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-export:1.0",
			"hybrid-example:subnetIds":        `["subnet-0a0a0a0a"]`,
			"hybrid-example:securityGroupIds": `["sg-01010101"]`,
			"hybrid-example:alertEmail":       "data-oncall@example.com",
		},
		SecretKeys: []string{"hybrid-example:privateKey"},
	}
}

func TestExample_synthesizesTheHybridPipelineWithoutViolations(t *testing.T) {
	plan := synthtest.Run(t, program, options())
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	bucket := synthtest.Find(t, plan, "aws:s3/bucket:Bucket", "orders-ingest-bucket")
	assert.Equal(t, "s3://"+bucket.Output("bucket")+"/orders/", plan.Outputs["landing"])
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
	}, synthtest.ChildrenOf(t, plan, hybrid.Type, "orders"))
	pipe := synthtest.Find(t, plan, snowflake.PipeType, "orders-ingest-orders-pipe")
	assert.Contains(t, pipe.Dependencies, synthtest.Find(t, plan, snowflake.SchemaType, "sales").URN)
	for _, integ := range plan.ByType(snowflake.NotificationIntegrationType) {
		assert.Equal(t, plan.Outputs["alertTopicArn"], integ.String("awsSnsTopicArn"), "every Snowflake error goes to the one topic")
	}
}

// devStack is the dev stack as `pulumi up --stack dev` would run it: the
// values in Pulumi.dev.yaml over the defaults in Pulumi.yaml.
func devStack(t *testing.T) synth.Options {
	t.Helper()
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	return opts
}

func TestExample_devStackSynthesizesFromItsStackFile(t *testing.T) {
	opts := devStack(t)
	assert.Equal(t, []string{"hybrid-example:privateKey"}, opts.SecretKeys)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	p := synthtest.Find(t, plan, snowflake.ProviderType, "snowflake")
	assert.Equal(t, "SCHEDKIT_DEPLOYER_DEV", p.String("user"))
	assert.Equal(t, "ACCOUNTADMIN", p.String("role"), "the schema's default role")
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"], "the key is a secret, never plain text")

	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "orders-producer-workflow")
	var def struct {
		States map[string]struct{ Parameters map[string]any }
	}
	require.NoError(t, json.Unmarshal([]byte(sm.String("definition")), &def))
	assert.Equal(t, map[string]any{"AwsvpcConfiguration": map[string]any{
		"Subnets":        []any{"subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"},
		"SecurityGroups": []any{"sg-0a1b2c3d4e5f60718"},
		"AssignPublicIp": "DISABLED",
	}}, def.States[cronjob.StateRunTask].Parameters["NetworkConfiguration"])
	task := synthtest.Find(t, plan, "aws:ecs/taskDefinition:TaskDefinition", "orders-producer-task")
	assert.Contains(t, task.String("containerDefinitions"), `"image":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-export:1.0.0"`)
	assert.Contains(t, plan.Outputs["producerStateMachineArn"], "arn:aws:states:eu-west-1:123456789012:stateMachine:orders-producer-workflow-")
}
