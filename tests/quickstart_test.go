package tests

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cli"
)

const quickstartDir = "../examples/quickstart"

// TestQuickstart_worksCopiedOutsideTheRepo does what the README tells a new
// user to do: copy examples/quickstart somewhere of their own, point its
// schedkit requirement at a release (here: this checkout, by a replace, as no
// network is assumed), then synthesize the dev stack and run the project's
// tests. The quick start is a module of its own, so the repository's
// `go test ./...` does not reach it; this test does.
//
// The copy builds with GOPROXY=off and -mod=readonly: the go.mod and go.sum
// committed in examples/quickstart must be complete as they are, with every
// module already in the cache the repository's own build filled.
func TestQuickstart_worksCopiedOutsideTheRepo(t *testing.T) {
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	dir := t.TempDir()
	copyDir(t, quickstartDir, dir)

	goCmd(t, dir, "mod", "edit", "-dropreplace", "github.com/schedkit/schedkit")
	goCmd(t, dir, "mod", "edit", "-replace", "github.com/schedkit/schedkit="+root)

	start := time.Now()
	out := goCmd(t, dir, "run", ".", "synth", "--stack", "dev")
	t.Logf("go run . synth --stack dev: %s", time.Since(start).Round(time.Millisecond))
	assert.Regexp(t, `(?m)^pulumi:pulumi:Stack\s+quickstart-dev$`, out)
	assert.Regexp(t, `(?m)^└─ schedkit:aws:CronJob\s+nightly-report$`, out)
	assert.Contains(t, out, "Policy: ")
	assert.Contains(t, out, " rules, no violations.")

	start = time.Now()
	out = goCmd(t, dir, "test", "-count=1", "-v", "./...")
	t.Logf("go test ./...: %s", time.Since(start).Round(time.Millisecond))
	for _, name := range quickstartTests(t) {
		assert.Contains(t, out, "--- PASS: "+name+" ", "the quick start's test %s ran and passed", name)
	}
	assert.Regexp(t, `(?m)^ok\s+example\.com/quickstart\s`, out)
}

// TestQuickstart_requiresThisRelease: the quick start requires schedkit at
// the release the README tells users to `go get`, and inside the repository
// builds against its checkout through one replace, the line a copy drops.
func TestQuickstart_requiresThisRelease(t *testing.T) {
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = quickstartDir
	b, err := cmd.Output()
	require.NoError(t, err)
	var mod struct {
		Require []struct{ Path, Version string }
		Replace []struct {
			Old struct{ Path string }
			New struct{ Path string }
		}
	}
	require.NoError(t, json.Unmarshal(b, &mod))
	requires := map[string]string{}
	for _, r := range mod.Require {
		requires[r.Path] = r.Version
	}
	assert.Equal(t, cli.Version, requires["github.com/schedkit/schedkit"])
	require.Len(t, mod.Replace, 1)
	assert.Equal(t, "github.com/schedkit/schedkit", mod.Replace[0].Old.Path)
	assert.Equal(t, "../..", mod.Replace[0].New.Path)
}

// quickstartTests lists the Test functions in the quick start's main_test.go.
func quickstartTests(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(quickstartDir, "main_test.go"))
	require.NoError(t, err)
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^func (Test\w+)\(t \*testing\.T\)`).FindAllStringSubmatch(string(b), -1) {
		names = append(names, m[1])
	}
	require.NotEmpty(t, names, "the quick start has tests")
	return names
}

// goCmd runs the go command in dir, offline, and returns its combined
// output, failing the test (with that output) when it fails.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly", "GOWORK=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	require.NoErrorf(t, err, "go %s in a copy of examples/quickstart:\n%s\n(if go.mod or go.sum is out of date: `cd examples/quickstart && go mod tidy`)", strings.Join(args, " "), out.String())
	return out.String()
}

// copyDir copies the files of src (a flat folder) into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		require.Falsef(t, e.IsDir(), "examples/quickstart is one flat folder; %s is a directory", e.Name())
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
	}
}
