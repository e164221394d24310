package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	smARN = "arn:aws:states:us-east-1:123456789012:stateMachine:job-workflow-1a2b3c4"
	tdARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1"
	day   = 365.0 / 12 // runs a month of a daily schedule
)

// cronJob is a CronJob's priced resources: a daily schedule starting a
// three-state workflow that runs a 1 vCPU / 2 GB x86 task, one key, an
// alarm and a metric-math alarm over two metrics.
func cronJob(t *testing.T, f *fixture, state string) {
	c := f.component("schedkit:aws:CronJob", "job", "")
	f.resource(scheduleType, "job-schedule", c, "", map[string]any{
		"scheduleExpression": "cron(0 2 * * ? *)", "scheduleExpressionTimezone": "UTC", "state": state,
		"target": map[string]any{"arn": smARN},
	})
	f.resource(stateMachineType, "job-workflow", c, smARN, map[string]any{
		"type": "STANDARD",
		"definition": definition(t, map[string]any{
			"A": map[string]any{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Parameters": map[string]any{"TaskDefinition": tdARN}, "Next": "B"},
			"B": map[string]any{"Type": "Pass", "Next": "C"},
			"C": map[string]any{"Type": "Succeed"},
		}),
	})
	f.resource(taskDefType, "job-task", c, tdARN, map[string]any{"cpu": "1024", "memory": "2048", "runtimePlatform": map[string]any{"cpuArchitecture": "X86_64"}})
	f.resource(kmsKeyType, "job-key", c, "", map[string]any{})
	f.resource(alarmType, "job-failed", c, "", map[string]any{"period": 300.0})
	f.resource(alarmType, "job-ratio", c, "", map[string]any{"metricQueries": []any{
		map[string]any{"id": "a", "metric": map[string]any{"period": 60.0}},
		map[string]any{"id": "b", "metric": map[string]any{"period": 60.0}},
		map[string]any{"id": "r", "expression": "a/b"},
	}})
	f.resource("aws:iam/role:Role", "job-role", c, "", map[string]any{})
}

// By hand, us-east-1: one run is 1 invocation ($1 per million), 3
// transitions ($0.025 per 1,000) and a 10-minute task: 1/6 vCPU-hour at
// $0.04048 and 2/6 GB-hour at $0.004445.
const cronJobRun = 1e-6 + 3*0.025/1000 + 0.04048/6 + 2*0.004445/6

func TestEstimate_cronJob(t *testing.T) {
	f := newFixture("us-east-1")
	cronJob(t, f, "ENABLED")
	c := component(t, estimate(t, f, Usage{}), "job")

	assert.InDelta(t, 1.00+0.10+0.20, c.FixedUSD, 1e-9, "a key, one alarm metric and two")
	require.NotNil(t, c.OneRunUSD)
	assert.True(t, c.OneRunKnown)
	assert.InDelta(t, cronJobRun, *c.OneRunUSD, 1e-12)
	assert.InDelta(t, cronJobRun*day, c.VariableUSD, 1e-9)
	assert.Equal(t, []Run{{Resource: "job-schedule", What: "cron(0 2 * * ? *) UTC", RunsPerMonth: day}}, c.Runs)
	assert.InDelta(t, 3*day, line(t, c, "Step Functions state transitions").Quantity, 1e-9)
	assert.InDelta(t, day/6, line(t, c, "Fargate x86 vCPU (job-task: 1 vCPU)").Quantity, 1e-9)
	assert.Equal(t, []Assumption{{Name: "taskMinutes", Value: 10, From: "default"}}, c.Assumptions)
	assert.Empty(t, c.Unknown)
}

func TestEstimate_disabledScheduleRunsNever(t *testing.T) {
	f := newFixture("us-east-1")
	cronJob(t, f, "DISABLED")
	c := component(t, estimate(t, f, Usage{}), "job")
	assert.Zero(t, c.VariableUSD)
	assert.InDelta(t, cronJobRun, *c.OneRunUSD, 1e-12, "a run still has its price")
	assert.Equal(t, 0.0, c.Runs[0].RunsPerMonth)
	assert.Contains(t, c.Runs[0].What, "DISABLED")
}

func TestEstimate_usageOverridesPerComponent(t *testing.T) {
	f := newFixture("us-east-1")
	cronJob(t, f, "ENABLED")
	u := Usage{Defaults: Assumptions{TaskMinutes: f64(20)}, Components: map[string]Assumptions{"job": {TaskMinutes: f64(30), RunsPerMonth: f64(4)}}}
	c := component(t, estimate(t, f, u), "job")
	run := 1e-6 + 3*0.025/1000 + 0.04048/2 + 2*0.004445/2
	assert.InDelta(t, run, *c.OneRunUSD, 1e-12)
	assert.InDelta(t, 4*run, c.VariableUSD, 1e-9)
	assert.Contains(t, c.Assumptions, Assumption{Name: "taskMinutes", Value: 30, From: "usage components.job"})
	assert.Contains(t, c.Assumptions, Assumption{Name: "runsPerMonth", Value: 4, From: "usage components.job"})
}

func TestEstimate_fargateMinimumIsOneMinute(t *testing.T) {
	f := newFixture("us-east-1")
	cronJob(t, f, "ENABLED")
	c := component(t, estimate(t, f, Usage{Defaults: Assumptions{TaskMinutes: f64(0.1)}}), "job")
	assert.InDelta(t, 1.0/60, line(t, c, "Fargate x86 vCPU (job-task: 1 vCPU)").Quantity/day, 1e-12)
}

func TestEstimate_onDemandStreamWithConsumerAndSink(t *testing.T) {
	f := newFixture("us-east-1")
	c := f.component("schedkit:aws:StreamProcessor", "clicks", "")
	streamARN := "arn:aws:kinesis:us-east-1:123456789012:stream/clicks-stream-1"
	fnARN := "arn:aws:lambda:us-east-1:123456789012:function:clicks-1"
	f.resource(streamType, "clicks-stream", c, streamARN, map[string]any{"retentionPeriod": 48.0, "streamModeDetails": map[string]any{"streamMode": "ON_DEMAND"}})
	f.resource(functionType, "clicks-function", c, fnARN, map[string]any{"memorySize": 256.0, "architectures": []any{"arm64"}})
	f.resource(mappingType, "clicks-mapping", c, "", map[string]any{"eventSourceArn": streamARN, "functionName": fnARN, "batchSize": 100.0})
	f.resource(firehoseType, "clicks-sink", c, "", map[string]any{"kinesisSourceConfiguration": map[string]any{"kinesisStreamArn": streamARN}})
	cc := component(t, estimate(t, f, Usage{}), "clicks")

	// 1 GB and 1,000,000 events a month: 10,000 batches of 200 ms at 0.25 GB.
	assert.InDelta(t, 730*0.04, cc.FixedUSD, 1e-9)
	variable := 0.08 + 2*0.04 + 24.0/730*0.10 + 10000*0.20/1e6 + 10000*0.2*0.25*0.0000133334
	assert.InDelta(t, variable, cc.VariableUSD, 1e-9)
	assert.Nil(t, cc.OneRunUSD, "a stream has no runs")
	require.Len(t, cc.Unknown, 1)
	assert.Contains(t, cc.Unknown[0], "clicks-sink: Firehose GB ingested (us-east-1 has no firehose.gb-ingested price in the table: unknown)")
	assert.Nil(t, line(t, cc, "Firehose GB ingested").MonthlyUSD, "unknown, never zero")
}

func TestEstimate_provisionedStream(t *testing.T) {
	f := newFixture("eu-west-1")
	c := f.component("schedkit:aws:StreamProcessor", "payments", "")
	f.resource(streamType, "payments-stream", c, "arn:aws:kinesis:eu-west-1:123456789012:stream/p", map[string]any{
		"retentionPeriod": 24.0, "shardCount": 2.0, "streamModeDetails": map[string]any{"streamMode": "PROVISIONED"}})
	cc := component(t, estimate(t, f, Usage{Defaults: Assumptions{EventsPerMonth: f64(5e6)}}), "payments")
	assert.InDelta(t, 2*730*0.015, cc.FixedUSD, 1e-9)
	assert.InDelta(t, 5*0.014, cc.VariableUSD, 1e-9)
	assert.Empty(t, cc.Unknown)
}

func TestEstimate_sageMakerTrainingByInstanceType(t *testing.T) {
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		t.Run(region, func(t *testing.T) {
			f := newFixture(region)
			c := f.component("schedkit:aws:TrainingPipeline", "churn", "")
			arn := "arn:aws:states:" + region + ":123456789012:stateMachine:churn-workflow"
			f.resource(scheduleType, "churn-schedule", c, "", map[string]any{"scheduleExpression": "cron(0 2 ? * MON *)", "target": map[string]any{"arn": arn}})
			f.resource(stateMachineType, "churn-workflow", c, arn, map[string]any{"definition": definition(t, map[string]any{
				"A": map[string]any{"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTrainingJob.sync",
					"Parameters": map[string]any{"ResourceConfig": map[string]any{"InstanceType": "ml.m5.xlarge", "InstanceCount": 2.0}}, "End": true},
			})})
			cc := component(t, estimate(t, f, Usage{}), "churn")
			l := line(t, cc, "SageMaker training ml.m5.xlarge × 2")
			assert.InDelta(t, 52.0/12, cc.Runs[0].RunsPerMonth, 1e-9, "2027 has 52 Mondays")
			assert.InDelta(t, 52.0/12, l.Quantity, 1e-9, "2 instances × 30 minutes a run")
			if region == "us-east-1" {
				require.True(t, cc.OneRunKnown)
				assert.InDelta(t, 0.23+1e-6+0.025/1000, *cc.OneRunUSD, 1e-12)
				return
			}
			assert.False(t, cc.OneRunKnown, "eu-west-1 has no SageMaker prices")
			assert.Nil(t, l.MonthlyUSD)
			assert.Equal(t, "eu-west-1 has no sagemaker.training.ml.m5.xlarge price in the table: unknown", l.Note)
		})
	}
}

