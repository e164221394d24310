package tests

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/dashboard"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/warehouse"
)

// registeredOutputs reads the outputs map a package's constructor gives
// ctx.RegisterResourceOutputs: each key with the field of the component
// whose value it registers ("" when the value is not a field). Pulumi's
// mocks drop the map, so it is read from the source.
func registeredOutputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	require.NoError(t, err)
	out := map[string]string{}
	calls := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "RegisterResourceOutputs" {
				return true
			}
			calls++
			lit, ok := call.Args[1].(*ast.CompositeLit)
			require.Truef(t, ok, "%s: RegisterResourceOutputs takes a pulumi.Map literal", path)
			for _, e := range lit.Elts {
				kv := e.(*ast.KeyValueExpr)
				key, err := strconv.Unquote(kv.Key.(*ast.BasicLit).Value)
				require.NoError(t, err)
				field := ""
				if sel, ok := kv.Value.(*ast.SelectorExpr); ok {
					field = sel.Sel.Name
				}
				out[key] = field
			}
			return true
		})
	}
	require.Equalf(t, 1, calls, "%s registers its outputs once", dir)
	return out
}

// outputFields is every exported pulumi.Output field of a component type:
// its pulumi tag with the field's name.
func outputFields(t *testing.T, typ reflect.Type) map[string]string {
	t.Helper()
	outputType := reflect.TypeFor[pulumi.Output]()
	out := map[string]string{}
	for f := range typ.Fields() {
		if !f.IsExported() || !f.Type.Implements(outputType) {
			continue
		}
		tag, ok := f.Tag.Lookup("pulumi")
		if assert.Truef(t, ok, "%s.%s has no pulumi tag", typ.Name(), f.Name) {
			out[tag] = f.Name
		}
	}
	return out
}

// Every exported Output of a component is registered as its output, under
// its pulumi tag and with its own value, and nothing else is: what a
// program reads from the component and what `pulumi stack` and other
// languages see are the same.
func TestOutputs_registeredAreTheExportedOutputFields(t *testing.T) {
	for dir, typ := range map[string]reflect.Type{
		"components/alerts":       reflect.TypeFor[alerts.AlertTopic](),
		"components/batch":        reflect.TypeFor[batch.BatchWorkflow](),
		"components/cronjob":      reflect.TypeFor[cronjob.CronJob](),
		"components/dashboard":    reflect.TypeFor[dashboard.Dashboard](),
		"components/hybrid":       reflect.TypeFor[hybrid.HybridPipeline](),
		"components/inference":    reflect.TypeFor[inference.BatchInference](),
		"components/lambdaarch":   reflect.TypeFor[lambdaarch.LambdaArchitecture](),
		"components/snowpipe":     reflect.TypeFor[snowpipe.SnowpipeIngest](),
		"components/stream":       reflect.TypeFor[stream.StreamProcessor](),
		"components/taskgraph":    reflect.TypeFor[taskgraph.TaskGraph](),
		"components/training":     reflect.TypeFor[training.TrainingPipeline](),
		"components/trainingdata": reflect.TypeFor[trainingdata.TrainingDataPipeline](),
		"components/warehouse":    reflect.TypeFor[warehouse.Warehouse](),
	} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			fields := outputFields(t, typ)
			require.NotEmpty(t, fields)
			assert.Equal(t, fields, registeredOutputs(t, dir))
		})
	}
	assert.Len(t, patternDirs(t), 13, "a new pattern joins the table above")
}
