// Package check collects validation problems for one component so that a
// caller sees every bad argument at once, each naming the component, the
// field, the value and the rule it breaks.
package check

import (
	"errors"
	"fmt"
	"strings"
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
	e.errs = append(e.errs, fmt.Errorf("%s %q: `%s` %s", e.kind, e.name, field, fmt.Sprintf(format, args...)))
}

// Add records an error that already names the component (from a shared validator).
func (e *Errors) Add(err error) {
	if err != nil {
		e.errs = append(e.errs, err)
	}
}

// Field records err from a shared validator that knows nothing of the
// component, prefixing it with the component and field.
func (e *Errors) Field(field string, err error) {
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s %q: `%s` %w", e.kind, e.name, field, err))
	}
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
