package bridge

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"

	"github.com/schedkit/schedkit/internal/verify"
)

// Construct is the provider's Construct: it decodes the arguments a
// program in any language sent for component typ into the component's Go
// Args and calls the Go constructor with them and the engine's options, so
// the children and their options are the ones a Go program gets. Bad
// arguments are refused before anything is registered, with the
// component's own messages, naming fields as the caller wrote them.
func Construct(ctx *pulumi.Context, typ, name string, inputs provider.ConstructInputs,
	opts pulumi.ResourceOption,
) (*provider.ConstructResult, error) {
	c, ok := Lookup(typ)
	if !ok {
		return nil, fmt.Errorf("schedkit has no component %s", typ)
	}
	args, err := DecodeArgs(c, name, inputs)
	if err != nil {
		return nil, err
	}
	res, err := c.construct(ctx, name, args, opts)
	if err != nil {
		return nil, Rename(c.Args, err)
	}
	return provider.NewConstructResult(res)
}

// DecodeArgs returns a *Args of c's Args type holding inputs.
func DecodeArgs(c Component, name string, inputs provider.ConstructInputs) (any, error) {
	fields := Fields(c.Args)
	var problems []string
	given, err := inputs.Map()
	if err != nil {
		return nil, err
	}
	for _, k := range slices.Sorted(maps.Keys(given)) {
		if !slices.ContainsFunc(fields, func(f Field) bool { return f.Name == k }) && !strings.HasPrefix(k, "__") {
			problems = append(problems, fmt.Sprintf("`%s` is not an argument of %s", k, c.Name()))
		}
	}
	args := reflect.New(c.Args)
	for _, f := range fields {
		if _, ok := given[f.Name]; !ok {
			continue
		}
		// One field at a time, so a refused value names its field.
		holder := reflect.New(reflect.StructOf([]reflect.StructField{{
			Name: f.Go.Name, Type: mirror(f.Go.Type), Tag: reflect.StructTag(fmt.Sprintf(`pulumi:"%s"`, f.Name)),
		}}))
		if err := inputs.CopyTo(holder.Interface()); err != nil {
			problems = append(problems, fmt.Sprintf("`%s` %s", f.Name, copyProblem(f, err)))
			continue
		}
		args.Elem().FieldByIndex(f.Go.Index).Set(decode(holder.Elem().Field(0), f.Go.Type, f.Name, &problems))
	}
	if len(problems) > 0 {
		errs := make([]error, len(problems))
		for i, p := range problems {
			errs[i] = fmt.Errorf("%s %q: %s", c.Token, name, p)
		}
		return nil, errors.Join(errs...)
	}
	return args.Interface(), nil
}

// copyProblem explains why the SDK could not copy a value into f.
func copyProblem(f Field, err error) string {
	msg := err.Error()
	if strings.Contains(msg, "must be a type that implements pulumi.Input") ||
		strings.Contains(msg, "expected destination type to implement pulumi.Input") {
		return "needs a value known before deployment (the component decides its children from it): " +
			"give a plain value, not a secret or another resource's output"
	}
	return "has the wrong type: " + msg
}

// Rename restates err, the component's validation errors in Go field
// names, in the names a program in another language wrote: each
// verify.Problem's field, and every field a message quotes in backticks.
// Any other error is kept as it is.
func Rename(args reflect.Type, err error) error {
	var out []error
	for _, one := range flatten(err) {
		var p *verify.Problem
		if !errors.As(one, &p) {
			out = append(out, one)
			continue
		}
		msg := renameQuoted(args, p.Err.Error())
		if p.Field == "" {
			out = append(out, fmt.Errorf("%s %q: %s", p.Kind, p.Name, msg))
			continue
		}
		out = append(out, fmt.Errorf("%s %q: `%s` %s", p.Kind, p.Name, WirePath(args, p.Field), msg))
	}
	return errors.Join(out...)
}

var quoted = regexp.MustCompile("`([A-Z][A-Za-z0-9]*(?:[.\\[][^`]*)?)`")

// renameQuoted renames the Go field paths a message quotes.
func renameQuoted(args reflect.Type, msg string) string {
	return quoted.ReplaceAllStringFunc(msg, func(q string) string {
		return "`" + WirePath(args, strings.Trim(q, "`")) + "`"
	})
}

var segment = regexp.MustCompile(`^([A-Za-z0-9]+)((?:\[[^\]]*\])*)$`)

// WirePath translates a Go field path of struct type t ("Steps[0].Timeout",
// "Schedule.Expression") into wire names ("steps[0].timeoutSeconds").
// A segment that names no field ends the translation; the rest is kept.
func WirePath(t reflect.Type, path string) string {
	parts := strings.Split(path, ".")
	for i, part := range parts {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		m := segment.FindStringSubmatch(part)
		if m == nil || t.Kind() != reflect.Struct {
			break
		}
		j := slices.IndexFunc(Fields(t), func(f Field) bool { return f.Go.Name == m[1] })
		if j < 0 {
			break
		}
		f := Fields(t)[j]
		parts[i] = f.Name + m[2]
		t = f.Go.Type
		for range strings.Count(m[2], "[") {
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			if t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
				t = t.Elem()
			}
		}
	}
	return strings.Join(parts, ".")
}

// flatten lists the errors errors.Join joined into err, recursively.
func flatten(err error) []error {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		if err == nil {
			return nil
		}
		return []error{err}
	}
	var out []error
	for _, e := range joined.Unwrap() {
		out = append(out, flatten(e)...)
	}
	return out
}
