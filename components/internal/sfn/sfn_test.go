package sfn

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const runTask = "arn:aws:states:::ecs:runTask.sync"

func f64(v float64) *float64 { return &v }

func str(v string) *string { return &v }

// minimal is a valid one-task machine.
func minimal() Definition {
	return Definition{
		StartAt: "Run",
		States: map[string]State{
			"Run": {Type: TypeTask, Resource: runTask, End: true},
		},
	}
}

// branching is a valid machine with a Choice, a retry and a catch.
func branching() Definition {
	return Definition{
		Comment: "branching",
		StartAt: "Check",
		States: map[string]State{
			"Check": {Type: TypeChoice, Choices: []Choice{
				{Variable: "$.skip", BooleanEquals: boolp(true), Next: "Skipped"},
				{Variable: "$.size", NumericGreaterThan: f64(100), Next: "Big"},
			}, Default: "Run"},
			"Big": {Type: TypeWait, Seconds: 60, Next: "Run"},
			"Run": {
				Type: TypeTask, Resource: runTask, Next: "Done",
				Retry: []Retrier{{ErrorEquals: []string{ErrorTaskFailed}, MaxAttempts: 2, BackoffRate: 2}},
				Catch: []Catcher{{ErrorEquals: []string{ErrorAll}, ResultPath: "$.error", Next: "Failed"}},
			},
			"Skipped": {Type: TypeSucceed},
			"Done":    {Type: TypeSucceed},
			"Failed":  {Type: TypeFail, Error: "RunFailed", Cause: "the task failed"},
		},
	}
}

func boolp(v bool) *bool { return &v }

// with returns minimal() with extra states and Run replaced by run.
func with(run State, extra map[string]State) Definition {
	d := minimal()
	d.States["Run"] = run
	for k, v := range extra {
		d.States[k] = v
	}
	return d
}

func TestDefinition_validateAcceptsWellFormedMachines(t *testing.T) {
	cases := map[string]Definition{
		"minimal one-task machine":              minimal(),
		"choice with retry and catch":           branching(),
		"pass then succeed":                     {StartAt: "A", States: map[string]State{"A": {Type: TypePass, Next: "B"}, "B": {Type: TypeSucceed}}},
		"a loop back through a choice":          {StartAt: "W", States: map[string]State{"W": {Type: TypeWait, Seconds: 5, Next: "C"}, "C": {Type: TypeChoice, Choices: []Choice{{Variable: "$.done", BooleanEquals: boolp(false), Next: "W"}}, Default: "End"}, "End": {Type: TypeSucceed}}},
		"a state name of exactly 80 characters": {StartAt: strings.Repeat("s", 80), States: map[string]State{strings.Repeat("s", 80): {Type: TypeSucceed}}},
		"80 non-ASCII characters (160 bytes)":   {StartAt: strings.Repeat("é", 80), States: map[string]State{strings.Repeat("é", 80): {Type: TypeSucceed}}},
		"map with a valid processor": {StartAt: "Each", States: map[string]State{"Each": {
			Type: TypeMap, End: true, ItemsPath: "$.items",
			ItemProcessor: &ItemProcessor{StartAt: "Do", States: map[string]State{"Do": {Type: TypeTask, Resource: runTask, End: true}}},
		}}},
	}
	for name, d := range cases {
		t.Run(name, func(t *testing.T) {
			assert.NoError(t, d.Validate())
		})
	}
}

