package cronjob

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestCronJob_skipsOverlappingRun(t *testing.T) {
	def := workflowOf(t, mustSynth(t, validArgs()))
	require.Equal(t, StateCheckRunning, def.StartAt)

	// ListExecutions of this very state machine: only this workflow's runs count.
	guard := def.States[StateCheckRunning]
	assert.Equal(t, sfn.TypeTask, guard.Type)
	assert.Equal(t, "arn:aws:states:::aws-sdk:sfn:listExecutions", guard.Resource)
	assert.Equal(t, map[string]any{"StateMachineArn.$": "$$.StateMachine.Id", "StatusFilter": "RUNNING", "MaxResults": 10.0}, guard.Parameters)
	assert.Equal(t, map[string]any{"arns.$": "$.Executions[*].ExecutionArn"}, guard.ResultSelector)
	assert.Equal(t, "$.guard", *guard.ResultPath)
	assert.Equal(t, []sfn.Retrier{{
		ErrorEquals: []string{"Sfn.SfnException", "Sfn.ThrottlingException"}, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
	}}, guard.Retry)
	assert.Equal(t, []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.error", Next: StateDescribe}}, guard.Catch)
	assert.Equal(t, StateNoteExecution, guard.Next)

	// The execution's own id goes into the data, so the count compares paths.
	note := def.States[StateNoteExecution]
	assert.Equal(t, sfn.TypePass, note.Type)
	assert.Equal(t, map[string]any{"arn.$": "$$.Execution.Id"}, note.Parameters)
	assert.Equal(t, "$.self", *note.ResultPath)
	assert.Equal(t, StateCountRunning, note.Next)

	count := def.States[StateCountRunning]
	assert.Equal(t, sfn.TypePass, count.Type)
	assert.Equal(t, map[string]any{
		"running.$":      "States.ArrayLength($.guard.arns)",
		"includesSelf.$": "States.ArrayContains($.guard.arns, $.self.arn)",
	}, count.Parameters)
	assert.Equal(t, "$.guard.runs", *count.ResultPath)
	assert.Equal(t, StateIsRunning, count.Next)

	choice := def.States[StateIsRunning]
	assert.Equal(t, sfn.TypeChoice, choice.Type)
	require.Len(t, choice.Choices, 1)
	assert.Equal(t, StateRecordSkip, choice.Choices[0].Next)
	assert.Equal(t, StateRunTask, choice.Default)

	record := def.States[StateRecordSkip]
	assert.Equal(t, "arn:aws:states:::aws-sdk:cloudwatch:putMetricData", record.Resource)
	assert.Equal(t, map[string]any{
		"Namespace": "schedkit/CronJob",
		"MetricData": []any{map[string]any{
			"MetricName": "SkippedRuns", "Value": 1.0, "Unit": "Count",
			"Dimensions": []any{map[string]any{"Name": "CronJob", "Value": "nightly"}},
		}},
	}, record.Parameters)
	assert.Equal(t, "$.skipMetric", *record.ResultPath)
	assert.Equal(t, []sfn.Retrier{{ErrorEquals: []string{sfn.ErrorAll}, IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: sfn.JitterFull}}, record.Retry)
	assert.Equal(t, []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.skipMetricError", Next: StateSkipRun}}, record.Catch,
		"a metric that cannot be put does not fail the run: it still ends as skipped")
	assert.Equal(t, StateSkipRun, record.Next)

	skip := def.States[StateSkipRun]
	assert.Equal(t, sfn.TypePass, skip.Type)
	assert.True(t, skip.End, "a skipped run ends successfully")
	assert.Equal(t, map[string]any{"skipped": true, "reason": "another run of this workflow is still running"}, skip.Result)
	assert.Equal(t, "$.outcome", *skip.ResultPath)

	assert.Equal(t, []string{StateCheckRunning, StateNoteExecution, StateCountRunning, StateIsRunning, StateRecordSkip, StateSkipRun},
		def.Reachable(map[string]int{StateIsRunning: 0}))
}

// ListExecutions is eventually consistent (its API reference says so): the
// run asking may or may not be listed. The choice skips only when another
// run is listed either way.
func TestCronJob_guardCountsOtherRunsWhetherOrNotItSeesItself(t *testing.T) {
	rule := workflowOf(t, mustSynth(t, validArgs())).States[StateIsRunning].Choices[0]
	cases := []struct {
		name         string
		running      float64
		includesSelf bool
		skip         bool
	}{
		{"only this run, listed", 1, true, false},
		{"nothing listed yet", 0, false, false},
		{"this run and another", 2, true, true},
		{"another run, this one not yet listed", 1, false, true},
		{"ten listed, this one among them", 10, true, true},
		{"ten listed, this one not", 10, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := map[string]any{"$.guard.runs.running": c.running, "$.guard.runs.includesSelf": c.includesSelf}
			assert.Equal(t, c.skip, matches(t, rule, data))
		})
	}
}

