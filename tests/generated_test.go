package tests

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/examples/platform/stacks"
)

// A generated block of a page is written from the Go source it names and
// sits between two markers:
//
//	<!-- generated: fields components/cronjob.CronJobArgs -->   every field of a struct, its type and doc comment
//	<!-- generated: outputs components/cronjob.CronJob -->      a component's output fields and their names in the stack
//	<!-- generated: example components/cronjob.ExampleNewCronJob --> a runnable example, compiled and checked by go test
//	<!-- generated: usage cli.Command -->                       the command line's usage, as it prints it
//	...
//	<!-- end generated -->
//
// The path is the package's folder from the repository root. The doc
// comments in args.go are the one source of what an argument means and
// what it defaults to; the pages repeat them, never rewrite them.
const (
	generatedMarker = "<!-- generated: "
	generatedEnd    = "<!-- end generated -->"
)

// generatedBlock is one generated block of a page.
type generatedBlock struct {
	kind, dir, name string
	start, end      int // the lines of the block's body: lines[start:end]
}

func generatedBlocks(t *testing.T, page string, lines []string) []generatedBlock {
	t.Helper()
	var out []generatedBlock
	for i, line := range lines {
		if !strings.HasPrefix(line, generatedMarker) {
			continue
		}
		fields := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(line, generatedMarker), "-->"))
		require.Lenf(t, fields, 2, "%s line %d: want <!-- generated: KIND DIR.NAME -->", page, i+1)
		dot := strings.LastIndex(fields[1], ".")
		require.Positivef(t, dot, "%s line %d: %q is not DIR.NAME", page, i+1, fields[1])
		end := i + 1
		for end < len(lines) && lines[end] != generatedEnd {
			end++
		}
		require.Lessf(t, end, len(lines), "%s line %d: the generated block is not closed with %s", page, i+1, generatedEnd)
		out = append(out, generatedBlock{kind: fields[0], dir: fields[1][:dot], name: fields[1][dot+1:], start: i + 1, end: end})
	}
	return out
}

// TestDocs_generatedBlocksAreWhatTheSourceSays checks every generated block
// of every page against the Go source it comes from; -update rewrites them:
//
//	go test ./tests -run Docs -update
func TestDocs_generatedBlocksAreWhatTheSourceSays(t *testing.T) {
	total := 0
	for _, page := range docPages(t) {
		lines := strings.Split(readPage(t, page), "\n")
		blocks := generatedBlocks(t, page, lines)
		total += len(blocks)
		for i := len(blocks) - 1; i >= 0; i-- {
			b := blocks[i]
			body := strings.Split(renderBlock(t, page, b), "\n")
			if *update {
				lines = append(lines[:b.start], append(body, lines[b.end:]...)...)
				continue
			}
			assert.Equalf(t, strings.Join(body, "\n"), strings.Join(lines[b.start:b.end], "\n"),
				"%s: the generated %s of %s.%s is out of date: go test ./tests -run Docs -update", page, b.kind, b.dir, b.name)
		}
		if *update && len(blocks) > 0 {
			writePage(t, page, strings.Join(lines, "\n"))
		}
	}
	assert.Positive(t, total, "the pages have generated blocks")
}

func renderBlock(t *testing.T, page string, b generatedBlock) string {
	t.Helper()
	if b.kind == "usage" {
		return "```text\n" + commandUsage(t) + "```"
	}
	src := parseDir(t, b.dir)
	switch b.kind {
	case "fields":
		return fieldsTable(t, src, b.name, false)
	case "outputs":
		return fieldsTable(t, src, b.name, true)
	case "example":
		fn, file := src.funcDecl(b.name)
		require.NotNilf(t, fn, "%s: %s has no func %s", page, b.dir, b.name)
		require.Truef(t, strings.HasSuffix(file, "_test.go") && strings.HasPrefix(b.name, "Example"), "%s: %s is not a runnable example", page, b.name)
		from := fn.Pos()
		if fn.Doc != nil {
			from = fn.Doc.Pos()
		}
		text := src.text(from, fn.End())
		require.Containsf(t, text, "// Output:", "%s: %s has no // Output: block, so go test does not check it", page, b.name)
		return "```go\n" + text + "\n```"
	}
	t.Fatalf("%s: unknown generated block %q", page, b.kind)
	return ""
}

