package cronjob

import (
	"fmt"

	"github.com/schedkit/schedkit/components/internal/sfn"
)

// State names of the CronJob workflow, in the order a run visits them.
const (
	StateCheckRunning = "CheckRunning"
	StateIsRunning    = "IsRunning"
	StateSkipRun      = "SkipRun"
	StateRunTask      = "RunTask"
	StateCheckExit    = "CheckExitCode"
	StateExitFailed   = "ExitCodeFailed"
	StateDescribe     = "DescribeFailure"
	StateNotify       = "NotifyFailure"
	StateFailed       = "Failed"
	StateSucceeded    = "Succeeded"
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
//	CheckRunning → IsRunning ─running→ SkipRun (succeeds, output records the skip)
//	                        └─otherwise→ RunTask (runTask.sync, timeout = MaxRuntime,
//	                                     retries transient start errors)
//	                                     → CheckExitCode ─0→ Succeeded
//	                                                     └─else→ ExitCodeFailed → DescribeFailure
//	any error (incl. States.Timeout, which stops the task) → DescribeFailure → NotifyFailure → Failed
func definition(in workflowInput) sfn.Definition {
	catchAll := []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.error", Next: StateDescribe}}
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
		"StartedBy":       "schedkit",
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
		States: map[string]sfn.State{
			StateCheckRunning: {
				Type:     sfn.TypeTask,
				Comment:  "List this job's tasks that are still running",
				Resource: "arn:aws:states:::aws-sdk:ecs:listTasks",
				Parameters: map[string]any{
					"Cluster":       in.ClusterArn,
					"Family":        in.Family,
					"DesiredStatus": "RUNNING",
				},
				ResultSelector: map[string]any{"TaskArns.$": "$.TaskArns"},
				ResultPath:     sfn.Path("$.guard"),
				Retry: []sfn.Retrier{{
					ErrorEquals:     []string{"Ecs.EcsException", "Ecs.ServerException", "Ecs.ThrottlingException"},
					IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
				}},
				Catch: catchAll,
				Next:  StateIsRunning,
			},
			StateIsRunning: {
				Type:    sfn.TypeChoice,
				Choices: []sfn.Choice{{Variable: "$.guard.TaskArns[0]", IsPresent: &present, Next: StateSkipRun}},
				Default: StateRunTask,
			},
			StateSkipRun: {
				Type:       sfn.TypePass,
				Comment:    "A task of this job is still running: skip this run",
				Result:     map[string]any{"skipped": true, "reason": "a task of this job is still running"},
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
			StateDescribe: {
				Type: sfn.TypePass,
				Parameters: map[string]any{
					"job":         in.Job,
					"execution.$": "$$.Execution.Id",
					"error.$":     "$.error.Error",
					"cause.$":     "$.error.Cause",
				},
				ResultPath: sfn.Path("$.alert"),
				Next:       StateNotify,
			},
			StateNotify: {
				Type:     sfn.TypeTask,
				Resource: "arn:aws:states:::sns:publish",
				Parameters: map[string]any{
					"TopicArn":  in.TopicArn,
					"Subject":   truncate("schedkit cronjob "+in.Job+" failed", 100),
					"Message.$": "States.JsonToString($.alert)",
				},
				ResultPath: sfn.Path("$.notified"),
				Retry: []sfn.Retrier{{
					ErrorEquals: []string{sfn.ErrorAll}, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
				}},
				Catch: []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.notifyError", Next: StateFailed}},
				Next:  StateFailed,
			},
			StateFailed:    {Type: sfn.TypeFail, Error: "CronJobFailed", Cause: "The job failed; the alert and the execution history have the cause."},
			StateSucceeded: {Type: sfn.TypeSucceed},
		},
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
