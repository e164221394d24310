// Package policy checks a synthesized Plan against schedkit's rules: each
// rule has an id, a severity and a one-line rationale, and reports the
// resources that break it. `schedkit synth` runs every rule and fails on a
// violation; stack tests assert there are none.
package policy

import (
	"fmt"
	"sort"

	"github.com/schedkit/schedkit/plan"
)

// Severity ranks how bad a violation is.
type Severity string

// Severities, worst first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Rule is one check over a plan.
type Rule struct {
	ID        string
	Severity  Severity
	Rationale string
	// Check returns one message per offending resource, keyed by its URN.
	Check func(p *plan.Plan) []Finding
}

// Finding is a resource that breaks a rule, and how.
type Finding struct {
	URN     string
	Message string
}

// Violation is a finding together with its rule.
type Violation struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	URN      string   `json:"urn"`
	Message  string   `json:"message"`
}

func (v Violation) String() string {
	return fmt.Sprintf("[%s] %s: %s (%s)", v.Severity, v.Rule, v.Message, v.URN)
}

// All returns every rule schedkit ships.
func All() []Rule {
	var rules []Rule
	rules = append(rules, foundationRules...)
	rules = append(rules, streamRules...)
	rules = append(rules, snowflakeRules...)
	rules = append(rules, batchRules...)
	rules = append(rules, keepRules...)
	return rules
}

// Evaluate runs rules over the plan and returns the violations sorted by rule then URN.
func Evaluate(p *plan.Plan, rules []Rule) []Violation {
	var out []Violation
	for _, r := range rules {
		for _, f := range r.Check(p) {
			out = append(out, Violation{Rule: r.ID, Severity: r.Severity, URN: f.URN, Message: f.Message})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rule != out[j].Rule {
			return out[i].Rule < out[j].Rule
		}
		return out[i].URN < out[j].URN
	})
	return out
}

// each applies fn to every resource of the given types and collects findings.
func each(p *plan.Plan, fn func(r plan.Resource) string, types ...string) []Finding {
	var out []Finding
	for _, t := range types {
		for _, r := range p.ByType(t) {
			if msg := fn(r); msg != "" {
				out = append(out, Finding{URN: r.URN, Message: msg})
			}
		}
	}
	return out
}
