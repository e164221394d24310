package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

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

	bucket := synthtest.Find(t, plan, "aws:s3/bucketV2:BucketV2", "orders-ingest-bucket")
	assert.Equal(t, "s3://"+bucket.Output("bucket")+"/orders/", plan.Outputs["landing"])
	assert.Equal(t, []string{
		"aws:kms/key:Key orders-alerts-key",
		"aws:sns/topic:Topic orders-alerts",
		"aws:sns/topicPolicy:TopicPolicy orders-alerts-policy",
		"aws:sns/topicSubscription:TopicSubscription orders-alerts-email",
		"schedkit:aws:CronJob orders-producer",
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
