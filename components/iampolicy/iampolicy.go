// Package iampolicy builds IAM policy documents as Go values and renders them
// to JSON, so that no component ever concatenates policy JSON by hand.
//
// A Statement's resources, principals and condition values are
// pulumi.StringInput, because they are usually ARNs known only at deploy
// time; Render waits for all of them and marshals the document once.
package iampolicy

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/internal/verify"
)

// Version is the IAM policy language version every document uses.
const Version = "2012-10-17"

// MaxRoleInlineSize is how many characters (white space not counted) IAM
// allows for all inline policies of one role together: verify's
// MaxIAMRoleInline, the one home of the rule (components check their roles'
// policies against it with check.RoleInlinePolicies).
const MaxRoleInlineSize = verify.MaxIAMRoleInline

// Effect is Allow or Deny.
type Effect string

// The two IAM effects.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Condition is one condition clause: Operator (e.g. "StringEquals"), Key
// (e.g. "iam:PassedToService") and the values it accepts.
type Condition struct {
	// Operator is the condition operator, e.g. "StringEquals", "ArnLike".
	Operator string
	// Key is the condition key, e.g. "iam:PassedToService", "aws:SourceArn".
	Key string
	// Values are the values the key is compared with; any one matches.
	Values []pulumi.StringInput
}

// Statement is one IAM policy statement. An empty Effect means Allow.
type Statement struct {
	// Sid names the statement; optional.
	Sid string
	// Effect is Allow or Deny. Defaults to Allow.
	Effect Effect
	// Principals maps a principal type ("Service", "AWS", "Federated") to
	// its values; only resource and trust policies have principals.
	Principals map[string][]pulumi.StringInput
	// Actions are the IAM actions, e.g. "s3:GetObject". A component refuses
	// a wildcard ("*" or "service:*") in a statement it grants (ValidateGrant).
	Actions []string
	// Resources are the ARNs the actions apply to.
	Resources []pulumi.StringInput
	// Conditions restrict when the statement applies.
	Conditions []Condition
}

// Document is an IAM policy document.
type Document struct {
	Statements []Statement
}

// Strings turns plain strings into inputs, for statements whose resources are
// known up front.
func Strings(values ...string) []pulumi.StringInput {
	out := make([]pulumi.StringInput, len(values))
	for i, v := range values {
		out[i] = pulumi.String(v)
	}
	return out
}

// Inputs gathers string inputs into a slice, a shorthand for statement fields.
func Inputs(values ...pulumi.StringInput) []pulumi.StringInput { return values }

// ValidateGrant rejects a statement a caller hands a component to grant one
// of its roles: one with no actions, a wildcard action ("*" or
// "service:*") or no resources. Least privilege names what is needed.
func (s Statement) ValidateGrant() error {
	if len(s.Actions) == 0 {
		return fmt.Errorf("has no actions")
	}
	for _, act := range s.Actions {
		if act == "*" || strings.HasSuffix(act, ":*") {
			return fmt.Errorf("action %q is a wildcard; name the actions needed", act)
		}
	}
	if len(s.Resources) == 0 {
		return fmt.Errorf("has no resources")
	}
	return nil
}

// PlainStatement is a statement with every value resolved; its JSON is the
// IAM wire form. Action and Resource are always arrays, which IAM accepts.
type PlainStatement struct {
	Sid       string                         `json:"Sid,omitempty"`
	Effect    Effect                         `json:"Effect"`
	Principal map[string][]string            `json:"Principal,omitempty"`
	Action    []string                       `json:"Action"`
	Resource  []string                       `json:"Resource,omitempty"`
	Condition map[string]map[string][]string `json:"Condition,omitempty"`
}

// PlainDocument is a document with every value resolved.
type PlainDocument struct {
	Version   string           `json:"Version"`
	Statement []PlainStatement `json:"Statement"`
}

// inputs lists every input of the document in a fixed order, the order
// resolve consumes them in.
func (d Document) inputs() []interface{} {
	var all []interface{}
	for _, s := range d.Statements {
		for _, k := range slices.Sorted(maps.Keys(s.Principals)) {
			for _, v := range s.Principals[k] {
				all = append(all, v)
			}
		}
		for _, r := range s.Resources {
			all = append(all, r)
		}
		for _, c := range s.Conditions {
			for _, v := range c.Values {
				all = append(all, v)
			}
		}
	}
	return all
}

