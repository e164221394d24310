package enginetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// StatePlan is the engine's state in the shape of synth's plan, so the two
// can be compared resource for resource and read by diff, cost and policy.
// The stack resource and default providers (which a program never
// registers) are left out.
func StatePlan(project, stack string, snap *deploy.Snapshot) *plan.Plan {
	p := &plan.Plan{Project: project, Stack: stack, Resources: []plan.Resource{}, Outputs: map[string]any{}}
	if snap == nil {
		return p
	}
	for _, r := range snap.Resources {
		if r.Delete {
			continue
		}
		if r.Type == resource.RootStackType {
			p.Outputs = synth.Plain(r.Outputs)
			continue
		}
		if strings.HasPrefix(string(r.Type), "pulumi:providers:") && strings.HasPrefix(r.URN.Name(), "default") {
			continue
		}
		res := plan.Resource{
			URN:            string(r.URN),
			Type:           string(r.Type),
			Name:           r.URN.Name(),
			Custom:         r.Custom,
			Parent:         string(r.Parent),
			Dependencies:   []string{},
			Protect:        r.Protect,
			RetainOnDelete: r.RetainOnDelete,
			Aliases:        []string{},
			Inputs:         synth.Plain(r.Inputs),
			Outputs:        map[string]any{},
			Provider:       r.Provider,
		}
		if providerURN(r.Provider) == "" {
			res.Provider = ""
		}
		for _, d := range r.Dependencies {
			res.Dependencies = append(res.Dependencies, string(d))
		}
		if r.Custom {
			res.Outputs = synth.Plain(r.Outputs)
		}
		if strings.HasPrefix(string(r.Type), "pulumi:providers:") {
			// The engine's own bookkeeping in a provider's state: the
			// plugin version the SDK asked for, and __internal.
			for _, m := range []map[string]any{res.Inputs, res.Outputs} {
				delete(m, "__internal")
				delete(m, "version")
			}
		}
		p.Resources = append(p.Resources, res)
	}
	sort.Slice(p.Resources, func(i, j int) bool { return p.Resources[i].URN < p.Resources[j].URN })
	return p
}

// providerURN is the URN part of a provider reference "<urn>::<id>", ""
// for a default provider.
func providerURN(ref string) string {
	if i := strings.LastIndex(ref, "::"); i > 0 {
		ref = ref[:i]
	}
	if ref == "" || !resource.URN(ref).IsValid() || strings.HasPrefix(resource.URN(ref).Name(), "default") {
		return ""
	}
	return ref
}

// Differences lists how the engine's state (got, from StatePlan) differs
// from synth's plan (want), resource for resource: URNs, types, parents,
// dependencies, protect, retainOnDelete, explicit providers, inputs and a
// custom resource's outputs, and the stack's outputs. None means they agree.
// Explicit providers are compared by URN (ids are the engine's own), and
// only when want was run in-process (see below).
func Differences(want, got *plan.Plan) []string {
	var out []string
	index := func(p *plan.Plan) map[string]plan.Resource {
		m := map[string]plan.Resource{}
		for _, r := range p.Resources {
			m[r.URN] = r
		}
		return m
	}
	w, g := index(want), index(got)
	// A plan read from JSON holds no provider references (they stay out of
	// plan JSON): explicit providers are compared for in-process plans.
	withProviders := false
	for _, r := range want.Resources {
		withProviders = withProviders || r.Provider != ""
	}
	for urn := range w {
		if _, ok := g[urn]; !ok {
			out = append(out, "missing from the state: "+urn)
		}
	}
	for urn, gr := range g {
		wr, ok := w[urn]
		if !ok {
			out = append(out, "not in synth's plan: "+urn)
			continue
		}
		field := func(name string, a, b any) {
			am, aok := a.(map[string]any)
			bm, bok := b.(map[string]any)
			if aok && bok { // one line per differing key
				for _, k := range sortedKeys(am, bm) {
					if !reflect.DeepEqual(normal(am[k]), normal(bm[k])) {
						out = append(out, fmt.Sprintf("%s: %s.%s: synth %s, engine %s", urn, name, k, js(am[k]), js(bm[k])))
					}
				}
				return
			}
			if !reflect.DeepEqual(normal(a), normal(b)) {
				out = append(out, fmt.Sprintf("%s: %s: synth %s, engine %s", urn, name, js(a), js(b)))
			}
		}
		field("type", wr.Type, gr.Type)
		field("custom", wr.Custom, gr.Custom)
		field("parent", wr.Parent, gr.Parent)
		field("protect", wr.Protect, gr.Protect)
		field("retainOnDelete", wr.RetainOnDelete, gr.RetainOnDelete)
		field("dependencies", sortedCopy(wr.Dependencies), sortedCopy(gr.Dependencies))
		if withProviders {
			field("provider", providerURN(wr.Provider), providerURN(gr.Provider)) // the engine's ids are its own
		}
		field("inputs", wr.Inputs, gr.Inputs)
		if gr.Custom {
			field("outputs", wr.Outputs, gr.Outputs)
		}
	}
	if !reflect.DeepEqual(normal(want.Outputs), normal(got.Outputs)) {
		out = append(out, fmt.Sprintf("stack outputs: synth %s, engine %s", js(want.Outputs), js(got.Outputs)))
	}
	sort.Strings(out)
	return out
}

// normal is v as JSON would read it back: one representation per value.
func normal(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return v
	}
	return out
}

func js(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func sortedKeys(ms ...map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
