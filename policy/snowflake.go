package policy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/plan"
)

// Snowflake resource tokens the rules read (the bindings' tokens, repeated
// here so that policy does not depend on the components).
const (
	sfNotificationIntegration = "snowflake:index/notificationIntegration:NotificationIntegration"
	sfStorageIntegrationAws   = "snowflake:index/storageIntegrationAws:StorageIntegrationAws"
	sfStorageIntegration      = "snowflake:index/storageIntegration:StorageIntegration"
	sfStage                   = "snowflake:index/stage:Stage"
	sfTask                    = "snowflake:index/task:Task"
	sfWarehouse               = "snowflake:index/warehouse:Warehouse"
	sfProvider                = "pulumi:providers:snowflake"
	snsTopic                  = "aws:sns/topic:Topic"
	iamRole                   = "aws:iam/role:Role"
)

// MaxWarehouseAutoSuspendSeconds is the longest idle time the
// snowflake-warehouse-cost-guard rule accepts before a warehouse suspends.
const MaxWarehouseAutoSuspendSeconds = 600

// SnowflakeRules returns the rules for Snowflake integrations, tasks and
// warehouses.
func SnowflakeRules() []Rule { return append([]Rule(nil), snowflakeRules...) }

var snowflakeRules = []Rule{
	{
		ID: "snowflake-preview-features-enabled", Severity: High,
		Rationale: "A Snowflake resource that is a preview feature of the provider fails at apply unless its provider lists the feature in previewFeaturesEnabled; an explicit provider reads none from stack config.",
		Check: func(p *plan.Plan) []Finding {
			providers := map[string]plan.Resource{}
			for _, r := range p.ByType(sfProvider) {
				providers[r.URN] = r
			}
			var out []Finding
			for _, r := range p.Resources {
				feature, gated := verify.SnowflakePreviewFeatures[r.Type]
				if !gated {
					continue
				}
				enabled, where := previewFeatures(p, providers, r)
				if !slices.Contains(enabled, feature) {
					out = append(out, Finding{URN: r.URN, Message: fmt.Sprintf("%s is the preview feature %q, which %s does not enable in previewFeaturesEnabled", r.Type, feature, where)})
				}
			}
			return out
		},
	},
	{
		ID: "snowflake-notification-topic-standard-encrypted", Severity: High,
		Rationale: "Snowflake error notifications publish only to standard SNS topics, and the failures they carry must be encrypted at rest.",
		Check: func(p *plan.Plan) []Finding {
			topics := map[string]plan.Resource{}
			for _, t := range p.ByType(snsTopic) {
				topics[t.Output("arn")] = t
			}
			return each(p, func(r plan.Resource) string {
				arn := r.String("awsSnsTopicArn")
				if arn == "" {
					return ""
				}
				var problems []string
				t, inPlan := topics[arn]
				if strings.HasSuffix(arn, ".fifo") || (inPlan && t.Inputs["fifoTopic"] == true) {
					problems = append(problems, "is a FIFO topic")
				}
				// A topic managed elsewhere cannot be inspected here.
				if inPlan && t.String("kmsMasterKeyId") == "" {
					problems = append(problems, "has no kmsMasterKeyId")
				}
				if len(problems) == 0 {
					return ""
				}
				return fmt.Sprintf("notification integration publishes to topic %s, which %s", arn, strings.Join(problems, " and "))
			}, sfNotificationIntegration)
		},
	},
	{
		ID: "snowflake-trust-requires-external-id", Severity: High,
		Rationale: "A role a Snowflake integration assumes must require the integration's external id, or any Snowflake customer's integration could be pointed at it.",
		Check: func(p *plan.Plan) []Finding {
			users := snowflakeIAMUsers(p)
			return each(p, func(r plan.Resource) string {
				raw := r.String("assumeRolePolicy")
				if raw == "" || raw == plan.Secret {
					return "" // a secret trust policy (e.g. a secret external id) cannot be read here
				}
				doc, err := iampolicy.Parse(raw)
				if err != nil {
					return "trust policy is not valid JSON: " + err.Error()
				}
				for _, s := range doc.Statement {
					if s.Effect != iampolicy.Allow {
						continue
					}
					for _, principal := range s.Principal["AWS"] {
						if !users[principal] && !isSnowflakeAccountPrincipal(principal) {
							continue
						}
						if len(s.Condition["StringEquals"]["sts:ExternalId"]) == 0 {
							return fmt.Sprintf("statement %q lets Snowflake principal %s assume the role without an sts:ExternalId condition", s.Sid, principal)
						}
					}
				}
				return ""
			}, iamRole)
		},
	},
	{
		ID: "snowflake-storage-writes-within-locations", Severity: High,
		Rationale: "The role a storage integration assumes may write (put or delete objects) only under the integration's allowed locations; a role that can write elsewhere lets any stage on the integration overwrite other data.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				roleArn := r.String("storageAwsRoleArn")
				allowed := stringList(r.Inputs["storageAllowedLocations"])
				docs, err := rolePolicies(p, roleArn)
				if err != nil {
					return err.Error()
				}
				for _, doc := range docs {
					for _, st := range doc.Statement {
						if st.Effect != iampolicy.Allow || !writesObjects(st.Action) {
							continue
						}
						for _, res := range st.Resource {
							if !withinLocations(res, allowed) {
								return fmt.Sprintf("its role %s may write %s (statement %q), outside the allowed locations %s", roleArn, res, st.Sid, strings.Join(allowed, ", "))
							}
						}
					}
				}
				return ""
			}, sfStorageIntegrationAws, sfStorageIntegration)
		},
	},
	{
		ID: "snowflake-root-task-guarded", Severity: High,
		Rationale: "A root task's failures must reach someone (errorIntegration) and must stop the graph after a few runs (suspendTaskAfterNumFailures), not burn credits on Snowflake's default of 10.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				if afters, _ := r.Inputs["afters"].([]any); len(afters) > 0 || r.String("finalize") != "" {
					return ""
				}
				var missing []string
				if r.String("errorIntegration") == "" {
					missing = append(missing, "no errorIntegration")
				}
				if n, ok := r.Inputs["suspendTaskAfterNumFailures"].(float64); !ok {
					missing = append(missing, "no suspendTaskAfterNumFailures")
				} else if n < 1 {
					missing = append(missing, fmt.Sprintf("suspendTaskAfterNumFailures %v, which never suspends it", n))
				}
				if len(missing) == 0 {
					return ""
				}
				return "root task has " + strings.Join(missing, " and ")
			}, sfTask)
		},
	},
	{
		ID: "snowflake-warehouse-cost-guard", Severity: High,
		Rationale: "A warehouse without a resource monitor or with a long (or no) auto-suspend can spend credits without bound.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				var problems []string
				if r.String("resourceMonitor") == "" {
					problems = append(problems, "has no resourceMonitor")
				}
				switch n, ok := r.Inputs["autoSuspend"].(float64); {
				case !ok || n < 0:
					problems = append(problems, "leaves autoSuspend at Snowflake's default")
				case n == 0:
					problems = append(problems, "never auto-suspends (autoSuspend 0)")
				case n > MaxWarehouseAutoSuspendSeconds:
					problems = append(problems, fmt.Sprintf("auto-suspends after %v s, over %d s", n, MaxWarehouseAutoSuspendSeconds))
				}
				if len(problems) == 0 {
					return ""
				}
				return "warehouse " + strings.Join(problems, " and ")
			}, sfWarehouse)
		},
	},
}