func TestDefinition_validateRejectsBrokenMachines(t *testing.T) {
	cases := []struct {
		name string
		def  Definition
		want string
	}{
		{
			name: "no states",
			def:  Definition{StartAt: "Run"},
			want: "sfn: no states",
		},
		{
			name: "StartAt missing",
			def:  Definition{States: minimal().States},
			want: `sfn: StartAt "" is not a state`,
		},
		{
			name: "StartAt names no state",
			def:  Definition{StartAt: "Nope", States: minimal().States},
			want: `sfn: StartAt "Nope" is not a state`,
		},
		{
			name: "Next to an unknown state",
			def:  with(State{Type: TypeTask, Resource: runTask, Next: "Ghost"}, nil),
			want: `sfn: state "Run" moves to "Ghost", which is not a state`,
		},
		{
			name: "both Next and End",
			def:  with(State{Type: TypeTask, Resource: runTask, Next: "Done", End: true}, map[string]State{"Done": {Type: TypeSucceed}}),
			want: `sfn: state "Run" needs exactly one of Next or End`,
		},
		{
			name: "task with neither Next nor End",
			def:  with(State{Type: TypeTask, Resource: runTask}, nil),
			want: `sfn: state "Run" needs exactly one of Next or End`,
		},
		{
			name: "task without a Resource",
			def:  with(State{Type: TypeTask, End: true}, nil),
			want: `sfn: Task state "Run" has no Resource`,
		},
		{
			name: "choice without rules",
			def:  Definition{StartAt: "C", States: map[string]State{"C": {Type: TypeChoice, Default: "D"}, "D": {Type: TypeSucceed}}},
			want: `sfn: Choice state "C" has no rules`,
		},
		{
			name: "choice rule without Next",
			def: Definition{StartAt: "C", States: map[string]State{
				"C": {Type: TypeChoice, Choices: []Choice{{Variable: "$.x", StringEquals: str("a")}}, Default: "D"},
				"D": {Type: TypeSucceed},
			}},
			want: `sfn: a rule of Choice state "C" has no Next`,
		},
		{
			name: "choice with End",
			def: Definition{StartAt: "C", States: map[string]State{
				"C": {Type: TypeChoice, Choices: []Choice{{Variable: "$.x", StringEquals: str("a"), Next: "D"}}, End: true},
				"D": {Type: TypeSucceed},
			}},
			want: `sfn: Choice state "C" cannot have Next or End`,
		},
		{
			name: "choice Default to an unknown state",
			def: Definition{StartAt: "C", States: map[string]State{
				"C": {Type: TypeChoice, Choices: []Choice{{Variable: "$.x", StringEquals: str("a"), Next: "D"}}, Default: "Ghost"},
				"D": {Type: TypeSucceed},
			}},
			want: `sfn: state "C" moves to "Ghost", which is not a state`,
		},
		{
			name: "unreachable state",
			def:  with(State{Type: TypeTask, Resource: runTask, End: true}, map[string]State{"Orphan": {Type: TypeSucceed}}),
			want: `sfn: state "Orphan" cannot be reached from "Run"`,
		},
		{
			name: "catch to an unknown state",
			def: with(State{Type: TypeTask, Resource: runTask, End: true,
				Catch: []Catcher{{ErrorEquals: []string{ErrorAll}, Next: "Ghost"}}}, nil),
			want: `sfn: state "Run" moves to "Ghost", which is not a state`,
		},
		{
			name: "retrier without ErrorEquals",
			def: with(State{Type: TypeTask, Resource: runTask, End: true,
				Retry: []Retrier{{MaxAttempts: 3}}}, nil),
			want: `sfn: state "Run" has a retrier without ErrorEquals`,
		},
		{
			name: "map without ItemProcessor",
			def:  Definition{StartAt: "Each", States: map[string]State{"Each": {Type: TypeMap, End: true}}},
			want: `sfn: Map state "Each" has no ItemProcessor`,
		},
		{
			name: "map whose processor has a broken state",
			def: Definition{StartAt: "Each", States: map[string]State{"Each": {
				Type: TypeMap, End: true,
				ItemProcessor: &ItemProcessor{StartAt: "Do", States: map[string]State{"Do": {Type: TypeTask, Resource: runTask, Next: "Ghost"}}},
			}}},
			want: `sfn (in Map "Each"): state "Do" moves to "Ghost", which is not a state`,
		},
		{
			name: "map whose processor has no StartAt",
			def: Definition{StartAt: "Each", States: map[string]State{"Each": {
				Type: TypeMap, End: true,
				ItemProcessor: &ItemProcessor{States: map[string]State{"Do": {Type: TypeSucceed}}},
			}}},
			want: `sfn (in Map "Each"): StartAt "" is not a state`,
		},
		{
			name: "succeed with Next",
			def:  with(State{Type: TypeTask, Resource: runTask, Next: "Ok"}, map[string]State{"Ok": {Type: TypeSucceed, Next: "Run"}}),
			want: `sfn: Succeed state "Ok" cannot have Next or End`,
		},
		{
			name: "fail with End",
			def:  with(State{Type: TypeTask, Resource: runTask, Next: "Bad"}, map[string]State{"Bad": {Type: TypeFail, End: true}}),
			want: `sfn: Fail state "Bad" cannot have Next or End`,
		},
		{
			name: "state name over 80 characters",
			def:  Definition{StartAt: strings.Repeat("s", 81), States: map[string]State{strings.Repeat("s", 81): {Type: TypeSucceed}}},
			want: "is longer than 80 characters",
		},
		{
			name: "81 non-ASCII characters",
			def:  Definition{StartAt: strings.Repeat("é", 81), States: map[string]State{strings.Repeat("é", 81): {Type: TypeSucceed}}},
			want: "is longer than 80 characters",
		},
		{
			name: "unknown type",
			def:  with(State{Type: "Lambda", Resource: runTask, End: true}, nil),
			want: `sfn: state "Run" has unknown type "Lambda"`,
		},
		{
			name: "empty type",
			def:  with(State{Resource: runTask, End: true}, nil),
			want: `sfn: state "Run" has unknown type ""`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.def.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestDefinition_jsonFailsOnAnInvalidDefinition(t *testing.T) {
	d := with(State{Type: TypeTask, Resource: runTask}, nil)
	out, err := d.JSON()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `needs exactly one of Next or End`)
	assert.Empty(t, out)
}

func TestDefinition_jsonRendersResultPathAndOmitsEmptyFields(t *testing.T) {
	d := Definition{StartAt: "A", States: map[string]State{
		"A": {Type: TypePass, ResultPath: Path("$.a"), Next: "B"},
		"B": {Type: TypePass, ResultPath: nil, Next: "C"},
		"C": {Type: TypeSucceed},
	}}
	out, err := d.JSON()
	require.NoError(t, err)

	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	assert.Equal(t, map[string]any{
		"StartAt": "A",
		"States": map[string]any{
			"A": map[string]any{"Type": "Pass", "ResultPath": "$.a", "Next": "B"},
			"B": map[string]any{"Type": "Pass", "Next": "C"},
			"C": map[string]any{"Type": "Succeed"},
		},
	}, raw, "no Comment, TimeoutSeconds, End:false, empty Parameters or ResultPath of B")
}

func TestDefinition_jsonRoundTripsThroughParse(t *testing.T) {
	d := branching()
	d.TimeoutSeconds = 3600
	run := d.States["Run"]
	run.ResultPath = Path("$.result")
	run.Parameters = map[string]any{"Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/c", "LaunchType": "FARGATE"}
	run.Retry[0].JitterStrategy = JitterFull
	d.States["Run"] = run
	d.States["Each"] = State{
		Type: TypeMap, Next: "Run", MaxConcurrency: 10, ToleratedFailurePercentage: f64(5), Label: "Each",
		ItemReader: &ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: map[string]any{"Bucket": "b"}},
		ItemProcessor: &ItemProcessor{
			ProcessorConfig: map[string]string{"Mode": ModeDistributed, "ExecutionType": ExecutionStandard},
			StartAt:         "Do",
			States:          map[string]State{"Do": {Type: TypeTask, Resource: runTask, End: true}},
		},
	}
	big := d.States["Big"]
	big.Next = "Each"
	d.States["Big"] = big

	out, err := d.JSON()
	require.NoError(t, err)
	back, err := Parse(out)
	require.NoError(t, err)
	assert.Equal(t, d, back)
	require.NoError(t, back.Validate())

	again, err := back.JSON()
	require.NoError(t, err)
	assert.JSONEq(t, out, again)
}

func TestParse_rejectsInvalidJSON(t *testing.T) {
	_, err := Parse(`{"StartAt": `)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sfn: parsing definition")
}

func TestDefinition_reachableFollowsNextAndChoices(t *testing.T) {
	d := branching()
	cases := []struct {
		name string
		pick map[string]int
		want []string
	}{
		{"default when nothing is picked", nil, []string{"Check", "Run", "Done"}},
		{"first rule", map[string]int{"Check": 0}, []string{"Check", "Skipped"}},
		{"second rule then Next", map[string]int{"Check": 1}, []string{"Check", "Big", "Run", "Done"}},
		{"out-of-range pick falls back to Default", map[string]int{"Check": 7}, []string{"Check", "Run", "Done"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, d.Reachable(tc.pick))
		})
	}
}