// matches evaluates the comparisons a guard rule uses against data, which
// maps each Variable to its value.
func matches(t *testing.T, c sfn.Choice, data map[string]any) bool {
	t.Helper()
	switch {
	case len(c.And) > 0:
		for _, sub := range c.And {
			if !matches(t, sub, data) {
				return false
			}
		}
		return true
	case len(c.Or) > 0:
		for _, sub := range c.Or {
			if matches(t, sub, data) {
				return true
			}
		}
		return false
	case c.Not != nil:
		return !matches(t, *c.Not, data)
	}
	v, ok := data[c.Variable]
	require.Truef(t, ok, "the rule reads %s, which the guard does not write", c.Variable)
	switch {
	case c.BooleanEquals != nil:
		return v == *c.BooleanEquals
	case c.NumericGreaterThanEquals != nil:
		return v.(float64) >= *c.NumericGreaterThanEquals
	}
	t.Fatalf("unexpected comparison in %+v", c)
	return false
}

func TestCronJob_otherTasksOfTheFamilyDoNotCount(t *testing.T) {
	// The stacks' backfill runs the nightly report's family in the same
	// cluster; the guard must not mistake those tasks for a run of its own.
	args := validArgs()
	args.ClusterArn = pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/shared")
	args.Family = "prod-nightly-report"
	plan := mustSynth(t, args)
	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-workflow").String("definition")
	def := workflowOf(t, plan)
	for _, name := range []string{StateCheckRunning, StateNoteExecution, StateCountRunning} {
		assert.NotContains(t, def.States[name].Parameters, "Family", name)
		assert.NotContains(t, def.States[name].Parameters, "Cluster", name)
	}
	assert.NotContains(t, sm, "listTasks")
	delete(def.States, StateRunTask)
	rest, err := json.Marshal(def.States)
	require.NoError(t, err)
	assert.NotContains(t, string(rest), "prod-nightly-report", "only RunTask names the family")
	assert.NotContains(t, string(rest), "cluster/shared", "only RunTask names the cluster")
	doc := synthtest.Policy(t, plan, "nightly-workflow-policy")
	assert.NotContains(t, doc.Actions(), "ecs:ListTasks")
}

func TestCronJob_runsTaskSyncAndFailsOnNonZeroExit(t *testing.T) {
	def := workflowOf(t, mustSynth(t, validArgs()))
	run := def.States[StateRunTask]
	assert.Equal(t, "arn:aws:states:::ecs:runTask.sync", run.Resource)
	assert.Equal(t, "FARGATE", run.Parameters["LaunchType"])
	assert.Nil(t, run.Parameters["CapacityProviderStrategy"])
	assert.Equal(t, "arn:aws:ecs:us-east-1:123456789012:task-definition/nightly:1", run.Parameters["TaskDefinition"])
	assert.NotContains(t, run.Parameters, "StartedBy", "Step Functions sets StartedBy itself and documents no such parameter")
	assert.Equal(t, map[string]any{"AwsvpcConfiguration": map[string]any{
		"Subnets": []any{"subnet-0a0a0a0a", "subnet-0b0b0b0b"}, "SecurityGroups": []any{"sg-01010101"}, "AssignPublicIp": "DISABLED",
	}}, run.Parameters["NetworkConfiguration"])
	assert.Equal(t, "$.task", *run.ResultPath)
	assert.Equal(t, StateCheckExit, run.Next)

	exit := def.States[StateCheckExit]
	require.Len(t, exit.Choices, 1)
	rule := exit.Choices[0]
	require.Len(t, rule.And, 2)
	assert.Equal(t, "$.task.Containers[0].ExitCode", rule.And[0].Variable)
	assert.True(t, *rule.And[0].IsPresent, "a container that never started has no exit code and must fail")
	assert.Equal(t, 0.0, *rule.And[1].NumericEquals)
	assert.Equal(t, StateSucceeded, rule.Next)
	assert.Equal(t, StateExitFailed, exit.Default)

	failed := def.States[StateExitFailed]
	assert.Equal(t, "NonZeroExitCode", failed.Parameters["Error"])
	assert.Equal(t, []string{StateCheckRunning, StateNoteExecution, StateCountRunning, StateIsRunning, StateRunTask, StateCheckExit, StateExitFailed, StateDescribe, StateNotify, StateFailed},
		def.Reachable(nil), "the default path of every choice ends in the alert and a failed execution")
	assert.Equal(t, "CronJobFailed", def.States[StateFailed].Error)
}

