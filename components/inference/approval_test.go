package inference

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// onApproval is packageArgs with RunOnApproval, following a group known
// only at deploy time, as a TrainingPipeline's is.
func onApproval() *BatchInferenceArgs {
	a := packageArgs()
	a.ModelPackageGroupName = pulumi.String("churn").ToStringOutput()
	a.RunOnApproval = true
	return a
}

func TestBatchInference_runOnApprovalRegistersExactChildren(t *testing.T) {
	plan := run(t, onApproval())
	assert.Equal(t, []string{
		"aws:cloudwatch/eventRule:EventRule churn-approval-rule",
		"aws:cloudwatch/eventTarget:EventTarget churn-approval-target",
		"aws:cloudwatch/logGroup:LogGroup churn-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup churn-workflow-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-approval-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-deadline-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-aborted",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-timed-out",
		"aws:iam/role:Role churn-approval-role",
		"aws:iam/role:Role churn-deadline-role",
		"aws:iam/role:Role churn-model-role",
		"aws:iam/role:Role churn-scheduler-role",
		"aws:iam/role:Role churn-workflow-role",
		"aws:iam/rolePolicy:RolePolicy churn-approval-policy",
		"aws:iam/rolePolicy:RolePolicy churn-deadline-policy",
		"aws:iam/rolePolicy:RolePolicy churn-model-policy",
		"aws:iam/rolePolicy:RolePolicy churn-scheduler-policy",
		"aws:iam/rolePolicy:RolePolicy churn-workflow-policy",
		"aws:kms/key:Key churn-alerts-key",
		"aws:kms/key:Key churn-key",
		"aws:scheduler/schedule:Schedule churn-deadline-check",
		"aws:scheduler/schedule:Schedule churn-schedule",
		"aws:sfn/stateMachine:StateMachine churn-deadline",
		"aws:sfn/stateMachine:StateMachine churn-workflow",
		"aws:sns/topic:Topic churn-alerts",
		"aws:sns/topicPolicy:TopicPolicy churn-alerts-policy",
		"aws:sqs/queue:Queue churn-approval-dlq",
		"aws:sqs/queue:Queue churn-dlq",
		"aws:sqs/queuePolicy:QueuePolicy churn-approval-dlq-policy",
		"aws:sqs/queuePolicy:QueuePolicy churn-dlq-policy",
		"aws:ssm/parameter:Parameter churn-last-success",
		"schedkit:keep:DeleteLock churn-delete-lock",
	}, synthtest.ChildrenOf(t, plan, Type, "churn"))
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// Off by default: a package group alone adds no approval trigger.
	_, hasRule := run(t, packageArgs()).Find("aws:cloudwatch/eventRule:EventRule", "churn-approval-rule")
	assert.False(t, hasRule)
}

func TestBatchInference_runOnApprovalStartsTheWorkflowWithRetriesAndADeadLetterQueue(t *testing.T) {
	plan := run(t, onApproval())
	rule := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-approval-rule")
	var pattern map[string]any
	require.NoError(t, json.Unmarshal([]byte(rule.String("eventPattern")), &pattern))
	assert.Equal(t, map[string]any{
		"source":      []any{"aws.sagemaker"},
		"detail-type": []any{"SageMaker Model Package State Change"},
		"detail": map[string]any{
			"ModelPackageGroupName": []any{"churn"},
			"ModelApprovalStatus":   []any{"Approved"},
		},
	}, pattern, "rendered from the group once it is known")
	assert.Equal(t, "ENABLED", rule.String("state"))

	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "churn-workflow")
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "churn-approval-role")
	queue := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "churn-approval-dlq")
	target := synthtest.Find(t, plan, "aws:cloudwatch/eventTarget:EventTarget", "churn-approval-target")
	assert.Equal(t, rule.Output("name"), target.String("rule"))
	assert.Equal(t, machine.Output("arn"), target.String("arn"))
	assert.Equal(t, role.Output("arn"), target.String("roleArn"))
	assert.Equal(t, map[string]any{"maximumRetryAttempts": 3.0, "maximumEventAgeInSeconds": 3600.0}, target.Inputs["retryPolicy"])
	assert.Equal(t, map[string]any{"arn": queue.Output("arn")}, target.Inputs["deadLetterConfig"])
	for _, key := range []string{"input", "inputPath", "inputTransformer"} {
		assert.NotContains(t, target.Inputs, key, "the execution's input is the event itself")
	}
	assert.Contains(t, target.Dependencies, synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "churn-approval-policy").URN)
	assert.Contains(t, target.Dependencies, synthtest.Find(t, plan, "aws:sqs/queuePolicy:QueuePolicy", "churn-approval-dlq-policy").URN)

	// EventBridge may start this workflow, and do nothing else.
	trust := synthtest.TrustPolicy(t, plan, "churn-approval-role")
	assert.Equal(t, []string{"events.amazonaws.com"}, trust.Statement[0].Principal["Service"])
	start := synthtest.Policy(t, plan, "churn-approval-policy")
	assert.Equal(t, []string{"StartThisWorkflow"}, synthtest.Sids(start))
	assert.Equal(t, []string{"states:StartExecution"}, start.Statement[0].Action)
	assert.Equal(t, []string{machine.Output("arn")}, start.Statement[0].Resource)

	// The dead-letter queue is encrypted, TLS-only, fed by exactly this rule and watched.
	assert.Equal(t, true, queue.Inputs["sqsManagedSseEnabled"])
	qp := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sqs/queuePolicy:QueuePolicy", "churn-approval-dlq-policy").String("policy"))
	assert.Equal(t, []string{"DenyInsecureTransport", "EventBridgeRuleDeadLetters"}, synthtest.Sids(qp))
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {rule.Output("arn")}}}, synthtest.Statement(t, qp, "EventBridgeRuleDeadLetters").Condition)
	alarm := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "churn-approval-dlq-depth")
	assert.Equal(t, "ApproximateNumberOfMessagesVisible", alarm.String("metricName"))
	assert.Equal(t, map[string]any{"QueueName": queue.Output("name")}, alarm.Inputs["dimensions"])
	assert.Equal(t, []any{synthtest.Find(t, plan, "aws:sns/topic:Topic", "churn-alerts").Output("arn")}, alarm.Inputs["alarmActions"])
}