func TestDefinition_reachableStopsAtALoop(t *testing.T) {
	d := Definition{StartAt: "A", States: map[string]State{
		"A": {Type: TypePass, Next: "B"},
		"B": {Type: TypeChoice, Choices: []Choice{{Variable: "$.again", BooleanEquals: boolp(true), Next: "A"}}, Default: "C"},
		"C": {Type: TypeSucceed},
	}}
	assert.Equal(t, []string{"A", "B"}, d.Reachable(map[string]int{"B": 0}))
	assert.Equal(t, []string{"A", "B", "C"}, d.Reachable(nil))
}

func TestDefinition_validateChecksIntegrationParameters(t *testing.T) {
	task := func(resource string, params map[string]any) Definition {
		return with(State{Type: TypeTask, Resource: resource, Parameters: params, End: true}, nil)
	}
	inMap := func(params map[string]any) Definition {
		return Definition{StartAt: "Each", States: map[string]State{"Each": {
			Type: TypeMap, End: true,
			ItemProcessor: &ItemProcessor{StartAt: "Do", States: map[string]State{"Do": {Type: TypeTask, Resource: runTask, Parameters: params, End: true}}},
		}}}
	}
	withReader := func(reader *ItemReader, writer *ResultWriter) Definition {
		return Definition{StartAt: "Each", States: map[string]State{"Each": {
			Type: TypeMap, End: true, ItemReader: reader, ResultWriter: writer,
			ItemProcessor: &ItemProcessor{StartAt: "Do", States: map[string]State{"Do": {Type: TypeSucceed}}},
		}}}
	}
	ecs := map[string]any{
		"Cluster": "c", "TaskDefinition": "t", "LaunchType": "FARGATE", "PlatformVersion": "LATEST",
		"PropagateTags": "TASK_DEFINITION", "Group": "family:f", "NetworkConfiguration": map[string]any{},
		"Overrides.$": "$.overrides",
	}
	accepted := map[string]Definition{
		"documented ECS keys, a .$ key included":  task(runTask, ecs),
		"ECS request-response":                    task("arn:aws:states:::ecs:runTask", map[string]any{"Cluster": "c", "TaskDefinition": "t"}),
		"a capacity provider strategy":            task(runTask, map[string]any{"TaskDefinition": "t", "CapacityProviderStrategy": []any{}}),
		"another partition":                       task("arn:aws-cn:states:::ecs:runTask.sync", map[string]any{"TaskDefinition": "t"}),
		"transform job keys":                      task("arn:aws:states:::sagemaker:createTransformJob.sync", map[string]any{"TransformJobName.$": "x", "ModelName": "m", "TransformInput": map[string]any{}, "TransformOutput": map[string]any{}, "TransformResources": map[string]any{}, "DataProcessing": map[string]any{}, "Tags": []any{}}),
		"training job keys":                       task("arn:aws:states:::sagemaker:createTrainingJob.sync", map[string]any{"TrainingJobName.$": "x", "AlgorithmSpecification": map[string]any{}, "RoleArn": "r", "EnableManagedSpotTraining": true, "CheckpointConfig": map[string]any{}}),
		"create model keys":                       task("arn:aws:states:::sagemaker:createModel", map[string]any{"ModelName.$": "$.n", "ExecutionRoleArn": "r", "Containers": []any{}, "EnableNetworkIsolation": true, "Tags": []any{}}),
		"lambda invoke keys":                      task("arn:aws:states:::lambda:invoke", map[string]any{"FunctionName": "f", "Payload.$": "$"}),
		"sns publish keys":                        task("arn:aws:states:::sns:publish", map[string]any{"TopicArn": "t", "Subject": "s", "Message.$": "$.m"}),
		"an aws-sdk integration is not checked":   task("arn:aws:states:::aws-sdk:ecs:listTasks", map[string]any{"Cluster": "c", "StartedBy": "me"}),
		"an unknown resource is not checked":      task("arn:aws:states:::glue:startJobRun.sync", map[string]any{"Anything": 1}),
		"a Lambda ARN is not checked":             task("arn:aws:lambda:us-east-1:123456789012:function:f", map[string]any{"Anything": 1}),
		"documented keys inside a Map processor":  inMap(ecs),
		"documented reader and writer parameters": withReader(&ItemReader{Resource: "arn:aws:states:::s3:getObject", Parameters: map[string]any{"Bucket": "b", "Key.$": "$.k"}}, &ResultWriter{Resource: "arn:aws:states:::s3:putObject", Parameters: map[string]any{"Bucket": "b", "Prefix": "p/"}}),
		"a listObjectsV2 reader":                  withReader(&ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: map[string]any{"Bucket": "b", "Prefix": "p/"}}, nil),
	}
	for name, d := range accepted {
		t.Run(name, func(t *testing.T) {
			assert.NoError(t, d.Validate())
		})
	}

	rejected := []struct {
		name string
		def  Definition
		want string
	}{
		{"StartedBy on runTask.sync", task(runTask, map[string]any{"TaskDefinition": "t", "StartedBy": "schedkit"}),
			`sfn: state "Run" passes "StartedBy" to arn:aws:states:::ecs:runTask.sync, a parameter Step Functions does not document for that integration`},
		{"StartedBy as a path", task(runTask, map[string]any{"TaskDefinition": "t", "StartedBy.$": "$.who"}),
			`sfn: state "Run" passes "StartedBy" to arn:aws:states:::ecs:runTask.sync`},
		{"Count on runTask", task("arn:aws:states:::ecs:runTask", map[string]any{"TaskDefinition": "t", "Count": 2}),
			`sfn: state "Run" passes "Count" to arn:aws:states:::ecs:runTask,`},
		{"StartedBy inside a Map processor", inMap(map[string]any{"TaskDefinition": "t", "StartedBy": "schedkit"}),
			`sfn (in Map "Each"): state "Do" passes "StartedBy" to arn:aws:states:::ecs:runTask.sync`},
		{"a misspelt transform key", task("arn:aws:states:::sagemaker:createTransformJob.sync", map[string]any{"ModelName": "m", "MaxPayloadInMb": 6}),
			`passes "MaxPayloadInMb" to arn:aws:states:::sagemaker:createTransformJob.sync`},
		{"LogType on lambda:invoke", task("arn:aws:states:::lambda:invoke", map[string]any{"FunctionName": "f", "LogType": "Tail"}),
			`passes "LogType" to arn:aws:states:::lambda:invoke`},
		{"an unknown reader parameter", withReader(&ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: map[string]any{"Bucket": "b", "MaxKeys": 10}}, nil),
			`sfn: the ItemReader of Map state "Each" passes "MaxKeys" to arn:aws:states:::s3:listObjectsV2`},
		{"an unknown writer parameter", withReader(nil, &ResultWriter{Resource: "arn:aws:states:::s3:putObject", Parameters: map[string]any{"Bucket": "b", "Key": "k"}}),
			`sfn: the ResultWriter of Map state "Each" passes "Key" to arn:aws:states:::s3:putObject`},
	}
	for _, tc := range rejected {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.def.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
