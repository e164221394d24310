package tests

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/schedkit/schedkit/"

// imports lists, per package folder under root (relative to the repository),
// the schedkit packages its non-test files import.
func imports(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	if _, err := os.Stat(filepath.Join("..", root)); os.IsNotExist(err) {
		return out
	}
	err := filepath.WalkDir(filepath.Join("..", root), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel("..", filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		for _, spec := range f.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			if strings.HasPrefix(p, module) {
				out[dir] = append(out[dir], strings.TrimPrefix(p, module))
			}
		}
		return nil
	})
	require.NoError(t, err)
	for dir := range out {
		sort.Strings(out[dir])
	}
	return out
}

func under(p string, roots ...string) bool {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// The layers DESIGN.md draws: arrows point down.
func TestLayers_arrowsPointDown(t *testing.T) {
	for dir, deps := range imports(t, "components") {
		if strings.HasSuffix(dir, "test") {
			continue // a helper package for tests, like sfntest
		}
		for _, d := range deps {
			assert.Falsef(t, under(d, "synth", "cli", "policy", "diff", "cost", "stacks", "examples"),
				"%s imports %s: components must run under pulumi up without the offline tools", dir, d)
		}
	}
	for _, leaf := range []string{"plan", "internal/verify", "internal/cron"} {
		for dir, deps := range imports(t, leaf) {
			assert.Emptyf(t, deps, "%s imports %v: it sits below every other package", dir, deps)
		}
	}
	// The offline engine reads stacks and runs programs; the command line
	// (cli) is what calls the readers of its plans, so a deploy binary that
	// links synth links none of them.
	for dir, deps := range imports(t, "synth") {
		if strings.HasSuffix(dir, "test") {
			continue // synth/synthtest, the test helpers
		}
		for _, d := range deps {
			assert.Falsef(t, under(d, "policy", "diff", "cost", "cli", "stacks", "examples"),
				"%s imports %s: the engine must not need the command line or a reader of plans", dir, d)
		}
	}
	for dir, deps := range imports(t, "synth/synthtest") {
		for _, d := range deps {
			assert.Falsef(t, under(d, "policy", "diff", "cost", "cli"),
				"%s imports %s: test helpers of programs need only the engine", dir, d)
		}
	}
	for _, reader := range []string{"policy", "diff", "cost"} {
		for dir, deps := range imports(t, reader) {
			for _, d := range deps {
				ok := under(d, "plan", "internal", "components/iampolicy")
				assert.Truef(t, ok, "%s imports %s: plan readers read plans, not the engine or the patterns", dir, d)
			}
		}
	}
}

// vocabularies are the packages under components/ that are not patterns:
// every pattern may import them.
var vocabularies = []string{"components/internal", "components/iampolicy", "components/keep", "components/trigger", "components/snowflake"}

// composites are the patterns DESIGN.md lets import others: each may import
// exactly the patterns it composes.
var composites = map[string][]string{
	"components/hybrid":       {"components/cronjob", "components/snowpipe", "components/taskgraph"},
	"components/lambdaarch":   {"components/snowpipe", "components/stream", "components/taskgraph"},
	"components/trainingdata": {"components/taskgraph", "components/training"},
}

// DESIGN.md: two patterns never import each other for a shared type (the
// type moves to a vocabulary); a composite imports only what it composes.
func TestLayers_patternsImportNoOtherPattern(t *testing.T) {
	all := imports(t, "components")
	patterns := 0
	for dir, deps := range all {
		if under(dir, vocabularies...) {
			continue
		}
		patterns++
		for _, d := range deps {
			if !under(d, "components") || under(d, vocabularies...) {
				continue
			}
			assert.Containsf(t, composites[dir], d,
				"%s imports the pattern %s: move the shared type to components/internal or components/trigger (DESIGN.md, Layers)", dir, d)
		}
	}
	assert.GreaterOrEqual(t, patterns, 12, "every pattern package is looked at")
	for composite, parts := range composites {
		assert.ElementsMatchf(t, parts, uniq(all[composite], "components/", vocabularies),
			"%s composes exactly these patterns; DESIGN.md names them", composite)
	}
}

// uniq is the distinct imports under prefix that are not under any of skip.
func uniq(deps []string, prefix string, skip []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range deps {
		if strings.HasPrefix(d, prefix) && !under(d, skip...) && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
