package schemagen

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/provider/internal/bridge"
)

// committed is provider/schema.json as committed.
func committed(t *testing.T) schema.PackageSpec {
	t.Helper()
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	return spec
}

// componentTokens are the Type constants ("schedkit:...") the library's
// public component packages declare, read from the source.
func componentTokens(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(repoRoot, "components", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for _, dir := range dirs {
		if filepath.Base(dir) == "internal" {
			continue
		}
		pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			for _, f := range pkg.Files {
				for _, d := range f.Decls {
					g, ok := d.(*ast.GenDecl)
					if !ok || g.Tok != token.CONST {
						continue
					}
					for _, s := range g.Specs {
						v := s.(*ast.ValueSpec)
						for i, n := range v.Names {
							if n.Name != "Type" || i >= len(v.Values) {
								continue
							}
							if lit, ok := v.Values[i].(*ast.BasicLit); ok {
								if s, _ := strconv.Unquote(lit.Value); strings.HasPrefix(s, "schedkit:") {
									tokens = append(tokens, s)
								}
							}
						}
					}
				}
			}
		}
	}
	return tokens
}

// goOnly are components the provider does not serve, and why.
var goOnly = map[string]string{
	// components/dashboard draws what the program's other components
	// recorded in the same process; under the provider each Construct
	// call is a program of its own, so it would draw nothing.
	"schedkit:aws:Dashboard": "reads the metrics the program's components recorded in-process",
}

// TestSchema_everyComponent: every component package's Type is served by
// the provider and described by the schema, under today's token, but the
// Go-only ones.
func TestSchema_everyComponent(t *testing.T) {
	spec := committed(t)
	var tokens []string
	for _, tok := range componentTokens(t) {
		if goOnly[tok] == "" {
			tokens = append(tokens, tok)
		}
	}
	if len(tokens) != 12 {
		t.Errorf("found %d component tokens in components/, want the 12 public components: %v", len(tokens), tokens)
	}
	for _, tok := range tokens {
		if _, ok := bridge.Lookup(tok); !ok {
			t.Errorf("%s is not served by the provider (bridge.Components)", tok)
		}
		if _, ok := spec.Resources[tok]; !ok {
			t.Errorf("%s is not in provider/schema.json", tok)
		}
	}
	if len(spec.Resources) != len(tokens) {
		t.Errorf("schema has %d resources, the library %d components", len(spec.Resources), len(tokens))
	}
}

// TestSchema_matchesGoAPI holds the committed schema against the Go API:
// every argument of every component (nested ones too) and every output
// appears, under its name, with the type its Go type calls for (plain
// where the Go field is plain, an input where it is a pulumi Input,
// durations as whole seconds) and its Go doc comment as description; the
// schema has nothing else.
func TestSchema_matchesGoAPI(t *testing.T) {
	spec := committed(t)
	docs, err := ReadDocs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	c := apiCheck{t: t, spec: spec, docs: docs, seen: map[string]bool{}}
	for _, comp := range bridge.Components {
		r, ok := spec.Resources[comp.Token]
		if !ok {
			t.Errorf("%s missing", comp.Token)
			continue
		}
		if !r.IsComponent || !strings.HasPrefix(r.Description, strings.TrimSpace(docs[typeKey(comp.Resource)])) || r.Description == "" {
			t.Errorf("%s: not a component, or not described by its Go doc comment", comp.Token)
		}
		c.properties(comp.Token, comp.Args, r.InputProperties)
		outputs := 0
		for i := range comp.Resource.NumField() {
			f := comp.Resource.Field(i)
			tag, ok := f.Tag.Lookup("pulumi")
			if !ok {
				continue
			}
			outputs++
			p, ok := r.Properties[tag]
			want := map[reflect.Type]string{
				reflect.TypeFor[pulumi.StringOutput]():    "string",
				reflect.TypeFor[pulumi.StringMapOutput](): "object",
			}[f.Type]
			switch {
			case !ok:
				t.Errorf("%s: output %s (%s) missing", comp.Token, f.Name, tag)
			case p.Type != want || want == "":
				t.Errorf("%s: output %s is %q in the schema, Go has %v", comp.Token, tag, p.Type, f.Type)
			case p.Description == "" || p.Description != strings.TrimSpace(docs[typeKey(comp.Resource)+"."+f.Name]):
				t.Errorf("%s: output %s is not described by its Go doc comment", comp.Token, tag)
			}
		}
		if outputs == 0 || len(r.Properties) != outputs || len(r.Required) != outputs {
			t.Errorf("%s: %d outputs in Go, %d (%d required) in the schema", comp.Token, outputs, len(r.Properties), len(r.Required))
		}
	}
	if len(c.seen) != len(spec.Types) {
		t.Errorf("schema has %d object types, the arguments use %d", len(spec.Types), len(c.seen))
	}
}

