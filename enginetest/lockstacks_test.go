package enginetest_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/enginetest"
	"github.com/schedkit/schedkit/plan"
)

// TestStacks_prodRemovalWithoutPreviewDeletesNothingLocked removes every
// component of the deployed prod stack at once (a program that registers
// nothing), without a preview, at parallelism 1 and 8. Every component of
// the stack with a Protect has its lock protected (the constructors
// register it), so the engine fails on a lock and no resource under such a
// component is deleted: not the data, not the functions, roles, alarms and
// mappings that depend on it. What the engine does delete before it fails
// (resources of components that protect nothing, a Warehouse, the
// Dashboard, which hold nothing) is among what `schedkit diff` says a
// preview-less update may delete first. (With a TaskGraph's lock protected
// only when the graph created data, a composite's lock could not keep the
// unprotected lock of its nested graph from leaving the state first at
// parallelism 8: this test found it.)
func TestStacks_prodRemovalWithoutPreviewDeletesNothingLocked(t *testing.T) {
	p := stack(t, "prod")
	deployed := enginetest.Update(t, p, nil, enginetest.Options{}).Snapshot
	want, err := enginetest.Synth(p)
	require.NoError(t, err)

	empty := p
	empty.Run = func(*pulumi.Context) error { return nil }
	report := predicted(t, p, empty)
	require.NotNil(t, report.Refusal)
	mayGo := map[resource.URN]bool{}
	for _, u := range report.Refusal.DeletedFirst {
		mayGo[resource.URN(u)] = true
	}

	// locked: every resource under a schedkit component that holds
	// protected data, found from the data, not from the locks' flags (a
	// constructor that left its lock unprotected must fail this test), and
	// under a component whose lock is protected without data of its own.
	locked := map[resource.URN]bool{}
	lockAll := func(component string) {
		for _, r := range want.Resources {
			if under(want, r.URN, component) {
				locked[resource.URN(r.URN)] = true
			}
		}
	}
	for _, r := range want.Resources {
		if _, stateful := plan.Stateful(r.Type); stateful && r.Protect {
			for c, ok := want.ByURN(r.Parent); ok; c, ok = want.ByURN(c.Parent) {
				if strings.HasPrefix(c.Type, "schedkit:") {
					lockAll(c.URN)
				}
			}
		}
		if plan.IsLock(r) && r.Protect {
			lockAll(r.Parent)
		}
	}
	require.NotEmpty(t, locked)

	for _, parallel := range []int32{1, 8} {
		blind := enginetest.Update(t, empty, deployed, enginetest.Options{SkipPreview: true, ExpectFailure: true, Parallel: parallel})
		require.ErrorContains(t, blind.Err, "-delete-lock\" cannot be deleted", "parallel %d", parallel)
		for _, u := range blind.ByOp()["delete"] {
			assert.False(t, locked[u], "parallel %d: %s is under a protected lock and was deleted", parallel, u)
			assert.True(t, mayGo[u], "parallel %d: %s deleted, and schedkit diff did not say so", parallel, u)
		}
		for _, u := range blind.Calls.Deletes() {
			assert.False(t, locked[u], "parallel %d: the provider was asked to delete %s", parallel, u)
		}
		left := inState(blind.Snapshot)
		for u := range locked {
			assert.True(t, left[u], "parallel %d: %s stays in the state", parallel, u)
		}
	}
}

// under says whether urn is a descendant of ancestor in p.
func under(p *plan.Plan, urn, ancestor string) bool {
	for r, ok := p.ByURN(urn); ok; r, ok = p.ByURN(r.Parent) {
		if r.Parent == ancestor {
			return true
		}
	}
	return false
}
