package workflow

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/sfn"
)

// Every workflow records its last success, and a deadline check reads it
// (see Deadline). The record is an SSM Parameter Store String parameter,
// name-last-success, whose value is "<due> <execution>": the time the run
// was due (EventBridge Scheduler's scheduledTime in the execution input,
// else the execution's start, both UTC ISO 8601) and the execution's
// name. It starts as NeverSucceeded; Pulumi creates it and then ignores its
// value, which only the workflow writes (ssm:PutParameter, Overwrite). A
// standard parameter and its API calls at the default throughput cost
// nothing ("AWS Systems Manager pricing", Parameter Store).
const (
	// NeverSucceeded is the record before the first success: due at the epoch.
	NeverSucceeded = "1970-01-01T00:00:00Z never"
	// StateRecordSuccess and the states after it record a success; the
	// run's own last state, StateSucceeded, moves to them.
	StateRecordSuccess          = "RecordSuccess"
	StateRecordScheduledSuccess = "RecordScheduledSuccess"
	StateRecordStartedSuccess   = "RecordStartedSuccess"
	// StateDone ends a successful run once it is recorded.
	StateDone = "Done"

	putParameterResource = "arn:aws:states:::aws-sdk:ssm:putParameter"
	getParameterResource = "arn:aws:states:::aws-sdk:ssm:getParameter"
)

// LastSuccessChildName is the parameter's child name.
func LastSuccessChildName(name string) string { return naming.Child(name, "last-success") }

// newLastSuccess creates name-last-success (see NeverSucceeded).
func newLastSuccess(ctx *pulumi.Context, name string, tags pulumi.StringMap, p pulumi.ResourceOption) (*ssm.Parameter, error) {
	param, err := ssm.NewParameter(ctx, LastSuccessChildName(name), &ssm.ParameterArgs{
		Description: pulumi.Sprintf("schedkit: when %s last succeeded (the run's due time and execution); written by its workflow, read by its deadline check", name),
		Type:        pulumi.String("String"),
		Tier:        pulumi.String("Standard"),
		Value:       pulumi.String(NeverSucceeded),
		Tags:        tags,
	}, p, pulumi.IgnoreChanges([]string{"value"}))
	if err != nil {
		return nil, fmt.Errorf("creating last-success record: %w", err)
	}
	return param, nil
}

// recordSuccessStatement lets the workflow write its own record.
func recordSuccessStatement(param *ssm.Parameter) iampolicy.Statement {
	return iampolicy.Statement{Sid: "RecordLastSuccess", Actions: []string{"ssm:PutParameter"}, Resources: iampolicy.Inputs(param.Arn)}
}

// withSuccessRecord rewrites a definition so that its success records
// itself: the top-level Succeed state StateSucceeded becomes
//
//	Succeeded (Pass: execution input, start and name at $.lastSuccess)
//	  → RecordSuccess ─scheduledTime in the input→ RecordScheduledSuccess ─┐
//	                  └─otherwise→ RecordStartedSuccess ──────────────────┴→ Done (Succeed)
//
// The writes are retried and then caught: a record that fails leaves an
// older one, so it can raise a deadline alert that was not due, never hide
// one that was. A definition without StateSucceeded is an error.
func withSuccessRecord(definition, paramName string) (string, error) {
	var def sfn.Definition
	if err := json.Unmarshal([]byte(definition), &def); err != nil {
		return "", fmt.Errorf("reading the workflow definition: %w", err)
	}
	if s, ok := def.States[StateSucceeded]; !ok || s.Type != sfn.TypeSucceed {
		return "", fmt.Errorf("the workflow definition has no Succeed state %q to record", StateSucceeded)
	}
	for _, n := range []string{StateRecordSuccess, StateRecordScheduledSuccess, StateRecordStartedSuccess, StateDone} {
		if _, ok := def.States[n]; ok {
			return "", fmt.Errorf("the workflow definition already has a state %q", n)
		}
	}
	present := true
	write := func(due string) sfn.State {
		return sfn.State{
			Type:     sfn.TypeTask,
			Comment:  "Record this success for the deadline check; a failure here does not fail the run",
			Resource: putParameterResource,
			Parameters: map[string]any{
				"Name":      paramName,
				"Type":      "String",
				"Overwrite": true,
				"Value.$":   "States.Format('{} {}', " + due + ", $.lastSuccess.execution)",
			},
			ResultPath: sfn.Path("$.lastSuccessRecorded"),
			Retry: []sfn.Retrier{{
				ErrorEquals: []string{sfn.ErrorAll}, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
			}},
			Catch: []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.lastSuccessError", Next: StateDone}},
			Next:  StateDone,
		}
	}
	def.States[StateSucceeded] = sfn.State{
		Type:    sfn.TypePass,
		Comment: "The run succeeded: note when it was due",
		Parameters: map[string]any{
			"input.$":     "$$.Execution.Input",
			"started.$":   "$$.Execution.StartTime",
			"execution.$": "$$.Execution.Name",
		},
		ResultPath: sfn.Path("$.lastSuccess"),
		Next:       StateRecordSuccess,
	}
	def.States[StateRecordSuccess] = sfn.State{
		Type:    sfn.TypeChoice,
		Choices: []sfn.Choice{{Variable: "$.lastSuccess.input.scheduledTime", IsPresent: &present, Next: StateRecordScheduledSuccess}},
		Default: StateRecordStartedSuccess,
	}
	def.States[StateRecordScheduledSuccess] = write("$.lastSuccess.input.scheduledTime")
	def.States[StateRecordStartedSuccess] = write("$.lastSuccess.started")
	def.States[StateDone] = sfn.State{Type: sfn.TypeSucceed}
	if err := def.Validate(); err != nil {
		return "", err
	}
	out, err := def.JSON()
	if err != nil {
		return "", err
	}
	return out, nil
}

// splitRecord reads a record's due time and execution.
func splitRecord(v string) (due, execution string) {
	due, execution, _ = strings.Cut(v, " ")
	return due, execution
}
