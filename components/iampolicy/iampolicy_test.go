package iampolicy_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/synth"
)

// render runs doc.Render under the synth engine, with extra resources made
// by setup, and returns the rendered JSON and the run's error.
func render(t *testing.T, build func(ctx *pulumi.Context) (iampolicy.Document, error)) (string, error) {
	t.Helper()
	plan, err := synth.Run(func(ctx *pulumi.Context) error {
		doc, err := build(ctx)
		if err != nil {
			return err
		}
		out := doc.Render()
		ctx.Export("policy", out)
		return nil
	}, synth.Options{})
	if err != nil {
		return "", err
	}
	s, ok := plan.Outputs["policy"].(string)
	require.Truef(t, ok, "policy export is %T, want string", plan.Outputs["policy"])
	return s, nil
}

func mustRender(t *testing.T, doc iampolicy.Document) string {
	t.Helper()
	out, err := render(t, func(*pulumi.Context) (iampolicy.Document, error) { return doc, nil })
	require.NoError(t, err)
	return out
}

// later is a string output that resolves after d, to show Render does not
// depend on the order inputs resolve in.
func later(v string, d time.Duration) pulumi.StringInput {
	return pulumi.String(v).ToStringOutput().ApplyT(func(s string) string {
		time.Sleep(d)
		return s
	}).(pulumi.StringOutput)
}

func TestDocument_renderResolvesOutputResourcesInOrder(t *testing.T) {
	out, err := render(t, func(ctx *pulumi.Context) (iampolicy.Document, error) {
		a, err := sqs.NewQueue(ctx, "a", &sqs.QueueArgs{Name: pulumi.String("queue-a")})
		if err != nil {
			return iampolicy.Document{}, err
		}
		b, err := sqs.NewQueue(ctx, "b", &sqs.QueueArgs{Name: pulumi.String("queue-b")})
		if err != nil {
			return iampolicy.Document{}, err
		}
		return iampolicy.Document{Statements: []iampolicy.Statement{
			{
				Sid:       "Send",
				Actions:   []string{"sqs:SendMessage", "sqs:GetQueueAttributes"},
				Resources: iampolicy.Inputs(later("slow-first", 30*time.Millisecond), b.Arn, a.Arn, pulumi.String("plain-last")),
			},
			{
				Sid:       "Second",
				Actions:   []string{"sqs:ReceiveMessage"},
				Resources: iampolicy.Inputs(a.Arn, later("slow-again", 10*time.Millisecond)),
			},
		}}, nil
	})
	require.NoError(t, err)

	doc, err := iampolicy.Parse(out)
	require.NoError(t, err)
	assert.Equal(t, iampolicy.Version, doc.Version)
	require.Len(t, doc.Statement, 2)
	assert.Equal(t, []string{
		"slow-first",
		"arn:aws:sqs:us-east-1:123456789012:queue-b",
		"arn:aws:sqs:us-east-1:123456789012:queue-a",
		"plain-last",
	}, doc.Statement[0].Resource)
	assert.Equal(t, []string{"sqs:SendMessage", "sqs:GetQueueAttributes"}, doc.Statement[0].Action)
	assert.Equal(t, []string{"arn:aws:sqs:us-east-1:123456789012:queue-a", "slow-again"}, doc.Statement[1].Resource)
}

func TestDocument_renderSortsPrincipalsByKeyAndKeepsValueOrder(t *testing.T) {
	out := mustRender(t, iampolicy.Document{Statements: []iampolicy.Statement{{
		Sid: "Trust",
		Principals: map[string][]pulumi.StringInput{
			"Service":   iampolicy.Inputs(later("states.amazonaws.com", 20*time.Millisecond), pulumi.String("events.amazonaws.com")),
			"AWS":       iampolicy.Strings("arn:aws:iam::111111111111:root"),
			"Federated": iampolicy.Strings("cognito-identity.amazonaws.com"),
		},
		Actions: []string{"sts:AssumeRole"},
		// A resource after the principals must still get its own value.
		Resources: iampolicy.Strings("res"),
	}}})

	doc, err := iampolicy.Parse(out)
	require.NoError(t, err)
	s := doc.Statement[0]
	assert.Equal(t, map[string][]string{
		"AWS":       {"arn:aws:iam::111111111111:root"},
		"Federated": {"cognito-identity.amazonaws.com"},
		"Service":   {"states.amazonaws.com", "events.amazonaws.com"},
	}, s.Principal)
	assert.Equal(t, []string{"res"}, s.Resource)
}

