package plan

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const stackURN = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"

// handPlan is a small plan built by hand, with a stack-level component, a
// nested component and resources at both levels.
func handPlan() *Plan {
	const base = "urn:pulumi:dev::p::"
	return &Plan{Project: "p", Stack: "dev", Outputs: map[string]any{}, Resources: []Resource{
		{URN: base + "schedkit:aws:CronJob::nightly", Type: "schedkit:aws:CronJob", Name: "nightly", Parent: stackURN},
		{URN: base + "schedkit:aws:CronJob$aws:iam/role:Role::nightly-role", Type: "aws:iam/role:Role", Name: "nightly-role", Custom: true,
			Parent: base + "schedkit:aws:CronJob::nightly"},
		{URN: base + "schedkit:aws:CronJob$aws:sqs/queue:Queue::nightly-dlq", Type: "aws:sqs/queue:Queue", Name: "nightly-dlq", Custom: true,
			Parent:       base + "schedkit:aws:CronJob::nightly",
			Dependencies: []string{base + "schedkit:aws:CronJob$aws:iam/role:Role::nightly-role"}},
		{URN: base + "schedkit:aws:CronJob$schedkit:aws:Alarms::nightly-alarms", Type: "schedkit:aws:Alarms", Name: "nightly-alarms",
			Parent: base + "schedkit:aws:CronJob::nightly"},
		{URN: base + "schedkit:aws:CronJob$schedkit:aws:Alarms$aws:cloudwatch/metricAlarm:MetricAlarm::nightly-dlq-depth",
			Type: "aws:cloudwatch/metricAlarm:MetricAlarm", Name: "nightly-dlq-depth", Custom: true,
			Parent:       base + "schedkit:aws:CronJob$schedkit:aws:Alarms::nightly-alarms",
			Dependencies: []string{base + "schedkit:aws:CronJob$aws:sqs/queue:Queue::nightly-dlq"}},
		{URN: base + "snowflake:index/warehouse:Warehouse::wh", Type: "snowflake:index/warehouse:Warehouse", Name: "wh", Custom: true,
			Parent: stackURN,
			Dependencies: []string{
				base + "schedkit:aws:CronJob$aws:sqs/queue:Queue::nightly-dlq",
				base + "schedkit:aws:CronJob$aws:sqs/queue:Queue::nightly-dlq",
				"urn:pulumi:dev::p::aws:sqs/queue:Queue::not-in-plan",
				base + "snowflake:index/warehouse:Warehouse::wh",
			},
			Inputs: map[string]any{
				"size": "XSMALL",
				"target": map[string]any{
					"retryPolicy": map[string]any{"maximumRetryAttempts": float64(3)},
					"list":        []any{map[string]any{"a": "first"}, "second"},
				},
			},
			Outputs: map[string]any{"name": "WH_1234567", "count": float64(2)},
		},
	}}
}

func TestPlan_findAndByURN(t *testing.T) {
	p := handPlan()
	r, ok := p.Find("aws:sqs/queue:Queue", "nightly-dlq")
	require.True(t, ok)
	assert.Equal(t, "urn:pulumi:dev::p::schedkit:aws:CronJob$aws:sqs/queue:Queue::nightly-dlq", r.URN)

	_, ok = p.Find("aws:sqs/queue:Queue", "nightly-role")
	assert.False(t, ok, "the name must match under the type")
	_, ok = p.Find("aws:sns/topic:Topic", "nightly-dlq")
	assert.False(t, ok, "the type must match")

	byURN, ok := p.ByURN(r.URN)
	require.True(t, ok)
	assert.Equal(t, r, byURN)
	_, ok = p.ByURN("urn:nope")
	assert.False(t, ok)
}

func TestPlan_byTypeReturnsOneTypeSortedByName(t *testing.T) {
	p := &Plan{Resources: []Resource{
		// Sorted by URN, "zeta" (at the stack) comes before "alpha" (in a component).
		{URN: "urn:pulumi:s::p::aws:sqs/queue:Queue::zeta", Type: "aws:sqs/queue:Queue", Name: "zeta"},
		{URN: "urn:pulumi:s::p::aws:sns/topic:Topic::beta", Type: "aws:sns/topic:Topic", Name: "beta"},
		{URN: "urn:pulumi:s::p::schedkit:aws:CronJob$aws:sqs/queue:Queue::alpha", Type: "aws:sqs/queue:Queue", Name: "alpha"},
	}}
	var names []string
	for _, r := range p.ByType("aws:sqs/queue:Queue") {
		names = append(names, r.Name)
	}
	assert.Equal(t, []string{"alpha", "zeta"}, names)
	assert.Empty(t, p.ByType("aws:kms/key:Key"))
}

