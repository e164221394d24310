package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/cronjob"
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

// devStack is the dev stack as `pulumi up --stack dev` would run it: the
// values in Pulumi.dev.yaml over the defaults in Pulumi.yaml.
func devStack(t *testing.T) synth.Options {
	t.Helper()
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	return opts
}

func TestExample_devStackRunsTheTaskInItsSubnets(t *testing.T) {
	plan := synthtest.Run(t, program, devStack(t))
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-export-workflow")
	var def struct {
		States map[string]struct{ Parameters map[string]any }
	}
	require.NoError(t, json.Unmarshal([]byte(sm.String("definition")), &def))
	assert.Equal(t, map[string]any{"AwsvpcConfiguration": map[string]any{
		"Subnets":        []any{"subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"},
		"SecurityGroups": []any{"sg-0a1b2c3d4e5f60718"},
		"AssignPublicIp": "DISABLED",
	}}, def.States[cronjob.StateRunTask].Parameters["NetworkConfiguration"])
	assert.Contains(t, plan.Outputs["stateMachineArn"], "arn:aws:states:us-east-1:123456789012:stateMachine:nightly-export-workflow-",
		"in the region of the image and the secret the program names")
}
