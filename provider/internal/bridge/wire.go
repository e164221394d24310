package bridge

import (
	"fmt"
	"math"
	"reflect"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Field is one exported Go field as the schema and Construct see it.
type Field struct {
	Go reflect.StructField
	// Name is the field's name in the schema: WireName of the Go name, with
	// "Seconds" appended for a duration.
	Name string
	// Seconds marks a time.Duration, given as whole seconds.
	Seconds bool
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	inputType    = reflect.TypeFor[pulumi.Input]()
)

// Fields lists struct type t's exported fields in declaration order.
func Fields(t reflect.Type) []Field {
	var out []Field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		w := Field{Go: f, Name: WireName(f.Name)}
		if f.Type == durationType {
			w.Seconds, w.Name = true, w.Name+"Seconds"
		}
		out = append(out, w)
	}
	return out
}

// IsInput reports whether t is one of the SDK's Input interfaces
// (pulumi.StringInput, ...): such a field takes an output of another
// resource; every other field needs a value known before deployment.
func IsInput(t reflect.Type) bool {
	return t.Kind() == reflect.Interface && t.Implements(inputType)
}

var (
	mirrorsMu sync.Mutex
	mirrors   = map[reflect.Type]reflect.Type{}
)

// maxNesting is how often one struct type may nest in itself in a mirror:
// Go's reflection cannot build a recursive type, and the one recursive
// argument (a batch Map step's child Step) may not nest deeper than this
// anyway — the component refuses a Map in a Map with its own message.
const maxNesting = 2

// mirror is the type Construct decodes a Go type's wire form into: the same
// shape with `pulumi` tags holding the wire names, integers and durations
// as float64 (so that 1.5 is refused rather than truncated), named strings
// as string. decode turns a mirror value back into the Go type.
func mirror(t reflect.Type) reflect.Type {
	mirrorsMu.Lock()
	defer mirrorsMu.Unlock()
	if m, ok := mirrors[t]; ok {
		return m
	}
	m := mirrorOf(t, map[reflect.Type]int{})
	mirrors[t] = m
	return m
}

// mirrorOf builds t's mirror; nesting counts the structs on the way in.
func mirrorOf(t reflect.Type, nesting map[reflect.Type]int) reflect.Type {
	switch {
	case t == durationType:
		return reflect.TypeFor[float64]()
	case IsInput(t), t.Kind() == reflect.Interface && t.NumMethod() == 0:
		return t // an Input, or any (JSON as the SDK decodes it)
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
		return reflect.TypeFor[float64]()
	case reflect.String:
		return reflect.TypeFor[string]()
	case reflect.Bool:
		return reflect.TypeFor[bool]()
	case reflect.Pointer:
		return reflect.PointerTo(mirrorOf(t.Elem(), nesting))
	case reflect.Slice:
		return reflect.SliceOf(mirrorOf(t.Elem(), nesting))
	case reflect.Map:
		return reflect.MapOf(reflect.TypeFor[string](), mirrorOf(t.Elem(), nesting))
	case reflect.Struct:
		var fs []reflect.StructField
		if nesting[t] < maxNesting {
			nesting[t]++
			for _, f := range Fields(t) {
				fs = append(fs, reflect.StructField{
					Name: f.Go.Name,
					Type: mirrorOf(f.Go.Type, nesting),
					Tag:  reflect.StructTag(fmt.Sprintf(`pulumi:"%s"`, f.Name)),
				})
			}
			nesting[t]--
		}
		return reflect.StructOf(fs)
	}
	panic(fmt.Sprintf("bridge: %v has no wire form", t))
}

// decode converts v, a value of mirror(t), to t. Problems are reported
// under path, in wire names.
func decode(v reflect.Value, t reflect.Type, path string, problems *[]string) reflect.Value {
	out := reflect.New(t).Elem()
	switch {
	case t == durationType:
		if n, ok := whole(v.Float(), path, "a whole number of seconds", problems); ok {
			out.SetInt(int64(time.Duration(n) * time.Second))
		}
		return out
	case IsInput(t), t.Kind() == reflect.Interface && t.NumMethod() == 0:
		if !v.IsNil() {
			out.Set(v)
		}
		return out
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n, ok := whole(v.Float(), path, "a whole number", problems); ok {
			out.SetInt(n)
		}
	case reflect.Float64:
		out.SetFloat(v.Float())
	case reflect.String:
		out.SetString(v.String())
	case reflect.Bool:
		out.SetBool(v.Bool())
	case reflect.Pointer:
		if !v.IsNil() {
			p := reflect.New(t.Elem())
			p.Elem().Set(decode(v.Elem(), t.Elem(), path, problems))
			out.Set(p)
		}
	case reflect.Slice:
		if !v.IsNil() {
			s := reflect.MakeSlice(t, v.Len(), v.Len())
			for i := range v.Len() {
				s.Index(i).Set(decode(v.Index(i), t.Elem(), fmt.Sprintf("%s[%d]", path, i), problems))
			}
			out.Set(s)
		}
	case reflect.Map:
		if !v.IsNil() {
			m := reflect.MakeMapWithSize(t, v.Len())
			iter := v.MapRange()
			for iter.Next() {
				k := iter.Key().String()
				m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()),
					decode(iter.Value(), t.Elem(), fmt.Sprintf("%s[%s]", path, k), problems))
			}
			out.Set(m)
		}
	case reflect.Struct:
		if v.NumField() == 0 {
			break // nested deeper than maxNesting: left empty
		}
		for i, f := range Fields(t) {
			out.FieldByIndex(f.Go.Index).Set(decode(v.Field(i), f.Go.Type, join(path, f.Name), problems))
		}
	}
	return out
}

// whole returns f as an integer, or records that it is not one.
func whole(f float64, path, want string, problems *[]string) (int64, bool) {
	if f != math.Trunc(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<53 {
		*problems = append(*problems, fmt.Sprintf("`%s` %v is not %s", path, f, want))
		return 0, false
	}
	return int64(f), true
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
