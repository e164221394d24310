package cronjob

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// checkOf is the deadline check's definition as JSON values.
func checkOf(t *testing.T, plan *synth.Plan) map[string]any {
	t.Helper()
	var def map[string]any
	require.NoError(t, json.Unmarshal([]byte(synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-deadline").String("definition")), &def))
	return def
}

// The check fires on the job's own calendar: same expression, time zone,
// dates and state, no flexible window, through the job's dead-letter queue.
func TestCronJob_deadlineCheckRunsOnTheSchedulesCalendar(t *testing.T) {
	args := validArgs()
	args.Schedule.Expression = "cron(30 1 ? * MON-FRI *)"
	args.Schedule.Timezone = "Europe/Berlin"
	args.Schedule.StartDate = "2027-01-01T00:00:00Z"
	args.Schedule.FlexibleWindowMinutes = 15
	plan := mustSynth(t, args)
	job := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-schedule")
	check := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-deadline-check")
	for _, k := range []string{"scheduleExpression", "scheduleExpressionTimezone", "startDate", "state"} {
		assert.Equal(t, job.Inputs[k], check.Inputs[k], k)
	}
	assert.Equal(t, "cron(30 1 ? * MON-FRI *)", check.String("scheduleExpression"))
	assert.Equal(t, "ENABLED", check.String("state"))
	assert.Equal(t, "OFF", check.Get("flexibleTimeWindow", "mode"), "the check fires at the due time itself")
	assert.Equal(t, synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-deadline").Output("arn"), check.Get("target", "arn"))
	assert.Equal(t, job.Get("target", "roleArn"), check.Get("target", "roleArn"))
	assert.Equal(t, job.Get("target", "deadLetterConfig", "arn"), check.Get("target", "deadLetterConfig", "arn"))
	assert.JSONEq(t, `{"component":"cronjob","name":"nightly","due":"<aws.scheduler.scheduled-time>"}`, check.Get("target", "input").(string))

	def := checkOf(t, plan)
	wait := def["States"].(map[string]any)["WaitGrace"].(map[string]any)
	assert.Equal(t, (time.Hour + WorkflowSlack + 15*time.Minute + 5*time.Minute).Seconds(), wait["Seconds"],
		"the default grace: the workflow's limit (MaxRuntime + WorkflowSlack), the window and 5 minutes")
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestCronJob_deadlineGraceIsConfigurable(t *testing.T) {
	args := validArgs()
	args.Schedule.DeadlineGrace = 3 * time.Hour
	def := checkOf(t, mustSynth(t, args))
	wait := def["States"].(map[string]any)["WaitGrace"].(map[string]any)
	assert.Equal(t, float64(3*3600), wait["Seconds"])
	assert.Equal(t, float64(3*3600+15*60), def["TimeoutSeconds"])
}

// A disabled schedule disables its check: it raises nothing.
func TestCronJob_disabledScheduleDisablesItsDeadline(t *testing.T) {
	args := validArgs()
	off := false
	args.Schedule.Enabled = &off
	plan := mustSynth(t, args)
	assert.Equal(t, "DISABLED", synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-schedule").String("state"))
	assert.Equal(t, "DISABLED", synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-deadline-check").String("state"))
}

// Least privilege: the workflow writes only its record, the check reads
// only it and publishes only to the topic, the scheduler starts only the
// two workflows.
func TestCronJob_deadlineIAMStatementByStatement(t *testing.T) {
	plan := mustSynth(t, validArgs())
	param := synthtest.Find(t, plan, "aws:ssm/parameter:Parameter", "nightly-last-success")
	assert.Equal(t, "String", param.String("type"))
	assert.Equal(t, "Standard", param.String("tier"), "a standard parameter is free")
	// The provider marks a parameter's value secret, so the plan shows no
	// value; the workflow package tests that the first record is readable.

	wf := synthtest.Policy(t, plan, "nightly-workflow-policy")
	rec := synthtest.Statement(t, wf, "RecordLastSuccess")
	assert.Equal(t, []string{"ssm:PutParameter"}, rec.Action)
	assert.Equal(t, []string{param.Output("arn")}, rec.Resource)

	check := synthtest.Policy(t, plan, "nightly-deadline-policy")
	assert.Equal(t, []string{"ReadLastSuccess", "CountMissedDeadlines", "PublishAlerts", "EncryptAlerts", "DeliverWorkflowLogs", "WriteTraces"}, synthtest.Sids(check))
	read := synthtest.Statement(t, check, "ReadLastSuccess")
	assert.Equal(t, []string{"ssm:GetParameter"}, read.Action)
	assert.Equal(t, []string{param.Output("arn")}, read.Resource)
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "nightly-alerts").Output("arn")
	assert.Equal(t, []string{topic}, synthtest.Statement(t, check, "PublishAlerts").Resource)

	sched := synthtest.Policy(t, plan, "nightly-scheduler-policy")
	assert.Equal(t, []string{"StartThisWorkflow", "StartDeadlineCheck", "DeadLetterFailedStarts"}, synthtest.Sids(sched))
	start := synthtest.Statement(t, sched, "StartDeadlineCheck")
	assert.Equal(t, []string{"states:StartExecution"}, start.Action)
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-deadline").Output("arn")}, start.Resource)

	trust := synthtest.TrustPolicy(t, plan, "nightly-deadline-role")
	assert.Equal(t, map[string][]string{"Service": {"states.amazonaws.com"}}, trust.Statement[0].Principal)
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-deadline")
	assert.Equal(t, "STANDARD", machine.String("type"), "a check waits its grace, longer than an express workflow's five minutes")
	assert.Equal(t, "ERROR", machine.Get("loggingConfiguration", "level"))
	alarm := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-deadline-failed")
	assert.Equal(t, "ExecutionsFailed", alarm.String("metricName"))
	assert.Equal(t, map[string]any{"StateMachineArn": machine.Output("arn")}, alarm.Inputs["dimensions"])
}

// The job's success records when it was due; a skip ends without a record.
func TestCronJob_successRecordsItsDueTimeAndASkipDoesNot(t *testing.T) {
	plan := mustSynth(t, validArgs())
	def := workflowOf(t, plan)
	param := synthtest.Find(t, plan, "aws:ssm/parameter:Parameter", "nightly-last-success")
	note := def.States["Succeeded"]
	assert.Equal(t, sfn.TypePass, note.Type)
	assert.Equal(t, map[string]any{"input.$": "$$.Execution.Input", "started.$": "$$.Execution.StartTime", "execution.$": "$$.Execution.Name"}, note.Parameters)
	assert.Equal(t, "RecordSuccess", note.Next)
	for state, due := range map[string]string{"RecordScheduledSuccess": "$.lastSuccess.input.scheduledTime", "RecordStartedSuccess": "$.lastSuccess.started"} {
		s := def.States[state]
		assert.Equal(t, "arn:aws:states:::aws-sdk:ssm:putParameter", s.Resource, state)
		assert.Equal(t, map[string]any{
			"Name": param.Output("name"), "Type": "String", "Overwrite": true,
			"Value.$": "States.Format('{} {}', " + due + ", $.lastSuccess.execution)",
		}, s.Parameters, state)
		assert.Equal(t, "Done", s.Next)
		require.Len(t, s.Catch, 1)
		assert.Equal(t, "Done", s.Catch[0].Next, "a record that fails does not fail the run")
	}
	assert.Equal(t, sfn.TypeSucceed, def.States["Done"].Type)
	skip := def.Reachable(map[string]int{StateIsRunning: 0})
	assert.Equal(t, StateSkipRun, skip[len(skip)-1])
	assert.NotContains(t, skip, "RecordSuccess", "a skipped run still owes a success")
}

func TestCronJob_rejectsABadDeadlineGrace(t *testing.T) {
	for _, tc := range []struct {
		grace  time.Duration
		window int
		want   string
	}{
		{30 * time.Second, 0, "`Schedule.DeadlineGrace` 30s is outside 1m0s–8736h0m0s in whole seconds"},
		{365 * 24 * time.Hour, 0, "`Schedule.DeadlineGrace` 8760h0m0s is outside 1m0s–8736h0m0s in whole seconds"},
		{90*time.Second + time.Millisecond, 0, "is outside 1m0s–8736h0m0s in whole seconds"},
		{10 * time.Minute, 10, "`Schedule.DeadlineGrace` 10m0s is not longer than `Schedule.FlexibleWindowMinutes` (10 minutes)"},
	} {
		args := validArgs()
		args.Schedule.DeadlineGrace = tc.grace
		args.Schedule.FlexibleWindowMinutes = tc.window
		err := synthtest.Reject(t, synthtest.Program(NewCronJob, "nightly", args), options)
		assert.ErrorContains(t, err, tc.want)
	}
}
