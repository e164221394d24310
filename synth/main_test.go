package synth

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deprecatedMainEnv makes the test binary a program whose main is the
// deprecated Main (see TestMain).
const deprecatedMainEnv = "SYNTH_TEST_DEPRECATED_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(deprecatedMainEnv) != "" {
		Main(func(ctx *pulumi.Context) error { return nil }) // exits
	}
	os.Exit(m.Run())
}

func runDeprecatedMain(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	cmd := exec.Command(self, args...)
	cmd.Env = append(append(os.Environ(), deprecatedMainEnv+"=1"), env...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), errOut.String(), exit.ExitCode()
	}
	require.NoError(t, err)
	return out.String(), errOut.String(), 0
}

// The deprecated Main still deploys (under the engine it is pulumi.Run, so
// asked for its plugins it prints them), and by hand it names cli.Main
// instead of doing anything.
func TestMain_deprecatedDeploysAndPointsToCli(t *testing.T) {
	out, _, code := runDeprecatedMain(t, []string{"PULUMI_PLUGINS=true"})
	assert.Equal(t, 32, code, "pulumi.Run exits with its logged-error status after printing the plugins")
	assert.Contains(t, out, `"plugins"`)

	out, errOut, code := runDeprecatedMain(t, nil, "synth", "--stack", "dev")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "make the program's main cli.Main(program), from github.com/schedkit/schedkit/cli")
}
