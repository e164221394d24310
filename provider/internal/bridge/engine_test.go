package bridge_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/engine"
	lt "github.com/pulumi/pulumi/pkg/v3/engine/lifecycletest/framework"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/schedkit/schedkit/provider/internal/bridge"
)

// awsVersion is the aws plugin version the library's pulumi-aws Go SDK asks
// for: the version its go.mod requires.
func awsVersion(t *testing.T) semver.Version {
	t.Helper()
	mod, err := os.ReadFile("../../../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`github.com/pulumi/pulumi-aws/sdk/v\d+ v(\S+)`).FindSubmatch(mod)
	require.NotNil(t, m, "go.mod requires no pulumi-aws SDK")
	return semver.MustParse(string(m[1]))
}

// standIn is a cloud provider that creates every resource with its inputs
// as outputs, plus an ARN and a name derived from its URN, and answers the
// account, region and partition lookups the components make.
func standIn(service string) func() (plugin.Provider, error) {
	return func() (plugin.Provider, error) {
		return &deploytest.Provider{
			CreateF: func(_ context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
				props := req.Properties
				name := req.URN.Name()
				if n, ok := req.Properties.GetOk("name"); ok && n.IsString() {
					name = n.AsString() // a physical name the component set
				}
				if _, ok := props.GetOk("arn"); !ok && service == "aws" {
					// aws:sns/topic:Topic → arn:aws:sns:eu-west-1:123456789012:<name>
					svc := strings.Split(strings.Split(string(req.Type), ":")[1], "/")[0]
					arn := map[string]string{
						"kms": "arn:aws:kms:eu-west-1:123456789012:key/" + name,
						"iam": "arn:aws:iam::123456789012:role/" + name,
						"s3":  "arn:aws:s3:::" + name,
					}[svc]
					if arn == "" {
						arn = fmt.Sprintf("arn:aws:%s:eu-west-1:123456789012:%s", svc, name)
					}
					props = props.Set("arn", property.New(arn))
				}
				if service == "snowflake" {
					props = props.Set("fullyQualifiedName", property.New(`"`+name+`"`))
					iamUser := property.New("arn:aws:iam::999999999999:user/sf-" + name)
					switch req.Type {
					case "snowflake:index/notificationIntegration:NotificationIntegration":
						props = props.Set("awsSnsIamUserArn", iamUser).Set("awsSnsExternalId", property.New("SF_EXT_"+name))
					case "snowflake:index/storageIntegrationAws:StorageIntegrationAws":
						ext, ok := props.GetOk("storageAwsExternalId")
						if !ok {
							ext = property.New("SF_EXT_" + name)
						}
						props = props.Set("describeOutputs", property.New([]property.Value{property.New(map[string]property.Value{
							"iamUserArn": iamUser, "externalId": ext,
						})}))
					case "snowflake:index/pipe:Pipe":
						props = props.Set("notificationChannel", property.New("arn:aws:sqs:eu-west-1:999999999999:sf-snowpipe-"+name))
					}
				}
				if _, ok := props.GetOk("bucket"); !ok && strings.HasPrefix(string(req.Type), "aws:s3/bucket") {
					props = props.Set("bucket", property.New(name))
				}
				if _, ok := props.GetOk("name"); !ok {
					props = props.Set("name", property.New(name))
				}
				return plugin.CreateResponse{ID: resource.ID(name + "-id"), Properties: props, Status: resource.StatusOK}, nil
			},
			InvokeF: func(_ context.Context, req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
				values := map[string]map[string]property.Value{
					"aws:index/getCallerIdentity:getCallerIdentity": {"accountId": property.New("123456789012"), "id": property.New("123456789012")},
					"aws:index/getRegion:getRegion":                 {"name": property.New("eu-west-1"), "id": property.New("eu-west-1")},
					"aws:index/getPartition:getPartition":           {"partition": property.New("aws"), "dnsSuffix": property.New("amazonaws.com"), "id": property.New("aws")},
				}
				v, ok := values[string(req.Tok)]
				if !ok {
					return plugin.InvokeResponse{}, fmt.Errorf("stand-in has no %s", req.Tok)
				}
				return plugin.InvokeResponse{Properties: property.NewMap(v)}, nil
			},
		}, nil
	}
}

// schedkitProvider serves the real provider (bridge.Server) over gRPC, as
// the plugin binary does, and hands the engine a client of it.
func schedkitProvider(t *testing.T) func(plugin.Host) (plugin.Provider, error) {
	return func(host plugin.Host) (plugin.Provider, error) {
		engineConn, err := grpc.NewClient(host.ServerAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			return nil, err
		}
		stop := make(chan bool)
		handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
			Cancel: stop,
			Init: func(srv *grpc.Server) error {
				pulumirpc.RegisterResourceProviderServer(srv, bridge.NewServer(engineConn, nil, "0.0.1"))
				return nil
			},
		})
		if err != nil {
			return nil, err
		}
		t.Cleanup(func() { stop <- true; <-handle.Done; engineConn.Close() })
		conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", handle.Port), grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			return nil, err
		}
		return plugin.NewProviderWithClient(nil, pulumirpc.NewResourceProviderClient(conn), false), nil
	}
}

