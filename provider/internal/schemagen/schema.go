// Package schemagen writes schedkit's Pulumi package schema from the Go API:
// the components bridge.Components lists, their Args and output fields (by
// reflection, under the bridge's names), and their Go doc comments (read
// from the source with go/doc) as descriptions. Nothing is written twice:
// a field's documentation, default and unit live in its doc comment.
package schemagen

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/provider/internal/bridge"
)

// modules maps the Go package of a nested argument type to its schema
// module; a component's module is its token's.
var modules = map[string]string{
	"alerts": "aws", "batch": "aws", "cronjob": "aws", "inference": "aws", "training": "aws",
	"stream": "aws", "trigger": "aws", "iampolicy": "aws",
	"snowpipe": "snowflake", "taskgraph": "snowflake", "warehouse": "snowflake",
	"hybrid": "pipelines", "trainingdata": "pipelines", "lambdaarch": "pipelines",
}

// vocabulary names the shared argument types that live in an internal
// vocabulary under a name that reads only with its package (retry.Policy):
// the schema gives them the names their public aliases give them
// (batch.RetryPolicy, batch.TransformJob), so a schema token, and the
// generated SDKs' class names, never depend on where the Go type lives.
var vocabulary = map[string]struct{ module, name string }{
	"github.com/schedkit/schedkit/components/internal/retry.Policy":        {"aws", "RetryPolicy"},
	"github.com/schedkit/schedkit/components/internal/sagemaker.Transform": {"aws", "TransformJob"},
}

// Plain and Input types the schema knows.
var (
	inputSpecs = map[reflect.Type]schema.TypeSpec{
		reflect.TypeFor[pulumi.StringInput]():      {Type: "string"},
		reflect.TypeFor[pulumi.StringArrayInput](): {Type: "array", Items: &schema.TypeSpec{Type: "string"}},
		reflect.TypeFor[pulumi.StringMapInput]():   {Type: "object", AdditionalProperties: &schema.TypeSpec{Type: "string"}},
		reflect.TypeFor[pulumi.IntInput]():         {Type: "integer"},
		reflect.TypeFor[pulumi.BoolInput]():        {Type: "boolean"},
	}
	outputSpecs = map[reflect.Type]schema.TypeSpec{
		reflect.TypeFor[pulumi.StringOutput]():      {Type: "string"},
		reflect.TypeFor[pulumi.StringArrayOutput](): {Type: "array", Items: &schema.TypeSpec{Type: "string"}},
		reflect.TypeFor[pulumi.StringMapOutput]():   {Type: "object", AdditionalProperties: &schema.TypeSpec{Type: "string"}},
		reflect.TypeFor[pulumi.IntOutput]():         {Type: "integer"},
		reflect.TypeFor[pulumi.BoolOutput]():        {Type: "boolean"},
	}
	durationType = reflect.TypeFor[time.Duration]()
)

// secondsNote ends the description of a duration field.
const secondsNote = "Given in whole seconds (a `time.Duration` in Go)."

// generator accumulates the object types the arguments refer to.
type generator struct {
	docs  Docs
	types map[string]schema.ComplexTypeSpec
	goOf  map[string]reflect.Type // token → Go type, to refuse two types one token
}

// Generate returns the package schema.
func Generate(docs Docs) (schema.PackageSpec, error) {
	g := &generator{docs: docs, types: map[string]schema.ComplexTypeSpec{}, goOf: map[string]reflect.Type{}}
	nodejs, _ := json.Marshal(map[string]any{
		"packageName":          "@schedkit/schedkit",
		"packageDescription":   "schedkit's components for data and ML pipelines on AWS and Snowflake.",
		"respectSchemaVersion": true,
	})
	python, _ := json.Marshal(map[string]any{
		"packageName":          "schedkit",
		"respectSchemaVersion": true,
		"pyproject":            map[string]any{"enabled": true},
	})
	spec := schema.PackageSpec{
		Name:        "schedkit",
		DisplayName: "schedkit",
		Description: "Pulumi components for data and ML pipelines on AWS and Snowflake: scheduled jobs, " +
			"batch workflows, training and inference, streams, Snowpipe ingest, Snowflake task graphs and warehouses.",
		Keywords:   []string{"pulumi", "aws", "snowflake", "category/cloud", "kind/component"},
		License:    "Apache-2.0",
		Repository: "https://github.com/schedkit/schedkit",
		Meta:       &schema.MetadataSpec{ModuleFormat: "(.*)"},
		Language:   map[string]schema.RawMessage{"nodejs": nodejs, "python": python},
		Resources:  map[string]schema.ResourceSpec{},
	}
	for _, c := range bridge.Components {
		r, err := g.resource(c)
		if err != nil {
			return schema.PackageSpec{}, fmt.Errorf("%s: %w", c.Token, err)
		}
		spec.Resources[c.Token] = r
	}
	spec.Types = g.types
	return spec, nil
}

