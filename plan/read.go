package plan

import (
	"encoding/json"
	"fmt"
	"os"
)

// Read loads a plan that `schedkit synth --out` wrote. A plan written before
// resources carried aliases reads with none.
func Read(path string) (*Plan, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading plan: %w", err)
	}
	var doc struct {
		Plan
		Resources *[]Resource `json:"resources"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("reading plan %s: %w", path, err)
	}
	if doc.Resources == nil {
		return nil, fmt.Errorf("reading plan %s: no \"resources\": not a plan `schedkit synth --out` wrote", path)
	}
	p := doc.Plan
	p.Resources = *doc.Resources
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Inputs == nil {
			r.Inputs = map[string]any{}
		}
		if r.Outputs == nil {
			r.Outputs = map[string]any{}
		}
		if r.Dependencies == nil {
			r.Dependencies = []string{}
		}
		if r.Aliases == nil {
			r.Aliases = []string{}
		}
	}
	if p.Outputs == nil {
		p.Outputs = map[string]any{}
	}
	return &p, nil
}
