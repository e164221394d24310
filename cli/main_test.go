package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/plan"
)

// mainProgramEnv makes the test binary act as a program under Main (see
// TestMain), so Main's process handling is tested as a user would meet it.
const mainProgramEnv = "SYNTH_TEST_MAIN_PROGRAM"

var mainPrograms = map[string]pulumi.RunFunc{
	"ok": func(ctx *pulumi.Context) error {
		ctx.Export("greeting", pulumi.String("hello"))
		return nil
	},
	// A panic on a goroutine the Pulumi SDK starts for an apply: no recover
	// in the program's goroutine reaches it.
	"apply-panic": func(ctx *pulumi.Context) error {
		ctx.Export("x", pulumi.String("a").ToStringOutput().ApplyT(func(string) string { panic("boom in apply") }))
		return nil
	},
	"missing-config": func(ctx *pulumi.Context) error {
		config.Require(ctx, "m:env")
		return nil
	},
}

func TestMain(m *testing.M) {
	if name := os.Getenv(mainProgramEnv); name != "" {
		Main(mainPrograms[name]) // exits
	}
	os.Exit(m.Run())
}

// runMain runs the test binary as `<program> args...` under Main.
func runMain(t *testing.T, program string, args ...string) (stdout, stderr string, code int) {
	return runMainWith(t, nil, program, args...)
}

// runMainWith is runMain with more environment variables.
func runMainWith(t *testing.T, env []string, program string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	cmd := exec.Command(self, args...)
	cmd.Env = append(append(os.Environ(), mainProgramEnv+"="+program), env...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), errOut.String(), exit.ExitCode()
	}
	require.NoError(t, err)
	return out.String(), errOut.String(), 0
}

func mainStack(t *testing.T) string {
	return writeStack(t, map[string]string{"Pulumi.yaml": "name: m\nruntime: go\n", "Pulumi.dev.yaml": "config: {}\n"})
}

func TestMain_synthesizesTheProgramByHand(t *testing.T) {
	out, errOut, code := runMain(t, "ok", "synth", "--stack", "dev", "--dir", mainStack(t))
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "pulumi:pulumi:Stack")
	assert.Contains(t, errOut, "no violations")
}

func TestMain_reportsAPanicInAnApplyAsOneErrorWithoutAGoroutineDump(t *testing.T) {
	_, errOut, code := runMain(t, "apply-panic", "synth", "--stack", "dev", "--dir", mainStack(t))
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(errOut, "error: the program panicked: boom in apply\n  at github.com/schedkit/schedkit/cli.init."), errOut)
	assert.Contains(t, errOut, "cli/main_test.go:")
	assert.NotContains(t, errOut, "goroutine")
}

func TestMain_namesTheConfigurationKeyAProgramRequires(t *testing.T) {
	_, errOut, code := runMain(t, "missing-config", "synth", "--stack", "dev", "--dir", mainStack(t))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "error: synth m/dev: the program requires configuration key m:env, which the stack does not set")
	assert.Contains(t, errOut, "cli/main_test.go:")
	assert.NotContains(t, errOut, "goroutine")
}

// Under the engine, Main is pulumi.Run: asked for its plugins (as the
// language host does with PULUMI_PLUGINS), the program prints them as
// pulumi.Run does and deploys nothing; with an engine address but no engine
// behind it, it fails as pulumi.Run does, not with synth's usage.
func TestMain_underTheEngineIsPulumiRun(t *testing.T) {
	out, errOut, code := runMainWith(t, []string{"PULUMI_PLUGINS=true"}, "ok")
	assert.Equal(t, 32, code, "pulumi.Run exits with its logged-error status after printing the plugins")
	assert.Contains(t, out, `"plugins"`)
	assert.NotContains(t, errOut, "usage:")

	_, errOut, code = runMainWith(t, []string{"PULUMI_MONITOR=127.0.0.1:1", "PULUMI_ENGINE=127.0.0.1:1", "PULUMI_PROJECT=m", "PULUMI_STACK=dev"}, "ok", "synth", "--stack", "dev")
	assert.NotEqual(t, 0, code)
	assert.NotContains(t, errOut, "usage:", "the engine's variables win over the arguments")
}

func TestMain_withoutASubcommandPrintsUsage(t *testing.T) {
	_, errOut, code := runMain(t, "ok")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "synth --stack NAME")
	_, errOut, code = runMain(t, "ok", "deploy")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "usage:")
}

func TestCommand_badUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, Command(nil, mainPrograms["ok"], &out, &errOut))
	assert.Equal(t, 2, Command([]string{"synth"}, mainPrograms["ok"], &out, &errOut))
	assert.Equal(t, 2, Command([]string{"synth", "--stack", "dev", "--format", "svg"}, mainPrograms["ok"], &out, &errOut))
}

// Pulumi runs a program in its project's folder: with --dir, so does synth,
// while the paths given on the command line stay where the command started.
func TestSynth_runsTheProgramInItsProjectFolder(t *testing.T) {
	project := mainStack(t)
	require.NoError(t, os.WriteFile(filepath.Join(project, "handler.txt"), []byte("code"), 0o644))
	started, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	t.Chdir(started)
	program := func(ctx *pulumi.Context) error {
		b, err := os.ReadFile("handler.txt") // relative to the project, as under pulumi up
		if err != nil {
			return err
		}
		ctx.Export("code", pulumi.String(string(b)))
		return nil
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, Command([]string{"synth", "--stack", "dev", "--dir", project, "--out", "plan.json"}, program, &out, &errOut), errOut.String())
	written, err := plan.Read(filepath.Join(started, "plan.json"))
	require.NoError(t, err, "--out is relative to where the command started")
	assert.Equal(t, "code", written.Outputs["code"])
	wd, err := os.Getwd()
	require.NoError(t, err)
	assert.Equal(t, started, wd, "the working directory is restored")
}
