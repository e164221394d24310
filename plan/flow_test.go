package plan

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSQLFlows_readsAndWritesByWhereTheNameStands(t *testing.T) {
	obj := func(typ, name string) Resource {
		return Resource{URN: "urn:" + name, Type: typ, Name: name, Custom: true}
	}
	byName := map[string]Resource{
		"DB.RAW.ORDERS":        obj("snowflake:index/table:Table", "orders"),
		"DB.RAW.ORDERS_STREAM": obj("snowflake:index/streamOnTable:StreamOnTable", "orders-stream"),
		"DB.RAW.ORDERS_STAGE":  obj("snowflake:index/stageExternalS3:StageExternalS3", "orders-stage"),
		"DB.MARTS.CLEAN":       obj("snowflake:index/table:Table", "clean"),
	}
	names := func(rs []Resource) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Name)
		}
		sort.Strings(out)
		return out
	}
	cases := []struct {
		name, typ, input, sql string
		reads, writes         []string
	}{
		{"insert from a stream", "snowflake:index/task:Task", "sqlStatement",
			`INSERT INTO "DB"."MARTS"."CLEAN" SELECT * FROM "DB"."RAW"."ORDERS_STREAM"`, []string{"orders-stream"}, []string{"clean"}},
		{"insert overwrite, lower case", "snowflake:index/task:Task", "sqlStatement",
			`insert overwrite into db.marts.clean select * from db.raw.orders`, []string{"orders"}, []string{"clean"}},
		{"merge using", "snowflake:index/task:Task", "sqlStatement",
			"MERGE INTO DB.MARTS.CLEAN t USING DB.RAW.ORDERS s ON t.ID = s.ID", []string{"orders"}, []string{"clean"}},
		{"delete from, reading another table", "snowflake:index/task:Task", "sqlStatement",
			"DELETE FROM DB.MARTS.CLEAN WHERE T < (SELECT MAX(T) FROM DB.RAW.ORDERS)", []string{"orders"}, []string{"clean"}},
		{"update", "snowflake:index/task:Task", "sqlStatement", "UPDATE DB.MARTS.CLEAN SET X = 1", nil, []string{"clean"}},
		{"a pipe loads a table from a stage", "snowflake:index/pipe:Pipe", "copyStatement",
			`COPY INTO "DB"."RAW"."ORDERS" FROM @"DB"."RAW"."ORDERS_STAGE"`, []string{"orders-stage"}, []string{"orders"}},
		{"an unload into a stage", "snowflake:index/task:Task", "sqlStatement",
			"COPY INTO @DB.RAW.ORDERS_STAGE/part FROM (SELECT * FROM DB.MARTS.CLEAN)", []string{"clean"}, []string{"orders-stage"}},
		{"an unload in dynamic SQL", "snowflake:index/task:Task", "sqlStatement",
			"dir := '@DB.RAW.ORDERS_STAGE/run=' || run; stmt := 'COPY INTO ' || dir || ' FROM DB.MARTS.CLEAN'", []string{"clean"}, []string{"orders-stage"}},
		{"a name inside a longer name is not a mention", "snowflake:index/task:Task", "sqlStatement",
			"SELECT SYSTEM$STREAM_HAS_DATA('DB.RAW.ORDERS_STREAM')", []string{"orders-stream"}, nil},
		{"a view reads", "snowflake:index/view:View", "statement", "SELECT * FROM DB.MARTS.CLEAN", []string{"clean"}, nil},
		{"a type without SQL", "snowflake:index/table:Table", "sqlStatement", "INSERT INTO DB.MARTS.CLEAN", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Resource{URN: "urn:r", Type: tc.typ, Inputs: map[string]any{tc.input: tc.sql}}
			reads, writes := sqlFlows(r, byName)
			assert.Equal(t, tc.reads, names(reads), "reads")
			assert.Equal(t, tc.writes, names(writes), "writes")
		})
	}
}

func TestFlowOf_turnsDependenciesIntoDataFlows(t *testing.T) {
	res := func(typ string, inputs map[string]any) Resource { return Resource{Type: typ, Inputs: inputs} }
	workflow := res("aws:sfn/stateMachine:StateMachine", nil)
	cases := []struct {
		name   string
		dep, r Resource
		want   direction
	}{
		{"a schedule starts the workflow it depends on", workflow, res("aws:scheduler/schedule:Schedule", nil), toDependency},
		{"the workflow runs the task it depends on", res("aws:ecs/taskDefinition:TaskDefinition", nil), workflow, toDependency},
		{"firehose reads its stream", res("aws:kinesis/stream:Stream", nil), res("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", nil), toDependent},
		{"firehose writes its bucket", res("aws:s3/bucket:Bucket", nil), res("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", nil), toDependency},
		{"a policy carries no data", res("aws:iam/role:Role", nil), res("aws:iam/rolePolicy:RolePolicy", nil), noFlow},
		{"training registers model versions", res("aws:sagemaker/modelPackageGroup:ModelPackageGroup", nil),
			res("aws:sfn/stateMachine:StateMachine", map[string]any{"definition": `{"Resource":"arn:aws:states:::aws-sdk:sagemaker:createModelPackage"}`}), toDependency},
		{"inference reads them", res("aws:sagemaker/modelPackageGroup:ModelPackageGroup", nil),
			res("aws:sfn/stateMachine:StateMachine", map[string]any{"definition": `{"Resource":"arn:aws:states:::aws-sdk:sagemaker:listModelPackages"}`}), toDependent},
		{"a stage reads the bucket its URL names", Resource{Type: "aws:s3/bucket:Bucket", Outputs: map[string]any{"bucket": "events-1f12bb6"}},
			res("snowflake:index/stageExternalS3:StageExternalS3", map[string]any{"url": "s3://events-1f12bb6/events/"}), toDependent},
		{"and no other bucket", Resource{Type: "aws:s3/bucket:Bucket", Outputs: map[string]any{"bucket": "events-1f12bb"}},
			res("snowflake:index/stageExternalS3:StageExternalS3", map[string]any{"url": "s3://events-1f12bb6/events/"}), noFlow},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, flowOf(tc.dep, tc.r))
		})
	}
}

func TestRoleOf_drawsUnknownTypesAndFoldsMachinery(t *testing.T) {
	assert.Equal(t, drawn, roleOf("aws:glue/job:Job"), "a type added later shows up until it is classified")
	assert.Equal(t, drawn, roleOf("aws:sfn/stateMachine:StateMachine"))
	assert.Equal(t, connector, roleOf("aws:lambda/eventSourceMapping:EventSourceMapping"))
	for _, token := range []string{"aws:iam/role:Role", "aws:kms/key:Key", "aws:cloudwatch/metricAlarm:MetricAlarm",
		"aws:cloudwatch/logGroup:LogGroup", "pulumi:providers:snowflake", "pulumi:providers:random"} {
		assert.Equal(t, folded, roleOf(token), token)
	}
}

func TestFirehoseTable_findsTheSnowflakeTableAStreamDeliversTo(t *testing.T) {
	table := Resource{URN: "urn:t", Name: "speed"}
	byName := map[string]Resource{"DB.PAYMENTS.SPEED": table}
	hose := Resource{Type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", Inputs: map[string]any{
		"snowflakeConfiguration": map[string]any{"database": "DB", "schema": "PAYMENTS", "table": "SPEED"},
	}}
	got, ok := firehoseTable(hose, byName)
	assert.True(t, ok)
	assert.Equal(t, table, got)
	_, ok = firehoseTable(Resource{Type: hose.Type, Inputs: map[string]any{}}, byName)
	assert.False(t, ok, "an S3 delivery stream has no table")
}
