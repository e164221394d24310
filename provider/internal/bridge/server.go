package bridge

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Server is the provider's gRPC service: the schema, and Construct for
// every component. It is what the SDK's provider.ComponentMain serves,
// exported so the engine tests can serve it too.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer

	engine          *grpc.ClientConn
	schema, version string
}

// NewServer serves schema at version; engine is the engine's connection
// (for the components' log messages), nil in tests without one.
func NewServer(engine *grpc.ClientConn, schema []byte, version string) *Server {
	return &Server{engine: engine, schema: string(schema), version: version}
}

// GetPluginInfo returns the plugin's version.
func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: s.version}, nil
}

// GetSchema returns the package schema.
func (s *Server) GetSchema(_ context.Context, req *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	if v := req.GetVersion(); v != 0 {
		return nil, fmt.Errorf("unsupported schema version %d", v)
	}
	return &pulumirpc.GetSchemaResponse{Schema: s.schema}, nil
}

// Configure accepts secrets, resources and output values, so a program's
// outputs reach a component's Input fields with their dependencies.
func (s *Server) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{
		AcceptSecrets: true, SupportsPreview: true, AcceptResources: true, AcceptOutputs: true,
	}, nil
}

// Construct constructs a component with Construct.
func (s *Server) Construct(ctx context.Context, req *pulumirpc.ConstructRequest) (*pulumirpc.ConstructResponse, error) {
	return provider.Construct(ctx, req, s.engine, Construct)
}
