package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

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
