package stacks_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/plan"
)

// The stacks are on pulumi-aws v7 (sdk/v7 v7.41.0), and what v7 changed is
// decided, not inherited:
//
//   - no resource is registered under a token v7 renamed (the deprecated S3
//     "V2" types), and every resource whose token v7 renamed carries the
//     alias to its v6 token that the SDK's constructor registers, so a
//     stack deployed with v6 moves in place (docs/version-7-upgrade.md,
//     "S3 Bucket/BucketV2 Changes");
//   - no resource sets v7's new per-resource `region` (Enhanced Region
//     Support, docs/enhanced-region-support.md): it defaults to the
//     provider's region, which is where v6 put every resource, and changing
//     it replaces the resource. A stack or a caller chooses the region with
//     its provider, as before.
func TestStacks_onPulumiAWSv7WithTheSDKsOwnAliasesAndNoRegionOfTheirOwn(t *testing.T) {
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			p := synthStack(t, env)
			moved := 0
			for _, r := range p.Resources {
				if !strings.HasPrefix(r.Type, "aws:") {
					continue
				}
				assert.Equal(t, r.Type, plan.CurrentType(r.Type), "%s uses a token pulumi-aws v7 deprecated", r.URN)
				assert.NotContains(t, r.Inputs, "region", "%s sets its own region", r.URN)
				if older := plan.OlderType(r.Type); older != "" {
					moved++
					u := resource.URN(r.URN)
					parent := tokens.Type("")
					if qt := string(u.QualifiedType()); strings.Contains(qt, "$") {
						parent = tokens.Type(qt[:strings.LastIndex(qt, "$")])
					}
					v6 := string(resource.NewURN(u.Stack(), u.Project(), parent, tokens.Type(older), u.Name()))
					assert.Contains(t, r.Aliases, v6, "%s answers to its v6 URN", r.URN)
				}
			}
			assert.Positive(t, moved, "the stack has buckets and their configurations")
		})
	}
}
