package policy

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/plan"
)

const (
	stateMachineType       = "aws:sfn/stateMachine:StateMachine"
	rolePolicyType         = "aws:iam/rolePolicy:RolePolicy"
	managedPolicyType      = "aws:iam/policy:Policy"
	roleType               = "aws:iam/role:Role"
	rolePolicyAttachType   = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	passedToServiceKeyName = "iam:passedtoservice"
)

// syncIntegrations are the .sync integrations whose managed EventBridge
// rule the workflow role must manage.
var syncIntegrations = []struct {
	resource *regexp.Regexp
	rule     string
}{
	{regexp.MustCompile(`arn:aws[a-z-]*:states:::ecs:runTask\.sync`), "StepFunctionsGetEventsForECSTaskRule"},
	{regexp.MustCompile(`arn:aws[a-z-]*:states:::sagemaker:createTransformJob\.sync`), "StepFunctionsGetEventsForSageMakerTransformJobsRule"},
	{regexp.MustCompile(`arn:aws[a-z-]*:states:::sagemaker:createTrainingJob\.sync`), "StepFunctionsGetEventsForSageMakerTrainingJobsRule"},
}

// syncRuleActions are what Step Functions does to a managed rule.
var syncRuleActions = []string{"events:PutTargets", "events:PutRule", "events:DescribeRule"}

var batchRules = []Rule{
	{
		ID: "sfn-logging", Severity: Medium,
		Rationale: "A workflow that does not log its failures cannot be debugged after the fact; log at ERROR or above to a log group.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				level, _ := r.Get("loggingConfiguration", "level").(string)
				if level == "" || strings.EqualFold(level, "OFF") {
					return "state machine logging is off (loggingConfiguration.level)"
				}
				if dest, _ := r.Get("loggingConfiguration", "logDestination").(string); dest == "" {
					return "state machine logs at " + level + " but has no loggingConfiguration.logDestination"
				}
				return ""
			}, stateMachineType)
		},
	},
	{
		ID: "sfn-tracing", Severity: Low,
		Rationale: "X-Ray traces show where a run spent its time and which integration failed.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				if r.Get("tracingConfiguration", "enabled") == true {
					return ""
				}
				return "state machine tracing is off (tracingConfiguration.enabled)"
			}, stateMachineType)
		},
	},
	{
		ID: "sfn-sync-rule-permissions", Severity: High,
		Rationale: "A .sync integration learns that its job ended through a managed EventBridge rule; without events:PutTargets/PutRule/DescribeRule on it the run fails at start.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				def := r.String("definition")
				var missing []string
				var docs []iampolicy.PlainDocument
				loaded := false
				for _, s := range syncIntegrations {
					if !s.resource.MatchString(def) {
						continue
					}
					if !loaded {
						var err error
						if docs, err = rolePolicies(p, r.String("roleArn")); err != nil {
							return err.Error()
						}
						loaded = true
					}
					if !allowsAll(docs, syncRuleActions, "arn:aws:events:region:account:rule/"+s.rule) {
						missing = append(missing, s.rule)
					}
				}
				if len(missing) == 0 {
					return ""
				}
				return fmt.Sprintf("workflow role %s may not manage %s (events:PutTargets, events:PutRule, events:DescribeRule)", r.String("roleArn"), strings.Join(missing, ", "))
			}, stateMachineType)
		},
	},
	{
		ID: "iam-passrole-conditioned", Severity: High,
		Rationale: "iam:PassRole without iam:PassedToService lets the holder hand the role to any service.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				for _, d := range policyDocuments(r) {
					doc, err := iampolicy.Parse(d)
					if err != nil {
						return "policy is not valid JSON: " + err.Error()
					}
					for _, s := range doc.Statement {
						if s.Effect != iampolicy.Allow || !anyMatch(s.Action, "iam:PassRole") {
							continue
						}
						if !hasConditionKey(s, passedToServiceKeyName) {
							return fmt.Sprintf("statement %q allows iam:PassRole without an iam:PassedToService condition", s.Sid)
						}
					}
				}
				return ""
			}, rolePolicyType, managedPolicyType, roleType)
		},
	},
}

