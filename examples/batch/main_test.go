package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestProgram_synthesizesWithoutViolations(t *testing.T) {
	plan := synthtest.Run(t, program, synth.Options{Project: "schedkit-batch-example", Stack: "dev"})
	for _, want := range [][2]string{
		{batch.Type, "events-backfill"},
		{"aws:sfn/stateMachine:StateMachine", "events-backfill-workflow"},
		{"aws:iam/rolePolicy:RolePolicy", "events-backfill-map-policy"},
		{"aws:scheduler/schedule:Schedule", "events-backfill-schedule"},
		{"aws:cloudwatch/eventRule:EventRule", "events-backfill-s3-rule"},
		{"aws:cloudwatch/eventTarget:EventTarget", "events-backfill-s3-target"},
		{"aws:sqs/queue:Queue", "events-backfill-s3-dlq"},
		{"aws:sns/topicSubscription:TopicSubscription", "events-backfill-alerts-email"},
	} {
		synthtest.Find(t, plan, want[0], want[1])
	}
	assert.Contains(t, plan.Outputs["stateMachineArn"], ":stateMachine:events-backfill-workflow-")
	rules := policy.All()
	assert.Empty(t, policy.Evaluate(plan, rules))
}

func TestProgram_devStackDeploysWhereItsExistingResourcesAre(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// A Step Functions ecs:runTask.sync or lambda:invoke targets the
	// workflow's own region: the stack must be where the cluster is.
	region := strings.Split(clusterArn, ":")[3]
	assert.Equal(t, region, opts.Config["aws:region"])
	for _, arn := range []string{taskDefArn, publishFnArn} {
		assert.Equal(t, region, strings.Split(arn, ":")[3], arn)
	}
	assert.Contains(t, plan.Outputs["stateMachineArn"], "arn:aws:states:"+region+":123456789012:stateMachine:events-backfill-workflow-")
}
