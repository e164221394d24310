package enginetest_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/enginetest"
)

// examples are the runnable programs of examples/ (the quick start is a
// module of its own).
var examples = []string{"batch", "cronjob", "hybrid", "inference", "lambdaarch", "snowflake", "stream", "training", "trainingdata"}

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// exampleBinaries builds every example and the quick start once, as the Go
// language host builds a program (stripped: linking is most of the time).
func exampleBinaries(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "enginetest-examples-")
		if buildErr != nil {
			return
		}
		args := []string{"build", "-ldflags=-s -w", "-o", binDir + "/"}
		for _, e := range examples {
			args = append(args, "./examples/"+e)
		}
		if buildErr = goBuild("..", args...); buildErr != nil {
			return
		}
		buildErr = goBuild("../examples/quickstart", "build", "-ldflags=-s -w", "-o", filepath.Join(binDir, "quickstart"), ".")
	})
	require.NoError(t, buildErr)
	return binDir
}

func goBuild(dir string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return &buildError{err: err, out: string(out)}
	}
	return nil
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// TestExamples_deployFromEmptyAsSynthPlansThenStaySame: every example and
// the quick start, built and run as `pulumi up` runs them, deploy their dev
// stack from empty to a state equal to synth's plan, and a second update
// is all `same`.
func TestExamples_deployFromEmptyAsSynthPlansThenStaySame(t *testing.T) {
	bin := exampleBinaries(t)
	for _, name := range append(append([]string{}, examples...), "quickstart") {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "examples", name)
			p, err := enginetest.Load(dir, "dev", nil)
			require.NoError(t, err)
			p.Binary = filepath.Join(bin, name)
			deployed := deployAsPlanned(t, p)
			assertStaysSame(t, p, deployed)
		})
	}
}
