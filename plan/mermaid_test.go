package plan

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flowPlan builds a small pipeline by hand: a CronJob (schedule → workflow
// → task, with its role and alarm), a BatchWorkflow that runs the CronJob's
// task, a HybridPipeline holding a SnowpipeIngest (bucket → stage → pipe →
// table) and a TaskGraph whose task reads the ingested table and writes a
// shared table, which a second TaskGraph reads and checks.
func flowPlan() *Plan {
	const base = "urn:pulumi:dev::p::"
	b := &planBuilder{p: &Plan{Project: "p", Stack: "dev"}}
	b.add(Resource{URN: stackURN, Type: "pulumi:pulumi:Stack", Name: "p-dev"})

	cron := b.component(stackURN, "schedkit:aws:CronJob", "nightly")
	role := b.child(cron, "aws:iam/role:Role", "nightly-role")
	task := b.child(cron, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task", role)
	cluster := b.child(cron, "aws:ecs/cluster:Cluster", "nightly-cluster")
	workflow := b.child(cron, "aws:sfn/stateMachine:StateMachine", "nightly-workflow", role, task, cluster)
	b.child(cron, "aws:scheduler/schedule:Schedule", "nightly-schedule", workflow, role)
	b.child(cron, "aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-failed", workflow)

	backfill := b.component(stackURN, "schedkit:aws:BatchWorkflow", "backfill")
	b.child(backfill, "aws:sfn/stateMachine:StateMachine", "backfill-workflow", task, cluster)

	shared := b.add(Resource{URN: base + "snowflake:index/table:Table::clean", Type: "snowflake:index/table:Table", Name: "clean",
		Custom: true, Parent: stackURN, Outputs: map[string]any{"fullyQualifiedName": `"DB"."MARTS"."CLEAN"`}})
	schema := b.add(Resource{URN: base + "snowflake:index/schema:Schema::marts", Type: "snowflake:index/schema:Schema", Name: "marts",
		Custom: true, Parent: stackURN})

	// The pipeline depends on the shared table and the schema (DependsOn),
	// which Pulumi passes down to every child: no data of its own.
	hybrid := b.component(stackURN, "schedkit:pipelines:HybridPipeline", "orders", shared, schema)
	ingest := b.component(hybrid, "schedkit:snowflake:SnowpipeIngest", "orders-ingest", shared, schema)
	bucket := b.child(ingest, "aws:s3/bucket:Bucket", "orders-ingest-bucket", shared)
	b.set(bucket, map[string]any{"bucket": "orders-ingest-bucket-1a2b3c4"})
	stage := b.child(ingest, "snowflake:index/stageExternalS3:StageExternalS3", "orders-ingest-stage", bucket, shared)
	b.input(stage, "url", "s3://orders-ingest-bucket-1a2b3c4/orders/")
	b.set(stage, map[string]any{"fullyQualifiedName": `"DB"."RAW"."ORDERS_STAGE"`})
	table := b.child(ingest, "snowflake:index/table:Table", "orders-ingest-table", shared, schema)
	b.set(table, map[string]any{"fullyQualifiedName": `"DB"."RAW"."ORDERS"`})
	pipe := b.child(ingest, "snowflake:index/pipe:Pipe", "orders-ingest-pipe", stage, table, shared)
	b.input(pipe, "copyStatement", `COPY INTO "DB"."RAW"."ORDERS" FROM @"DB"."RAW"."ORDERS_STAGE"`)
	b.child(ingest, "aws:s3/bucketNotification:BucketNotification", "orders-ingest-notification", bucket, pipe)
	graph := b.component(hybrid, "schedkit:snowflake:TaskGraph", "orders-transform", shared, schema)
	merge := b.child(graph, "snowflake:index/task:Task", "orders-transform-merge", table, shared)
	b.input(merge, "sqlStatement", `INSERT INTO DB.MARTS.CLEAN SELECT * FROM DB.RAW.ORDERS`)

	report := b.component(stackURN, "schedkit:snowflake:TaskGraph", "report", shared)
	build := b.child(report, "snowflake:index/task:Task", "report-build", shared)
	b.input(build, "sqlStatement", `SELECT COUNT(*) FROM "DB"."MARTS"."CLEAN"`)
	return b.p
}

// planBuilder adds resources to a hand-built plan.
type planBuilder struct{ p *Plan }

func (b *planBuilder) add(r Resource) string {
	b.p.Resources = append(b.p.Resources, r)
	return r.URN
}

func (b *planBuilder) component(parent, typ, name string, deps ...string) string {
	return b.add(Resource{URN: "urn:pulumi:dev::p::" + typ + "::" + name, Type: typ, Name: name, Parent: parent, Dependencies: deps})
}

func (b *planBuilder) child(parent, typ, name string, deps ...string) string {
	return b.add(Resource{URN: "urn:pulumi:dev::p::x$" + typ + "::" + name, Type: typ, Name: name, Custom: true,
		Parent: parent, Dependencies: deps, Inputs: map[string]any{}, Outputs: map[string]any{}})
}

func (b *planBuilder) find(urn string) *Resource {
	for i := range b.p.Resources {
		if b.p.Resources[i].URN == urn {
			return &b.p.Resources[i]
		}
	}
	panic("no resource " + urn)
}

func (b *planBuilder) set(urn string, outputs map[string]any) { b.find(urn).Outputs = outputs }

func (b *planBuilder) input(urn, key, value string) { b.find(urn).Inputs[key] = value }

func mermaid(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, write(&buf))
	return buf.String()
}

func TestPlan_writeMermaidDrawsComponentsAndTheDataBetweenThem(t *testing.T) {
	p := flowPlan()
	got := mermaid(t, func(b *bytes.Buffer) error { return p.WriteMermaid(b, MermaidOptions{}) })
	want := strings.Join([]string{
		"flowchart LR",
		`  backfill["BatchWorkflow<br/>backfill"]`,
		`  clean[("snowflake.Table<br/>clean")]`,
		`  nightly["CronJob<br/>nightly"]`,
		`  orders["HybridPipeline<br/>orders"]`,
		`  report["TaskGraph<br/>report"]`,
		// The backfill runs the CronJob's task; the pipeline writes the
		// shared table the report reads. The schema, a container, is folded;
		// the pipeline's DependsOn on the table draws no arrow back.
		"  backfill --> nightly",
		"  clean --> report",
		"  orders --> clean",
		"",
	}, "\n")
	assert.Equal(t, want, got)
}

func TestPlan_writeMermaidDrawsAComponentThatWritesAndReadsATableAsWritingIt(t *testing.T) {
	p := flowPlan()
	b := &planBuilder{p: p}
	check := b.child("urn:pulumi:dev::p::schedkit:snowflake:TaskGraph::report", "snowflake:index/task:Task", "report-write")
	b.input(check, "sqlStatement", `INSERT OVERWRITE INTO DB.MARTS.CLEAN SELECT 1`)
	got := mermaid(t, func(b *bytes.Buffer) error { return p.WriteMermaid(b, MermaidOptions{}) })
	assert.Contains(t, got, "  report --> clean\n")
	assert.NotContains(t, got, "clean --> report")
}

func TestPlan_writeComponentMermaidDrawsTheInsideOfOneComponent(t *testing.T) {
	p := flowPlan()
	got := mermaid(t, func(b *bytes.Buffer) error {
		return p.WriteMermaid(b, MermaidOptions{Component: "urn:pulumi:dev::p::schedkit:pipelines:HybridPipeline::orders"})
	})
	want := strings.Join([]string{
		"flowchart LR",
		`  subgraph orders["HybridPipeline orders"]`,
		`    subgraph orders_ingest["SnowpipeIngest orders-ingest"]`,
		`      orders_ingest_bucket[("s3.Bucket<br/>orders-ingest-bucket")]`,
		`      orders_ingest_pipe["snowflake.Pipe<br/>orders-ingest-pipe"]`,
		`      orders_ingest_stage[("snowflake.StageExternalS3<br/>orders-ingest-stage")]`,
		`      orders_ingest_table[("snowflake.Table<br/>orders-ingest-table")]`,
		"    end",
		`    subgraph orders_transform["TaskGraph orders-transform"]`,
		`      orders_transform_merge["snowflake.Task<br/>orders-transform-merge"]`,
		"    end",
		"  end",
		`  clean[("snowflake.Table<br/>clean")]`,
		"  orders_ingest_bucket --> orders_ingest_stage",
		"  orders_ingest_pipe --> orders_ingest_table",
		"  orders_ingest_stage --> orders_ingest_pipe",
		"  orders_ingest_table --> orders_transform_merge",
		"  orders_transform_merge --> clean",
		"",
	}, "\n")
	assert.Equal(t, want, got)

	cron := mermaid(t, func(b *bytes.Buffer) error {
		return p.WriteMermaid(b, MermaidOptions{Component: "urn:pulumi:dev::p::schedkit:aws:CronJob::nightly"})
	})
	assert.Equal(t, strings.Join([]string{
		"flowchart LR",
		`  subgraph nightly["CronJob nightly"]`,
		`    nightly_task["ecs.TaskDefinition<br/>nightly-task"]`,
		`    nightly_schedule["scheduler.Schedule<br/>nightly-schedule"]`,
		`    nightly_workflow["sfn.StateMachine<br/>nightly-workflow"]`,
		"  end",
		`  backfill["BatchWorkflow<br/>backfill"]`,
		"  backfill --> nightly_task",
		"  nightly_schedule --> nightly_workflow",
		"  nightly_workflow --> nightly_task",
		"",
	}, "\n"), cron, "schedule → workflow → task; the role, cluster and alarm are folded")

	// A nested component's neighbours inside the same pipeline are drawn
	// as the components they are, not as the pipeline that holds both.
	ingest := mermaid(t, func(b *bytes.Buffer) error {
		return p.WriteMermaid(b, MermaidOptions{Component: "urn:pulumi:dev::p::schedkit:snowflake:SnowpipeIngest::orders-ingest"})
	})
	assert.Contains(t, ingest, `  orders_transform["TaskGraph<br/>orders-transform"]`)
	assert.Contains(t, ingest, "  orders_ingest_table --> orders_transform\n")
	assert.NotContains(t, ingest, `orders["HybridPipeline`)

	err := p.WriteMermaid(&bytes.Buffer{}, MermaidOptions{Component: "urn:pulumi:dev::p::x$aws:iam/role:Role::nightly-role"})
	assert.EqualError(t, err, `no component "urn:pulumi:dev::p::x$aws:iam/role:Role::nightly-role" in the plan`)
}

func TestPlan_writeMermaidDetailDrawsEveryResourceWithArrowsInTheFlowDirection(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, handPlan().WriteMermaid(&buf, MermaidOptions{Detail: true}))
	want := strings.Join([]string{
		"flowchart LR",
		`  subgraph nightly_alarms["Alarms nightly-alarms"]`,
		`    nightly_dlq_depth["cloudwatch.MetricAlarm<br/>nightly-dlq-depth"]`,
		"  end",
		`  subgraph nightly["CronJob nightly"]`,
		`    nightly_role["iam.Role<br/>nightly-role"]`,
		`    nightly_dlq[("sqs.Queue<br/>nightly-dlq")]`,
		"  end",
		`  wh["snowflake.Warehouse<br/>wh"]`,
		"  nightly_dlq --> nightly_dlq_depth",
		"  nightly_dlq --> wh",
		"  nightly_role --> nightly_dlq",
		"",
	}, "\n")
	assert.Equal(t, want, buf.String(), "duplicate, self and unknown dependencies draw no edge")

	// A schedule depends on the workflow it starts: the arrow is turned.
	got := mermaid(t, func(b *bytes.Buffer) error { return flowPlan().WriteMermaid(b, MermaidOptions{Detail: true}) })
	assert.Contains(t, got, "  nightly_schedule --> nightly_workflow\n")
	assert.Contains(t, got, "  nightly_workflow --> nightly_task\n")
	assert.Contains(t, got, "  nightly_role --> nightly_workflow\n", "a dependency that carries no data points from the used to the user")
	assert.NotContains(t, got, "nightly_workflow --> nightly_schedule")

	// With a component, only what is inside it.
	one := mermaid(t, func(b *bytes.Buffer) error {
		return flowPlan().WriteMermaid(b, MermaidOptions{Detail: true, Component: "urn:pulumi:dev::p::schedkit:aws:BatchWorkflow::backfill"})
	})
	assert.Equal(t, strings.Join([]string{
		"flowchart LR",
		`  subgraph backfill["BatchWorkflow backfill"]`,
		`    backfill_workflow["sfn.StateMachine<br/>backfill-workflow"]`,
		"  end",
		"",
	}, "\n"), one, "the CronJob's task it runs is outside")
}

func TestMermaidIDs_areReadableUniqueAndNeverAKeyword(t *testing.T) {
	p := &Plan{Resources: []Resource{
		{URN: "urn:b::t::a-b", Name: "a-b"},
		{URN: "urn:a::t::a.b", Name: "a.b"},
		{URN: "urn:c::t::end", Name: "end"},
		{URN: "urn:d::t::", Name: ""},
	}}
	assert.Equal(t, map[string]string{
		"urn:a::t::a.b": "a_b",
		"urn:b::t::a-b": "a_b_2",
		"urn:c::t::end": "n_end",
		"urn:d::t::":    "n_",
	}, p.mermaidIDs())
	assert.Equal(t, `["iam.Role<br/>say #quot;hi#quot;"]`, box(Resource{Type: "aws:iam/role:Role", Name: `say "hi"`, Custom: true}))
}
