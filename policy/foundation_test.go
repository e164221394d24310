package policy_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
)

const (
	queueT    = "aws:sqs/queue:Queue"
	topicT    = "aws:sns/topic:Topic"
	logGroupT = "aws:cloudwatch/logGroup:LogGroup"
	rolePolT  = "aws:iam/rolePolicy:RolePolicy"
	policyT   = "aws:iam/policy:Policy"
	roleT     = "aws:iam/role:Role"
	scheduleT = "aws:scheduler/schedule:Schedule"
	machineT  = "aws:sfn/stateMachine:StateMachine"
	taskDefT  = "aws:ecs/taskDefinition:TaskDefinition"
	dlqArn    = "arn:aws:sqs:us-east-1:123456789012:nightly-dlq"
)

// resource is a custom resource of typ named name with the given inputs.
func resource(typ, name string, inputs map[string]any) synth.Resource {
	if inputs == nil {
		inputs = map[string]any{}
	}
	return synth.Resource{
		URN: "urn:pulumi:dev::test::" + typ + "::" + name, Type: typ, Name: name, Custom: true,
		Dependencies: []string{}, Inputs: inputs, Outputs: map[string]any{},
	}
}

func doc(statements ...map[string]any) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func containers(env ...string) string {
	var vars []map[string]any
	for _, e := range env {
		vars = append(vars, map[string]any{"name": e, "value": "x"})
	}
	b, err := json.Marshal([]map[string]any{{
		"name": "main", "image": "img", "environment": vars,
		"secrets": []map[string]any{{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}},
	}})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// schedule is a schedule target with a dead-letter queue and a retry policy
// unless told otherwise, and the ECS settings given.
func schedule(name string, dlq, retry bool, ecs map[string]any) synth.Resource {
	target := map[string]any{"arn": "arn:aws:states:us-east-1:123456789012:stateMachine:m", "roleArn": "arn:aws:iam::123456789012:role/r"}
	if dlq {
		target["deadLetterConfig"] = map[string]any{"arn": dlqArn}
	}
	if retry {
		target["retryPolicy"] = map[string]any{"maximumRetryAttempts": float64(3), "maximumEventAgeInSeconds": float64(3600)}
	}
	if ecs != nil {
		target["ecsParameters"] = ecs
	}
	return resource(scheduleT, name, map[string]any{"scheduleExpression": "cron(0 2 * * ? *)", "target": target})
}

func publicIP(on bool) map[string]any {
	return map[string]any{"taskDefinitionArn": "arn:td", "networkConfiguration": map[string]any{"assignPublicIp": on, "subnets": []any{"s"}}}
}

// violation is the part of a Violation each case pins down.
type violation struct {
	Rule, Name, Message string
}

func TestFoundationRules_reportExactlyTheBadResource(t *testing.T) {
	cases := []struct {
		name      string
		resources []synth.Resource
		want      []violation
	}{
		{
			name: "sqs-encrypted",
			resources: []synth.Resource{
				resource(queueT, "sse", map[string]any{"sqsManagedSseEnabled": true}),
				resource(queueT, "kms", map[string]any{"kmsMasterKeyId": "alias/queues"}),
				resource(queueT, "plain", map[string]any{"sqsManagedSseEnabled": false}),
			},
			want: []violation{{"sqs-encrypted", "plain", "queue is not encrypted at rest (set sqsManagedSseEnabled or kmsMasterKeyId)"}},
		},
		{
			name: "sns-encrypted",
			resources: []synth.Resource{
				resource(topicT, "kms", map[string]any{"kmsMasterKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"}),
				resource(topicT, "plain", nil),
			},
			want: []violation{{"sns-encrypted", "plain", "topic has no kmsMasterKeyId"}},
		},
		{
			name: "log-retention",
			resources: []synth.Resource{
				resource(logGroupT, "kept", map[string]any{"retentionInDays": float64(30)}),
				resource(logGroupT, "forever", nil),
				resource(logGroupT, "zero", map[string]any{"retentionInDays": float64(0)}),
			},
			want: []violation{
				{"log-retention", "forever", "log group has no retentionInDays"},
				{"log-retention", "zero", "log group has no retentionInDays"},
			},
		},
		{
			name: "iam-no-wildcard-actions",
			resources: []synth.Resource{
				resource(rolePolT, "scoped", map[string]any{"policy": doc(
					map[string]any{"Sid": "Send", "Effect": "Allow", "Action": []string{"sqs:SendMessage"}, "Resource": "*"},
					map[string]any{"Sid": "NoTLS", "Effect": "Deny", "Action": "sqs:*", "Resource": "*"},
				)}),
				resource(rolePolT, "service-wide", map[string]any{"policy": doc(
					map[string]any{"Sid": "Ok", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
					map[string]any{"Sid": "All", "Effect": "Allow", "Action": []string{"s3:PutObject", "s3:*"}, "Resource": "*"},
				)}),
				resource(policyT, "admin", map[string]any{"policy": doc(
					map[string]any{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
				)}),
				resource(roleT, "inline", map[string]any{
					"assumeRolePolicy": doc(map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}),
					"inlinePolicies": []any{
						map[string]any{"name": "fine", "policy": doc(map[string]any{"Sid": "Fine", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"})},
						map[string]any{"name": "wild", "policy": doc(map[string]any{"Sid": "Wild", "Effect": "Allow", "Action": "states:*", "Resource": "*"})},
					},
				}),
				resource(roleT, "trust-only", map[string]any{
					"assumeRolePolicy": doc(map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}),
				}),
				resource(rolePolT, "garbage", map[string]any{"policy": "{not json"}),
			},
			want: []violation{
				{"iam-no-wildcard-actions", "admin", `statement "Admin" allows wildcard action "*"`},
				{"iam-no-wildcard-actions", "inline", `statement "Wild" allows wildcard action "states:*"`},
				{"iam-no-wildcard-actions", "garbage", "policy is not valid JSON: iampolicy: parsing document: invalid character 'n' looking for beginning of object key string"},
				{"iam-no-wildcard-actions", "service-wide", `statement "All" allows wildcard action "s3:*"`},
			},
		},
		{
			name: "scheduler-dlq-and-retry",
			resources: []synth.Resource{
				schedule("safe", true, true, nil),
				schedule("no-dlq", false, true, nil),
				schedule("no-retry", true, false, nil),
				schedule("bare", false, false, nil),
			},
			want: []violation{
				{"scheduler-dlq-and-retry", "bare", "schedule target has no dead-letter queue and no retry policy"},
				{"scheduler-dlq-and-retry", "no-dlq", "schedule target has no dead-letter queue"},
				{"scheduler-dlq-and-retry", "no-retry", "schedule target has no retry policy"},
			},
		},
		{
			name: "ecs-no-public-ip",
			resources: []synth.Resource{
				resource(machineT, "private", map[string]any{"definition": `{"StartAt":"Run","States":{"Run":{"Type":"Task","Parameters":{"NetworkConfiguration":{"AwsvpcConfiguration":{"AssignPublicIp":"DISABLED"}}},"End":true}}}`}),
				resource(machineT, "public", map[string]any{"definition": `{"StartAt":"Run","States":{"Run":{"Type":"Task","Parameters":{"NetworkConfiguration":{"AwsvpcConfiguration":{"AssignPublicIp":"ENABLED"}}},"End":true}}}`}),
				resource(machineT, "public-indented", map[string]any{"definition": "{\n  \"States\": {\"Run\": {\"Parameters\": {\"AssignPublicIp\": \"ENABLED\"}}}\n}"}),
				schedule("private-task", true, true, publicIP(false)),
				schedule("public-task", true, true, publicIP(true)),
			},
			want: []violation{
				{"ecs-no-public-ip", "public-task", "schedule runs an ECS task with a public IP"},
				{"ecs-no-public-ip", "public", "workflow runs an ECS task with AssignPublicIp ENABLED"},
				{"ecs-no-public-ip", "public-indented", "workflow runs an ECS task with AssignPublicIp ENABLED"},
			},
		},
		{
			name: "ecs-no-plaintext-secrets",
			resources: []synth.Resource{
				resource(taskDefT, "clean", map[string]any{"containerDefinitions": containers("LEVEL", "REPORT_BUCKET")}),
				resource(taskDefT, "leaky", map[string]any{"containerDefinitions": containers("LEVEL", "db_password")}),
				resource(taskDefT, "api", map[string]any{"containerDefinitions": containers("STRIPE_API_KEY")}),
			},
			want: []violation{
				{"ecs-no-plaintext-secrets", "api", `container "main" has credential-like variable "STRIPE_API_KEY" in plaintext environment`},
				{"ecs-no-plaintext-secrets", "leaky", `container "main" has credential-like variable "db_password" in plaintext environment`},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan := &synth.Plan{Project: "test", Stack: "dev", Resources: tc.resources, Outputs: map[string]any{}}
			names := map[string]string{}
			for _, r := range tc.resources {
				names[r.URN] = r.Name
			}
			var got []violation
			for _, v := range policy.Evaluate(plan, policy.All()) {
				if v.Rule != tc.name {
					continue // the fixture exists to exercise one rule; others may also see it
				}
				got = append(got, violation{v.Rule, names[v.URN], v.Message})
				want := policy.High
				if v.Rule == "log-retention" {
					want = policy.Medium
				}
				assert.Equal(t, want, v.Severity, "severity of %s", v.Rule)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFoundationRules_logRetentionIsMedium(t *testing.T) {
	plan := &synth.Plan{Resources: []synth.Resource{resource(logGroupT, "forever", nil)}}
	v := policy.Evaluate(plan, policy.All())
	require.Len(t, v, 1)
	assert.Equal(t, policy.Medium, v[0].Severity)
	assert.Equal(t, "[medium] log-retention: log group has no retentionInDays (urn:pulumi:dev::test::aws:cloudwatch/logGroup:LogGroup::forever)", v[0].String())
}

func TestFoundationRules_passAnEmptyPlan(t *testing.T) {
	assert.Empty(t, policy.Evaluate(&synth.Plan{}, policy.All()))
}

func TestAll_rulesHaveUniqueIDsSeveritiesAndRationales(t *testing.T) {
	rules := policy.All()
	seen := map[string]bool{}
	for _, r := range rules {
		assert.NotEmpty(t, r.ID)
		assert.Falsef(t, seen[r.ID], "duplicate rule id %q", r.ID)
		seen[r.ID] = true
		assert.Containsf(t, []policy.Severity{policy.High, policy.Medium, policy.Low}, r.Severity, "rule %s", r.ID)
		assert.NotEmptyf(t, r.Rationale, "rule %s", r.ID)
		assert.NotNilf(t, r.Check, "rule %s", r.ID)
	}
	for _, id := range []string{
		"sqs-encrypted", "sns-encrypted", "log-retention", "iam-no-wildcard-actions",
		"scheduler-dlq-and-retry", "ecs-no-public-ip", "ecs-no-plaintext-secrets",
	} {
		assert.Truef(t, seen[id], "policy.All() has no %s", id)
	}

	rules[0].ID = "mutated"
	assert.NotEqual(t, "mutated", policy.All()[0].ID, "All returns a copy")
}

func TestEvaluate_sortsByRuleThenURN(t *testing.T) {
	finds := func(urns ...string) func(*synth.Plan) []policy.Finding {
		return func(*synth.Plan) []policy.Finding {
			var out []policy.Finding
			for _, u := range urns {
				out = append(out, policy.Finding{URN: u, Message: "m-" + u})
			}
			return out
		}
	}
	rules := []policy.Rule{
		{ID: "zeta", Severity: policy.Low, Check: finds("urn:b", "urn:a")},
		{ID: "alpha", Severity: policy.High, Check: finds("urn:c", "urn:a", "urn:b")},
		{ID: "quiet", Severity: policy.Medium, Check: finds()},
	}
	got := policy.Evaluate(&synth.Plan{}, rules)
	assert.Equal(t, []policy.Violation{
		{Rule: "alpha", Severity: policy.High, URN: "urn:a", Message: "m-urn:a"},
		{Rule: "alpha", Severity: policy.High, URN: "urn:b", Message: "m-urn:b"},
		{Rule: "alpha", Severity: policy.High, URN: "urn:c", Message: "m-urn:c"},
		{Rule: "zeta", Severity: policy.Low, URN: "urn:a", Message: "m-urn:a"},
		{Rule: "zeta", Severity: policy.Low, URN: "urn:b", Message: "m-urn:b"},
	}, got)
}

func TestViolation_jsonAndString(t *testing.T) {
	v := policy.Violation{Rule: "sqs-encrypted", Severity: policy.High, URN: "urn:q", Message: "queue is not encrypted"}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule":"sqs-encrypted","severity":"high","urn":"urn:q","message":"queue is not encrypted"}`, string(b))
	assert.Equal(t, "[high] sqs-encrypted: queue is not encrypted (urn:q)", v.String())
}
