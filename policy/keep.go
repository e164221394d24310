package policy

import "github.com/schedkit/schedkit/plan"

// Prod reports whether a plan is of a production stack: its stack config
// `<project>:env` (schedkit's `schedkit:env`) is "prod", or, in a plan that
// carries no such value (a plan read back from JSON, which holds no config),
// its stack is named "prod".
func Prod(p *plan.Plan) bool {
	if env, ok := p.Config[p.Project+":env"]; ok {
		return env == "prod"
	}
	return p.Stack == "prod"
}

var keepRules = []Rule{
	{
		ID: "prod-stateful-kept", Severity: High,
		Rationale: "In prod, deleting or replacing a resource that holds data loses it: every stateful resource is retained and protected, what guards it and what it needs to keep working (plan.Needed: a Firehose's role, a stage's integration) are retained with it, and the delete lock of each component holding it is protected, so a removal fails before deleting anything, even without a preview.",
		Check: func(p *plan.Plan) []Finding {
			if !Prod(p) {
				return nil
			}
			var out []Finding
			for _, f := range p.KeepFindings() {
				out = append(out, Finding{URN: f.URN, Message: f.Message})
			}
			return out
		},
	},
}
