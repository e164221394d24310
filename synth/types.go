package synth

import "github.com/schedkit/schedkit/plan"

// Plan is what Run returns; its home is package plan, which policy, diff and
// cost read without depending on the engine. The alias keeps synth.Plan, the
// name programs and tests have used since the start.
type Plan = plan.Plan

// Resource is one registered resource of a Plan (see package plan).
type Resource = plan.Resource
