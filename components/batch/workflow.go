package batch

import (
	"fmt"
	"maps"
	"regexp"
	"slices"

	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// Service integrations the steps use.
const (
	ecsRunTaskResource   = "arn:aws:states:::ecs:runTask.sync"
	lambdaInvokeResource = "arn:aws:states:::lambda:invoke"
	listObjectsResource  = "arn:aws:states:::s3:listObjectsV2"
	getObjectResource    = "arn:aws:states:::s3:getObject"
	putObjectResource    = "arn:aws:states:::s3:putObject"
)

// InputEnvironmentName is the variable every ECS step's container gets: the
// step's whole input as JSON.
const InputEnvironmentName = "SCHEDKIT_INPUT"

// ResultsPath is where each top-level step keeps its result:
// $.results.<step name>.
const ResultsPath = "$.results"

const (
	itemResultPath       = "$.result"
	errorNonZeroExitCode = "NonZeroExitCode"
	workflowFailedError  = "BatchWorkflowFailed"
	exitCodePath         = ".Containers[0].ExitCode"
)

// Names of the helper states a step adds; n is the step's 1-based position.
func checkExitCodeState(n int) string      { return fmt.Sprintf("CheckExitCode%d", n) }
func exitCodeFailedState(n int) string     { return fmt.Sprintf("ExitCodeFailed%d", n) }
func itemCheckExitCodeState(n int) string  { return fmt.Sprintf("ItemCheckExitCode%d", n) }
func itemExitCodeFailedState(n int) string { return fmt.Sprintf("ItemExitCodeFailed%d", n) }
func itemDoneState(n int) string           { return fmt.Sprintf("ItemDone%d", n) }

// reservedName matches the names of the states schedkit adds around steps.
var reservedName = regexp.MustCompile(`^(RunContext|RunDateFromSchedule|RunDateFromStart|DescribeFailure|NotifyFailure|Failed|Succeeded|(CheckExitCode|ExitCodeFailed|ItemCheckExitCode|ItemExitCodeFailed|ItemDone)\d+)$`)

// resolved holds one step's deploy-time values.
type resolved struct {
	Cluster, TaskDefinition, TaskRole, ExecutionRole string
	Subnets, SecurityGroups                          []string
	FunctionArn                                      string
	ModelName, KmsKeyArn                             string
	Child                                            *resolved
}

// definitionInput is everything the definition needs, resolved.
type definitionInput struct {
	Name          string
	Steps         []Step
	Resolved      []*resolved
	TopicArn      string
	MaxRuntimeSec int
}

// definition builds the workflow:
//
//	RunContext → RunDateFrom{Schedule|Start} → step 1 → … → step n → Succeeded
//	ECS step:  runTask.sync → CheckExitCode<i> ─0→ next │ else → ExitCodeFailed<i> → DescribeFailure
//	Map step:  Distributed Map; each item runs the child step as a child execution
//	any step's error (after its retries, incl. States.Timeout) → DescribeFailure → NotifyFailure → Failed
func definition(in definitionInput) sfn.Definition {
	states := workflow.Merge(
		workflow.RunContextStates(in.Steps[0].Name),
		workflow.FailureStates("batch workflow", in.Name, in.TopicArn, workflowFailedError),
		map[string]sfn.State{workflow.StateSucceeded: {Type: sfn.TypeSucceed}},
	)
	for i, s := range in.Steps {
		next := workflow.StateSucceeded
		if i+1 < len(in.Steps) {
			next = in.Steps[i+1].Name
		}
		n := i + 1
		r := in.Resolved[i]
		resultPath := ResultsPath + "." + s.Name
		switch {
		case s.ECSTask != nil:
			st := ecsState(s, r)
			st.ResultPath, st.Catch, st.Next = sfn.Path(resultPath), workflow.CatchAll(), checkExitCodeState(n)
			states[s.Name] = st
			states[checkExitCodeState(n)] = exitCodeChoice(resultPath, next, exitCodeFailedState(n))
			states[exitCodeFailedState(n)] = sfn.State{
				Type:    sfn.TypePass,
				Comment: "The task's container exited non-zero or never started",
				Parameters: map[string]any{
					"Error":   errorNonZeroExitCode,
					"Cause.$": "States.JsonToString(" + resultPath + ".Containers)",
				},
				ResultPath: sfn.Path("$.error"),
				Next:       workflow.StateDescribeFailure,
			}
		case s.Lambda != nil:
			st := lambdaState(s, r)
			st.ResultPath, st.Catch, st.Next = sfn.Path(resultPath), workflow.CatchAll(), next
			states[s.Name] = st
		case s.Transform != nil:
			t, model := *s.Transform, sagemaker.ModelRef{Name: r.ModelName}
			states[s.Name] = sagemaker.TransformState(t, model, r.KmsKeyArn, seconds(s.Timeout), *s.Retry, resultPath, next)
		case s.Map != nil:
			st := mapState(n, s, r)
			st.ResultPath, st.Catch, st.Next = sfn.Path(resultPath), workflow.CatchAll(), next
			states[s.Name] = st
		}
	}
	return sfn.Definition{
		Comment:        fmt.Sprintf("schedkit BatchWorkflow %s: typed steps with retries, timeouts and alerts", in.Name),
		StartAt:        workflow.StateRunContext,
		TimeoutSeconds: in.MaxRuntimeSec,
		States:         states,
	}
}

// exitCodeChoice passes when the first container's exit code at resultPath is 0.
func exitCodeChoice(resultPath, next, failed string) sfn.State {
	zero, present := 0.0, true
	return sfn.State{
		Type: sfn.TypeChoice,
		Choices: []sfn.Choice{{
			And: []sfn.Choice{
				{Variable: resultPath + exitCodePath, IsPresent: &present},
				{Variable: resultPath + exitCodePath, NumericEquals: &zero},
			},
			Next: next,
		}},
		Default: failed,
	}
}

// ecsState runs the task and waits for it; the step's timeout stops it.
func ecsState(s Step, r *resolved) sfn.State {
	e := s.ECSTask
	params := map[string]any{
		"Cluster":        r.Cluster,
		"TaskDefinition": r.TaskDefinition,
		"NetworkConfiguration": map[string]any{"AwsvpcConfiguration": map[string]any{
			"Subnets":        r.Subnets,
			"SecurityGroups": r.SecurityGroups,
			"AssignPublicIp": "DISABLED",
		}},
		"PlatformVersion": "LATEST",
		"PropagateTags":   "TASK_DEFINITION",
		"Group":           "family:" + e.Family,
		"Overrides":       map[string]any{"ContainerOverrides": []map[string]any{containerOverride(e)}},
	}
	if e.CapacityProvider == "FARGATE" {
		params["LaunchType"] = "FARGATE"
	} else {
		params["CapacityProviderStrategy"] = []map[string]any{{"CapacityProvider": e.CapacityProvider, "Weight": 1}}
	}
	return sfn.State{
		Type:           sfn.TypeTask,
		Comment:        "Run the ECS task and wait for it to stop; on timeout Step Functions stops it",
		Resource:       ecsRunTaskResource,
		Parameters:     params,
		ResultSelector: map[string]any{"TaskArn.$": "$.TaskArn", "Containers.$": "$.Containers"},
		TimeoutSeconds: seconds(s.Timeout),
		Retry:          []sfn.Retrier{s.Retry.Retrier()},
	}
}

// containerOverride passes the command, the plain and the input-derived
// variables, and the whole input as SCHEDKIT_INPUT.
func containerOverride(e *ECSTaskStep) map[string]any {
	env := []map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(e.Environment)) {
		env = append(env, map[string]any{"Name": k, "Value": e.Environment[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(e.EnvironmentPaths)) {
		env = append(env, map[string]any{"Name": k, "Value.$": e.EnvironmentPaths[k]})
	}
	env = append(env, map[string]any{"Name": InputEnvironmentName, "Value.$": "States.JsonToString($)"})
	o := map[string]any{"Name": e.ContainerName, "Environment": env}
	if len(e.Command) > 0 {
		o["Command"] = e.Command
	}
	return o
}

// lambdaState invokes the function with the step's input (or the payload)
// and keeps the function's Payload.
func lambdaState(s Step, r *resolved) sfn.State {
	params := map[string]any{"FunctionName": r.FunctionArn}
	if s.Lambda.Payload != nil {
		params["Payload"] = s.Lambda.Payload
	} else {
		params["Payload.$"] = "$"
	}
	return sfn.State{
		Type:           sfn.TypeTask,
		Comment:        "Invoke the function and wait for its result",
		Resource:       lambdaInvokeResource,
		Parameters:     params,
		ResultSelector: map[string]any{"Payload.$": "$.Payload"},
		TimeoutSeconds: seconds(s.Timeout),
		Retry:          []sfn.Retrier{s.Retry.Retrier()},
	}
}

// mapState is the Distributed Map of step n: the reader, the per-item
// input, the child workflow, the concurrency and failure tolerance, and
// where the results go.
func mapState(n int, s Step, r *resolved) sfn.State {
	m := s.Map
	var reader *sfn.ItemReader
	var bucket string
	if m.ItemsS3Uri != "" {
		u, _ := s3uri.Parse(m.ItemsS3Uri)
		bucket = u.Bucket
		reader = &sfn.ItemReader{Resource: listObjectsResource, Parameters: map[string]any{"Bucket": u.Bucket, "Prefix": u.Key}}
	} else {
		u, _ := s3uri.Parse(m.ManifestS3Uri)
		bucket = u.Bucket
		cfg := map[string]any{"InputType": m.ManifestType}
		if m.ManifestType == "CSV" {
			cfg["CSVHeaderLocation"] = "FIRST_ROW"
		}
		reader = &sfn.ItemReader{Resource: getObjectResource, Parameters: map[string]any{"Bucket": u.Bucket, "Key": u.Key}, ReaderConfig: cfg}
	}
	st := sfn.State{
		Type:         sfn.TypeMap,
		Comment:      "Run the child step for every item, as child workflow executions",
		ItemReader:   reader,
		ItemSelector: map[string]any{"item.$": "$$.Map.Item.Value", "bucket": bucket, "run.$": workflow.RunPath},
		ItemProcessor: &sfn.ItemProcessor{
			ProcessorConfig: map[string]string{"Mode": sfn.ModeDistributed, "ExecutionType": sfn.ExecutionStandard},
			StartAt:         m.Step.Name,
			States:          childStates(n, m.Step, r.Child, m.ResultsS3Uri != ""),
		},
		MaxConcurrency:             m.MaxConcurrency,
		ToleratedFailurePercentage: m.ToleratedFailurePercentage,
		Retry:                      []sfn.Retrier{s.Retry.Retrier()},
	}
	if m.ResultsS3Uri != "" {
		u, _ := s3uri.Parse(m.ResultsS3Uri)
		st.ResultWriter = &sfn.ResultWriter{Resource: putObjectResource, Parameters: map[string]any{"Bucket": u.Bucket, "Prefix": u.Key}}
	} else {
		st.ResultSelector = map[string]any{"ItemCount.$": "States.ArrayLength($)"}
	}
	return st
}

// childStates are the child workflow of Map step n:
//
//	child step (retried, timed out) ─→ [ECS: ItemCheckExitCode<n> ─else→ ItemExitCodeFailed<n> (Fail)] → ItemDone<n>
//
// A failed item fails its child execution; the Map counts it against the
// tolerated percentage. With a result writer the item's output (its input and
// $.result) is kept; without one ItemDone outputs {} to keep the Map small.
func childStates(n int, s Step, r *resolved, keepOutput bool) map[string]sfn.State {
	states := map[string]sfn.State{}
	var st sfn.State
	next := itemDoneState(n)
	switch {
	case s.ECSTask != nil:
		st = ecsState(s, r)
		next = itemCheckExitCodeState(n)
		states[itemCheckExitCodeState(n)] = exitCodeChoice(itemResultPath, itemDoneState(n), itemExitCodeFailedState(n))
		states[itemExitCodeFailedState(n)] = sfn.State{Type: sfn.TypeFail, Error: errorNonZeroExitCode, Cause: "The item's ECS task exited non-zero or never started."}
	case s.Lambda != nil:
		st = lambdaState(s, r)
	}
	st.ResultPath, st.Next = sfn.Path(itemResultPath), next
	states[s.Name] = st
	if keepOutput {
		states[itemDoneState(n)] = sfn.State{Type: sfn.TypeSucceed}
	} else {
		states[itemDoneState(n)] = sfn.State{Type: sfn.TypePass, Result: map[string]any{}, End: true}
	}
	return states
}
