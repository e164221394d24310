package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func options() synth.Options {
	return synth.Options{
		Project: "trainingdata-example", Stack: "dev",
		Config: map[string]string{
			"aws:region":                            "eu-west-1",
			"trainingdata-example:organizationName": "ACME",
			"trainingdata-example:accountName":      "ANALYTICS",
			"trainingdata-example:user":             "DEPLOYER",
			"trainingdata-example:privateKey":       "-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----",
			"trainingdata-example:dataBucket":       "acme-ml-data",
			"trainingdata-example:alertEmail":       "ml-oncall@example.com",
		},
		SecretKeys: []string{"trainingdata-example:privateKey"},
	}
}

func TestExample_synthesizesTheTrainingDataLoopWithoutViolations(t *testing.T) {
	plan := synthtest.Run(t, program, options())
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	assert.Equal(t, "s3://acme-ml-data/training-data/churn/", plan.Outputs["snapshots"])
	p := plan.ByType(snowflake.ProviderType)[0]
	assert.ElementsMatch(t, snowflake.PreviewFeaturesFor(trainingdata.Tokens()...), p.Inputs["previewFeaturesEnabled"])

	children := synthtest.ChildrenOf(t, plan, trainingdata.Type, "churn")
	assert.Contains(t, children, "schedkit:aws:TrainingPipeline churn-training")
	assert.Contains(t, children, "schedkit:snowflake:TaskGraph churn-features")
	unload := synthtest.Find(t, plan, snowflake.TaskType, "churn-features-task-unload_churn")
	assert.Contains(t, unload.String("sqlStatement"), "SELECT CHURNED, * EXCLUDE (CHURNED) FROM (SELECT CHURNED, ORDERS, REVENUE FROM ML.FEATURES.CHURN)")
	assert.Contains(t, unload.Dependencies, synthtest.Find(t, plan, snowflake.SchemaType, "features").URN)
	_, on := plan.Find("aws:s3/bucketNotification:BucketNotification", "churn-training-s3-notifications")
	assert.True(t, on, "the marker's event reaches EventBridge")
	assert.Equal(t, plan.Outputs["alertTopicArn"], synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "churn-features-errors-integration").String("awsSnsTopicArn"))
}

func TestExample_devStackSynthesizesFromItsStackFile(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	assert.Equal(t, []string{"trainingdata-example:privateKey"}, opts.SecretKeys)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	p := synthtest.Find(t, plan, snowflake.ProviderType, "snowflake")
	assert.Equal(t, "ACME", p.String("organizationName"))
	assert.Equal(t, "ANALYTICS", p.String("accountName"))
	assert.Equal(t, "SCHEDKIT_DEPLOYER_DEV", p.String("user"))
	assert.Equal(t, synth.Secret, p.Inputs["privateKey"], "the key is a secret, never plain text")
	assert.Equal(t, "s3://acme-ml-data-dev/training-data/churn/", plan.Outputs["snapshots"], "the dev stack's bucket")
	assert.Contains(t, plan.Outputs["trainingStateMachineArn"], "arn:aws:states:eu-west-1:123456789012:stateMachine:churn-training-workflow-",
		"in the region of the XGBoost image")
}