type apiCheck struct {
	t    *testing.T
	spec schema.PackageSpec
	docs Docs
	seen map[string]bool
}

// properties checks that props are exactly struct type st's fields.
func (c apiCheck) properties(where string, st reflect.Type, props map[string]schema.PropertySpec) {
	n := 0
	for i := range st.NumField() {
		f := st.Field(i)
		if !f.IsExported() {
			continue
		}
		n++
		name := bridge.WireName(f.Name)
		doc := strings.TrimSpace(c.docs[typeKey(st)+"."+f.Name])
		if f.Type == reflect.TypeFor[time.Duration]() {
			name += "Seconds"
			doc += "\n\n" + secondsNote
		}
		p, ok := props[name]
		if !ok {
			c.t.Errorf("%s: argument %s.%s is not in the schema as %q", where, st.Name(), f.Name, name)
			continue
		}
		if p.Description == "" || p.Description != doc {
			c.t.Errorf("%s: %s is not described by the doc comment of %s.%s", where, name, st.Name(), f.Name)
		}
		c.typ(where+"."+name, f.Type, p.TypeSpec)
	}
	if n != len(props) {
		c.t.Errorf("%s: %d properties in the schema, %d fields in %s", where, len(props), n, st)
	}
}

// typ checks that ts is Go type gt's schema type.
func (c apiCheck) typ(where string, gt reflect.Type, ts schema.TypeSpec) {
	fail := func(want string) { c.t.Errorf("%s: Go %v wants %s, schema has %+v", where, gt, want, ts) }
	inputs := map[reflect.Type]string{
		reflect.TypeFor[pulumi.StringInput]():      "string",
		reflect.TypeFor[pulumi.StringArrayInput](): "array",
	}
	if want, ok := inputs[gt]; ok {
		if ts.Type != want || ts.Plain {
			fail("an input " + want)
		}
		if want == "array" && (ts.Items == nil || ts.Items.Type != "string") {
			fail("an array of strings")
		}
		return
	}
	if gt.Kind() == reflect.Interface && gt.NumMethod() > 0 {
		fail("a type the check knows")
		return
	}
	if gt.Kind() != reflect.Pointer && gt.Kind() != reflect.Interface && !ts.Plain {
		fail("a plain value")
	}
	switch gt.Kind() {
	case reflect.Interface:
		if ts.Ref != "pulumi.json#/Any" {
			fail("any")
		}
	case reflect.Int, reflect.Int64:
		if ts.Type != "integer" {
			fail("an integer")
		}
	case reflect.Float64:
		if ts.Type != "number" {
			fail("a number")
		}
	case reflect.String:
		if ts.Type != "string" {
			fail("a string")
		}
	case reflect.Bool:
		if ts.Type != "boolean" {
			fail("a boolean")
		}
	case reflect.Pointer:
		c.typ(where, gt.Elem(), ts)
	case reflect.Slice:
		if ts.Type != "array" || ts.Items == nil {
			fail("an array")
			return
		}
		c.typ(where+"[]", gt.Elem(), *ts.Items)
	case reflect.Map:
		if ts.Type != "object" || ts.AdditionalProperties == nil {
			fail("a map")
			return
		}
		c.typ(where+"{}", gt.Elem(), *ts.AdditionalProperties)
	case reflect.Struct:
		tok := strings.TrimPrefix(ts.Ref, "#/types/")
		obj, ok := c.spec.Types[tok]
		want := strings.TrimSuffix(gt.Name(), "Args")
		if v, ok := vocabulary[typeKey(gt)]; ok {
			want = v.name // a shared type named as its public alias names it
		}
		if strings.HasSuffix(gt.Name(), "Args") && c.spec.Resources[strings.TrimSuffix(tok, "Inputs")].IsComponent {
			want += "Inputs" // a component's arguments, embedded in a composite
		}
		if !ok || !strings.HasSuffix(tok, ":"+want) {
			fail("a reference to an object type named " + want)
			return
		}
		if c.seen[tok] {
			return
		}
		c.seen[tok] = true
		if obj.Description != strings.TrimSpace(c.docs[typeKey(gt)]) || obj.Description == "" {
			c.t.Errorf("%s: type %s is not described by the doc comment of %v", where, tok, gt)
		}
		c.properties(tok, gt, obj.Properties)
	default:
		fail("a kind the check knows")
	}
}
