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
// last v6 commit) with the v7 program, preview first as `pulumi up` does.
// Expected, and nothing else:
//
//   - every resource is `same`: the S3 buckets and their encryption,
//     versioning and lifecycle move from their V2 tokens to v7's through the
//     aliases s3.NewBucket, s3.NewBucketVersioning, ... register themselves,
//     with no input changed;
//   - the aws default provider is created at 7.41.0 and the 6.83.4 one is
//     deleted after everything moved off it;
//   - no create, update or delete call reaches a provider.
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

			res := enginetest.Update(t, p, base, enginetest.Options{Loaders: bothAWS})

			v6Provider := resource.URN("urn:pulumi:" + name + "::schedkit::pulumi:providers:aws::default_6_83_4")
			v7Provider := resource.URN("urn:pulumi:" + name + "::schedkit::pulumi:providers:aws::default_7_41_0")
			byOp := res.ByOp()
			assert.Equal(t, []string{"create", "delete", "same"}, keys(byOp), "steps: %v", without(byOp, deploy.OpSame))
			assert.Equal(t, []resource.URN{v7Provider}, byOp[deploy.OpCreate])
			assert.Equal(t, []resource.URN{v6Provider}, byOp[deploy.OpDelete])
			assert.Empty(t, res.Calls.Creates())
			assert.Empty(t, res.Calls.Updates())
			assert.Empty(t, res.Calls.Deletes())

			// Every resource of the v7 plan is in the state under its v7
			// URN, with the inputs synth plans; the ones whose token v7
			// renamed came from their v6 URN (the fixture has them).
			got := enginetest.StatePlan(p.Project, p.Stack, res.Snapshot)
			assert.Equal(t, urns(want), urns(got))
			before := map[string]bool{}
			for _, r := range base.Resources {
				before[string(r.URN)] = true
			}
			moved := 0
			for _, w := range want.Resources {
				g, ok := got.ByURN(w.URN)
				if !ok {
					continue
				}
				assert.Equal(t, w.Inputs, g.Inputs, "%s: inputs", w.URN)
				if older := plan.OlderType(w.Type); older != "" {
					moved++
					v6 := strings.Replace(w.URN, "$"+w.Type+"::", "$"+older+"::", 1)
					assert.True(t, before[v6], "%s was %s in the v6 state", w.URN, v6)
					assert.False(t, before[w.URN])
					assert.Equal(t, w.PhysicalName(), g.PhysicalName(), "%s keeps its name", w.URN)
				} else if w.Custom {
					assert.True(t, before[w.URN], "%s is in the v6 state under the same URN", w.URN)
				}
			}
			assert.Positive(t, moved)
			assert.Equal(t, len(want.Resources)+1, len(byOp[deploy.OpSame]), "every resource of the plan (the explicit snowflake provider too) and the stack are same")

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
