// Package verify is schedkit's one home for rules about values: the ARN of
// each AWS service, resource ids, bucket and Snowflake names, tags,
// environment-variable and credential names, email addresses, external ids,
// Lambda runtimes, SageMaker instance types, Snowflake column types, pipe
// copy options, the statement kind caller SQL must be where the library
// splices it (sql.go), caller names that collide with ones a component
// derives (collide.go) and the size of policies: a role's inline policies,
// a topic's policy, the limits of queue and bucket policies (policysize.go).
// Each rule is a pure function from a value to an error that says what the
// value is and which rule it breaks, with the rule's source in its doc
// comment, and a table test beside it.
//
// Components call the rules before registering anything (through
// components/internal/check, which adds the component, name and field) and
// again inside an apply for values known only at deploy time; policy rules
// call the same functions over a plan. Nothing here imports the components,
// the plan checker or the offline engine.
//
//	value ─rule→ nil | error("\"x\" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)")
//	        └─ check.Errors.Field / check.Deployed → Problem{Kind, Name, Field, Err}
package verify

import (
	"errors"
	"fmt"
)

// Rule is a check of one value: nil when the value is acceptable, otherwise
// an error that quotes the value and states the rule.
type Rule func(string) error

// Problem is an input of a component that breaks a rule: the component's kind
// and name, the field (as the caller wrote it, e.g. `Stream.KmsKeyArn`) and
// what is wrong. Its message is the one schedkit shows for bad input, at
// construction and at deploy time alike:
//
//	stream "clicks": `Stream.KmsKeyArn` "alias/x" is not a KMS key ARN (...)
type Problem struct {
	Kind, Name, Field string
	Err               error
}

func (p *Problem) Error() string {
	if p.Field == "" {
		return fmt.Sprintf("%s %q: %v", p.Kind, p.Name, p.Err)
	}
	return fmt.Sprintf("%s %q: `%s` %v", p.Kind, p.Name, p.Field, p.Err)
}

// Unwrap returns the broken rule's error.
func (p *Problem) Unwrap() error { return p.Err }

// FirstProblem returns the first Problem in err's chain, or nil. A program run
// wraps a problem found at deploy time in the engine's own context ("waiting
// for RPCs: marshaling properties: awaiting input property ..."); reporting
// the Problem itself gives the same message as at construction.
func FirstProblem(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return nil
}
