package stacks_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/examples/platform/stacks"
)

var update = flag.Bool("update", false, "rewrite the golden name files in testdata/names from the current plans")

// names lists every URN the stack plans, one per line and sorted, each with
// its physical name after a tab when it has one.
func names(t *testing.T, stack string) string {
	var b strings.Builder
	for _, r := range synthStack(t, stack).Resources { // sorted by URN
		b.WriteString(r.URN)
		if n := r.PhysicalName(); n != "" {
			b.WriteString("\t" + n)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A URN or physical name that changes makes Pulumi delete one resource and
// create another: in prod, a bucket, a stream or a table with its data. The
// golden files make every such change a visible, reviewed decision: after a
// deliberate rename (with pulumi.Aliases where the URN moved), regenerate them
// with `go test ./examples/platform/stacks -run namesStayPut -update` and let the review see the
// diff.
func TestStacks_namesStayPut(t *testing.T) {
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			got := names(t, env)
			file := filepath.Join("testdata", "names", env+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
				require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
			}
			want, err := os.ReadFile(file)
			require.NoError(t, err, "no golden file: run go test ./examples/platform/stacks -run namesStayPut -update")
			assert.Equal(t, string(want), got,
				"the %s stack's URNs or physical names changed: Pulumi would replace what changed. If the change is deliberate, "+
					"add pulumi.Aliases where a URN moved, then run go test ./examples/platform/stacks -run namesStayPut -update and commit the file.", env)
		})
	}
}
