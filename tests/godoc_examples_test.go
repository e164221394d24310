package tests

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGodocExamples_coverEveryComponentConstructor: every NewX of a
// component package has a runnable ExampleNewX with an // Output: block in
// its package, so pkg.go.dev shows a working call and go test runs it. The
// Snowflake bindings (components/snowflake) and the shared vocabularies
// (iampolicy, trigger, internal) are not components.
func TestGodocExamples_coverEveryComponentConstructor(t *testing.T) {
	dirs, err := filepath.Glob("../components/*")
	require.NoError(t, err)
	skip := map[string]bool{"internal": true, "snowflake": true, "iampolicy": true, "trigger": true}
	checked := 0
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || skip[filepath.Base(dir)] {
			continue
		}
		constructors, examples := map[string]bool{}, map[string]bool{}
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, pkg := range pkgs {
			for name, file := range pkg.Files {
				for _, decl := range file.Decls {
					fn, ok := decl.(*ast.FuncDecl)
					if !ok || fn.Recv != nil || !fn.Name.IsExported() {
						continue
					}
					switch {
					case strings.HasSuffix(name, "_test.go") && strings.HasPrefix(fn.Name.Name, "ExampleNew"):
						if hasOutput(file, fn) {
							examples[strings.TrimPrefix(fn.Name.Name, "Example")] = true
						}
					case !strings.HasSuffix(name, "_test.go") && strings.HasPrefix(fn.Name.Name, "New"):
						constructors[fn.Name.Name] = true
					}
				}
			}
		}
		for c := range constructors {
			checked++
			assert.Truef(t, examples[c], "%s: %s has no runnable Example%s with an // Output: block", dir, c, c)
		}
	}
	assert.GreaterOrEqual(t, checked, 11, "the component packages' constructors were found")
}

// hasOutput says whether fn ends with an // Output: comment.
func hasOutput(file *ast.File, fn *ast.FuncDecl) bool {
	for _, group := range file.Comments {
		if group.Pos() > fn.Body.Lbrace && group.End() < fn.Body.Rbrace && strings.HasPrefix(group.Text(), "Output:") {
			return true
		}
	}
	return false
}