func TestCronJob_stopsTaskPastMaxRuntime(t *testing.T) {
	args := validArgs()
	args.MaxRuntime = 90 * time.Minute
	def := workflowOf(t, mustSynth(t, args))
	assert.Equal(t, 5400, def.States[StateRunTask].TimeoutSeconds, "Step Functions stops a .sync task when its state times out")
	assert.Equal(t, 5400+1800, def.TimeoutSeconds)
	require.Len(t, def.States[StateRunTask].Catch, 1)
	assert.Equal(t, []string{sfn.ErrorAll}, def.States[StateRunTask].Catch[0].ErrorEquals, "States.Timeout is caught and alerted")
	assert.Equal(t, StateDescribe, def.States[StateRunTask].Catch[0].Next)
}

func TestCronJob_retriesTransientStartFailures(t *testing.T) {
	args := validArgs()
	args.StartAttempts = 5
	def := workflowOf(t, mustSynth(t, args))
	require.Len(t, def.States[StateRunTask].Retry, 1)
	r := def.States[StateRunTask].Retry[0]
	assert.Equal(t, []string{"AmazonECS.Unknown", "ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"}, r.ErrorEquals)
	assert.NotContains(t, r.ErrorEquals, sfn.ErrorAll, "a job that ran and failed is not started again")
	assert.Equal(t, 4, r.MaxAttempts, "five attempts in all")
	assert.Equal(t, 2.0, r.BackoffRate)
	assert.Equal(t, 10, r.IntervalSeconds)
	assert.Equal(t, sfn.JitterFull, r.JitterStrategy)
}

func TestCronJob_alertsWithJobNameAndCause(t *testing.T) {
	plan := mustSynth(t, validArgs())
	def := workflowOf(t, plan)
	describe := def.States[StateDescribe]
	assert.Equal(t, map[string]any{
		"component": "cronjob", "name": "nightly", "execution.$": "$$.Execution.Id", "error.$": "$.error.Error", "cause.$": "$.error.Cause",
	}, describe.Parameters)
	notify := def.States[StateNotify]
	assert.Equal(t, "arn:aws:states:::sns:publish", notify.Resource)
	assert.Equal(t, synthtest.Find(t, plan, "aws:sns/topic:Topic", "nightly-alerts").Output("arn"), notify.Parameters["TopicArn"])
	assert.Equal(t, "schedkit cronjob nightly failed", notify.Parameters["Subject"])
	assert.Equal(t, "States.JsonToString($.alert)", notify.Parameters["Message.$"])
	assert.Equal(t, StateFailed, notify.Next)
	require.Len(t, notify.Catch, 1)
	assert.Equal(t, StateFailed, notify.Catch[0].Next, "a failed alert still fails the run")
	for _, name := range []string{StateCheckRunning, StateRunTask} {
		require.Len(t, def.States[name].Catch, 1, name)
		assert.Equal(t, StateDescribe, def.States[name].Catch[0].Next, name)
		assert.Equal(t, "$.error", def.States[name].Catch[0].ResultPath, name)
	}
}

func TestCronJob_spotCapacityUsesCapacityProviderStrategy(t *testing.T) {
	args := validArgs()
	args.CapacityProvider = "FARGATE_SPOT"
	args.AssignPublicIP = true
	def := workflowOf(t, mustSynth(t, args))
	run := def.States[StateRunTask]
	assert.Nil(t, run.Parameters["LaunchType"], "LaunchType and a capacity provider strategy are exclusive")
	assert.Equal(t, []any{map[string]any{"CapacityProvider": "FARGATE_SPOT", "Weight": 1.0}}, run.Parameters["CapacityProviderStrategy"])
	assert.Equal(t, "ENABLED", run.Parameters["NetworkConfiguration"].(map[string]any)["AwsvpcConfiguration"].(map[string]any)["AssignPublicIp"])
}

func TestCronJob_emptySubnetsKnownOnlyAtDeployTimeFail(t *testing.T) {
	args := validArgs()
	args.Subnets = pulumi.StringArray{}.ToStringArrayOutput()
	err := synthtest.RunError(t, synthtest.Program(NewCronJob, "nightly", args), options)
	assert.Contains(t, err.Error(), "cronjob \"nightly\": `Subnets` is empty: give subnets (at least 1)")
}
