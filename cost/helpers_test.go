package cost

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/plan"
)

// fixture builds a plan by hand: components and the resources under them.
type fixture struct {
	p *plan.Plan
}

func newFixture(region string) *fixture {
	cfg := map[string]string{}
	if region != "" {
		cfg["aws:region"] = region
	}
	stack := plan.Resource{URN: "urn:pulumi:test::cost::pulumi:pulumi:Stack::cost-test", Type: "pulumi:pulumi:Stack", Name: "cost-test"}
	return &fixture{p: &plan.Plan{Project: "cost", Stack: "test", Config: cfg, Resources: []plan.Resource{stack}}}
}

func urn(typ, name string) string { return "urn:pulumi:test::cost::" + typ + "::" + name }

// component adds a component resource at the top (parent "") or under parent.
func (f *fixture) component(typ, name, parent string) string {
	if parent == "" {
		parent = f.p.Resources[0].URN
	}
	u := urn(typ, name)
	f.p.Resources = append(f.p.Resources, plan.Resource{URN: u, Type: typ, Name: name, Parent: parent})
	return u
}

// resource adds a custom resource; arn, when given, becomes its output.
func (f *fixture) resource(typ, name, parent, arn string, inputs map[string]any) plan.Resource {
	if parent == "" {
		parent = f.p.Resources[0].URN
	}
	outputs := map[string]any{}
	if arn != "" {
		outputs["arn"] = arn
	}
	r := plan.Resource{URN: urn(typ, name), Type: typ, Name: name, Custom: true, Parent: parent, Inputs: inputs, Outputs: outputs}
	f.p.Resources = append(f.p.Resources, r)
	return r
}

func definition(t *testing.T, states map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"StartAt": "A", "States": states})
	require.NoError(t, err)
	return string(b)
}

func estimate(t *testing.T, f *fixture, u Usage) *Report {
	t.Helper()
	r, err := Estimate(f.p, u)
	require.NoError(t, err)
	return r
}

func component(t *testing.T, r *Report, name string) *ComponentCost {
	t.Helper()
	c := r.Component(name)
	require.NotNil(t, c, "no component %q in the report", name)
	return c
}

func line(t *testing.T, c *ComponentCost, item string) Line {
	t.Helper()
	for _, l := range c.Lines {
		if l.Item == item {
			return l
		}
	}
	var items []string
	for _, l := range c.Lines {
		items = append(items, l.Item)
	}
	require.Failf(t, "no line", "%q not among %q", item, items)
	return Line{}
}

func f64(v float64) *float64 { return &v }