func TestPlan_childrenAreSortedByTypeThenName(t *testing.T) {
	p := handPlan()
	var got []string
	for _, r := range p.Children("urn:pulumi:dev::p::schedkit:aws:CronJob::nightly") {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		"aws:iam/role:Role nightly-role",
		"aws:sqs/queue:Queue nightly-dlq",
		"schedkit:aws:Alarms nightly-alarms",
	}, got)
	assert.Empty(t, p.Children("urn:pulumi:dev::p::snowflake:index/warehouse:Warehouse::wh"))

	var roots []string
	for _, r := range p.Roots() {
		roots = append(roots, r.Name)
	}
	assert.Equal(t, []string{"nightly", "wh"}, roots)
}

func TestResource_getWalksObjectKeysAndArrayIndexes(t *testing.T) {
	r, ok := handPlan().Find("snowflake:index/warehouse:Warehouse", "wh")
	require.True(t, ok)
	cases := []struct {
		name string
		path []any
		want any
	}{
		{"no path is every input", nil, r.Inputs},
		{"top-level key", []any{"size"}, "XSMALL"},
		{"nested keys", []any{"target", "retryPolicy", "maximumRetryAttempts"}, float64(3)},
		{"index then key", []any{"target", "list", 0, "a"}, "first"},
		{"index to a scalar", []any{"target", "list", 1}, "second"},
		{"missing key", []any{"target", "deadLetterConfig", "arn"}, nil},
		{"index past the end", []any{"target", "list", 2}, nil},
		{"negative index", []any{"target", "list", -1}, nil},
		{"index into an object", []any{"target", 0}, nil},
		{"key into an array", []any{"target", "list", "a"}, nil},
		{"key into a scalar", []any{"size", "x"}, nil},
		{"step of another type", []any{"target", 1.5}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, r.Get(tc.path...))
		})
	}
	assert.Equal(t, "XSMALL", r.String("size"))
	assert.Equal(t, "", r.String("target"), "not a string")
	assert.Equal(t, "", r.String("absent"))
	assert.Equal(t, "WH_1234567", r.Output("name"))
	assert.Equal(t, "", r.Output("count"), "not a string")
}

func TestPlan_writeTreeDrawsResourcesUnderTheirParents(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, handPlan().WriteTree(&buf))
	// The type column is as wide as its longest entry, the indented alarm
	// (47 runes), plus one space.
	row := func(typ, name string) string { return fmt.Sprintf("%-47s %s", typ, name) }
	want := strings.Join([]string{
		row("Type", "Name"),
		row("pulumi:pulumi:Stack", "p-dev"),
		row("├─ schedkit:aws:CronJob", "nightly"),
		row("│  ├─ aws:iam/role:Role", "nightly-role"),
		row("│  ├─ aws:sqs/queue:Queue", "nightly-dlq"),
		row("│  └─ schedkit:aws:Alarms", "nightly-alarms"),
		row("│     └─ aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-dlq-depth"),
		row("└─ snowflake:index/warehouse:Warehouse", "wh"),
		"",
		"Resources: 6 (4 cloud resources in 2 components)",
		"",
	}, "\n")
	assert.Equal(t, want, buf.String())
}

func TestPlan_writeTreeWidensTheTypeColumnToTheLongestType(t *testing.T) {
	p := handPlan()
	long := "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
	p.Resources = append(p.Resources, Resource{
		URN: "urn:pulumi:dev::p::schedkit:aws:CronJob$" + long + "::nightly-bucket-encryption", Type: long,
		Name: "nightly-bucket-encryption", Custom: true, Parent: "urn:pulumi:dev::p::schedkit:aws:CronJob::nightly",
	})
	var buf bytes.Buffer
	require.NoError(t, p.WriteTree(&buf))
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	lines = lines[:len(lines)-2] // the blank line and the count
	require.Len(t, lines, 9)
	nameAt := utf8.RuneCountInString("│  ├─ " + long + " ")
	assert.Equal(t, "│  ├─ "+long+" nightly-bucket-encryption", lines[4])
	for _, line := range lines {
		runes := []rune(line)
		require.Greater(t, len(runes), nameAt, line)
		assert.NotEqual(t, ' ', runes[nameAt], "every name starts in the same column: %q", line)
		assert.Equal(t, ' ', runes[nameAt-1], "one space before the name: %q", line)
	}
}

