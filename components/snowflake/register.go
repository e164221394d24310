package snowflake

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The shared marshaller. Args structs describe their wire shape with a tag:
//
//	`wire:"name"`            the wire (input property) name
//	`wire:"name,required"`   nil (or an empty struct slice) is an error
//	`wire:"name,secret"`     the value is wrapped with pulumi.ToSecret
//	`wire:"name,empty"`      on a bool: true sends an empty object {} (a choice with no fields)
//	`wire:",merge"`          on a pulumi.Map: its keys are merged into the enclosing object
//
// Supported field types: any pulumi.Input (interfaces such as
// pulumi.StringPtrInput, or pulumi.Map), *Struct (nested object), []Struct
// (list of objects), []string, and bool with ",empty". Untagged embedded
// structs are flattened into their parent.

type wireTag struct {
	name                           string
	required, secret, empty, merge bool
}

func parseWireTag(tag string) wireTag {
	parts := strings.Split(tag, ",")
	w := wireTag{name: parts[0]}
	for _, p := range parts[1:] {
		switch p {
		case "required":
			w.required = true
		case "secret":
			w.secret = true
		case "empty":
			w.empty = true
		case "merge":
			w.merge = true
		default:
			panic(fmt.Sprintf("snowflake: unknown wire tag option %q", p))
		}
	}
	return w
}

// marshaller collects the top-level wire names that carry secrets.
type marshaller struct{ secretTops map[string]bool }

// marshalArgs turns a pointer to an args struct (nil allowed) into the input
// map sent to the engine, plus the sorted top-level names holding secrets.
func marshalArgs(args any) (pulumi.Map, []string, error) {
	v := reflect.ValueOf(args)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v = reflect.New(v.Type().Elem())
		}
		v = v.Elem()
	}
	m := marshaller{secretTops: map[string]bool{}}
	out := pulumi.Map{}
	if err := m.object(v, "", "", out); err != nil {
		return nil, nil, err
	}
	return out, slices.Sorted(maps.Keys(m.secretTops)), nil
}

// object marshals the tagged fields of struct v into out. path is the Go
// field path used in error messages ("Columns[0]."), top the enclosing
// top-level wire name.
func (m *marshaller) object(v reflect.Value, path, top string, out pulumi.Map) error {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		tag, ok := f.Tag.Lookup("wire")
		if !ok {
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				if err := m.object(fv, path, top, out); err != nil {
					return err
				}
			}
			continue
		}
		w := parseWireTag(tag)
		fpath, ftop := path+f.Name, top
		if ftop == "" {
			ftop = w.name
		}
		val, err := m.value(fv, w, fpath, ftop)
		if err != nil {
			return err
		}
		switch {
		case val == nil && w.required:
			return fmt.Errorf("`%s` is required", fpath)
		case val == nil:
		case w.merge:
			maps.Copy(out, val.(pulumi.Map))
		case w.secret:
			m.secretTops[ftop] = true
			out[w.name] = pulumi.ToSecret(val)
		default:
			out[w.name] = val
		}
	}
	return nil
}

// value marshals one field; nil means "unset".
func (m *marshaller) value(fv reflect.Value, w wireTag, path, top string) (pulumi.Input, error) {
	if isNil(fv) {
		return nil, nil
	}
	switch t := fv.Type(); {
	case w.empty && t.Kind() == reflect.Bool:
		if fv.Bool() {
			return pulumi.Map{}, nil
		}
		return nil, nil
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		obj := pulumi.Map{}
		return obj, m.object(fv.Elem(), path+".", top, obj)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		if fv.Len() == 0 {
			return nil, nil
		}
		arr := make(pulumi.Array, fv.Len())
		for j := range fv.Len() {
			obj := pulumi.Map{}
			if err := m.object(fv.Index(j), fmt.Sprintf("%s[%d].", path, j), top, obj); err != nil {
				return nil, err
			}
			arr[j] = obj
		}
		return arr, nil
	case t == reflect.TypeFor[[]string]():
		if fv.Len() == 0 {
			return nil, nil
		}
		return pulumi.ToStringArray(fv.Interface().([]string)), nil
	}
	if in, ok := fv.Interface().(pulumi.Input); ok {
		return in, nil
	}
	panic(fmt.Sprintf("snowflake: field %s has unsupported type %s", path, fv.Type()))
}

// isNil reports whether v is a nil interface, pointer, map or slice, looking
// through interfaces (so a typed nil inside a pulumi.XInput counts as nil).
func isNil(v reflect.Value) bool {
	for {
		switch v.Kind() {
		case reflect.Interface:
			if v.IsNil() {
				return true
			}
			v = v.Elem()
		case reflect.Pointer, reflect.Map, reflect.Slice:
			return v.IsNil()
		default:
			return false
		}
	}
}

// isSet reports whether x (typically an args field) holds a value.
func isSet(x any) bool { return x != nil && !isNil(reflect.ValueOf(x)) }

// label names a resource type in error messages, e.g. "snowflake.Task".
func label(token string) string {
	if token == ProviderType {
		return "snowflake.Provider"
	}
	return "snowflake." + token[strings.LastIndex(token, ":")+1:]
}

// register marshals args, then registers the resource with the plugin version
// in front of the caller's options (so a caller-supplied pulumi.Version wins)
// and AdditionalSecretOutputs for every top-level property holding a secret.
// Nothing is registered when args are invalid.
func register(ctx *pulumi.Context, token, name string, args any, res pulumi.Resource, opts []pulumi.ResourceOption) error {
	inputs, secrets, err := marshalArgs(args)
	if err != nil {
		return fmt.Errorf("%s %q: %w", label(token), name, err)
	}
	all := []pulumi.ResourceOption{pulumi.Version(PluginVersion)}
	if len(secrets) > 0 {
		all = append(all, pulumi.AdditionalSecretOutputs(secrets))
	}
	return ctx.RegisterResource(token, name, inputs, res, append(all, opts...)...)
}

// create allocates a resource of type T, registers it and returns it.
func create[T any, P interface {
	*T
	pulumi.Resource
}](ctx *pulumi.Context, token, name string, args any, opts []pulumi.ResourceOption) (P, error) {
	res := P(new(T))
	if err := register(ctx, token, name, args, res, opts); err != nil {
		return nil, err
	}
	return res, nil
}

// exactlyOne returns an error unless exactly one of vals is set; names are the
// matching Go field names.
func exactlyOne(names []string, vals ...any) error {
	n := 0
	for _, v := range vals {
		if isSet(v) {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("exactly one of `%s` must be set, got %d", strings.Join(names, "`, `"), n)
	}
	return nil
}
