package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/synth"
)

// writeStack writes a project's files (Pulumi.yaml, Pulumi.<stack>.yaml,
// ...) into a new folder and returns it.
func writeStack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	return dir
}

func mustRun(t *testing.T, program pulumi.RunFunc, opts synth.Options) *synth.Plan {
	t.Helper()
	plan, err := synth.Run(program, opts)
	require.NoError(t, err)
	return plan
}