// deployProgram runs program as an update of a new stack under Pulumi's
// engine, with stand-in aws and snowflake plugins and the schedkit provider.
func deployProgram(t *testing.T, program pulumi.RunFunc) (*deploy.Snapshot, error) {
	t.Helper()
	loaders := []*deploytest.ProviderLoader{
		deploytest.NewProviderLoader("aws", awsVersion(t), standIn("aws")),
		deploytest.NewProviderLoader("snowflake", semver.MustParse("2.17.0"), standIn("snowflake")),
		deploytest.NewProviderLoaderWithHost("schedkit", semver.MustParse("0.0.1"), schedkitProvider(t)),
	}
	programF := deploytest.NewLanguageRuntimeF(func(info plugin.RunInfo, _ *deploytest.ResourceMonitor) error {
		//nolint:usetesting // the SDK context outlives t.Context
		ctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{
			Project: info.Project, Stack: info.Stack, Parallel: info.Parallel, DryRun: info.DryRun,
			MonitorAddr: info.MonitorAddress,
		})
		if err != nil {
			return err
		}
		return pulumi.RunWithContext(ctx, program)
	})
	p := &lt.TestPlan{
		Project: "anylang", Stack: "dev",
		Options: lt.TestUpdateOptions{T: t, HostF: deploytest.NewPluginHostF(nil, nil, programF, nil, nil, loaders...), SkipDisplayTests: true},
	}
	var errs []string
	keepErrors := func(_ workspace.Project, _ deploy.Target, _ engine.JournalEntries, events []engine.Event, err error) error {
		for _, e := range events {
			if d, ok := e.Payload().(engine.DiagEventPayload); ok && e.Type == engine.DiagEvent && d.Severity == diag.Error {
				errs = append(errs, d.Message)
			}
		}
		return err
	}
	snap, err := lt.TestOp(engine.Update).Run(p.GetProject(), p.GetTarget(t, nil), p.Options, false, p.BackendClient, keepErrors)
	if err != nil && len(errs) > 0 {
		// The engine's own error only says it stopped; the diagnostics say why.
		err = fmt.Errorf("%w: %s", err, strings.Join(errs, "\n"))
	}
	return snap, err
}

// remote registers component tok the way a TypeScript, Python or YAML
// program does: a remote component resource with its inputs in wire form.
func remote(tok, name string, inputs pulumi.Map) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		var res pulumi.ResourceState
		return ctx.RegisterRemoteComponentResource(tok, name, inputs, &res)
	}
}

// view is what a resource's state says about how it was registered; the
// parts that differ between runs by nature (IDs of default providers,
// timestamps, source positions) are left out.
type view struct {
	URN                  resource.URN
	Custom               bool
	Parent               resource.URN
	Provider             string
	Inputs, Outputs      resource.PropertyMap
	Dependencies         []resource.URN
	PropertyDependencies map[resource.PropertyKey][]resource.URN
	Protect              bool
	RetainOnDelete       bool
	DeletedWith          resource.URN
	IgnoreChanges        []string
	ReplaceOnChanges     []string
	AdditionalSecrets    []resource.PropertyKey
	Aliases              []resource.URN
	CustomTimeouts       any
}

// registered lists the resources of snap as views, by URN. The component
// itself (top) appears with its URN, options and outputs but no inputs: a
// Go program registers it with none, a remote registration with its wire
// inputs; and no provider: a remote component has the schedkit provider.
func registered(snap *deploy.Snapshot, top string) []view {
	var out []view
	for _, r := range snap.Resources {
		if r.Type == "pulumi:pulumi:Stack" || r.Type == "pulumi:providers:schedkit" {
			continue
		}
		v := view{
			URN: r.URN, Custom: r.Custom, Parent: r.Parent, Provider: providerURN(r.Provider),
			Inputs: r.Inputs, Outputs: r.Outputs, Dependencies: r.Dependencies,
			PropertyDependencies: r.PropertyDependencies, Protect: r.Protect, RetainOnDelete: r.RetainOnDelete,
			DeletedWith: r.DeletedWith, IgnoreChanges: r.IgnoreChanges, ReplaceOnChanges: r.ReplaceOnChanges,
			AdditionalSecrets: r.AdditionalSecretOutputs, Aliases: r.Aliases,
		}
		v.CustomTimeouts = r.CustomTimeouts
		// The order of dependencies is the order outputs resolved in.
		v.Dependencies = slices.Sorted(slices.Values(v.Dependencies))
		for k, deps := range v.PropertyDependencies {
			v.PropertyDependencies[k] = slices.Sorted(slices.Values(deps))
		}
		if r.URN.Name() == top && r.Parent.QualifiedType() == "pulumi:pulumi:Stack" {
			v.Inputs, v.Provider = nil, ""
		}
		if r.Custom && strings.HasPrefix(string(r.Type), "pulumi:providers:") {
			v.Outputs = nil // the default provider's version and id
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b view) int { return strings.Compare(string(a.URN), string(b.URN)) })
	return out
}

// providerURN drops the id from a provider reference ("urn::id").
func providerURN(ref string) string {
	if i := strings.LastIndex(ref, "::"); i > 0 {
		return ref[:i]
	}
	return ref
}

// TestLibraryModule_buildsNothingNew: the provider's dependencies (the
// engine, the code generators) stay in provider/go.mod; a Go program that
// imports only the components builds nothing new.
func TestLibraryModule_buildsNothingNew(t *testing.T) {
	mod, err := os.ReadFile("../../../go.mod")
	require.NoError(t, err)
	for _, dep := range []string{"github.com/pulumi/pulumi/pkg/v3", "github.com/pulumi/pulumi-go-provider", "github.com/schedkit/schedkit/provider"} {
		require.NotContains(t, string(mod), dep+" ", "the library's go.mod requires %s", dep)
	}
}
