package awsenv

import (
	"context"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// regionMocks answers getRegion with a deprecated `name` that differs from
// its `region`, so a test sees which one Lookup reads.
type regionMocks struct{}

func (regionMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	return args.Name, args.Inputs, nil
}

func (regionMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	switch args.Token {
	case "aws:index/getRegion:getRegion":
		return resource.NewPropertyMapFromMap(map[string]any{"name": "deprecated-name", "region": "eu-west-1", "id": "eu-west-1"}), nil
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return resource.NewPropertyMapFromMap(map[string]any{"accountId": "123456789012"}), nil
	}
	return resource.NewPropertyMapFromMap(map[string]any{"partition": "aws"}), nil
}

type comp struct{ pulumi.ResourceState }

// pulumi-aws v7's getRegion deprecates `name` for `region`
// (docs/version-7-upgrade.md, "Function aws.getRegion"); ARNs are built
// from `region`.
func TestLookup_readsTheRegionFromV7sRegionAttribute(t *testing.T) {
	var (
		mu  sync.Mutex
		arn string
	)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		c := &comp{}
		if err := ctx.RegisterComponentResource("schedkit:test:Thing", "t", c); err != nil {
			return err
		}
		out := Lookup(ctx, c).ARN("states", true, "stateMachine:x")
		res, err := internals.UnsafeAwaitOutput(context.Background(), out)
		if err != nil {
			return err
		}
		mu.Lock()
		arn, _ = res.Value.(string)
		mu.Unlock()
		return nil
	}, pulumi.WithMocks("p", "dev", regionMocks{}))
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:states:eu-west-1:123456789012:stateMachine:x", arn)
}
