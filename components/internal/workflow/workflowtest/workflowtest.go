// Package workflowtest asserts, in a component's tests, what the shared
// workflow plumbing builds for it, so each component that offers it
// checks the same things without a copy of the assertions.
package workflowtest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// MaxAge is what a component's maximum-age check should be.
type MaxAge struct {
	// Kind and Name are the component's ("trainingpipeline", "churn").
	Kind, Name string
	Age        time.Duration
	// Schedule is the check's expression ("rate(1 hour)"): a quarter of
	// Age, at most hourly.
	Schedule string
	// State is "ENABLED" or "DISABLED", the trigger's.
	State string
	// DeadLetterQueue names the trigger's dead-letter queue, where a failed
	// start of the check lands ("churn-s3-dlq").
	DeadLetterQueue string
}

// MaxAgeChildren returns the children a maximum-age check adds to the
// component named name, as synthtest.ChildrenOf lists them.
func MaxAgeChildren(name string) []string {
	return []string{
		"aws:cloudwatch/logGroup:LogGroup " + name + "-max-age-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm " + name + "-max-age-failed",
		"aws:iam/role:Role " + name + "-age-start-role",
		"aws:iam/role:Role " + name + "-max-age-role",
		"aws:iam/rolePolicy:RolePolicy " + name + "-age-start-policy",
		"aws:iam/rolePolicy:RolePolicy " + name + "-max-age-policy",
		"aws:scheduler/schedule:Schedule " + name + "-max-age-check",
		"aws:sfn/stateMachine:StateMachine " + name + "-max-age",
	}
}

// AssertMaxAge asserts the maximum-age check of want.Name in plan: its
// schedule (expression, UTC, state, the check as target with the
// scheduler role, failed starts to the trigger's queue, the input naming
// the component and the rule), the check's condition (late once the last
// success is Age before the check's time, no grace), and its IAM: the
// scheduler may start only the check and send only to the queue; the
// check reads only the component's own record of its last success.
func AssertMaxAge(t testing.TB, plan *synth.Plan, want MaxAge) {
	t.Helper()
	name := want.Name
	sched := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", name+"-max-age-check")
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", name+"-max-age")
	queue := synthtest.Find(t, plan, "aws:sqs/queue:Queue", want.DeadLetterQueue)
	startRole := synthtest.Find(t, plan, "aws:iam/role:Role", name+"-age-start-role")

	assert.Equal(t, want.Schedule, sched.String("scheduleExpression"))
	assert.Equal(t, "UTC", sched.String("scheduleExpressionTimezone"))
	assert.Equal(t, want.State, sched.String("state"))
	assert.Equal(t, machine.Output("arn"), sched.Get("target", "arn"))
	assert.Equal(t, startRole.Output("arn"), sched.Get("target", "roleArn"))
	assert.Equal(t, queue.Output("arn"), sched.Get("target", "deadLetterConfig", "arn"), "a failed check start lands in the trigger's queue")
	var input map[string]string
	require.NoError(t, json.Unmarshal([]byte(sched.Get("target", "input").(string)), &input))
	assert.Equal(t, map[string]string{
		"component": want.Kind, "name": name, "due": "<aws.scheduler.scheduled-time>",
		"rule": "a run succeeds at least every " + want.Age.String(),
	}, input)

	var def map[string]any
	require.NoError(t, json.Unmarshal([]byte(machine.String("definition")), &def))
	assert.Equal(t, "ReadLastSuccess", def["StartAt"], "no grace to wait: the age is the rule")
	late := def["States"].(map[string]any)["Late"].(map[string]any)
	assert.Equal(t, fmt.Sprintf("{%% $toMillis($states.input.lastDue) <= $toMillis($states.input.due) - %d %%}", want.Age.Milliseconds()),
		late["Choices"].([]any)[0].(map[string]any)["Condition"])

	start := synthtest.Policy(t, plan, name+"-age-start-policy")
	assert.Equal(t, []string{"StartThisWorkflow", "DeadLetterFailedStarts"}, synthtest.Sids(start))
	assert.Equal(t, []string{"states:StartExecution"}, synthtest.Statement(t, start, "StartThisWorkflow").Action)
	assert.Equal(t, []string{machine.Output("arn")}, synthtest.Statement(t, start, "StartThisWorkflow").Resource)
	assert.Equal(t, []string{"sqs:SendMessage"}, synthtest.Statement(t, start, "DeadLetterFailedStarts").Action)
	assert.Equal(t, []string{queue.Output("arn")}, synthtest.Statement(t, start, "DeadLetterFailedStarts").Resource)
	assert.Equal(t, []string{"scheduler.amazonaws.com"}, synthtest.TrustPolicy(t, plan, name+"-age-start-role").Statement[0].Principal["Service"])
	read := synthtest.Statement(t, synthtest.Policy(t, plan, name+"-max-age-policy"), "ReadLastSuccess")
	assert.Equal(t, []string{"ssm:GetParameter"}, read.Action)
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:ssm/parameter:Parameter", name+"-last-success").Output("arn")}, read.Resource)
}
