package workflow

import "github.com/schedkit/schedkit/components/internal/sfn"

// Names of the states every caught error runs through.
const (
	// StateDescribeFailure shapes the alert.
	StateDescribeFailure = "DescribeFailure"
	// StateNotifyFailure publishes it to the alert topic.
	StateNotifyFailure = "NotifyFailure"
	// StateFailed ends a failed run.
	StateFailed = "Failed"
)

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

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
