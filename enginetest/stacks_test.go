package enginetest_test

import (
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/enginetest"
	"github.com/schedkit/schedkit/examples/platform/stacks"
)

// stack loads one of the repository's stacks (the sample deployment).
func stack(t *testing.T, name string) enginetest.Program {
	t.Helper()
	p, err := enginetest.Load("../examples/platform", name, stacks.Program)
	require.NoError(t, err)
	return p
}

// TestStacks_deployFromEmptyAsSynthPlansThenStaySame: every stack deploys
// from an empty state with only creates, the state equals synth's plan
// resource for resource, and a second update is all `same`, with no
// provider call.
func TestStacks_deployFromEmptyAsSynthPlansThenStaySame(t *testing.T) {
	for _, name := range []string{"dev", "staging", "prod"} {
		t.Run(name, func(t *testing.T) {
			p := stack(t, name)
			deployed := deployAsPlanned(t, p)
			assertStaysSame(t, p, deployed)
		})
	}
}

// deployAsPlanned deploys p on an empty stack, checks that every step is a
// create and the state is synth's plan, and returns the state.
func deployAsPlanned(t *testing.T, p enginetest.Program) *deploy.Snapshot {
	t.Helper()
	want, err := enginetest.Synth(p)
	require.NoError(t, err)
	res := enginetest.Update(t, p, nil, enginetest.Options{})
	for op, urns := range res.ByOp() {
		if op != "create" {
			t.Errorf("%d %s steps, want only creates: %v", len(urns), op, urns)
		}
	}
	got := enginetest.StatePlan(p.Project, p.Stack, res.Snapshot)
	for _, d := range enginetest.Differences(want, got) {
		t.Error(d)
	}
	assert.Equal(t, len(want.Resources), len(got.Resources), "resources in synth's plan and in the state")
	return res.Snapshot
}

// assertStaysSame updates the state again with the same program: only
// `same` steps, no provider call. (Without a preview: the first update's
// preview already ran this program; this halves the time.)
func assertStaysSame(t *testing.T, p enginetest.Program, base *deploy.Snapshot) {
	t.Helper()
	res := enginetest.Update(t, p, base, enginetest.Options{SkipPreview: true})
	byOp := res.ByOp()
	assert.Equal(t, []string{"same"}, keys(byOp), "second update: %v", byOp)
	assert.Len(t, byOp["same"], len(base.Resources))
	assert.Empty(t, res.Calls.Creates())
	assert.Empty(t, res.Calls.Updates())
	assert.Empty(t, res.Calls.Deletes())
}
