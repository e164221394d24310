// Package check collects validation problems for one component so that a
// caller sees every bad argument at once, each naming the component, the
// field, the value and the rule it breaks (a verify.Problem). The same
// rules run again at deploy time on values that were Outputs at
// construction (Deployed), with the same message.
package check

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/internal/verify"
)

// Errors accumulates problems for the component kind ("cronjob") named name.
type Errors struct {
	kind, name string
	errs       []error
}

// New starts a collector for one component.
func New(kind, name string) *Errors { return &Errors{kind: kind, name: name} }

// Addf records a problem with field; format and args describe the value and the rule.
func (e *Errors) Addf(field, format string, args ...any) {
	e.errs = append(e.errs, &verify.Problem{Kind: e.kind, Name: e.name, Field: field, Err: fmt.Errorf(format, args...)})
}

// Add records an error that already names the component (from a shared validator).
func (e *Errors) Add(err error) {
	if err != nil {
		e.errs = append(e.errs, err)
	}
}

// Field records err from a shared rule that knows nothing of the
// component, as a problem of the component's field.
func (e *Errors) Field(field string, err error) {
	if err != nil {
		e.errs = append(e.errs, &verify.Problem{Kind: e.kind, Name: e.name, Field: field, Err: err})
	}
}

// Plain checks in with rule now when its value is plain; an Output's value is
// checked when known, by Deployed. A nil input is not checked (whether the
// field is required is the component's rule).
func (e *Errors) Plain(field string, in pulumi.StringInput, rule verify.Rule) {
	if s, ok := in.(pulumi.String); ok {
		e.Field(field, rule(string(s)))
	}
}

// PlainList checks a string array whose elements are known now: the whole
// list with list (if any), each plain element with rule under field[i].
// Elements that are Outputs are checked when known, by DeployedList.
func (e *Errors) PlainList(field string, in pulumi.StringArrayInput, list verify.ListRule, rule verify.Rule) {
	arr, ok := in.(pulumi.StringArray)
	if !ok {
		return
	}
	if list != nil {
		e.Field(field, list(make([]string, len(arr))))
	}
	for i, v := range arr {
		e.Plain(fmt.Sprintf("%s[%d]", field, i), v, rule)
	}
}

// Composed records the problems a composed component found in the
// arguments a composite gave it. A Problem in a field the composite filled
// from one of its own (rename returns that field and true) is recorded as a
// problem of the composite's field, as its caller wrote it; every other error
// is kept as the composed component stated it. A message already recorded is
// not recorded again: several composed components may refuse one value.
func (e *Errors) Composed(err error, rename func(field string) (string, bool)) {
	for _, one := range flatten(err) {
		if p, ok := one.(*verify.Problem); ok {
			if f, ok := rename(p.Field); ok {
				one = &verify.Problem{Kind: e.kind, Name: e.name, Field: f, Err: renameMentions(p.Err, rename)}
			}
		}
		if !slices.ContainsFunc(e.errs, func(x error) bool { return x.Error() == one.Error() }) {
			e.errs = append(e.errs, one)
		}
	}
}

// mention is a field named in a message, in backquotes as Problem writes them.
var mention = regexp.MustCompile("`([^`]+)`")

// renameMentions gives the composite's names to the composed component's
// fields a renamed problem's message mentions ("is set with
// `DisableDeadline`" becomes "is set with `Freshness.DisableDeadline`"), so
// the caller reads only fields they can set. The error is kept (Unwrap)
// under the new text.
func renameMentions(err error, rename func(field string) (string, bool)) error {
	text := mention.ReplaceAllStringFunc(err.Error(), func(m string) string {
		if f, ok := rename(m[1 : len(m)-1]); ok {
			return "`" + f + "`"
		}
		return m
	})
	if text == err.Error() {
		return err
	}
	return &renamedMessage{text: text, err: err}
}

type renamedMessage struct {
	text string
	err  error
}

func (r *renamedMessage) Error() string { return r.text }
func (r *renamedMessage) Unwrap() error { return r.err }

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

// Kind and Name identify the component, for shared validators.
func (e *Errors) Kind() string { return e.kind }

// Name is the component's name.
func (e *Errors) Name() string { return e.name }

// Err returns all problems joined, or nil.
func (e *Errors) Err() error { return errors.Join(e.errs...) }

// Range records a problem when v is outside [lo, hi].
func (e *Errors) Range(field string, v, lo, hi int) {
	if v < lo || v > hi {
		e.Addf(field, "%d is outside %d–%d", v, lo, hi)
	}
}

// OneOf records a problem when v is not one of allowed.
func (e *Errors) OneOf(field, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	e.Addf(field, "%q is not one of %s", v, strings.Join(allowed, ", "))
}

// Deployed returns in, checked with rule once its value is known: a plain
// value as it is (construction checked it, see Plain), an Output as an
// Output that fails the deployment with the verify.Problem construction
// would have reported. nil stays nil.
func Deployed(kind, name, field string, in pulumi.StringInput, rule verify.Rule) pulumi.StringInput {
	if in == nil {
		return nil
	}
	if _, plain := in.(pulumi.String); plain {
		return in
	}
	return in.ToStringOutput().ApplyT(func(v string) (string, error) {
		if err := rule(v); err != nil {
			return "", &verify.Problem{Kind: kind, Name: name, Field: field, Err: err}
		}
		return v, nil
	}).(pulumi.StringOutput)
}

// DeployedList is Deployed for a string array: the whole list with list (if
// any), every element with rule, each problem under field[i]. A plain array
// of plain strings is returned as it is (PlainList checked it).
func DeployedList(kind, name, field string, in pulumi.StringArrayInput, list verify.ListRule, rule verify.Rule) pulumi.StringArrayInput {
	if in == nil {
		return nil
	}
	if arr, plain := in.(pulumi.StringArray); plain {
		allPlain := true
		for _, v := range arr {
			_, ok := v.(pulumi.String)
			allPlain = allPlain && ok
		}
		if allPlain {
			return in
		}
	}
	return in.ToStringArrayOutput().ApplyT(func(vs []string) ([]string, error) {
		var errs []error
		if list != nil {
			if err := list(vs); err != nil {
				errs = append(errs, &verify.Problem{Kind: kind, Name: name, Field: field, Err: err})
			}
		}
		for i, v := range vs {
			if err := rule(v); err != nil {
				errs = append(errs, &verify.Problem{Kind: kind, Name: name, Field: fmt.Sprintf("%s[%d]", field, i), Err: err})
			}
		}
		return vs, errors.Join(errs...)
	}).(pulumi.StringArrayOutput)
}

// RoleInlinePolicies returns policy, failing the deployment with a
// verify.Problem of field once its rendered JSON, with the role's other
// inline policies, is past IAM's limit for one role (verify.RoleInlinePolicies).
// A policy of plain values is rendered at preview, so a plan already
// reports it, before anything is created.
func RoleInlinePolicies(kind, name, field string, policy pulumi.StringOutput, others ...pulumi.StringInput) pulumi.StringOutput {
	inputs := []any{policy}
	for _, o := range others {
		inputs = append(inputs, o)
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) (string, error) {
		docs := make([]string, len(v))
		for i, d := range v {
			docs[i] = d.(string)
		}
		if err := verify.RoleInlinePolicies(docs...); err != nil {
			return "", &verify.Problem{Kind: kind, Name: name, Field: field, Err: err}
		}
		return docs[0], nil
	}).(pulumi.StringOutput)
}
