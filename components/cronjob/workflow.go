package cronjob

import (
	"fmt"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// State names of the CronJob workflow, in the order a run visits them.
const (
	StateCheckRunning  = "CheckRunning"
	StateNoteExecution = "NoteExecution"
	StateCountRunning  = "CountRunning"
	StateIsRunning     = "IsRunning"
	StateRecordSkip    = "RecordSkip"
	StateSkipRun       = "SkipRun"
	StateRunTask       = "RunTask"
	StateCheckExit     = "CheckExitCode"
	StateExitFailed    = "ExitCodeFailed"
	StateDescribe      = workflow.StateDescribeFailure
	StateNotify        = workflow.StateNotifyFailure
	StateFailed        = workflow.StateFailed
	StateSucceeded     = workflow.StateSucceeded
)

// TransientStartErrors are the errors a task start is retried on: a
// non-empty failures list from RunTask (e.g. capacity unavailable), ECS
// service errors and throttling.
var TransientStartErrors = []string{"AmazonECS.Unknown", "ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"}

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

// workflowInput is everything the definition needs, resolved.
type workflowInput struct {
	Job              string
	ClusterArn       string
	TaskDefinition   string
	Family           string
	Subnets          []string
	SecurityGroups   []string
	AssignPublicIP   bool
	CapacityProvider string
	MaxRuntimeSec    int
	StartAttempts    int
	TopicArn         string
}

// definition builds the workflow:
//
//	CheckRunning (this state machine's RUNNING executions) → NoteExecution → CountRunning
//	  → IsRunning ─another run→ RecordSkip (SkippedRuns +1, best effort) → SkipRun (succeeds, output records the skip)
//	             └─otherwise→ RunTask (runTask.sync, timeout = MaxRuntime,
//	                          retries transient start errors)
//	                          → CheckExitCode ─0→ Succeeded
//	                                          └─else→ ExitCodeFailed → DescribeFailure
//	any error (incl. States.Timeout, which stops the task) → DescribeFailure → NotifyFailure → Failed
//	(the failure chain every schedkit workflow shares, see workflow.FailureStates)
//
// The guard counts only runs of this workflow, so other tasks of the same
// family (a backfill of the same job) never make it skip. ListExecutions is
// eventually consistent (Step Functions API Reference, ListExecutions), so
// the asking run may or may not be listed: the run is skipped when it is
// listed beside another one, or when it is not listed and another one is.
func definition(in workflowInput) sfn.Definition {
	catchAll := workflow.CatchAll()
	publicIP := "DISABLED"
	if in.AssignPublicIP {
		publicIP = "ENABLED"
	}
	run := map[string]any{
		"Cluster":        in.ClusterArn,
		"TaskDefinition": in.TaskDefinition,
		"NetworkConfiguration": map[string]any{"AwsvpcConfiguration": map[string]any{
			"Subnets":        in.Subnets,
			"SecurityGroups": in.SecurityGroups,
			"AssignPublicIp": publicIP,
		}},
		"PlatformVersion": "LATEST",
		"PropagateTags":   "TASK_DEFINITION",
		"Group":           "family:" + in.Family,
	}
	if in.CapacityProvider == "FARGATE" {
		run["LaunchType"] = "FARGATE"
	} else {
		run["CapacityProviderStrategy"] = []map[string]any{{"CapacityProvider": in.CapacityProvider, "Weight": 1}}
	}
	zero, present, yes, no, one, two := 0.0, true, true, false, 1.0, 2.0
	return sfn.Definition{
		Comment:        fmt.Sprintf("schedkit CronJob %s: one run at a time, the task's real exit code, alerts on failure", in.Job),
		StartAt:        StateCheckRunning,
		TimeoutSeconds: in.MaxRuntimeSec + int(WorkflowSlack.Seconds()),
		States: workflow.Merge(workflow.FailureStates("cronjob", in.Job, in.TopicArn, "CronJobFailed"), map[string]sfn.State{
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
				Catch: catchAll,
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
				Default: StateRunTask,
			},
			StateRecordSkip: {
				Type:     sfn.TypeTask,
				Comment:  "Count the skip in CloudWatch; a failure here still ends the run as skipped",
				Resource: putMetricDataResource,
				Parameters: map[string]any{
					"Namespace": SkipMetricNamespace,
					"MetricData": []map[string]any{{
						"MetricName": SkippedRunsMetric, "Value": 1, "Unit": "Count",
						"Dimensions": []map[string]any{{"Name": "CronJob", "Value": in.Job}},
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
			StateRunTask: {
				Type:           sfn.TypeTask,
				Comment:        "Run the task and wait for it to stop; on timeout Step Functions stops it",
				Resource:       "arn:aws:states:::ecs:runTask.sync",
				Parameters:     run,
				TimeoutSeconds: in.MaxRuntimeSec,
				ResultPath:     sfn.Path("$.task"),
				Retry: []sfn.Retrier{{
					ErrorEquals:     TransientStartErrors,
					IntervalSeconds: 10, MaxAttempts: in.StartAttempts - 1, BackoffRate: 2,
					MaxDelaySeconds: 300, JitterStrategy: sfn.JitterFull,
				}},
				Catch: catchAll,
				Next:  StateCheckExit,
			},
			StateCheckExit: {
				Type: sfn.TypeChoice,
				Choices: []sfn.Choice{{
					And: []sfn.Choice{
						{Variable: "$.task.Containers[0].ExitCode", IsPresent: &present},
						{Variable: "$.task.Containers[0].ExitCode", NumericEquals: &zero},
					},
					Next: StateSucceeded,
				}},
				Default: StateExitFailed,
			},
			StateExitFailed: {
				Type:    sfn.TypePass,
				Comment: "The container exited non-zero or never started",
				Parameters: map[string]any{
					"Error":   "NonZeroExitCode",
					"Cause.$": "States.JsonToString($.task.Containers)",
				},
				ResultPath: sfn.Path("$.error"),
				Next:       StateDescribe,
			},
			StateSucceeded: {Type: sfn.TypeSucceed},
		}),
	}
}
