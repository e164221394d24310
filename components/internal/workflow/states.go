package workflow

import (
	"time"

	"github.com/schedkit/schedkit/components/internal/sfn"
)

// StateSucceeded ends a successful run.
const StateSucceeded = "Succeeded"

// MaxRuntime is the longest a Step Functions standard execution may run.
const MaxRuntime = 365 * 24 * time.Hour

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
