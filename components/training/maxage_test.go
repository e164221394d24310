package training

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// New-data training has no calendar: it gets a maximum age since the last
// success, when the caller sets one, and none by default.
func TestTrainingPipeline_newDataMaxAgeIsOffByDefault(t *testing.T) {
	plan := run(t, newDataArgs())
	assert.Empty(t, plan.ByType("aws:scheduler/schedule:Schedule"), "no schedule, no deadline, no maximum-age check")
	_, found := plan.Find("aws:sfn/stateMachine:StateMachine", "churn-max-age")
	assert.False(t, found)
}

func TestTrainingPipeline_newDataMaxAgeChecksTheLastSuccess(t *testing.T) {
	args := newDataArgs()
	args.NewData.MaxAge = 26 * time.Hour
	plan := run(t, args)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
	for _, child := range []string{
		"aws:sfn/stateMachine:StateMachine churn-max-age", "aws:scheduler/schedule:Schedule churn-max-age-check",
		"aws:iam/role:Role churn-max-age-role", "aws:iam/role:Role churn-age-start-role",
		"aws:iam/rolePolicy:RolePolicy churn-max-age-policy", "aws:iam/rolePolicy:RolePolicy churn-age-start-policy",
		"aws:cloudwatch/logGroup:LogGroup churn-max-age-logs", "aws:cloudwatch/metricAlarm:MetricAlarm churn-max-age-failed",
	} {
		assert.Contains(t, synthtest.ChildrenOf(t, plan, Type, "churn"), child)
	}
	sched := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "churn-max-age-check")
	assert.Equal(t, "rate(1 hour)", sched.String("scheduleExpression"), "a quarter of the age, at most hourly")
	assert.Equal(t, "ENABLED", sched.String("state"))
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "churn-max-age")
	assert.Equal(t, machine.Output("arn"), sched.Get("target", "arn"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:sqs/queue:Queue", "churn-s3-dlq").Output("arn"), sched.Get("target", "deadLetterConfig", "arn"))

	var def map[string]any
	require.NoError(t, json.Unmarshal([]byte(machine.String("definition")), &def))
	assert.Equal(t, "ReadLastSuccess", def["StartAt"], "no grace to wait: the age is the rule")
	late := def["States"].(map[string]any)["Late"].(map[string]any)
	assert.Equal(t, "{% $toMillis($states.input.lastDue) <= $toMillis($states.input.due) - 93600000 %}", late["Choices"].([]any)[0].(map[string]any)["Condition"])

	start := synthtest.Policy(t, plan, "churn-age-start-policy")
	assert.Equal(t, []string{"StartThisWorkflow", "DeadLetterFailedStarts"}, synthtest.Sids(start))
	assert.Equal(t, []string{machine.Output("arn")}, synthtest.Statement(t, start, "StartThisWorkflow").Resource)
	read := synthtest.Statement(t, synthtest.Policy(t, plan, "churn-max-age-policy"), "ReadLastSuccess")
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:ssm/parameter:Parameter", "churn-last-success").Output("arn")}, read.Resource)
}

func TestTrainingPipeline_rejectsABadMaxAge(t *testing.T) {
	for age, want := range map[time.Duration]string{
		10 * time.Minute:           "`NewData.MaxAge` 10m0s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)",
		time.Hour + 30*time.Second: "`NewData.MaxAge` 1h0m30s is outside 15m0s–8736h0m0s in whole minutes",
		365 * 24 * time.Hour:       "`NewData.MaxAge` 8760h0m0s is outside",
	} {
		args := newDataArgs()
		args.NewData.MaxAge = age
		err := synthtest.Reject(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
		assert.ErrorContains(t, err, want)
	}
}