func TestDocument_renderMergesConditionsWithTheSameOperator(t *testing.T) {
	out := mustRender(t, iampolicy.Document{Statements: []iampolicy.Statement{{
		Sid:       "Scoped",
		Actions:   []string{"states:StartExecution"},
		Resources: iampolicy.Strings("arn:aws:states:us-east-1:123456789012:stateMachine:m"),
		Conditions: []iampolicy.Condition{
			{Operator: "StringEquals", Key: "aws:SourceAccount", Values: iampolicy.Strings("123456789012")},
			{Operator: "ArnLike", Key: "aws:SourceArn", Values: iampolicy.Inputs(later("arn:aws:scheduler:*", 10*time.Millisecond))},
			{Operator: "StringEquals", Key: "aws:RequestedRegion", Values: iampolicy.Strings("us-east-1", "eu-west-1")},
			{Operator: "StringEquals", Key: "aws:SourceAccount", Values: iampolicy.Strings("210987654321")},
		},
	}}})

	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	stmt := raw["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{
			"aws:SourceAccount":   []any{"123456789012", "210987654321"},
			"aws:RequestedRegion": []any{"us-east-1", "eu-west-1"},
		},
		"ArnLike": map[string]any{"aws:SourceArn": []any{"arn:aws:scheduler:*"}},
	}, stmt["Condition"])
}

func TestDocument_renderDefaultsEffectToAllowAndOmitsEmptyFields(t *testing.T) {
	out := mustRender(t, iampolicy.Document{Statements: []iampolicy.Statement{
		{Actions: []string{"logs:CreateLogStream"}},
		{Effect: iampolicy.Deny, Actions: []string{"s3:DeleteBucket"}, Resources: iampolicy.Strings("*")},
	}})

	assert.JSONEq(t, `{
		"Version": "2012-10-17",
		"Statement": [
			{"Effect": "Allow", "Action": ["logs:CreateLogStream"]},
			{"Effect": "Deny", "Action": ["s3:DeleteBucket"], "Resource": ["*"]}
		]
	}`, out)
}