func TestShortType(t *testing.T) {
	for in, want := range map[string]string{
		"aws:iam/role:Role":                   "iam.Role",
		"schedkit:aws:CronJob":                "CronJob",
		"snowflake:index/warehouse:Warehouse": "snowflake.Warehouse",
		"pulumi:pulumi:Stack":                 "pulumi.Stack",
		"odd":                                 "odd",
	} {
		t.Run(in, func(t *testing.T) {
			assert.Equal(t, want, shortType(in))
		})
	}
}

func TestStateful_namesWhatIsLostForEveryDataHoldingType(t *testing.T) {
	for _, token := range []string{
		"aws:s3/bucket:Bucket", "aws:kinesis/stream:Stream", "aws:sqs/queue:Queue",
		"aws:cloudwatch/logGroup:LogGroup", "aws:kms/key:Key", "aws:sns/topic:Topic",
		"aws:sagemaker/modelPackageGroup:ModelPackageGroup", "snowflake:index/database:Database",
		"snowflake:index/schema:Schema", "snowflake:index/table:Table", "snowflake:index/stageInternal:StageInternal",
	} {
		loses, ok := Stateful(token)
		assert.True(t, ok, token)
		assert.NotEmpty(t, loses, token)
	}
	for _, token := range []string{"aws:iam/role:Role", "aws:cloudwatch/metricAlarm:MetricAlarm", "snowflake:index/task:Task", "schedkit:aws:CronJob"} {
		_, ok := Stateful(token)
		assert.False(t, ok, token)
	}
	assert.IsIncreasing(t, StatefulTypes())
}

func TestResource_physicalNameIsTheNameInTheCloud(t *testing.T) {
	cases := []struct {
		name string
		r    Resource
		want string
	}{
		{"a component has none", Resource{Type: "schedkit:aws:CronJob"}, ""},
		{"snowflake object", Resource{Custom: true, Type: "snowflake:index/table:Table",
			Outputs: map[string]any{"name": "ORDERS", "fullyQualifiedName": `"DB"."RAW"."ORDERS"`}}, `"DB"."RAW"."ORDERS"`},
		{"bucket", Resource{Custom: true, Type: "aws:s3/bucket:Bucket", Outputs: map[string]any{"bucket": "data-1", "id": "data-1"}}, "data-1"},
		{"bucket policy is not its bucket", Resource{Custom: true, Type: "aws:s3/bucketPolicy:BucketPolicy",
			Outputs: map[string]any{"bucket": "data-1", "id": "data-1-policy"}}, "data-1-policy"},
		{"task definition family", Resource{Custom: true, Type: "aws:ecs/taskDefinition:TaskDefinition", Outputs: map[string]any{"family": "dev-report", "id": "dev-report"}}, "dev-report"},
		{"named", Resource{Custom: true, Type: "aws:iam/role:Role", Outputs: map[string]any{"name": "r-1", "id": "r-1", "arn": "arn:aws:iam::1:role/r-1"}}, "r-1"},
		{"id only", Resource{Custom: true, Type: "aws:kms/key:Key", Outputs: map[string]any{"id": "k-uuid"}}, "k-uuid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, c.r.PhysicalName()) })
	}
}

// A delete lock is drawn under its component but not counted as one.
func TestPlan_writeTreeCountsDeleteLocksApart(t *testing.T) {
	p := handPlan()
	var cron Resource
	for _, r := range p.Resources {
		if r.Type == "schedkit:aws:CronJob" {
			cron = r
		}
	}
	p.Resources = append(p.Resources, Resource{URN: cron.URN[:strings.LastIndex(cron.URN, "::")] + "$" + LockType + "::nightly-delete-lock",
		Type: LockType, Name: "nightly-delete-lock", Parent: cron.URN, Protect: true})
	var buf bytes.Buffer
	require.NoError(t, p.WriteTree(&buf))
	assert.Contains(t, buf.String(), "schedkit:keep:DeleteLock")
	assert.True(t, strings.HasSuffix(buf.String(), "\nResources: 7 (4 cloud resources in 2 components, and 1 delete lock(s))\n"), buf.String())
}