func (d Document) resolve(values []interface{}) (PlainDocument, error) {
	next := func() (string, error) {
		if len(values) == 0 {
			return "", fmt.Errorf("iampolicy: fewer values than inputs")
		}
		raw := values[0]
		values = values[1:]
		v, ok := raw.(string)
		if !ok {
			return "", fmt.Errorf("iampolicy: input resolved to %T, want string", raw)
		}
		return v, nil
	}
	take := func(n int) ([]string, error) {
		out := make([]string, 0, n)
		for i := 0; i < n; i++ {
			v, err := next()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	doc := PlainDocument{Version: Version}
	for _, s := range d.Statements {
		if len(s.Actions) == 0 {
			return PlainDocument{}, fmt.Errorf("iampolicy: statement %q has no actions", s.Sid)
		}
		ps := PlainStatement{Sid: s.Sid, Effect: s.Effect, Action: append([]string(nil), s.Actions...)}
		if ps.Effect == "" {
			ps.Effect = Allow
		}
		for _, k := range slices.Sorted(maps.Keys(s.Principals)) {
			vals, err := take(len(s.Principals[k]))
			if err != nil {
				return PlainDocument{}, err
			}
			if ps.Principal == nil {
				ps.Principal = map[string][]string{}
			}
			ps.Principal[k] = vals
		}
		res, err := take(len(s.Resources))
		if err != nil {
			return PlainDocument{}, err
		}
		if len(res) > 0 {
			ps.Resource = res
		}
		for _, c := range s.Conditions {
			vals, err := take(len(c.Values))
			if err != nil {
				return PlainDocument{}, err
			}
			if ps.Condition == nil {
				ps.Condition = map[string]map[string][]string{}
			}
			if ps.Condition[c.Operator] == nil {
				ps.Condition[c.Operator] = map[string][]string{}
			}
			ps.Condition[c.Operator][c.Key] = append(ps.Condition[c.Operator][c.Key], vals...)
		}
		doc.Statement = append(doc.Statement, ps)
	}
	return doc, nil
}

// Render resolves every input of the document and returns its JSON.
func (d Document) Render() pulumi.StringOutput {
	return pulumi.All(d.inputs()...).ApplyT(func(values []interface{}) (string, error) {
		plain, err := d.resolve(values)
		if err != nil {
			return "", err
		}
		b, err := json.Marshal(plain)
		return string(b), err
	}).(pulumi.StringOutput)
}

// Parse reads a policy JSON document, accepting both the string and the
// array forms of Action, Resource, principal and condition values. Tests and
// the policy rules use it to inspect what components rendered.
func Parse(doc string) (PlainDocument, error) {
	var raw struct {
		Version   string `json:"Version"`
		Statement []struct {
			Sid       string                             `json:"Sid"`
			Effect    Effect                             `json:"Effect"`
			Principal principals                         `json:"Principal"`
			Action    stringOrList                       `json:"Action"`
			Resource  stringOrList                       `json:"Resource"`
			Condition map[string]map[string]stringOrList `json:"Condition"`
		} `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return PlainDocument{}, fmt.Errorf("iampolicy: parsing document: %w", err)
	}
	out := PlainDocument{Version: raw.Version}
	for _, s := range raw.Statement {
		ps := PlainStatement{Sid: s.Sid, Effect: s.Effect, Action: s.Action, Resource: s.Resource}
		if len(s.Principal) > 0 {
			ps.Principal = map[string][]string{}
			for k, v := range s.Principal {
				ps.Principal[k] = v
			}
		}
		if len(s.Condition) > 0 {
			ps.Condition = map[string]map[string][]string{}
			for op, kv := range s.Condition {
				ps.Condition[op] = map[string][]string{}
				for k, v := range kv {
					ps.Condition[op][k] = v
				}
			}
		}
		out.Statement = append(out.Statement, ps)
	}
	return out, nil
}

// FindSid returns the statement with the given Sid.
func (d PlainDocument) FindSid(sid string) (PlainStatement, bool) {
	for _, s := range d.Statement {
		if s.Sid == sid {
			return s, true
		}
	}
	return PlainStatement{}, false
}

// Actions lists every action the document allows, in order.
func (d PlainDocument) Actions() []string {
	var out []string
	for _, s := range d.Statement {
		if s.Effect == Allow {
			out = append(out, s.Action...)
		}
	}
	return out
}

// principals is a statement's Principal: an object of string-or-list
// values, or the bare "*", which IAM reads as {"AWS": "*"}.
type principals map[string]stringOrList

func (p *principals) UnmarshalJSON(b []byte) error {
	var star string
	if err := json.Unmarshal(b, &star); err == nil {
		if star != "*" {
			return fmt.Errorf("principal %q is neither \"*\" nor an object", star)
		}
		*p = principals{"AWS": {"*"}}
		return nil
	}
	var m map[string]stringOrList
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*p = m
	return nil
}

type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}
