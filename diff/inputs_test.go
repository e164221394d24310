package diff

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/plan"
)

func TestChangedInputs(t *testing.T) {
	policy := func(action string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"` + action + `","Resource":"*"}]}`
	}
	for _, tc := range []struct {
		name     string
		old, new map[string]any
		want     []InputChange
	}{
		{"equal", map[string]any{"a": 1.0, "tags": map[string]any{"env": "prod"}}, map[string]any{"a": 1.0, "tags": map[string]any{"env": "prod"}}, nil},
		{"nested key", map[string]any{"tags": map[string]any{"env": "dev"}}, map[string]any{"tags": map[string]any{"env": "prod"}},
			[]InputChange{{Path: "tags.env", Old: "dev", New: "prod"}}},
		{"added and removed", map[string]any{"a": "x"}, map[string]any{"b": "y"},
			[]InputChange{{Path: "a", Old: "x"}, {Path: "b", New: "y"}}},
		{"list element", map[string]any{"rules": []any{map[string]any{"days": 30.0}}}, map[string]any{"rules": []any{map[string]any{"days": 90.0}}},
			[]InputChange{{Path: "rules[0].days", Old: 30.0, New: 90.0}}},
		{"list grows", map[string]any{"subnets": []any{"a"}}, map[string]any{"subnets": []any{"a", "b"}},
			[]InputChange{{Path: "subnets[1]", New: "b"}}},
		{"JSON document in a string", map[string]any{"policy": policy("s3:GetObject")}, map[string]any{"policy": policy("s3:PutObject")},
			[]InputChange{{Path: "policy.Statement[0].Action", Old: "s3:GetObject", New: "s3:PutObject"}}},
		{"JSON document reformatted", map[string]any{"policy": policy("s3:GetObject")}, map[string]any{"policy": "  " + policy("s3:GetObject") + "\n"}, nil},
		{"two secrets cannot be compared", map[string]any{"password": plan.Secret}, map[string]any{"password": plan.Secret}, nil},
		{"plain to secret", map[string]any{"token": "abc"}, map[string]any{"token": plan.Secret},
			[]InputChange{{Path: "token", Old: "abc", New: plan.Secret}}},
		{"int and float are one number", map[string]any{"n": 3}, map[string]any{"n": 3.0}, nil},
		{"empty map and absent agree", map[string]any{"tags": map[string]any{}}, map[string]any{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, changedInputs(tc.old, tc.new))
		})
	}
}

func TestCompare_protectedAndRetainedDelete(t *testing.T) {
	const urn = "urn:pulumi:prod::p::aws:kinesis/stream:Stream::events"
	from := &plan.Plan{Project: "p", Stack: "prod", Resources: []plan.Resource{{
		URN: urn, Type: "aws:kinesis/stream:Stream", Name: "events", Custom: true,
		Protect: true, RetainOnDelete: true, Inputs: map[string]any{"name": "events"}, Outputs: map[string]any{"name": "events"},
	}}}
	to := &plan.Plan{Project: "p", Stack: "prod"}
	r := Compare(from, to, "a", "b")
	require.Len(t, r.Changes, 1)
	c := r.Changes[0]
	assert.Equal(t, Change{Kind: Delete, Type: "aws:kinesis/stream:Stream", URN: urn, PhysicalName: "events",
		Loses: "the records still in retention", Retained: true, Protected: true}, c)

	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	assert.Contains(t, out.String(), "protected: `pulumi up` refuses to delete it until its protect option is turned off")
	assert.Contains(t, out.String(), "STATEFUL: loses the records still in retention from the stack (retainOnDelete keeps the cloud resource, unmanaged)")

	// Turning protection off is an update that shows the option.
	off := &plan.Plan{Project: "p", Stack: "prod", Resources: []plan.Resource{from.Resources[0]}}
	off.Resources[0].Protect = false
	r = Compare(from, off, "a", "b")
	require.Len(t, r.Changes, 1)
	assert.Equal(t, Update, r.Changes[0].Kind)
	assert.False(t, r.Changes[0].Protected)
	assert.Equal(t, []InputChange{{Path: "(option) protect", Old: true, New: false}}, r.Changes[0].Inputs)
}

// Every replace entry names its source, and every stateful type that has
// names or placement a change can move is in the table.
func TestForcesNew_everyEntryHasASource(t *testing.T) {
	for _, typ := range ReplaceTypes() {
		for key, source := range forcesNew[typ] {
			assert.NotEmpty(t, source, "%s.%s", typ, key)
			assert.Regexp(t, `^(terraform aws_[a-z0-9_]+: [a-z0-9_]+, forces new resource|snowflake v2\.17\.0 [a-z_]+\.go: .+|pulumi-aws v7 docs/enhanced-region-support\.md: .+)`, source, "%s.%s", typ, key)
		}
	}
	for _, typ := range []string{
		"aws:s3/bucket:Bucket", "aws:kinesis/stream:Stream", "aws:sqs/queue:Queue", "aws:cloudwatch/logGroup:LogGroup",
		"aws:sns/topic:Topic", "aws:sagemaker/modelPackageGroup:ModelPackageGroup", "aws:kms/key:Key",
		"snowflake:index/database:Database", "snowflake:index/schema:Schema", "snowflake:index/table:Table",
		"snowflake:index/stageExternalS3:StageExternalS3", "snowflake:index/streamOnTable:StreamOnTable",
	} {
		_, stateful := plan.Stateful(typ)
		assert.True(t, stateful, typ)
		assert.NotEmpty(t, forcesNew[typ], typ)
	}
	_, renamesInPlace := ForcesNew("snowflake:index/table:Table", "name")
	assert.False(t, renamesInPlace, "a Snowflake table is renamed with ALTER TABLE ... RENAME TO")
	src, ok := ForcesNew("aws:ecs/taskDefinition:TaskDefinition", "family")
	assert.True(t, ok)
	assert.Equal(t, "terraform aws_ecs_task_definition: family, forces new resource", src)
}