// snowflakeIAMUsers collects the AWS IAM users the plan's Snowflake
// integrations and stages report: the principals Snowflake assumes roles as.
func snowflakeIAMUsers(p *plan.Plan) map[string]bool {
	users := map[string]bool{}
	add := func(s string) {
		if s != "" {
			users[s] = true
		}
	}
	for _, r := range p.ByType(sfStorageIntegrationAws) {
		if d, ok := r.Outputs["describeOutputs"].([]any); ok {
			for _, e := range d {
				if m, ok := e.(map[string]any); ok {
					s, _ := m["iamUserArn"].(string)
					add(s)
				}
			}
		}
	}
	for _, r := range p.ByType(sfNotificationIntegration) {
		add(r.Output("awsSnsIamUserArn"))
		add(r.Output("awsSqsIamUserArn"))
	}
	for _, r := range p.ByType(sfStorageIntegration) {
		add(r.Output("storageAwsIamUserArn"))
	}
	for _, r := range p.ByType(sfStage) {
		add(r.Output("snowflakeIamUser"))
	}
	return users
}

// isSnowflakeAccountPrincipal reports whether an ARN belongs to the AWS
// account that holds Snowflake's IAM users in synthesized plans.
func isSnowflakeAccountPrincipal(arn string) bool {
	return strings.HasPrefix(arn, "arn:") && strings.Contains(arn, ":iam::"+plan.SnowflakeAWSAccount+":")
}

// previewFeatures are the preview features r's provider enables, and how to
// name that provider: an explicit provider's previewFeaturesEnabled input,
// or for the default provider the stack's snowflake:previewFeaturesEnabled.
func previewFeatures(p *plan.Plan, providers map[string]plan.Resource, r plan.Resource) ([]string, string) {
	if r.Provider == "" {
		return stringList(p.Config["snowflake:previewFeaturesEnabled"]), "the default Snowflake provider (stack config snowflake:previewFeaturesEnabled)"
	}
	// A provider reference is "<urn>::<id>", and URNs hold "::" themselves.
	urn := r.Provider[:max(strings.LastIndex(r.Provider, "::"), 0)]
	prov, ok := providers[urn]
	if !ok {
		return nil, fmt.Sprintf("its provider %s (not in the plan)", urn)
	}
	return stringList(prov.Inputs["previewFeaturesEnabled"]), fmt.Sprintf("its provider %q", prov.Name)
}

// stringList reads a list of strings given as a list or as its JSON text.
func stringList(v any) []string {
	var out []string
	switch l := v.(type) {
	case []any:
		for _, e := range l {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	case string:
		_ = json.Unmarshal([]byte(l), &out)
	}
	return out
}

// writesObjects reports whether actions put or delete S3 objects.
func writesObjects(actions []string) bool {
	for _, a := range actions {
		switch {
		case a == "*" || a == "s3:*", strings.HasPrefix(a, "s3:PutObject"), strings.HasPrefix(a, "s3:DeleteObject"):
			return true
		}
	}
	return false
}

// withinLocations reports whether an object ARN pattern lies under one of
// the s3://bucket/prefix locations (any URL scheme, any partition).
func withinLocations(resource string, locations []string) bool {
	_, path, ok := strings.Cut(resource, ":s3:::")
	if !ok {
		return false
	}
	for _, l := range locations {
		_, loc, found := strings.Cut(l, "://")
		if found && strings.HasPrefix(path, loc) && !strings.ContainsAny(path[:len(loc)], "*?") {
			return true
		}
	}
	return false
}
