package tests

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patternDirs are the component packages under components/ that are
// patterns (not vocabularies), relative to the repository.
func patternDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("../components")
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		dir := "components/" + e.Name()
		if e.IsDir() && !under(dir, vocabularies...) {
			out = append(out, dir)
		}
	}
	require.GreaterOrEqual(t, len(out), 12, "every pattern is found")
	return out
}

// DESIGN.md, "Where a new thing goes": every pattern has its documented
// arguments, its defaults and its one pure validation in files of these
// names, so every folder reads the same.
func TestLayout_everyPatternHasArgsDefaultsAndValidate(t *testing.T) {
	for _, dir := range patternDirs(t) {
		for _, f := range []string{"args.go", "defaults.go", "validate.go"} {
			_, err := os.Stat(filepath.Join("..", dir, f))
			assert.NoErrorf(t, err, "%s has no %s", dir, f)
		}
	}
}

// defaultsCalls lists, per non-test file under components/, the calls of a
// function or method named withDefaults or WithDefaults it makes.
func defaultsCalls(t *testing.T) map[string]int {
	t.Helper()
	calls := map[string]int{}
	err := filepath.WalkDir("../components", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("..", path)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = fun.Name
			case *ast.SelectorExpr:
				name = fun.Sel.Name
			}
			if strings.EqualFold(name, "withDefaults") {
				calls[filepath.ToSlash(rel)]++
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	return calls
}

// DESIGN.md: defaults are resolved once per component. validate resolves
// them (one call of the pattern's withDefaults) and returns the resolved
// arguments the constructor builds from; defaults of the parts (a
// schedule, a retry policy, a transform) are applied only inside the
// pattern's defaults.go, never again by a vocabulary or the constructor.
func TestLayout_defaultsAreResolvedOnceByValidate(t *testing.T) {
	calls := defaultsCalls(t)
	for file, n := range calls {
		dir, base := filepath.Dir(file), filepath.Base(file)
		switch {
		case base == "defaults.go":
		case base == "validate.go" && slices.Contains(patternDirs(t), dir):
			assert.Equalf(t, 1, n, "%s resolves the defaults %d times; once, and return the resolved arguments", file, n)
		default:
			assert.Failf(t, "defaults applied again", "%s applies defaults %d times: take the arguments validate resolved", file, n)
		}
	}
	for _, dir := range patternDirs(t) {
		if dir == "components/snowpipe" {
			continue // no argument of a SnowpipeIngest has a default to resolve
		}
		assert.Equalf(t, 1, calls[dir+"/validate.go"], "%s/validate.go resolves the defaults", dir)
	}
}
