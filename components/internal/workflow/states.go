package workflow

import (
	"maps"
	"time"

	"github.com/schedkit/schedkit/components/internal/sfn"
)

// StateSucceeded ends a successful run.
const StateSucceeded = "Succeeded"

// MaxRuntime is the longest a Step Functions standard execution may run.
const MaxRuntime = 365 * 24 * time.Hour

// Merge copies every state of the maps into one; later maps win.
func Merge(parts ...map[string]sfn.State) map[string]sfn.State {
	out := map[string]sfn.State{}
	for _, m := range parts {
		maps.Copy(out, m)
	}
	return out
}
