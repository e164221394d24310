package cronjob

import (
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

	guard := def.States[StateCheckRunning]
	assert.Equal(t, "arn:aws:states:::aws-sdk:ecs:listTasks", guard.Resource)
	assert.Equal(t, "nightly", guard.Parameters["Family"])
	assert.Equal(t, "RUNNING", guard.Parameters["DesiredStatus"])
	assert.Equal(t, "$.guard", *guard.ResultPath)

	choice := def.States[StateIsRunning]
	require.Len(t, choice.Choices, 1)
	assert.Equal(t, "$.guard.TaskArns[0]", choice.Choices[0].Variable)
	assert.True(t, *choice.Choices[0].IsPresent)
	assert.Equal(t, StateSkipRun, choice.Choices[0].Next)
	assert.Equal(t, StateRunTask, choice.Default)

	skip := def.States[StateSkipRun]
	assert.Equal(t, sfn.TypePass, skip.Type)
	assert.True(t, skip.End, "a skipped run ends successfully")
	assert.Equal(t, map[string]any{"skipped": true, "reason": "a task of this job is still running"}, skip.Result)
	assert.Equal(t, "$.outcome", *skip.ResultPath)

	assert.Equal(t, []string{StateCheckRunning, StateIsRunning, StateSkipRun}, def.Reachable(map[string]int{StateIsRunning: 0}))
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
		"Subnets": []any{"subnet-a", "subnet-b"}, "SecurityGroups": []any{"sg-1"}, "AssignPublicIp": "DISABLED",
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
	assert.Equal(t, []string{StateCheckRunning, StateIsRunning, StateRunTask, StateCheckExit, StateExitFailed, StateDescribe, StateNotify, StateFailed},
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
	assert.Contains(t, err.Error(), "cronjob \"nightly\": `Subnets` is empty")
}
