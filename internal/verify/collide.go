package verify

import (
	"fmt"
	"strings"
)

// Derived is a name a component gives one of its own objects, and what
// that object is ("the watch graph's freshness task").
type Derived struct{ Name, What string }

// NameFree accepts a name a caller gives an object when no object of the
// same kind and namespace that the component names itself has it.
// Names are compared without regard to case: Snowflake stores an unquoted
// identifier upper-case ("Identifier requirements", Snowflake docs), and
// IAM names are unique without regard to case ("IAM identifiers", IAM
// User Guide: "names must be unique within an account. They are not
// distinguished by case"); double quotes around the parts of a Snowflake
// name ("DB"."S"."T") are ignored. Two objects with one name would fail at apply
// (the second create finds the first) or, worse, replace one another.
func NameFree(given string, derived ...Derived) error {
	unquoted := func(s string) string { return strings.ReplaceAll(s, `"`, "") }
	for _, d := range derived {
		if strings.EqualFold(unquoted(given), unquoted(d.Name)) {
			return fmt.Errorf("%q is the name of %s, which the component creates itself (names compare without case); choose another", given, d.What)
		}
	}
	return nil
}