// BatchRules returns the rules of the batch, inference and training
// patterns: workflows log and trace, .sync roles hold their managed-rule
// permissions, and every iam:PassRole names the service it passes to. They
// hold for every Step Functions workflow schedkit creates.
func BatchRules() []Rule { return append([]Rule(nil), batchRules...) }

// policyDocuments are the policy JSON documents a resource carries: a role
// or managed policy's policy, a role's inline policies.
func policyDocuments(r plan.Resource) []string {
	var docs []string
	if r.Type != roleType {
		if d := r.String("policy"); d != "" {
			docs = append(docs, d)
		}
	}
	if inl, ok := r.Inputs["inlinePolicies"].([]any); ok {
		for _, ip := range inl {
			if m, ok := ip.(map[string]any); ok {
				if s, _ := m["policy"].(string); s != "" {
					docs = append(docs, s)
				}
			}
		}
	}
	return docs
}

// rolePolicies gathers every identity policy the plan attaches to the role
// with ARN roleArn: inline RolePolicy resources naming it (by name, ARN or
// unique id), the role's own inline policies, and attached managed policies.
func rolePolicies(p *plan.Plan, roleArn string) ([]iampolicy.PlainDocument, error) {
	ids := map[string]bool{roleArn: true}
	if i := strings.LastIndex(roleArn, "/"); i >= 0 {
		ids[roleArn[i+1:]] = true
	}
	var raw []string
	for _, role := range p.ByType(roleType) {
		if role.Output("arn") == roleArn {
			ids[role.Output("name")] = true
			ids[role.Output("id")] = true
			ids[role.Output("uniqueId")] = true
			raw = append(raw, policyDocuments(role)...)
		}
	}
	delete(ids, "")
	for _, rp := range p.ByType(rolePolicyType) {
		if ids[rp.String("role")] {
			raw = append(raw, rp.String("policy"))
		}
	}
	for _, att := range p.ByType(rolePolicyAttachType) {
		if !ids[att.String("role")] {
			continue
		}
		for _, mp := range p.ByType(managedPolicyType) {
			if mp.Output("arn") == att.String("policyArn") {
				raw = append(raw, mp.String("policy"))
			}
		}
	}
	var docs []iampolicy.PlainDocument
	for _, d := range raw {
		doc, err := iampolicy.Parse(d)
		if err != nil {
			return nil, fmt.Errorf("a policy of role %s is not valid JSON: %v", roleArn, err)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// allowsAll reports whether, for every action, some Allow statement
// matches it and a resource that covers resource (region and account are
// wildcards in resource: "region" and "account" match anything).
func allowsAll(docs []iampolicy.PlainDocument, actions []string, resource string) bool {
	for _, a := range actions {
		ok := false
		for _, d := range docs {
			for _, s := range d.Statement {
				if s.Effect == iampolicy.Allow && anyMatch(s.Action, a) && resourceCovers(s.Resource, resource) {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// resourceCovers reports whether one of the statement's resources covers
// want, whose "region" and "account" segments stand for any value.
func resourceCovers(resources []string, want string) bool {
	wp := strings.SplitN(want, ":", 6)
	for _, r := range resources {
		if r == "*" {
			return true
		}
		rp := strings.SplitN(r, ":", 6)
		if len(rp) != 6 || len(wp) != 6 {
			continue
		}
		ok := true
		for i := range rp {
			if (wp[i] == "region" || wp[i] == "account") && rp[i] != "" {
				continue
			}
			if i == 1 && strings.HasPrefix(rp[i], "aws") {
				continue // any partition
			}
			if !glob(rp[i], wp[i]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// anyMatch reports whether one of the IAM action patterns matches action.
func anyMatch(patterns []string, action string) bool {
	for _, p := range patterns {
		if glob(strings.ToLower(p), strings.ToLower(action)) {
			return true
		}
	}
	return false
}

// glob matches IAM wildcards: * any run of characters, ? one character.
func glob(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if glob(pattern[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && glob(pattern[1:], s[1:])
	default:
		return s != "" && s[0] == pattern[0] && glob(pattern[1:], s[1:])
	}
}

func hasConditionKey(s iampolicy.PlainStatement, key string) bool {
	for _, kv := range s.Condition {
		for k, v := range kv {
			if strings.ToLower(k) == key && len(v) > 0 {
				return true
			}
		}
	}
	return false
}
