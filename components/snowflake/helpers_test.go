package snowflake

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// recorder is a pulumi mock that records every registration and echoes the
// inputs back as outputs, merged with per-name extra outputs.
type recorder struct {
	mu    sync.Mutex
	regs  []pulumi.MockResourceArgs
	extra map[string]resource.PropertyMap // logical name -> extra outputs
}

func (r *recorder) NewResource(a pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.regs = append(r.regs, a)
	out := a.Inputs.Copy()
	for k, v := range r.extra[a.Name] {
		out[k] = v
	}
	return a.Name + "-id", out, nil
}

func (r *recorder) Call(a pulumi.MockCallArgs) (resource.PropertyMap, error) { return a.Args, nil }

// run executes program under mocks and returns the recorder and the program error.
func run(t *testing.T, extra map[string]resource.PropertyMap, program func(ctx *pulumi.Context) error) (*recorder, error) {
	t.Helper()
	rec := &recorder{extra: extra}
	err := pulumi.RunErr(program, pulumi.WithMocks("proj", "stack", rec))
	return rec, err
}

// registered returns the single registration of token, failing otherwise.
func (r *recorder) registered(t *testing.T, token string) pulumi.MockResourceArgs {
	t.Helper()
	var found []pulumi.MockResourceArgs
	for _, a := range r.regs {
		if a.TypeToken == token {
			found = append(found, a)
		}
	}
	require.Len(t, found, 1, "registrations of %s", token)
	return found[0]
}

// all returns every registration of token.
func (r *recorder) all(token string) []pulumi.MockResourceArgs {
	var found []pulumi.MockResourceArgs
	for _, a := range r.regs {
		if a.TypeToken == token {
			found = append(found, a)
		}
	}
	return found
}

// keys returns the sorted property names of m.
func keys(m resource.PropertyMap) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}

// words splits a whitespace-separated list and sorts it.
func words(s string) []string {
	out := strings.Fields(s)
	sort.Strings(out)
	return out
}

// prop walks a dotted path ("credentials.awsSecretKey", "columns.0.name")
// through objects and arrays, looking through secrets.
func prop(t *testing.T, m resource.PropertyMap, path string) resource.PropertyValue {
	t.Helper()
	v := resource.NewObjectProperty(m)
	for _, part := range strings.Split(path, ".") {
		if v.IsSecret() {
			v = v.SecretValue().Element
		}
		switch {
		case v.IsObject():
			next, ok := v.ObjectValue()[resource.PropertyKey(part)]
			require.True(t, ok, "missing %q in %s", part, path)
			v = next
		case v.IsArray():
			i := int(part[0] - '0')
			require.Less(t, i, len(v.ArrayValue()), path)
			v = v.ArrayValue()[i]
		default:
			t.Fatalf("cannot descend into %v at %q of %s", v, part, path)
		}
	}
	return v
}

// assertCommon checks the token and default plugin version of a registration.
func assertCommon(t *testing.T, a pulumi.MockResourceArgs, token string) {
	t.Helper()
	require.Equal(t, token, a.TypeToken)
	require.NotNil(t, a.RegisterRPC)
	require.Equal(t, "2.17.0", a.RegisterRPC.GetVersion())
}

// assertSecrets checks that every path is a secret and that no other
// top-level input is.
func assertSecrets(t *testing.T, inputs resource.PropertyMap, paths ...string) {
	t.Helper()
	tops := map[string]bool{}
	for _, p := range paths {
		require.True(t, prop(t, inputs, p).IsSecret(), "%s should be secret", p)
		tops[strings.Split(p, ".")[0]] = true
	}
	for k, v := range inputs {
		if !tops[string(k)] {
			require.False(t, v.ContainsSecrets(), "%s should not be secret", k)
		}
	}
}

var (
	stringInputs = []reflect.Type{reflect.TypeFor[pulumi.StringInput](), reflect.TypeFor[pulumi.StringPtrInput]()}
	boolInputs   = []reflect.Type{reflect.TypeFor[pulumi.BoolInput](), reflect.TypeFor[pulumi.BoolPtrInput]()}
	intInputs    = []reflect.Type{reflect.TypeFor[pulumi.IntInput](), reflect.TypeFor[pulumi.IntPtrInput]()}
)

// fill sets every field of the struct behind ptr (recursively) to a sample
// value, producing a fully populated args struct.
func fill[T any](ptr *T) *T {
	fillValue(reflect.ValueOf(ptr).Elem())
	return ptr
}

func fillValue(v reflect.Value) {
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		if f.Anonymous {
			fillValue(fv)
			continue
		}
		fv.Set(sample(f.Type))
	}
}

func sample(t reflect.Type) reflect.Value {
	var x any
	switch {
	case contains(stringInputs, t):
		x = pulumi.String("v")
	case contains(boolInputs, t):
		x = pulumi.Bool(true)
	case contains(intInputs, t):
		x = pulumi.Int(7)
	case t == reflect.TypeFor[pulumi.StringArrayInput]():
		x = pulumi.StringArray{pulumi.String("a")}
	case t == reflect.TypeFor[pulumi.IntArrayInput]():
		x = pulumi.IntArray{pulumi.Int(50)}
	case t == reflect.TypeFor[pulumi.StringMapInput]():
		x = pulumi.StringMap{"k": pulumi.String("v")}
	case t == reflect.TypeFor[pulumi.Map]():
		x = pulumi.Map{"extraOption": pulumi.String("v")}
	case t == reflect.TypeFor[[]string]():
		x = []string{"a"}
	case t.Kind() == reflect.Bool:
		x = true
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		fillValue(p.Elem())
		return p
	case t.Kind() == reflect.Slice:
		s := reflect.MakeSlice(t, 1, 1)
		fillValue(s.Index(0))
		return s
	default:
		panic("fill: unsupported type " + t.String())
	}
	return reflect.ValueOf(x)
}

func contains(ts []reflect.Type, t reflect.Type) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
