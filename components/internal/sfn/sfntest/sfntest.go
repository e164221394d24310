// Package sfntest reads a synthesized state machine's definition in tests:
// parsed into the typed sfn.Definition and checked the way the Step
// Functions service checks it on create.
package sfntest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// StateMachineType is the type token of a state machine.
const StateMachineType = "aws:sfn/stateMachine:StateMachine"

// Definition returns the definition of the state machine named name,
// failing the test when it is missing, unparsable or structurally invalid.
func Definition(t testing.TB, plan *synth.Plan, name string) sfn.Definition {
	t.Helper()
	def, err := sfn.Parse(synthtest.Find(t, plan, StateMachineType, name).String("definition"))
	require.NoError(t, err)
	require.NoError(t, def.Validate(), "definition of %s", name)
	return def
}
