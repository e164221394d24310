package batch

import (
	"github.com/schedkit/schedkit/components/internal/sfn"
)

// State names every schedkit batch, inference and training workflow shares.
const (
	// StateRunContext decides where the run's date comes from.
	StateRunContext = "RunContext"
	// StateRunDateFromSchedule takes the date of the scheduler's scheduledTime input.
	StateRunDateFromSchedule = "RunDateFromSchedule"
	// StateRunDateFromStart takes the date of the execution's start.
	StateRunDateFromStart = "RunDateFromStart"
	// StateDescribeFailure shapes the alert.
	StateDescribeFailure = "DescribeFailure"
	// StateNotifyFailure publishes it to the alert topic.
	StateNotifyFailure = "NotifyFailure"
	// StateFailed ends a failed run.
	StateFailed = "Failed"
	// StateSucceeded ends a successful run.
	StateSucceeded = "Succeeded"
)

// RunPath is where the run context lands in the execution's data:
// $.run.date is the run's date (YYYY-MM-DD, UTC) and $.run.execution the
// execution's name.
const RunPath = "$.run"

// RunDateExpression is the intrinsic that cuts the date out of an ISO 8601
// timestamp held at path: the part before the "T".
func RunDateExpression(path string) string {
	return "States.ArrayGetItem(States.StringSplit(" + path + ", 'T'), 0)"
}

// RunContextStates compute $.run and move on to next:
//
//	RunContext ─$.scheduledTime present→ RunDateFromSchedule ─┐
//	           └─otherwise→ RunDateFromStart ─────────────────┴→ next
//
// A scheduled run is dated by EventBridge Scheduler's scheduledTime (so a
// late or retried start still writes the intended day's partition, and a
// manual backfill can pass {"scheduledTime": "2024-05-01T00:00:00Z"}); any
// other run by $$.Execution.StartTime. Both are UTC ISO 8601 timestamps.
func RunContextStates(next string) map[string]sfn.State {
	present := true
	ctx := func(timestamp string) map[string]any {
		return map[string]any{
			"date.$":      RunDateExpression(timestamp),
			"execution.$": "$$.Execution.Name",
		}
	}
	return map[string]sfn.State{
		StateRunContext: {
			Type:    sfn.TypeChoice,
			Choices: []sfn.Choice{{Variable: "$.scheduledTime", IsPresent: &present, Next: StateRunDateFromSchedule}},
			Default: StateRunDateFromStart,
		},
		StateRunDateFromSchedule: {
			Type:       sfn.TypePass,
			Comment:    "Date the run by the schedule's intended time",
			Parameters: ctx("$.scheduledTime"),
			ResultPath: sfn.Path(RunPath),
			Next:       next,
		},
		StateRunDateFromStart: {
			Type:       sfn.TypePass,
			Comment:    "Date the run by the execution's start",
			Parameters: ctx("$$.Execution.StartTime"),
			ResultPath: sfn.Path(RunPath),
			Next:       next,
		},
	}
}

// CatchAll sends every catchable error, with its Error and Cause at
// $.error, to the failure chain.
func CatchAll() []sfn.Catcher {
	return []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.error", Next: StateDescribeFailure}}
}

// FailureStates are the chain every caught error runs through:
//
//	DescribeFailure (Pass: component, name, execution, error, cause)
//	  → NotifyFailure (sns:publish to topicArn, retried; a failed publish still fails the run)
//	  → Failed (Fail with errorName)
//
// kind is "batch workflow", "batch inference", ...; it names the alert's subject.
func FailureStates(kind, name, topicArn, errorName string) map[string]sfn.State {
	return map[string]sfn.State{
		StateDescribeFailure: {
			Type:    sfn.TypePass,
			Comment: "Describe the failure for the alert",
			Parameters: map[string]any{
				"component":   kind,
				"name":        name,
				"execution.$": "$$.Execution.Id",
				"error.$":     "$.error.Error",
				"cause.$":     "$.error.Cause",
			},
			ResultPath: sfn.Path("$.alert"),
			Next:       StateNotifyFailure,
		},
		StateNotifyFailure: {
			Type:     sfn.TypeTask,
			Resource: "arn:aws:states:::sns:publish",
			Parameters: map[string]any{
				"TopicArn":  topicArn,
				"Subject":   truncate("schedkit "+kind+" "+name+" failed", 100),
				"Message.$": "States.JsonToString($.alert)",
			},
			ResultPath: sfn.Path("$.notified"),
			Retry: []sfn.Retrier{{
				ErrorEquals: []string{sfn.ErrorAll}, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: sfn.JitterFull,
			}},
			Catch: []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.notifyError", Next: StateFailed}},
			Next:  StateFailed,
		},
		StateFailed: {Type: sfn.TypeFail, Error: errorName, Cause: "The run failed; the alert and the execution history have the cause."},
	}
}

// Merge copies every state of the maps into one; later maps win.
func Merge(maps ...map[string]sfn.State) map[string]sfn.State {
	out := map[string]sfn.State{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
