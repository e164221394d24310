package enginetest_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/display"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/enginetest"
	"github.com/schedkit/schedkit/plan"
)

// bothAWS serves the aws stand-in at the v6 version the recorded states
// were written with and at the v7 version the program asks for, and
// snowflake: the engine deletes the v6 default provider with its own
// plugin.
func bothAWS(calls *enginetest.Calls, region string) []*deploytest.ProviderLoader {
	return []*deploytest.ProviderLoader{
		enginetest.StandIn("aws", enginetest.AWSv6Version, region, calls),
		enginetest.StandIn("aws", enginetest.AWSVersion, region, calls),
		enginetest.StandIn("snowflake", enginetest.SnowflakeVersion, region, calls),
	}
}

// TestStacks_upgradeFromV6StateReplacesNothing updates the state a
// pulumi-aws v6 deployment of each stack left (testdata/v6, recorded at the
// last v6 commit) with today's v7 program, preview first as `pulumi up`
// does. Expected, and nothing else:
//
//   - the S3 buckets and their encryption, versioning and lifecycle are
//     `same`: they move from their V2 tokens to v7's through the aliases
//     s3.NewBucket, s3.NewBucketVersioning, ... register themselves, with no
//     input changed, keeping their physical names;
//   - no replacement of anything, and no delete of a stateful resource
//     (plan.Stateful): the only deletes are the 6.83.4 default provider and
//     resources the program no longer has that hold nothing;
//   - the aws default provider is created at 7.41.0; any other create is a
//     resource the program gained since the fixture was recorded (not in the
//     v6 state under any of its aliases);
//   - updates are of resources the program changed since the fixture was
//     recorded (a moved S3 resource is never one: it is same).
//
// Then a second update with the aws 7.41.0 plugin alone is all `same`.
func TestStacks_upgradeFromV6StateReplacesNothing(t *testing.T) {
	for _, name := range []string{"dev", "staging", "prod"} {
		t.Run(name, func(t *testing.T) {
			base, err := enginetest.ReadState(filepath.Join("testdata", "v6", name+".json"))
			require.NoError(t, err)
			p := stack(t, name)
			want, err := enginetest.Synth(p)
			require.NoError(t, err)
			before := map[string]bool{}
			stateful := map[string]bool{}
			for _, r := range base.Resources {
				before[string(r.URN)] = true
				if _, ok := plan.Stateful(string(r.Type)); ok {
					stateful[string(r.URN)] = true
				}
			}

			res := enginetest.Update(t, p, base, enginetest.Options{Loaders: bothAWS})

			v6Provider := resource.URN("urn:pulumi:" + name + "::schedkit::pulumi:providers:aws::default_6_83_4")
			v7Provider := resource.URN("urn:pulumi:" + name + "::schedkit::pulumi:providers:aws::default_7_41_0")
			byOp := res.ByOp()
			for op := range byOp {
				assert.Contains(t, []string{"create", "delete", "same", "update"}, string(op), "steps: %v", without(byOp, deploy.OpSame))
			}
			assert.Contains(t, byOp[deploy.OpCreate], v7Provider)
			assert.Contains(t, byOp[deploy.OpDelete], v6Provider)
			for _, u := range byOp[deploy.OpDelete] {
				assert.False(t, stateful[string(u)], "%s is stateful and deleted", u)
			}
			for _, u := range res.Calls.Deletes() {
				assert.False(t, stateful[string(u)], "the provider was asked to delete %s", u)
			}
			got := enginetest.StatePlan(p.Project, p.Stack, res.Snapshot)
			assert.Equal(t, urns(want), urns(got))
			for _, u := range byOp[deploy.OpCreate] {
				if u == v7Provider {
					continue
				}
				w, ok := want.ByURN(string(u))
				require.True(t, ok, "created %s is not in the plan", u)
				assert.False(t, before[string(u)], "%s was in the v6 state and is created again", u)
				for _, a := range w.Aliases {
					assert.False(t, before[a], "%s was in the v6 state as %s and is created again", u, a)
				}
			}

			moved := 0
			for _, w := range want.Resources {
				older := plan.OlderType(w.Type)
				if older == "" {
					continue
				}
				moved++
				v6 := strings.Replace(w.URN, "$"+w.Type+"::", "$"+older+"::", 1)
				assert.True(t, before[v6], "%s was %s in the v6 state", w.URN, v6)
				assert.Contains(t, byOp[deploy.OpSame], resource.URN(w.URN), "%s moves with no change", w.URN)
				g, ok := got.ByURN(w.URN)
				require.True(t, ok)
				assert.Equal(t, w.Inputs, g.Inputs, "%s: inputs", w.URN)
				assert.Equal(t, w.PhysicalName(), g.PhysicalName(), "%s keeps its name", w.URN)
			}
			assert.Positive(t, moved)

			again := enginetest.Update(t, p, res.Snapshot, enginetest.Options{})
			assert.Equal(t, []string{"same"}, keys(again.ByOp()))
		})
	}
}

func urns(p *plan.Plan) []string {
	var out []string
	for _, r := range p.Resources {
		out = append(out, r.URN)
	}
	sort.Strings(out)
	return out
}

// without is byOp without one operation, for messages.
func without(byOp map[display.StepOp][]resource.URN, op display.StepOp) map[display.StepOp][]resource.URN {
	out := map[display.StepOp][]resource.URN{}
	for k, v := range byOp {
		if k != op {
			out[k] = v
		}
	}
	return out
}
