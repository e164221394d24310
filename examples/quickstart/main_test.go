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

// devStack is the dev stack as `pulumi up --stack dev` would run it: the
// values in Pulumi.dev.yaml over the defaults in Pulumi.yaml.
func devStack(t *testing.T) synth.Options {
	t.Helper()
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	return opts
}

func TestProgram_devStackSynthesizesWithoutPolicyViolations(t *testing.T) {
	plan := synthtest.Run(t, program, devStack(t))

	synthtest.Find(t, plan, cronjob.Type, "nightly-report")
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
	assert.Contains(t, plan.Outputs["stateMachineArn"], "arn:aws:states:eu-west-1:123456789012:stateMachine:nightly-report-workflow-")
}

func TestProgram_devScheduleIsOff(t *testing.T) {
	plan := synthtest.Run(t, program, devStack(t))

	s := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-report-schedule")
	assert.Equal(t, "cron(0 2 * * ? *)", s.String("scheduleExpression"))
	assert.Equal(t, "UTC", s.String("scheduleExpressionTimezone"))
	assert.Equal(t, "DISABLED", s.String("state"))
}

func TestProgram_databasePasswordComesFromSecretsManagerOnly(t *testing.T) {
	const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:report/database-AbCdEf"
	plan := synthtest.Run(t, program, devStack(t))

	task := synthtest.Find(t, plan, "aws:ecs/taskDefinition:TaskDefinition", "nightly-report-task")
	var containers []struct {
		Environment []map[string]string `json:"environment"`
		Secrets     []map[string]string `json:"secrets"`
	}
	require.NoError(t, json.Unmarshal([]byte(task.String("containerDefinitions")), &containers))
	require.Len(t, containers, 1)
	assert.Equal(t, []map[string]string{{"name": "DATABASE_PASSWORD", "valueFrom": secretArn}}, containers[0].Secrets)
	assert.Empty(t, containers[0].Environment)

	read := synthtest.Statement(t, synthtest.Policy(t, plan, "nightly-report-execution-policy"), "ReadNamedSecrets")
	assert.Equal(t, []string{"secretsmanager:GetSecretValue"}, []string(read.Action))
	assert.Equal(t, []string{secretArn}, []string(read.Resource))
}

func TestProgram_aFiveFieldCronIsRefusedBeforeAnythingIsRegistered(t *testing.T) {
	opts := devStack(t)
	opts.Config["quickstart:schedule"] = "cron(0 2 * * *)"

	err := synthtest.Reject(t, program, opts)
	assert.Contains(t, err.Error(), `cronjob "nightly-report": `+"`Schedule.Expression`")
}
