package inference

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// maxAgeChildren are the children ApprovalMaxAge adds: workflow's
// maximum-age check, the one a TrainingPipeline's NewData.MaxAge builds.
var maxAgeChildren = []string{
	"aws:cloudwatch/logGroup:LogGroup churn-max-age-logs",
	"aws:cloudwatch/metricAlarm:MetricAlarm churn-max-age-failed",
	"aws:iam/role:Role churn-age-start-role",
	"aws:iam/role:Role churn-max-age-role",
	"aws:iam/rolePolicy:RolePolicy churn-age-start-policy",
	"aws:iam/rolePolicy:RolePolicy churn-max-age-policy",
	"aws:scheduler/schedule:Schedule churn-max-age-check",
	"aws:sfn/stateMachine:StateMachine churn-max-age",
}

// Approval-started scoring has no calendar: it gets a maximum age since the
// last success when the caller sets one, and none by default.
func TestBatchInference_approvalMaxAgeIsOffByDefault(t *testing.T) {
	assert.Zero(t, withDefaults("churn", *onApproval()).ApprovalMaxAge)
	children := synthtest.ChildrenOf(t, run(t, onApproval()), Type, "churn")
	for _, c := range maxAgeChildren {
		assert.NotContains(t, children, c)
	}
}

func TestBatchInference_approvalMaxAgeChecksTheLastSuccess(t *testing.T) {
	args := onApproval()
	args.ApprovalMaxAge = 26 * time.Hour
	plan := run(t, args)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// Exactly the children of RunOnApproval and the check.
	without := synthtest.ChildrenOf(t, run(t, onApproval()), Type, "churn")
	want := append(append([]string{}, without...), maxAgeChildren...)
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "churn"))

	sched := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "churn-max-age-check")
	assert.Equal(t, "rate(1 hour)", sched.String("scheduleExpression"), "a quarter of the age, at most hourly")
	assert.Equal(t, "UTC", sched.String("scheduleExpressionTimezone"))
	assert.Equal(t, "ENABLED", sched.String("state"), "the approval rule is always on")
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "churn-max-age")
	assert.Equal(t, machine.Output("arn"), sched.Get("target", "arn"))
	queue := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "churn-approval-dlq")
	assert.Equal(t, queue.Output("arn"), sched.Get("target", "deadLetterConfig", "arn"), "a failed check start lands in the approval trigger's queue")
	var input map[string]string
	require.NoError(t, json.Unmarshal([]byte(sched.Get("target", "input").(string)), &input))
	assert.Equal(t, map[string]string{
		"component": "batchinference", "name": "churn", "due": "<aws.scheduler.scheduled-time>",
		"rule": "a run succeeds at least every 26h0m0s",
	}, input)

	var def map[string]any
	require.NoError(t, json.Unmarshal([]byte(machine.String("definition")), &def))
	assert.Equal(t, "ReadLastSuccess", def["StartAt"], "no grace to wait: the age is the rule")
	late := def["States"].(map[string]any)["Late"].(map[string]any)
	assert.Equal(t, "{% $toMillis($states.input.lastDue) <= $toMillis($states.input.due) - 93600000 %}", late["Choices"].([]any)[0].(map[string]any)["Condition"])

	// The scheduler starts only the check and dead-letters only to the
	// approval queue; the check reads only the workflow's own record.
	start := synthtest.Policy(t, plan, "churn-age-start-policy")
	assert.Equal(t, []string{"StartThisWorkflow", "DeadLetterFailedStarts"}, synthtest.Sids(start))
	assert.Equal(t, []string{"states:StartExecution"}, synthtest.Statement(t, start, "StartThisWorkflow").Action)
	assert.Equal(t, []string{machine.Output("arn")}, synthtest.Statement(t, start, "StartThisWorkflow").Resource)
	assert.Equal(t, []string{queue.Output("arn")}, synthtest.Statement(t, start, "DeadLetterFailedStarts").Resource)
	assert.Equal(t, []string{"scheduler.amazonaws.com"}, synthtest.TrustPolicy(t, plan, "churn-age-start-role").Statement[0].Principal["Service"])
	read := synthtest.Statement(t, synthtest.Policy(t, plan, "churn-max-age-policy"), "ReadLastSuccess")
	assert.Equal(t, []string{"ssm:GetParameter"}, read.Action)
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:ssm/parameter:Parameter", "churn-last-success").Output("arn")}, read.Resource)
}

func TestBatchInference_quarterOfAShortMaxAge(t *testing.T) {
	args := onApproval()
	args.ApprovalMaxAge = time.Hour
	sched := synthtest.Find(t, run(t, args), "aws:scheduler/schedule:Schedule", "churn-max-age-check")
	assert.Equal(t, "rate(15 minutes)", sched.String("scheduleExpression"))
}

func TestBatchInference_rejectsABadApprovalMaxAge(t *testing.T) {
	cases := []struct {
		name string
		args func() *BatchInferenceArgs
		want string
	}{
		{"under 15 minutes", func() *BatchInferenceArgs { a := onApproval(); a.ApprovalMaxAge = 10 * time.Minute; return a },
			"batchinference \"churn\": `ApprovalMaxAge` 10m0s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)"},
		{"not whole minutes", func() *BatchInferenceArgs {
			a := onApproval()
			a.ApprovalMaxAge = time.Hour + 30*time.Second
			return a
		}, "batchinference \"churn\": `ApprovalMaxAge` 1h0m30s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)"},
		{"over 364 days", func() *BatchInferenceArgs { a := onApproval(); a.ApprovalMaxAge = 365 * 24 * time.Hour; return a },
			"batchinference \"churn\": `ApprovalMaxAge` 8760h0m0s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)"},
		{"without RunOnApproval", func() *BatchInferenceArgs { a := packageArgs(); a.ApprovalMaxAge = 26 * time.Hour; return a },
			"batchinference \"churn\": `ApprovalMaxAge` 26h0m0s is set without `RunOnApproval`; it is the longest time without a success that approval-started scoring allows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", c.args()), options)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
