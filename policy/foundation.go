package policy

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/plan"
)

// CredentialName reports whether an environment variable name says its value
// is a credential; the rule lives in internal/verify (verify.CredentialName),
// shared with the components that refuse such names before deploy.
func CredentialName(name string) bool { return verify.CredentialName(name) }

// publicIPEnabled finds AssignPublicIp ENABLED in a state machine
// definition, however the JSON is spaced.
var publicIPEnabled = regexp.MustCompile(`"AssignPublicIp"\s*:\s*"ENABLED"`)

var foundationRules = []Rule{
	{
		ID: "sqs-encrypted", Severity: High,
		Rationale: "Queues hold failed events and payloads; they must be encrypted at rest.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				if r.Inputs["sqsManagedSseEnabled"] == true || r.String("kmsMasterKeyId") != "" {
					return ""
				}
				return "queue is not encrypted at rest (set sqsManagedSseEnabled or kmsMasterKeyId)"
			}, "aws:sqs/queue:Queue")
		},
	},
	{
		ID: "sns-encrypted", Severity: High,
		Rationale: "Alert topics carry job names and failure causes; they must be encrypted at rest.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				if r.String("kmsMasterKeyId") != "" {
					return ""
				}
				return "topic has no kmsMasterKeyId"
			}, "aws:sns/topic:Topic")
		},
	},
	{
		ID: "log-retention", Severity: Medium,
		Rationale: "Logs kept forever cost money and hold data past its purpose; every log group needs a retention.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				if n, ok := r.Inputs["retentionInDays"].(float64); ok && n > 0 {
					return ""
				}
				return "log group has no retentionInDays"
			}, "aws:cloudwatch/logGroup:LogGroup")
		},
	},
	{
		ID: "iam-no-wildcard-actions", Severity: High,
		Rationale: "Least privilege: identity policies name the actions they need, never \"*\" or \"service:*\".",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				docs := []string{r.String("policy")}
				if inl, ok := r.Inputs["inlinePolicies"].([]any); ok {
					for _, ip := range inl {
						if m, ok := ip.(map[string]any); ok {
							s, _ := m["policy"].(string)
							docs = append(docs, s)
						}
					}
				}
				for _, d := range docs {
					if d == "" {
						continue
					}
					doc, err := iampolicy.Parse(d)
					if err != nil {
						return "policy is not valid JSON: " + err.Error()
					}
					for _, s := range doc.Statement {
						if s.Effect != iampolicy.Allow {
							continue
						}
						for _, a := range s.Action {
							if a == "*" || strings.HasSuffix(a, ":*") {
								return fmt.Sprintf("statement %q allows wildcard action %q", s.Sid, a)
							}
						}
					}
				}
				return ""
			}, "aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/role:Role")
		},
	},
	{
		ID: "scheduler-dlq-and-retry", Severity: High,
		Rationale: "A schedule whose start fails must retry a finite number of times and keep what it could not deliver.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				var missing []string
				if r.Get("target", "deadLetterConfig", "arn") == nil {
					missing = append(missing, "dead-letter queue")
				}
				if r.Get("target", "retryPolicy", "maximumRetryAttempts") == nil {
					missing = append(missing, "retry policy")
				}
				if len(missing) == 0 {
					return ""
				}
				return "schedule target has no " + strings.Join(missing, " and no ")
			}, "aws:scheduler/schedule:Schedule")
		},
	},
	{
		ID: "ecs-no-public-ip", Severity: High,
		Rationale: "Batch tasks reach the internet through NAT or endpoints; a public IP exposes them.",
		Check: func(p *plan.Plan) []Finding {
			findings := each(p, func(r plan.Resource) string {
				if publicIPEnabled.MatchString(r.String("definition")) {
					return "workflow runs an ECS task with AssignPublicIp ENABLED"
				}
				return ""
			}, "aws:sfn/stateMachine:StateMachine")
			findings = append(findings, each(p, func(r plan.Resource) string {
				if r.Get("target", "ecsParameters", "networkConfiguration", "assignPublicIp") == true {
					return "schedule runs an ECS task with a public IP"
				}
				return ""
			}, "aws:scheduler/schedule:Schedule")...)
			return findings
		},
	},
	{
		ID: "ecs-no-plaintext-secrets", Severity: High,
		Rationale: "Credentials come from Secrets Manager or SSM at start, never as plaintext in a task definition.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				var defs []struct {
					Name        string `json:"name"`
					Environment []struct {
						Name string `json:"name"`
					} `json:"environment"`
				}
				if err := json.Unmarshal([]byte(r.String("containerDefinitions")), &defs); err != nil {
					return "container definitions are not valid JSON"
				}
				for _, d := range defs {
					for _, e := range d.Environment {
						if CredentialName(e.Name) {
							return fmt.Sprintf("container %q has credential-like variable %q in plaintext environment", d.Name, e.Name)
						}
					}
				}
				return ""
			}, "aws:ecs/taskDefinition:TaskDefinition")
		},
	},
}
