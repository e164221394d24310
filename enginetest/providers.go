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
//     (id, ARN, auto-name) unchanged, but for the outputs the real provider
//     reads back after an update (rereadOnUpdate): unknown in a preview,
//     then shaped from the new inputs;
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
				news := resource.ToResourcePropertyMap(req.NewInputs)
				out := news.Copy()
				for k, v := range resource.ToResourcePropertyMap(req.OldOutputs) {
					if _, input := out[k]; !input {
						out[k] = v
					}
				}
				// What the provider reads back after the update: unknown
				// until it has run, then shaped from the new inputs.
				if r, ok := rereadOnUpdate[string(req.Type)]; ok && r.changed(resource.ToResourcePropertyMap(req.OldInputs), news) {
					if req.Preview {
						out[r.output] = resource.MakeComputed(resource.NewStringProperty(""))
					} else {
						_, shaped := synth.Shape(string(req.Type), req.Name, string(req.URN), region, news)
						out[r.output] = r.merge(out[r.output], shaped[r.output])
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

// reread is an output the real provider recomputes when an update changes
// one of inputs: its plan marks the output unknown (so a preview shows it
// as computed), and after the update it reads the object back.
type reread struct {
	output resource.PropertyKey
	inputs []resource.PropertyKey
	// kept are the fields of the output's first element that the update
	// leaves as they were.
	kept []string
}

// rereadOnUpdate lists the rereads of the types the components use.
//
// snowflake:index/storageIntegrationAws:StorageIntegrationAws: in
// terraform-provider-snowflake v2.17.0 (pkg/resources/
// storage_integration_aws.go), storage_aws_external_id and
// storage_aws_role_arn are not ForceNew; UpdateStorageIntegrationAws sets
// them with ALTER STORAGE INTEGRATION ... SET STORAGE_AWS_EXTERNAL_ID /
// STORAGE_AWS_ROLE_ARN (Snowflake's "ALTER STORAGE INTEGRATION" lists both
// among the S3 cloudProviderParams) and then runs the read, which sets
// describe_output from DESCRIBE INTEGRATION; its CustomizeDiff,
// ComputedIfAnyAttributeChanged(describe_output, "enabled",
// "storage_allowed_locations", "storage_blocked_locations", "comment",
// "use_privatelink_endpoint", "storage_aws_role_arn",
// "storage_aws_external_id", "storage_aws_object_acl"), makes it unknown in
// the plan. The integration's IAM user stays as it was: it is no parameter
// of the ALTER (the S3 cloudProviderParams are the role ARN, object ACL,
// external id and PrivateLink switch).
var rereadOnUpdate = map[string]reread{
	"snowflake:index/storageIntegrationAws:StorageIntegrationAws": {
		output: "describeOutputs",
		inputs: []resource.PropertyKey{
			"enabled", "storageAllowedLocations", "storageBlockedLocations", "comment", "usePrivatelinkEndpoint",
			"storageAwsRoleArn", "storageAwsExternalId", "storageAwsObjectAcl",
		},
		kept: []string{"iamUserArn"},
	},
}

// changed says whether the update changes one of the inputs the output is
// read back for.
func (r reread) changed(olds, news resource.PropertyMap) bool {
	for _, k := range r.inputs {
		if !olds[k].DeepEquals(news[k]) {
			return true
		}
	}
	return false
}

// merge is the output read back: shaped, with the kept fields of the old
// output's first element.
func (r reread) merge(old, shaped resource.PropertyValue) resource.PropertyValue {
	if !shaped.IsArray() || len(shaped.ArrayValue()) == 0 || !shaped.ArrayValue()[0].IsObject() ||
		!old.IsArray() || len(old.ArrayValue()) == 0 || !old.ArrayValue()[0].IsObject() {
		return shaped
	}
	first := shaped.ArrayValue()[0].ObjectValue().Copy()
	was := old.ArrayValue()[0].ObjectValue()
	for _, k := range r.kept {
		if v, ok := was[resource.PropertyKey(k)]; ok {
			first[resource.PropertyKey(k)] = v
		}
	}
	elems := append([]resource.PropertyValue{resource.NewObjectProperty(first)}, shaped.ArrayValue()[1:]...)
	return resource.NewArrayProperty(elems)
}
