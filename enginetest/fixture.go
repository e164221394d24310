package enginetest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/pkg/v3/resource/stack"
	"github.com/pulumi/pulumi/pkg/v3/secrets/b64"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// A state fixture is a stack's state as `pulumi stack export` writes it
// (apitype.DeploymentV3), recorded once from a deployment and committed, so
// a later program can be updated from exactly what an older one left: the
// state of a stack deployed with pulumi-aws v6, say, updated by the program
// on v7.
//
// WriteState makes the file reproducible and free of the recording
// machine: no source positions or stack traces (absolute paths of the
// machine that ran the program), no timestamps, secrets base64-encoded
// (the fixture holds no real secret: the stacks' secret config is a
// placeholder).

// WriteState writes snap to path as a state fixture.
func WriteState(path string, snap *deploy.Snapshot) error {
	snap.SecretsManager = b64.NewBase64SecretsManager()
	dep, err := stack.SerializeDeployment(context.Background(), snap, false)
	if err != nil {
		return fmt.Errorf("enginetest: serializing the state: %w", err)
	}
	dep.Manifest.Time, dep.Manifest.Magic = time.Time{}, ""
	for i := range dep.Resources {
		r := &dep.Resources[i]
		r.SourcePosition, r.StackTrace = "", nil
		r.Created, r.Modified = nil, nil
	}
	b, err := json.MarshalIndent(apitype.UntypedDeployment{Version: apitype.DeploymentSchemaVersionCurrent, Deployment: mustRaw(dep)}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadState reads a state fixture WriteState wrote.
func ReadState(path string) (*deploy.Snapshot, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var u apitype.UntypedDeployment
	if err := json.Unmarshal(b, &u); err != nil {
		return nil, fmt.Errorf("enginetest: %s: %w", path, err)
	}
	snap, err := stack.DeserializeUntypedDeployment(context.Background(), &u, b64.Base64SecretsProvider)
	if err != nil {
		return nil, fmt.Errorf("enginetest: %s: %w", path, err)
	}
	return snap, nil
}

func mustRaw(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // a DeploymentV3 always marshals
	}
	return b
}
