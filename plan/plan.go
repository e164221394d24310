// Package plan is what a Pulumi program registers, as synth records it
// offline: every resource with its identity, options, inputs and outputs, and
// the stack's outputs. It is the one shape that policy, diff and cost read,
// and the JSON that `schedkit synth --out` writes.
package plan

import (
	"encoding/json"
	"sort"
	"strings"
)

// Plan is everything a program registered, in the shape other tools read.
type Plan struct {
	Project   string         `json:"project"`
	Stack     string         `json:"stack"`
	Resources []Resource     `json:"resources"`
	Outputs   map[string]any `json:"outputs"`
	// Config is the stack configuration the program ran with (full keys,
	// e.g. "snowflake:previewFeaturesEnabled"), for rules about default
	// providers. It stays out of the plan JSON, which must hold no secrets.
	Config map[string]string `json:"-"`
}

// Resource is one registered resource: its identity, options, and its inputs
// and outputs as plain JSON values (secrets as "[secret]", assets and
// archives as {"path": ...}).
type Resource struct {
	URN            string   `json:"urn"`
	Type           string   `json:"type"`
	Name           string   `json:"name"`
	Custom         bool     `json:"custom"`
	Parent         string   `json:"parent"`
	Dependencies   []string `json:"dependencies"`
	Protect        bool     `json:"protect"`
	RetainOnDelete bool     `json:"retainOnDelete"`
	// Aliases are the old URNs this resource answers to (pulumi.Aliases,
	// resolved as the engine resolves them, with the aliases it inherits
	// from its parent): a diff pairs an old resource with one of them
	// instead of deleting it.
	Aliases []string       `json:"aliases"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
	// Provider is the explicit provider reference ("<urn>::<id>") the
	// resource was registered with, "" for the default provider. It is for
	// tests and stays out of the plan JSON.
	Provider string `json:"-"`
}

// Secret is how a secret value appears in a Plan.
const Secret = "[secret]"

// Account is the AWS account id every synthesized ARN uses.
const Account = "123456789012"

// SnowflakeAWSAccount is the AWS account that owns the Snowflake side of
// integrations (the IAM user and the pipes' SQS queues) in synthesized output.
const SnowflakeAWSAccount = "999999999999"

// JSON renders the plan with stable ordering and indentation.
func (p *Plan) JSON() ([]byte, error) { return json.MarshalIndent(p, "", "  ") }

// ByType returns the resources of a type token, sorted by name.
func (p *Plan) ByType(token string) []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Type == token {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].URN < out[j].URN
	})
	return out
}

// Find returns the resource with this type and logical name.
func (p *Plan) Find(token, name string) (Resource, bool) {
	for _, r := range p.Resources {
		if r.Type == token && r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}

// ByURN returns the resource with this URN.
func (p *Plan) ByURN(urn string) (Resource, bool) {
	for _, r := range p.Resources {
		if r.URN == urn {
			return r, true
		}
	}
	return Resource{}, false
}

// Children returns the resources whose parent is urn, sorted by type then name.
func (p *Plan) Children(urn string) []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Parent == urn {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Roots returns the resources parented to the stack (or to nothing).
func (p *Plan) Roots() []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Parent == "" || strings.Contains(r.Parent, "::pulumi:pulumi:Stack::") {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

// String reads a string input, "" when absent or not a string.
func (r Resource) String(key string) string {
	s, _ := r.Inputs[key].(string)
	return s
}

// Output reads a string output, "" when absent or not a string.
func (r Resource) Output(key string) string {
	s, _ := r.Outputs[key].(string)
	return s
}

// Get walks a path of object keys and array indexes (ints) through the
// inputs, returning nil when any step is missing.
func (r Resource) Get(path ...any) any {
	var cur any = r.Inputs
	for _, step := range path {
		switch k := step.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil
			}
			cur = m[k]
		case int:
			a, ok := cur.([]any)
			if !ok || k < 0 || k >= len(a) {
				return nil
			}
			cur = a[k]
		default:
			return nil
		}
	}
	return cur
}

// PhysicalName is the name the resource has in its cloud: a Snowflake
// object's fully qualified name, a bucket's name, a task definition's
// family, or else its name or id as the provider reports them. A component
// has none ("").
func (r Resource) PhysicalName() string {
	if !r.Custom {
		return ""
	}
	for _, key := range []string{"fullyQualifiedName", "bucket", "family", "name", "id"} {
		if key == "bucket" && CurrentType(r.Type) != BucketType {
			continue // a bucket's policy, encryption, ... name their bucket, not themselves
		}
		if s := r.Output(key); s != "" {
			return s
		}
	}
	return ""
}
