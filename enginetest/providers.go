package enginetest

import (
	"context"
	"sort"
	"sync"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"

	"github.com/schedkit/schedkit/diff"
	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// The provider versions the program asks for: pulumi-aws sdk/v7 v7.41.0
// registers its resources with version 7.41.0, and our Snowflake bindings
// (components/snowflake) with 2.17.0. The plugin host serves exactly the
// versions its loaders declare. AWSv6Version is the version the states
// recorded before the move to v7 name (testdata/v6): updating them needs it
// too, since the engine deletes the old default provider with its own
// plugin.
const (
	AWSVersion       = "7.41.0"
	AWSv6Version     = "6.83.4"
	SnowflakeVersion = "2.17.0"
)

// Calls records what the stand-in providers were asked to do to the cloud:
// every Create, Update and Delete, by URN, in the order they came.
type Calls struct {
	mu                        sync.Mutex
	creates, updates, deletes []resource.URN
}

func (c *Calls) add(list *[]resource.URN, urn resource.URN) {
	c.mu.Lock()
	defer c.mu.Unlock()
	*list = append(*list, urn)
}

func (c *Calls) sorted(list []resource.URN) []resource.URN {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]resource.URN{}, list...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Creates, Updates and Deletes return the URNs the providers were called
// for, sorted. A retained resource that leaves the state is not in Deletes.
func (c *Calls) Creates() []resource.URN { return c.sorted(c.creates) }
func (c *Calls) Updates() []resource.URN { return c.sorted(c.updates) }
func (c *Calls) Deletes() []resource.URN { return c.sorted(c.deletes) }

// StandIn is a loader for a stand-in provider of package pkg ("aws",
// "snowflake") at version. It answers like the real provider as synth
// models it:
//
//   - Create returns synth.Shape's id and outputs (ARNs, auto-names, URLs,
//     fully-qualified names) for the region of its configuration;
//   - Diff compares old and new inputs key by key and asks for a
//     replacement when a changed key forces one in diff/replace.go, deleting
//     first when the resource's physical name is set explicitly (as the
//     Terraform bridge does: two resources cannot hold one name);
//   - Update returns the new inputs with the computed outputs of the create
//     (id, ARN, auto-name) unchanged;
//   - Invoke answers with synth.Invoke (account, region, partition).
//
// region is the stack's AWS region (aws:region), which synth shapes every
// ARN in, Snowflake's too; an aws provider configured with another region
// shapes its resources in that one. Every Create, Update and Delete is
// recorded in calls.
func StandIn(pkg, version, region string, calls *Calls) *deploytest.ProviderLoader {
	return deploytest.NewProviderLoader(tokens.Package(pkg), semver.MustParse(version), func() (plugin.Provider, error) {
		region := region
		return &deploytest.Provider{
			ConfigureF: func(_ context.Context, req plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
				cfg := resource.ToResourcePropertyMap(req.Inputs)
				if v, ok := cfg["region"]; ok && v.IsString() && v.StringValue() != "" {
					region = v.StringValue()
				}
				return plugin.ConfigureResponse{}, nil
			},
			CreateF: func(_ context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
				in := resource.ToResourcePropertyMap(req.Properties)
				id, out := synth.Shape(string(req.Type), req.Name, string(req.URN), region, in)
				if !req.Preview {
					calls.add(&calls.creates, req.URN)
				}
				return plugin.CreateResponse{
					ID: resource.ID(id), Properties: resource.FromResourcePropertyMap(out), Status: resource.StatusOK,
				}, nil
			},
			DiffF: func(_ context.Context, req plugin.DiffRequest) (plugin.DiffResult, error) {
				return inputDiff(string(req.Type), resource.ToResourcePropertyMap(req.OldInputs),
					resource.ToResourcePropertyMap(req.NewInputs)), nil
			},
			UpdateF: func(_ context.Context, req plugin.UpdateRequest) (plugin.UpdateResponse, error) {
				// The new inputs, and what the provider computed at create
				// (id, ARN, auto-name) as it was: an update in place never
				// renames, also after a move under an alias.
				out := resource.ToResourcePropertyMap(req.NewInputs).Copy()
				for k, v := range resource.ToResourcePropertyMap(req.OldOutputs) {
					if _, input := out[k]; !input {
						out[k] = v
					}
				}
				if !req.Preview {
					calls.add(&calls.updates, req.URN)
				}
				return plugin.UpdateResponse{Properties: resource.FromResourcePropertyMap(out), Status: resource.StatusOK}, nil
			},
			DeleteF: func(_ context.Context, req plugin.DeleteRequest) (plugin.DeleteResponse, error) {
				calls.add(&calls.deletes, req.URN)
				return plugin.DeleteResponse{Status: resource.StatusOK}, nil
			},
			ReadF: func(_ context.Context, req plugin.ReadRequest) (plugin.ReadResponse, error) {
				return plugin.ReadResponse{ReadResult: plugin.ReadResult{
					ID: req.ID, Inputs: &req.Inputs, Outputs: &req.State,
				}, Status: resource.StatusOK}, nil
			},
			InvokeF: func(_ context.Context, req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
				out, err := synth.Invoke(string(req.Tok), region)
				if err != nil {
					return plugin.InvokeResponse{}, err
				}
				return plugin.InvokeResponse{Properties: resource.FromResourcePropertyMap(out)}, nil
			},
		}, nil
	})
}

// inputDiff is the stand-in providers' Diff: the top-level input keys whose
// values differ, a replacement when one of them forces it.
func inputDiff(token string, olds, news resource.PropertyMap) plugin.DiffResult {
	var changed, replace []resource.PropertyKey
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	for k := range keys {
		o, n := olds[k], news[k]
		if o.DeepEquals(n) {
			continue
		}
		changed = append(changed, k)
		if _, forces := diff.ForcesNew(token, string(k)); forces {
			replace = append(replace, k)
		}
	}
	if len(changed) == 0 {
		return plugin.DiffResult{Changes: plugin.DiffNone}
	}
	sort.Slice(changed, func(i, j int) bool { return changed[i] < changed[j] })
	sort.Slice(replace, func(i, j int) bool { return replace[i] < replace[j] })
	return plugin.DiffResult{
		Changes:             plugin.DiffSome,
		ChangedKeys:         changed,
		ReplaceKeys:         replace,
		DeleteBeforeReplace: len(replace) > 0 && namedExplicitly(token, news),
	}
}

// namedExplicitly says whether the inputs set the resource's physical name
// (not a prefix, not an auto-name): its replacement must then delete the old
// one first.
func namedExplicitly(token string, in resource.PropertyMap) bool {
	key := resource.PropertyKey("name")
	switch {
	case plan.CurrentType(token) == plan.BucketType: // v6's BucketV2 too
		key = "bucket"
	case token == "aws:ecs/taskDefinition:TaskDefinition":
		return false // a new revision of the family, never a clash
	}
	v, ok := in[key]
	return ok && v.IsString() && v.StringValue() != ""
}