// approvalEvent is the event the approval target passes as the execution's
// input: the SageMaker guide's example "SageMaker Model Package State
// Change" event, cut to the fields that matter.
const approvalEvent = `{
  "version": "0", "id": "844e2571-85d4-695f-b930-0153b71dcb42",
  "detail-type": "SageMaker Model Package State Change", "source": "aws.sagemaker",
  "account": "111122223333", "time": "2021-02-24T17:00:14Z", "region": "us-east-2",
  "resources": ["arn:aws:sagemaker:us-east-2:111122223333:model-package/churn/2"],
  "detail": {"ModelPackageGroupName": "churn", "ModelPackageVersion": 2,
             "ModelPackageArn": "arn:aws:sagemaker:us-east-2:111122223333:model-package/churn/2",
             "ModelApprovalStatus": "Approved"}
}`

// runContextNext follows the RunContext choice for input: the first choice
// whose IsPresent test on a top-level field holds, else the default.
func runContextNext(t *testing.T, def sfn.Definition, input map[string]any) string {
	t.Helper()
	choice := def.States["RunContext"]
	for _, c := range choice.Choices {
		require.NotNil(t, c.IsPresent, "RunContext tests presence only")
		field, ok := strings.CutPrefix(c.Variable, "$.")
		require.True(t, ok && !strings.ContainsAny(field, ".["), "a top-level field: %s", c.Variable)
		if _, present := input[field]; present == *c.IsPresent {
			return c.Next
		}
	}
	return choice.Default
}

func TestBatchInference_aRunStartedByAnApprovalIsDatedByItsStart(t *testing.T) {
	plan := run(t, onApproval())
	def := definitionOf(t, plan)
	var event map[string]any
	require.NoError(t, json.Unmarshal([]byte(approvalEvent), &event))
	assert.Equal(t, "RunDateFromStart", runContextNext(t, def, event), "the event has no scheduledTime")
	assert.Equal(t, "States.ArrayGetItem(States.StringSplit($$.Execution.StartTime, 'T'), 0)", def.States["RunDateFromStart"].Parameters["date.$"])

	// A scheduled run still takes its date from the schedule.
	var scheduled map[string]any
	sched := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "churn-schedule")
	require.NoError(t, json.Unmarshal([]byte(sched.Get("target", "input").(string)), &scheduled))
	assert.Equal(t, "RunDateFromSchedule", runContextNext(t, def, scheduled))
}

func TestBatchInference_exportsTheApprovalTrigger(t *testing.T) {
	program := func(args *BatchInferenceArgs) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			bi, err := NewBatchInference(ctx, "churn", args)
			if err != nil {
				return err
			}
			ctx.Export("rule", bi.ApprovalRuleArn)
			ctx.Export("dlq", bi.ApprovalDeadLetterQueueUrl)
			return nil
		}
	}
	plan := synthtest.Run(t, program(onApproval()), options)
	assert.Equal(t, synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-approval-rule").Output("arn"), plan.Outputs["rule"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:sqs/queue:Queue", "churn-approval-dlq").Output("url"), plan.Outputs["dlq"])
	plan = synthtest.Run(t, program(packageArgs()), options)
	assert.Equal(t, "", plan.Outputs["rule"])
	assert.Equal(t, "", plan.Outputs["dlq"])
}

func TestBatchInference_runOnApprovalNeedsAPackageGroup(t *testing.T) {
	const rule = "batchinference \"churn\": `RunOnApproval` is true without `ModelPackageGroupName`; only the packages of a model package group are approved, a model from `Image` never is"
	cases := []struct {
		name string
		args func() *BatchInferenceArgs
	}{
		{"a fixed model", func() *BatchInferenceArgs { a := imageArgs(); a.RunOnApproval = true; return a }},
		{"no model at all", func() *BatchInferenceArgs { a := imageArgs(); a.Image, a.RunOnApproval = nil, true; return a }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", c.args()), options)
			assert.Contains(t, err.Error(), rule)
		})
	}
}

func TestBatchInference_approvalTriggerDefaultsAndRetention(t *testing.T) {
	assert.False(t, DefaultRunOnApproval)
	assert.Equal(t, 3, ApprovalRetryAttempts)
	assert.Equal(t, time.Hour, ApprovalMaxEventAge)
	assert.False(t, withDefaults("churn", *packageArgs()).RunOnApproval)

	args := onApproval()
	args.RetainOnDelete = true
	assert.True(t, synthtest.Find(t, run(t, args), "aws:sqs/queue:Queue", "churn-approval-dlq").RetainOnDelete, "its messages are state")
}
