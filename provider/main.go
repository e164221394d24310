// Command pulumi-resource-schedkit is schedkit's component provider: the
// plugin `pulumi package add` builds from this folder (PulumiPlugin.yaml)
// to generate an SDK for TypeScript, Python, YAML, C# or Java. It serves
// the committed schema.json and constructs the components with the same Go
// constructors a Go program calls (internal/bridge).
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"

	"github.com/schedkit/schedkit/provider/internal/bridge"
)

// schema is the package schema, generated from the Go API
// (`go test ./internal/schemagen -update`).
//
//go:embed schema.json
var schema []byte

// version is the plugin's version; a release build may set it with
// -ldflags "-X main.version=0.1.0". For a source-based package Pulumi
// takes the version from the git tag `pulumi package add` names.
var version = "0.0.0-dev"

func main() {
	err := provider.Main("schedkit", func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		var engine *grpc.ClientConn
		if host != nil { // nil when started without an engine (attach mode)
			engine = host.EngineConn()
		}
		return bridge.NewServer(engine, schema, version), nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