func TestDocument_renderFailsOnAStatementWithoutActions(t *testing.T) {
	_, err := render(t, func(*pulumi.Context) (iampolicy.Document, error) {
		return iampolicy.Document{Statements: []iampolicy.Statement{
			{Sid: "Fine", Actions: []string{"sqs:SendMessage"}, Resources: iampolicy.Strings("*")},
			{Sid: "Empty", Resources: iampolicy.Strings("*")},
		}}, nil
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `iampolicy: statement "Empty" has no actions`)
}

func TestAssumeRoleFor_trustsTheServiceOnBehalfOfTheAccount(t *testing.T) {
	cases := []struct {
		service string
		sid     string
	}{
		{"ecs-tasks.amazonaws.com", "AssumeRoleFromEcsTasksAmazonawsCom"},
		{"states.amazonaws.com", "AssumeRoleFromStatesAmazonawsCom"},
		{"scheduler.amazonaws.com", "AssumeRoleFromSchedulerAmazonawsCom"},
	}
	for _, tc := range cases {
		t.Run(tc.service, func(t *testing.T) {
			out := mustRender(t, iampolicy.AssumeRoleFor(tc.service, later("123456789012", 5*time.Millisecond)))
			assert.JSONEq(t, `{
				"Version": "2012-10-17",
				"Statement": [{
					"Sid": "`+tc.sid+`",
					"Effect": "Allow",
					"Principal": {"Service": ["`+tc.service+`"]},
					"Action": ["sts:AssumeRole"],
					"Condition": {"StringEquals": {"aws:SourceAccount": ["123456789012"]}}
				}]
			}`, out)
		})
	}
}

func TestPassRoleTo_allowsPassRoleOnlyToTheService(t *testing.T) {
	out := mustRender(t, iampolicy.Document{Statements: []iampolicy.Statement{
		iampolicy.PassRoleTo("PassTaskRoles", "ecs-tasks.amazonaws.com",
			pulumi.String("arn:aws:iam::123456789012:role/exec"), later("arn:aws:iam::123456789012:role/task", 5*time.Millisecond)),
	}})
	doc, err := iampolicy.Parse(out)
	require.NoError(t, err)
	s, ok := doc.FindSid("PassTaskRoles")
	require.True(t, ok)
	assert.Equal(t, iampolicy.PlainStatement{
		Sid:      "PassTaskRoles",
		Effect:   iampolicy.Allow,
		Action:   []string{"iam:PassRole"},
		Resource: []string{"arn:aws:iam::123456789012:role/exec", "arn:aws:iam::123456789012:role/task"},
		Condition: map[string]map[string][]string{
			"StringEquals": {"iam:PassedToService": {"ecs-tasks.amazonaws.com"}},
		},
	}, s)
}

func TestDenyInsecureTransport_deniesEveryoneWithoutTLS(t *testing.T) {
	out := mustRender(t, iampolicy.Document{Statements: []iampolicy.Statement{
		iampolicy.DenyInsecureTransport("sqs:*", pulumi.String("arn:aws:sqs:us-east-1:123456789012:q")),
	}})
	assert.JSONEq(t, `{
		"Version": "2012-10-17",
		"Statement": [{
			"Sid": "DenyInsecureTransport",
			"Effect": "Deny",
			"Principal": {"AWS": ["*"]},
			"Action": ["sqs:*"],
			"Resource": ["arn:aws:sqs:us-east-1:123456789012:q"],
			"Condition": {"Bool": {"aws:SecureTransport": ["false"]}}
		}]
	}`, out)
}

func TestParse_acceptsStringAndArrayForms(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want iampolicy.PlainStatement
	}{
		{
			name: "single strings",
			doc: `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow",
				"Principal":{"Service":"states.amazonaws.com"},
				"Action":"sts:AssumeRole","Resource":"*",
				"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}`,
			want: iampolicy.PlainStatement{
				Sid: "S", Effect: iampolicy.Allow,
				Principal: map[string][]string{"Service": {"states.amazonaws.com"}},
				Action:    []string{"sts:AssumeRole"},
				Resource:  []string{"*"},
				Condition: map[string]map[string][]string{"StringEquals": {"aws:SourceAccount": {"123456789012"}}},
			},
		},
		{
			name: "arrays",
			doc: `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny",
				"Principal":{"AWS":["arn:aws:iam::1:root","arn:aws:iam::2:root"]},
				"Action":["s3:GetObject","s3:PutObject"],"Resource":["a","b"],
				"Condition":{"StringEquals":{"k":["v1","v2"]},"Bool":{"aws:SecureTransport":"false"}}}]}`,
			want: iampolicy.PlainStatement{
				Sid: "S", Effect: iampolicy.Deny,
				Principal: map[string][]string{"AWS": {"arn:aws:iam::1:root", "arn:aws:iam::2:root"}},
				Action:    []string{"s3:GetObject", "s3:PutObject"},
				Resource:  []string{"a", "b"},
				Condition: map[string]map[string][]string{
					"StringEquals": {"k": {"v1", "v2"}},
					"Bool":         {"aws:SecureTransport": {"false"}},
				},
			},
		},
		{
			name: "principal as the bare wildcard",
			doc:  `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"arn"}]}`,
			want: iampolicy.PlainStatement{
				Effect:    iampolicy.Deny,
				Principal: map[string][]string{"AWS": {"*"}},
				Action:    []string{"sqs:*"},
				Resource:  []string{"arn"},
			},
		},
		{
			name: "no principal, resource or condition",
			doc:  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents"}]}`,
			want: iampolicy.PlainStatement{Effect: iampolicy.Allow, Action: []string{"logs:PutLogEvents"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := iampolicy.Parse(tc.doc)
			require.NoError(t, err)
			assert.Equal(t, "2012-10-17", doc.Version)
			require.Len(t, doc.Statement, 1)
			assert.Equal(t, tc.want, doc.Statement[0])
		})
	}
}

func TestParse_rejectsMalformedDocuments(t *testing.T) {
	for name, doc := range map[string]string{
		"not JSON":                  `{"Statement": [`,
		"action is a number":        `{"Statement":[{"Effect":"Allow","Action":5}]}`,
		"principal is a bare ARN":   `{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:root","Action":"a:b"}]}`,
		"condition value is object": `{"Statement":[{"Effect":"Allow","Action":"a:b","Condition":{"StringEquals":{"k":{"x":1}}}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := iampolicy.Parse(doc)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "iampolicy: parsing document")
		})
	}
}

func TestParse_roundTripsARenderedDocument(t *testing.T) {
	d := iampolicy.Document{Statements: []iampolicy.Statement{
		{Sid: "A", Actions: []string{"sqs:SendMessage"}, Resources: iampolicy.Strings("arn:q"),
			Conditions: []iampolicy.Condition{{Operator: "ArnEquals", Key: "aws:SourceArn", Values: iampolicy.Strings("arn:s")}}},
		iampolicy.DenyInsecureTransport("sqs:*", pulumi.String("arn:q")),
	}}
	out := mustRender(t, d)
	doc, err := iampolicy.Parse(out)
	require.NoError(t, err)
	again, err := json.Marshal(doc)
	require.NoError(t, err)
	assert.JSONEq(t, out, string(again))
}

func TestPlainDocument_findSid(t *testing.T) {
	doc := iampolicy.PlainDocument{Statement: []iampolicy.PlainStatement{
		{Sid: "First", Effect: iampolicy.Allow, Action: []string{"a:One"}},
		{Sid: "Second", Effect: iampolicy.Deny, Action: []string{"a:Two"}},
		{Sid: "Second", Effect: iampolicy.Allow, Action: []string{"a:Shadowed"}},
	}}
	s, ok := doc.FindSid("Second")
	require.True(t, ok)
	assert.Equal(t, []string{"a:Two"}, s.Action, "the first statement with the Sid wins")

	s, ok = doc.FindSid("Missing")
	assert.False(t, ok)
	assert.Zero(t, s.Sid)
}

func TestPlainDocument_actionsListsOnlyAllowedActions(t *testing.T) {
	doc := iampolicy.PlainDocument{Statement: []iampolicy.PlainStatement{
		{Effect: iampolicy.Allow, Action: []string{"sqs:SendMessage", "sqs:GetQueueUrl"}},
		{Effect: iampolicy.Deny, Action: []string{"sqs:*"}},
		{Effect: iampolicy.Allow, Action: []string{"kms:Decrypt"}},
	}}
	assert.Equal(t, []string{"sqs:SendMessage", "sqs:GetQueueUrl", "kms:Decrypt"}, doc.Actions())
	assert.Empty(t, iampolicy.PlainDocument{}.Actions())
}

func TestStrings_andInputs(t *testing.T) {
	assert.Equal(t, []pulumi.StringInput{pulumi.String("a"), pulumi.String("b")}, iampolicy.Strings("a", "b"))
	assert.Empty(t, iampolicy.Strings())
	in := iampolicy.Inputs(pulumi.String("x"))
	assert.Equal(t, []pulumi.StringInput{pulumi.String("x")}, in)
}

func TestMaxRoleInlineSize_isVerifysRule(t *testing.T) {
	assert.Equal(t, verify.MaxIAMRoleInline, iampolicy.MaxRoleInlineSize)
}
