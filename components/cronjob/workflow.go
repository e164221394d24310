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
// guardStates builds the states before RunTask and says how runs are counted.
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
	zero, present := 0.0, true
	return sfn.Definition{
		Comment:        fmt.Sprintf("schedkit CronJob %s: one run at a time, the task's real exit code, alerts on failure", in.Job),
		StartAt:        StateCheckRunning,
		TimeoutSeconds: in.MaxRuntimeSec + int(WorkflowSlack.Seconds()),
		States: workflow.Merge(workflow.FailureStates("cronjob", in.Job, in.TopicArn, "CronJobFailed"), guardStates(in.Job, StateRunTask), map[string]sfn.State{
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
