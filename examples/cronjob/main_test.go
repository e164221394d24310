package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestExample_synthesizesWithoutViolations(t *testing.T) {
	plan := synthtest.Run(t, program, synth.Options{
		Project: "cronjob-example", Stack: "dev",
		Config: map[string]string{
			"cronjob-example:subnetIds":        `["subnet-01010101","subnet-02020202"]`,
			"cronjob-example:securityGroupIds": `["sg-01010101"]`,
		},
	})
	synthtest.Find(t, plan, "schedkit:aws:CronJob", "nightly-export")
	s := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-export-schedule")
	assert.Equal(t, "cron(30 1 * * ? *)", s.String("scheduleExpression"))
	assert.Equal(t, "Europe/Berlin", s.String("scheduleExpressionTimezone"))
	assert.Contains(t, plan.Outputs["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:nightly-export-workflow-")
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}