// JSON is the schema as committed: indented, keys sorted, a final newline.
func JSON(spec schema.PackageSpec) ([]byte, error) {
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func (g *generator) resource(c bridge.Component) (schema.ResourceSpec, error) {
	desc := strings.TrimSpace(g.docs[typeKey(c.Resource)])
	if pkg := strings.TrimSpace(g.docs[c.Resource.PkgPath()]); pkg != "" {
		desc += "\n\n" + pkg
	}
	r := schema.ResourceSpec{
		ObjectTypeSpec: schema.ObjectTypeSpec{
			Description: desc,
			Type:        "object",
			Properties:  map[string]schema.PropertySpec{},
		},
		IsComponent:     true,
		InputProperties: map[string]schema.PropertySpec{},
	}
	for _, f := range bridge.Fields(c.Args) {
		p, err := g.input(c.Args, f)
		if err != nil {
			return r, err
		}
		r.InputProperties[f.Name] = p
	}
	for i := range c.Resource.NumField() {
		f := c.Resource.Field(i)
		tag, ok := f.Tag.Lookup("pulumi")
		if !ok || !f.IsExported() {
			continue
		}
		ts, ok := outputSpecs[f.Type]
		if !ok {
			return r, fmt.Errorf("output %s has type %v, which the schema does not know", f.Name, f.Type)
		}
		r.Properties[tag] = schema.PropertySpec{TypeSpec: ts, Description: strings.TrimSpace(g.docs[typeKey(c.Resource)+"."+f.Name])}
		r.Required = append(r.Required, tag)
	}
	sort.Strings(r.Required)
	return r, nil
}

// input is the property spec of field f of struct type owner.
func (g *generator) input(owner reflect.Type, f bridge.Field) (schema.PropertySpec, error) {
	ts, err := g.typeSpec(f.Go.Type)
	if err != nil {
		return schema.PropertySpec{}, fmt.Errorf("%s.%s: %w", owner.Name(), f.Go.Name, err)
	}
	desc := strings.TrimSpace(g.docs[typeKey(owner)+"."+f.Go.Name])
	if f.Seconds {
		desc += "\n\n" + secondsNote
	}
	return schema.PropertySpec{TypeSpec: ts, Description: desc}, nil
}

// typeSpec is t's schema type. Every level of a plain Go value is marked
// plain, so a generated SDK asks for a plain value there; an SDK Input
// (pulumi.StringInput, ...) takes an output of another resource.
func (g *generator) typeSpec(t reflect.Type) (schema.TypeSpec, error) {
	if ts, ok := inputSpecs[t]; ok {
		return ts, nil
	}
	if bridge.IsInput(t) {
		return schema.TypeSpec{}, fmt.Errorf("input type %v has no schema type", t)
	}
	if t == durationType {
		return schema.TypeSpec{Type: "integer", Plain: true}, nil
	}
	switch t.Kind() {
	case reflect.Interface:
		if t.NumMethod() == 0 { // any: JSON as it is
			return schema.TypeSpec{Ref: "pulumi.json#/Any", Plain: true}, nil
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return schema.TypeSpec{Type: "integer", Plain: true}, nil
	case reflect.Float64:
		return schema.TypeSpec{Type: "number", Plain: true}, nil
	case reflect.String:
		return schema.TypeSpec{Type: "string", Plain: true}, nil
	case reflect.Bool:
		return schema.TypeSpec{Type: "boolean", Plain: true}, nil
	case reflect.Pointer:
		return g.typeSpec(t.Elem())
	case reflect.Slice:
		items, err := g.typeSpec(t.Elem())
		return schema.TypeSpec{Type: "array", Items: &items, Plain: true}, err
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return schema.TypeSpec{}, fmt.Errorf("map key %v is not a string", t.Key())
		}
		elem, err := g.typeSpec(t.Elem())
		return schema.TypeSpec{Type: "object", AdditionalProperties: &elem, Plain: true}, err
	case reflect.Struct:
		tok, err := g.object(t)
		return schema.TypeSpec{Ref: "#/types/" + tok, Plain: true}, err
	}
	return schema.TypeSpec{}, fmt.Errorf("type %v has no schema type", t)
}

// object registers struct type t as an object type and returns its token.
func (g *generator) object(t reflect.Type) (string, error) {
	pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
	module, ok := modules[pkg]
	if v, shared := vocabulary[typeKey(t)]; shared {
		module, ok = v.module, true
	}
	if !ok {
		return "", fmt.Errorf("package %s has no schema module", t.PkgPath())
	}
	tok := "schedkit:" + module + ":" + objectName(t)
	if other, ok := g.goOf[tok]; ok {
		if other != t {
			return "", fmt.Errorf("%v and %v would both be %s", other, t, tok)
		}
		return tok, nil
	}
	g.goOf[tok] = t
	obj := schema.ObjectTypeSpec{
		Description: strings.TrimSpace(g.docs[typeKey(t)]),
		Type:        "object",
		Properties:  map[string]schema.PropertySpec{},
	}
	for _, f := range bridge.Fields(t) {
		p, err := g.input(t, f)
		if err != nil {
			return "", err
		}
		obj.Properties[f.Name] = p
	}
	g.types[tok] = schema.ComplexTypeSpec{ObjectTypeSpec: obj}
	return tok, nil
}

func typeKey(t reflect.Type) string { return t.PkgPath() + "." + t.Name() }

// Bind loads schema JSON b as Pulumi's code generators do, with the
// Node.js and Python language options; every diagnostic is an error.
func Bind(b []byte) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		return nil, err
	}
	languages := map[string]schema.Language{"nodejs": nodejs.Importer, "python": python.Importer}
	pkg, diags, err := schema.BindSpec(spec, schema.NewPluginLoader(nil), schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if len(diags) > 0 {
		return nil, diags
	}
	if err := pkg.ImportLanguages(languages); err != nil {
		return nil, err
	}
	return pkg, nil
}

// objectName names a nested argument type in the schema: its Go name
// without "Args" (the generated Python SDK adds "Args" to every input
// type), "<Component>Inputs" for a component's Args a composite embeds
// (HybridPipeline's producer: CronJobInputs).
func objectName(t reflect.Type) string {
	if v, ok := vocabulary[typeKey(t)]; ok {
		return v.name
	}
	name := strings.TrimSuffix(t.Name(), "Args")
	for _, c := range bridge.Components {
		if c.Args == t {
			return name + "Inputs"
		}
	}
	return name
}
