package workflow

import "github.com/schedkit/schedkit/components/internal/sfn"

// Names of the states that date a run.
const (
	// StateRunContext decides where the run's date comes from.
	StateRunContext = "RunContext"
	// StateRunDateFromSchedule takes the date of the scheduler's scheduledTime input.
	StateRunDateFromSchedule = "RunDateFromSchedule"
	// StateRunDateFromStart takes the date of the execution's start.
	StateRunDateFromStart = "RunDateFromStart"
)

// RunPath is where the run context lands in the execution's data:
// $.run.date is the run's date (YYYY-MM-DD, UTC) and $.run.execution the
// execution's name.
const RunPath = "$.run"

// runDateExpression is the intrinsic that cuts the date out of an ISO 8601
// timestamp held at path: the part before the "T".
func runDateExpression(path string) string {
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
			"date.$":      runDateExpression(timestamp),
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