// source is a parsed package folder, its tests included.
type source struct {
	fset  *token.FileSet
	files map[string]*ast.File
	raw   map[string][]byte
}

func parseDir(t *testing.T, dir string) *source {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	require.NoError(t, err)
	require.NotEmptyf(t, names, "%s has no Go files", dir)
	s := &source{fset: token.NewFileSet(), files: map[string]*ast.File{}, raw: map[string][]byte{}}
	for _, name := range names {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(s.fset, name, b, parser.ParseComments)
		require.NoError(t, err)
		s.files[name], s.raw[name] = f, b
	}
	return s
}

func (s *source) text(from, to token.Pos) string {
	start, end := s.fset.Position(from), s.fset.Position(to)
	return string(s.raw[start.Filename][start.Offset:end.Offset])
}

func (s *source) funcDecl(name string) (*ast.FuncDecl, string) {
	for file, f := range s.files {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name {
				return fn, file
			}
		}
	}
	return nil, ""
}

// structType finds the struct type name declares, following a type alias
// to another of schedkit's packages (batch.RetryPolicy = retry.Policy), and
// returns it with the source it is declared in.
func (s *source) structType(t *testing.T, name string) (*ast.StructType, *source) {
	t.Helper()
	for file, f := range s.files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, spec := range g.Specs {
				ts := spec.(*ast.TypeSpec)
				if ts.Name.Name != name {
					continue
				}
				switch typ := ts.Type.(type) {
				case *ast.StructType:
					return typ, s
				case *ast.SelectorExpr:
					if dir := importedDir(f, typ); dir != "" {
						return parseDir(t, dir).structType(t, typ.Sel.Name)
					}
				}
			}
		}
	}
	return nil, nil
}

// importedDir is the folder of the schedkit package a selector's package
// name refers to in file f, "" for any other package.
func importedDir(f *ast.File, sel *ast.SelectorExpr) string {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == pkg.Name && strings.HasPrefix(path, module) {
			return strings.TrimPrefix(path, module)
		}
	}
	return ""
}

// fieldsTable is a Markdown table of a struct's exported fields: name,
// type and doc comment; outputs adds each field's name in the stack (its
// pulumi tag) and leaves out the fields that are not outputs.
func fieldsTable(t *testing.T, s *source, name string, outputs bool) string {
	t.Helper()
	st, s := s.structType(t, name)
	require.NotNilf(t, st, "no struct type %s", name)
	var b strings.Builder
	if outputs {
		b.WriteString("| Output | Stack name | Type | What it is |\n|---|---|---|---|\n")
	} else {
		b.WriteString("| Field | Type | What it is, and its default |\n|---|---|---|\n")
	}
	rows := 0
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			continue // embedded: pulumi.ResourceState
		}
		var typ bytes.Buffer
		require.NoError(t, printer.Fprint(&typ, s.fset, f.Type))
		doc := oneLine(f.Doc.Text() + " " + f.Comment.Text())
		tag := ""
		if f.Tag != nil {
			tag = reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("pulumi")
		}
		for _, n := range f.Names {
			if !n.IsExported() || (outputs && tag == "") {
				continue
			}
			rows++
			if outputs {
				fmt.Fprintf(&b, "| `%s` | `%s` | `%s` | %s |\n", n.Name, tag, typ.String(), doc)
			} else {
				fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", n.Name, typ.String(), doc)
			}
		}
	}
	require.Positivef(t, rows, "%s has no exported fields to document", name)
	return strings.TrimSuffix(b.String(), "\n")
}

// oneLine joins a doc comment into one table cell.
func oneLine(doc string) string {
	doc = strings.Join(strings.Fields(doc), " ")
	doc = strings.ReplaceAll(doc, "|", `\|`)
	if doc == "" {
		return "-"
	}
	return doc
}

// commandUsage is what the command line prints when it is given no command.
func commandUsage(t *testing.T) string {
	t.Helper()
	var out, errOut bytes.Buffer
	require.Equal(t, 2, cli.Command(nil, stacks.Program, &out, &errOut))
	return errOut.String()
}
