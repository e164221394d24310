package schemagen

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"gopkg.in/yaml.v3"
)

// yamlProgram is the part of a Pulumi YAML program the check reads.
type yamlProgram struct {
	Config    map[string]any `yaml:"config"`
	Resources map[string]struct {
		Type       string         `yaml:"type"`
		Properties map[string]any `yaml:"properties"`
	} `yaml:"resources"`
	Outputs map[string]string `yaml:"outputs"`
}

var interpolation = regexp.MustCompile(`^\$\{([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\}$`)

// TestYAMLExample_matchesSchema holds the Pulumi YAML example against the
// schema as Pulumi YAML would: every resource type is a schedkit
// component, every property one of its inputs with a value of the input's
// type (nested objects too), an output of another resource only where the
// schema takes an input rather than a plain value, and every output read
// one the component has.
func TestYAMLExample_matchesSchema(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "yaml", "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var prog yamlProgram
	if err := yaml.Unmarshal(b, &prog); err != nil {
		t.Fatal(err)
	}
	spec := committed(t)
	y := yamlCheck{t: t, spec: spec, prog: prog}
	if len(prog.Resources) < 3 {
		t.Fatalf("the example uses %d components, want at least 3", len(prog.Resources))
	}
	names := make([]string, 0, len(prog.Resources))
	for n := range prog.Resources {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		res := prog.Resources[name]
		r, ok := spec.Resources[res.Type]
		if !ok {
			t.Errorf("%s: type %s is not a schedkit component", name, res.Type)
			continue
		}
		y.object(name, res.Properties, r.InputProperties)
	}
	for k, v := range prog.Outputs {
		y.value("outputs."+k, v, schema.TypeSpec{Type: "string"})
	}
}

type yamlCheck struct {
	t    *testing.T
	spec schema.PackageSpec
	prog yamlProgram
}

func (y yamlCheck) object(where string, props map[string]any, schemaProps map[string]schema.PropertySpec) {
	for k, v := range props {
		p, ok := schemaProps[k]
		if !ok {
			y.t.Errorf("%s: %q is not a property (the schema has %s)", where, k, strings.Join(keys(schemaProps), ", "))
			continue
		}
		y.value(where+"."+k, v, p.TypeSpec)
	}
}

// value checks v against ts.
func (y yamlCheck) value(where string, v any, ts schema.TypeSpec) {
	if s, ok := v.(string); ok && strings.Contains(s, "${") {
		m := interpolation.FindStringSubmatch(s)
		if m == nil {
			y.t.Errorf("%s: %q is not a reference the check knows", where, s)
			return
		}
		if m[2] == "" { // ${configKey}
			if _, ok := y.prog.Config[m[1]]; !ok {
				y.t.Errorf("%s: %q names no config value", where, s)
			}
			return
		}
		res, ok := y.prog.Resources[m[1]]
		if !ok {
			y.t.Errorf("%s: %q names no resource", where, s)
			return
		}
		if _, ok := y.spec.Resources[res.Type].Properties[m[2]]; !ok {
			y.t.Errorf("%s: %s has no output %q", where, res.Type, m[2])
		}
		if ts.Plain {
			y.t.Errorf("%s: takes a plain value; an output of %s is known only at deployment", where, m[1])
		}
		return
	}
	switch {
	case ts.Ref != "":
		obj, ok := y.spec.Types[strings.TrimPrefix(ts.Ref, "#/types/")]
		m, isMap := v.(map[string]any)
		if !ok || !isMap {
			y.t.Errorf("%s: wants an object %s, has %v", where, ts.Ref, v)
			return
		}
		y.object(where, m, obj.Properties)
	case ts.Type == "array":
		items, ok := v.([]any)
		if !ok {
			y.t.Errorf("%s: wants a list, has %v", where, v)
			return
		}
		for _, e := range items {
			y.value(where+"[]", e, *ts.Items)
		}
	case ts.Type == "object":
		m, ok := v.(map[string]any)
		if !ok {
			y.t.Errorf("%s: wants a map, has %v", where, v)
			return
		}
		for k, e := range m {
			y.value(where+"."+k, e, *ts.AdditionalProperties)
		}
	case ts.Type == "integer":
		if _, ok := v.(int); !ok {
			y.t.Errorf("%s: wants a whole number, has %v", where, v)
		}
	case ts.Type == "boolean":
		if _, ok := v.(bool); !ok {
			y.t.Errorf("%s: wants true or false, has %v", where, v)
		}
	case ts.Type == "string":
		if _, ok := v.(string); !ok {
			y.t.Errorf("%s: wants a string, has %v", where, v)
		}
	default:
		y.t.Errorf("%s: the check does not know %+v", where, ts)
	}
}

func keys(m map[string]schema.PropertySpec) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
