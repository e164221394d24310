package enginetest

import (
	"context"
	"net"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// engineServer is the engine service a built program talks to beside the
// resource monitor (pulumi.EnvEngine): the root stack resource and logs.
// In-process programs need none; the Go SDK refuses to start without one.
type engineServer struct {
	pulumirpc.UnimplementedEngineServer
	mu   sync.Mutex
	root string
	logs strings.Builder
}

func (e *engineServer) Log(_ context.Context, req *pulumirpc.LogRequest) (*emptypb.Empty, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if req.GetSeverity() >= pulumirpc.LogSeverity_WARNING {
		e.logs.WriteString(req.GetSeverity().String() + ": " + req.GetMessage() + "\n")
	}
	return &emptypb.Empty{}, nil
}

func (e *engineServer) GetRootResource(context.Context, *pulumirpc.GetRootResourceRequest) (*pulumirpc.GetRootResourceResponse, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return &pulumirpc.GetRootResourceResponse{Urn: e.root}, nil
}

func (e *engineServer) SetRootResource(_ context.Context, req *pulumirpc.SetRootResourceRequest) (*pulumirpc.SetRootResourceResponse, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.root = req.GetUrn()
	return &pulumirpc.SetRootResourceResponse{}, nil
}

// serveEngine starts an engine service on a local port; stop ends it and
// returns what the program logged at warning level or above.
func serveEngine() (addr string, stop func() string, err error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := grpc.NewServer()
	eng := &engineServer{}
	pulumirpc.RegisterEngineServer(srv, eng)
	go func() { _ = srv.Serve(lis) }()
	return lis.Addr().String(), func() string {
		srv.Stop()
		eng.mu.Lock()
		defer eng.mu.Unlock()
		return eng.logs.String()
	}, nil
}
