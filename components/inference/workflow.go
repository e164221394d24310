package inference

import (
	"fmt"

	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// State names of the BatchInference workflow, besides the RunContext and
// failure chain every schedkit workflow has.
const (
	StateFindApprovedModel = "FindApprovedModel"
	StateHasApprovedModel  = "HasApprovedModel"
	StateNoApprovedModel   = "NoApprovedModel"
	StateCreateRunModel    = "CreateRunModel"
	StateTransform         = "Transform"
	StateDeleteRunModel    = "DeleteRunModel"
	// StateDeleteRunModelAfterFailure deletes the run's model when the
	// transform failed, then reports the failure.
	StateDeleteRunModelAfterFailure = "DeleteRunModelAfterFailure"
)

// Service integrations of the package path.
const (
	listModelPackagesResource = "arn:aws:states:::aws-sdk:sagemaker:listModelPackages"
	createModelResource       = "arn:aws:states:::sagemaker:createModel"
	deleteModelResource       = "arn:aws:states:::aws-sdk:sagemaker:deleteModel"
)

// modelPath is where a package run keeps its model: $.model.name is the run
// model's name, $.model.packages the approved package found.
const modelPath = "$.model"

// Where the cleanup of a run model writes: its result and, when the
// deletion itself fails, its error. Neither is $.error, which keeps the
// run's own failure for the alert.
const (
	cleanupPath      = "$.cleanup"
	cleanupErrorPath = "$.cleanupError"
)

// failedError is the Fail state's error name.
const failedError = "BatchInferenceFailed"

// workflowInput is everything the definition needs, resolved.
type workflowInput struct {
	Name          string
	Transform     sagemaker.Transform
	ModelName     string // image path: the created model
	PackageGroup  string // package path: the group
	ModelRoleArn  string
	Isolation     bool
	KmsKeyArn     string
	TopicArn      string
	Retry         retry.Policy
	RuntimeSec    int
	WorkflowLimit int
}

// definition builds the workflow. With a model:
//
//	RunContext → RunDateFrom{Schedule|Start} → Transform → Succeeded
//
// With a model package group:
//
//	RunContext → … → FindApprovedModel (latest Approved package; names the run's model)
//	  → HasApprovedModel ─none→ NoApprovedModel → DescribeFailure
//	  → CreateRunModel (createModel from the package) → Transform
//	  → DeleteRunModel (best effort) → Succeeded
//	Transform ─any error→ DeleteRunModelAfterFailure (best effort) → DescribeFailure
//
// Transform runs createTransformJob.sync with a job name drawn per attempt;
// any error after its retries (States.Timeout included) → DescribeFailure →
// NotifyFailure → Failed. Every path past CreateRunModel deletes the run's
// model, so a failed run leaves none behind: the cleanup writes to
// $.cleanup (or $.cleanupError) and never over the run's $.error. Only an
// execution stopped from outside (aborted, or past the workflow's own
// timeout) skips the cleanup; the model then carries the execution's name
// in its schedkit:execution tag.
func definition(in workflowInput) sfn.Definition {
	first := StateTransform
	model := sagemaker.ModelRef{Name: in.ModelName}
	states := workflow.Merge(
		workflow.FailureStates("batch inference", in.Name, in.TopicArn, failedError),
		map[string]sfn.State{workflow.StateSucceeded: {Type: sfn.TypeSucceed}},
	)
	transformNext := workflow.StateSucceeded
	if in.PackageGroup != "" {
		first = StateFindApprovedModel
		model = sagemaker.ModelRef{Path: modelPath + ".name"}
		transformNext = StateDeleteRunModel
		present := true
		apiRetry := []sfn.Retrier{{ErrorEquals: sagemaker.APIErrors, IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: sfn.JitterFull}}
		states[StateFindApprovedModel] = sfn.State{
			Type:     sfn.TypeTask,
			Comment:  "Find the group's latest approved package, and name this run's model",
			Resource: listModelPackagesResource,
			Parameters: map[string]any{
				"ModelPackageGroupName": in.PackageGroup,
				"ModelApprovalStatus":   "Approved",
				"SortBy":                "CreationTime",
				"SortOrder":             "Descending",
				"MaxResults":            1,
			},
			ResultSelector: map[string]any{
				"packages.$": "$.ModelPackageSummaryList",
				"name.$":     sagemaker.JobName(in.Transform.JobNamePrefix),
			},
			ResultPath: sfn.Path(modelPath),
			Retry:      apiRetry,
			Catch:      workflow.CatchAll(),
			Next:       StateHasApprovedModel,
		}
		states[StateHasApprovedModel] = sfn.State{
			Type:    sfn.TypeChoice,
			Choices: []sfn.Choice{{Variable: modelPath + ".packages[0].ModelPackageArn", IsPresent: &present, Next: StateCreateRunModel}},
			Default: StateNoApprovedModel,
		}
		states[StateNoApprovedModel] = sfn.State{
			Type: sfn.TypePass,
			Parameters: map[string]any{
				"Error": "NoApprovedModel",
				"Cause": fmt.Sprintf("The model package group %s has no approved package.", in.PackageGroup),
			},
			ResultPath: sfn.Path("$.error"),
			Next:       workflow.StateDescribeFailure,
		}
		states[StateCreateRunModel] = sfn.State{
			Type:     sfn.TypeTask,
			Comment:  "Create this run's model from the approved package",
			Resource: createModelResource,
			Parameters: map[string]any{
				"ModelName.$":            modelPath + ".name",
				"ExecutionRoleArn":       in.ModelRoleArn,
				"Containers":             []map[string]any{{"ModelPackageName.$": modelPath + ".packages[0].ModelPackageArn"}},
				"EnableNetworkIsolation": in.Isolation,
				"Tags":                   []map[string]any{{"Key": sagemaker.ExecutionTagKey, "Value.$": "$$.Execution.Name"}},
			},
			ResultSelector: map[string]any{"ModelArn.$": "$.ModelArn"},
			ResultPath:     sfn.Path(modelPath + ".created"),
			Retry:          []sfn.Retrier{{ErrorEquals: []string{"SageMaker.AmazonSageMakerException"}, IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: sfn.JitterFull}},
			Catch:          workflow.CatchAll(),
			Next:           StateTransform,
		}
		states[StateDeleteRunModel] = deleteRunModel("Delete this run's model; a failure here does not fail the run", apiRetry, workflow.StateSucceeded)
		states[StateDeleteRunModelAfterFailure] = deleteRunModel("The transform failed: delete this run's model, then report the failure", apiRetry, workflow.StateDescribeFailure)
	}
	states = workflow.Merge(states, workflow.RunContextStates(first))
	transform := sagemaker.TransformState(in.Transform, model, in.KmsKeyArn, in.RuntimeSec, in.Retry, "$.transform", transformNext)
	if in.PackageGroup != "" {
		transform.Catch = []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: "$.error", Next: StateDeleteRunModelAfterFailure}}
	}
	states[StateTransform] = transform
	return sfn.Definition{
		Comment:        fmt.Sprintf("schedkit BatchInference %s: one SageMaker batch transform per run, alerts on failure", in.Name),
		StartAt:        workflow.StateRunContext,
		TimeoutSeconds: in.WorkflowLimit,
		States:         states,
	}
}

// deleteRunModel is a best-effort deletion of the run's model that moves on
// to next whether or not it succeeds: its result goes to $.cleanup, its
// error (after the API retries) to $.cleanupError.
func deleteRunModel(comment string, apiRetry []sfn.Retrier, next string) sfn.State {
	return sfn.State{
		Type:       sfn.TypeTask,
		Comment:    comment,
		Resource:   deleteModelResource,
		Parameters: map[string]any{"ModelName.$": modelPath + ".name"},
		ResultPath: sfn.Path(cleanupPath),
		Retry:      apiRetry,
		Catch:      []sfn.Catcher{{ErrorEquals: []string{sfn.ErrorAll}, ResultPath: cleanupErrorPath, Next: next}},
		Next:       next,
	}
}
