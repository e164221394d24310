package synthtest

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// Kept asserts what a component with Protect promises, what the policy
// rule prod-stateful-kept checks (plan.KeepFindings): every stateful
// resource in the plan is retained and protected, every guard and
// everything a stateful resource needs to keep working (plan.Needed)
// retained, every component holding one has its delete lock protected;
// and nothing else protected (a role or an alarm may still be replaced or
// removed). It returns the stateful resources as sorted "type name" lines,
// so the test can also assert which ones there are.
func Kept(t testing.TB, p *synth.Plan) []string {
	t.Helper()
	for _, f := range p.KeepFindings() {
		assert.Fail(t, "not kept", f.Message)
	}
	for _, r := range p.Resources {
		if _, stateful := plan.Stateful(r.Type); !stateful && !plan.IsLock(r) && r.Protect {
			assert.Failf(t, "protected", "%s %q is protected, yet it holds no data", r.Type, r.Name)
		}
	}
	return StatefulIn(p)
}

// NotKept asserts what a component without RetainOnDelete or Protect does:
// no stateful resource, guard or needed resource in the plan is retained
// or protected. It returns the stateful resources as Kept does.
func NotKept(t testing.TB, p *synth.Plan) []string {
	t.Helper()
	needed := plan.Needed(p)
	for _, r := range p.Resources {
		_, stateful := plan.Stateful(r.Type)
		_, guard := plan.Guard(r.Type)
		_, need := needed[r.URN]
		if (stateful || guard || need || plan.IsLock(r)) && (r.Protect || r.RetainOnDelete) {
			assert.Failf(t, "kept", "%s %q is protect=%t retainOnDelete=%t, yet nothing asked to keep it", r.Type, r.Name, r.Protect, r.RetainOnDelete)
		}
	}
	return StatefulIn(p)
}

// StatefulIn lists the plan's stateful resources (plan.Stateful) as sorted
// "type name" lines.
func StatefulIn(p *synth.Plan) []string {
	var out []string
	for _, r := range p.Resources {
		if _, ok := plan.Stateful(r.Type); ok {
			out = append(out, r.Type+" "+r.Name)
		}
	}
	sort.Strings(out)
	return out
}
