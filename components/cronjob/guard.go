package cronjob

import (
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// guardErrors are the errors the guard's ListExecutions call is retried on.
// An aws-sdk integration names its errors "<service>.<error>" with the
// service's exception prefix, Sfn for Step Functions (Step Functions
// Developer Guide, "Handling errors in AWS SDK integrations"); SfnException
// is the SDK's general service error.
var guardErrors = []string{"Sfn.SfnException", "Sfn.ThrottlingException"}

// Service integrations of the guard.
const (
	listExecutionsResource = "arn:aws:states:::aws-sdk:sfn:listExecutions"
	putMetricDataResource  = "arn:aws:states:::aws-sdk:cloudwatch:putMetricData"
)

// guardStates are the states before a run starts the task:
//
//	CheckRunning (this state machine's RUNNING executions) → NoteExecution → CountRunning
//	  → IsRunning ─another run→ RecordSkip (SkippedRuns +1, best effort) → SkipRun (succeeds)
//	             └─otherwise→ run
//
// The guard counts only runs of this workflow (job), so other tasks of the
// same family, such as a backfill of the same job, never make it skip.
// ListExecutions is eventually consistent (Step Functions API Reference,
// ListExecutions), so the asking run may or may not be listed: the run is
// skipped when it is listed beside another one, or when it is not listed
// and another one is. The run's own ARN is copied into the data first
// (NoteExecution), so the intrinsics in CountRunning read state data only.
func guardStates(job, run string) map[string]sfn.State {
	yes, no, one, two := true, false, 1.0, 2.0
	return map[string]sfn.State{
		StateCheckRunning: {
			Type:     sfn.TypeTask,
			Comment:  "List this workflow's runs that are still running",
			Resource: listExecutionsResource,
			Parameters: map[string]any{
				"StateMachineArn.$": "$$.StateMachine.Id",
				"StatusFilter":      "RUNNING",
				"MaxResults":        10,
			},
			ResultSelector: map[string]any{"arns.$": "$.Executions[*].ExecutionArn"},
			ResultPath:     sfn.Path("$.guard"),
			Retry: []sfn.Retrier{{
				ErrorEquals:     guardErrors,
				IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
			}},
			Catch: workflow.CatchAll(),
			Next:  StateNoteExecution,
		},
		StateNoteExecution: {
			Type:       sfn.TypePass,
			Comment:    "Keep this execution's ARN beside the list, to look for it there",
			Parameters: map[string]any{"arn.$": "$$.Execution.Id"},
			ResultPath: sfn.Path("$.self"),
			Next:       StateCountRunning,
		},
		StateCountRunning: {
			Type:    sfn.TypePass,
			Comment: "Count the running executions and whether this one is among them",
			Parameters: map[string]any{
				"running.$":      "States.ArrayLength($.guard.arns)",
				"includesSelf.$": "States.ArrayContains($.guard.arns, $.self.arn)",
			},
			ResultPath: sfn.Path("$.guard.runs"),
			Next:       StateIsRunning,
		},
		StateIsRunning: {
			Type: sfn.TypeChoice,
			Choices: []sfn.Choice{{
				Or: []sfn.Choice{
					{And: []sfn.Choice{
						{Variable: "$.guard.runs.includesSelf", BooleanEquals: &yes},
						{Variable: "$.guard.runs.running", NumericGreaterThanEquals: &two},
					}},
					{And: []sfn.Choice{
						{Variable: "$.guard.runs.includesSelf", BooleanEquals: &no},
						{Variable: "$.guard.runs.running", NumericGreaterThanEquals: &one},
					}},
				},
				Next: StateRecordSkip,
			}},
			Default: run,
		},
		StateRecordSkip: {
			Type:     sfn.TypeTask,
			Comment:  "Count the skip in CloudWatch; a failure here still ends the run as skipped",
			Resource: putMetricDataResource,
			Parameters: map[string]any{
				"Namespace": SkipMetricNamespace,
				"MetricData": []map[string]any{{
					"MetricName": SkippedRunsMetric, "Value": 1, "Unit": "Count",
					"Dimensions": []map[string]any{{"Name": "CronJob", "Value": job}},
				}},
			},
			ResultPath: sfn.Path("$.skipMetric"),
			Retry: []sfn.Retrier{{
				ErrorEquals: []string{sfn.ErrorAll}, IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
			}},
			Catch: []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.skipMetricError", Next: StateSkipRun}},
			Next:  StateSkipRun,
		},
		StateSkipRun: {
			Type:       sfn.TypePass,
			Comment:    "Another run of this workflow is still running: skip this run",
			Result:     map[string]any{"skipped": true, "reason": "another run of this workflow is still running"},
			ResultPath: sfn.Path("$.outcome"),
			End:        true,
		},
	}
}