func TestEstimate_eventTriggeredWorkflowRunsAreAssumed(t *testing.T) {
	f := newFixture("us-east-1")
	c := f.component("schedkit:aws:BatchInference", "scoring", "")
	arn := "arn:aws:states:us-east-1:123456789012:stateMachine:scoring"
	f.resource(eventTargetType, "scoring-approval-target", c, "", map[string]any{"arn": arn, "rule": "scoring-approval-rule"})
	f.resource(stateMachineType, "scoring-workflow", c, arn, map[string]any{"definition": definition(t, map[string]any{
		"A": map[string]any{"Type": "Pass", "Next": "B"}, "B": map[string]any{"Type": "Succeed"},
	})})
	cc := component(t, estimate(t, f, Usage{Components: map[string]Assumptions{"scoring": {TriggeredRunsPerMonth: f64(8)}}}), "scoring")
	assert.Equal(t, []Run{{Resource: "scoring-approval-target", What: "EventBridge rule (triggeredRunsPerMonth)", RunsPerMonth: 8}}, cc.Runs)
	assert.InDelta(t, 8*2*0.025/1000, cc.VariableUSD, 1e-12)
}

func TestEstimate_mapStatesRunOncePerItem(t *testing.T) {
	f := newFixture("us-east-1")
	c := f.component("schedkit:aws:BatchWorkflow", "backfill", "")
	arn := "arn:aws:states:us-east-1:123456789012:stateMachine:backfill"
	f.resource(scheduleType, "backfill-schedule", c, "", map[string]any{"scheduleExpression": "rate(1 day)", "target": map[string]any{"arn": arn}})
	f.resource(stateMachineType, "backfill-workflow", c, arn, map[string]any{"definition": definition(t, map[string]any{
		"A": map[string]any{"Type": "Map", "End": true, "ItemProcessor": map[string]any{"States": map[string]any{
			"Run":  map[string]any{"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Parameters": map[string]any{"TaskDefinition": tdARN}, "Next": "Done"},
			"Done": map[string]any{"Type": "Succeed"},
		}}},
	})})
	f.resource(taskDefType, "reprocess", "", tdARN, map[string]any{"cpu": "256", "memory": "512"})
	cc := component(t, estimate(t, f, Usage{Defaults: Assumptions{MapItems: f64(4)}}), "backfill")
	// 1 + 4 × 2 transitions; 4 tasks of 10 minutes at 0.25 vCPU and 0.5 GB.
	run := 1e-6 + 9*0.025/1000 + 4*(0.25*0.04048+0.5*0.004445)/6
	assert.InDelta(t, run, *cc.OneRunUSD, 1e-12)
	assert.InDelta(t, run*day, cc.VariableUSD, 1e-9)
}
