package training

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// State names of the TrainingPipeline workflow, besides the failure chain
// every schedkit workflow has.
const (
	StateHasNewData     = "HasNewData"
	StateReadNewDataKey = "ReadNewDataKey"
	StateNoNewData      = "NoNewData"
	StateTrain          = "Train"
	StateRegister       = "Register"
)

// newDataKey is where an S3 Object Created event that started the run
// holds the object's key ("Amazon S3 event notifications with EventBridge",
// Amazon S3 User Guide: detail.object.key). S3 URL-encodes keys in the
// notifications it sends to SQS, SNS and Lambda; the EventBridge page does
// not say either way. ReadNewDataKey therefore decodes the key into
// decodedNewDataKey ($decodeUrlComponent, JSONata): the keys schedkit
// writes and reads back use only characters that read the same in both
// forms (verify.EventKeyPrefix) but /, which a form encoder writes %2F.
const (
	newDataKey        = "$.detail.object.key"
	decodedNewDataKey = "$.newData.key"
)

// readNewDataKey decodes the event's key into decodedNewDataKey, keeping
// the rest of the state's input.
func readNewDataKey(next string) sfn.State {
	return sfn.State{
		Type:          sfn.TypePass,
		QueryLanguage: "JSONata",
		Comment:       "The event's object key, URL-decoded whether or not S3 encoded it",
		Output:        `{% $merge([$states.input, {"newData": {"key": $decodeUrlComponent($states.input.detail.object.key)}}]) %}`,
		Next:          next,
	}
}

// Service integrations the workflow uses.
const (
	trainingJobResource        = "arn:aws:states:::sagemaker:createTrainingJob.sync"
	createModelPackageResource = "arn:aws:states:::aws-sdk:sagemaker:createModelPackage"
)

// TaskSlack is added to a training job's own limit (MaxRuntime, or MaxWait
// on spot) for the Train state's timeout: SageMaker stops the job first,
// and Step Functions stops it if SageMaker did not.
const TaskSlack = time.Hour

const failedError = "TrainingPipelineFailed"

// workflowInput is everything the definition needs, resolved.
type workflowInput struct {
	Name           string
	Args           TrainingPipelineArgs
	Image          string
	InferenceImage string
	RoleArn        string
	KmsKeyArn      string
	Group          string
	TopicArn       string
}

// definition builds the workflow:
//
//	Train (createTrainingJob.sync, a job name per attempt)
//	  → Register (createModelPackage into the group, PendingManualApproval or Approved)
//	  → Succeeded
//	any error after its retries → DescribeFailure → NotifyFailure → Failed
func definition(in workflowInput) sfn.Definition {
	a := in.Args
	out, _ := s3uri.Parse(a.OutputS3Uri)
	var channels []map[string]any
	for _, k := range slices.Sorted(maps.Keys(a.InputChannels)) {
		u, _ := s3uri.Parse(a.InputChannels[k])
		source := map[string]any{"S3DataType": "S3Prefix", "S3Uri": u.Dir(), "S3DataDistributionType": "FullyReplicated"}
		if k == a.NewDataChannel {
			delete(source, "S3Uri")
			source["S3Uri.$"] = newDataFolder(u, a.NewDataFilePrefix)
		}
		channel := map[string]any{"ChannelName": k, "DataSource": map[string]any{"S3DataSource": source}}
		if ct := a.ContentTypes[k]; ct != "" {
			channel["ContentType"] = ct
		}
		channels = append(channels, channel)
	}
	stopping := map[string]any{"MaxRuntimeInSeconds": int(a.MaxRuntime / time.Second)}
	limit := a.MaxRuntime
	train := map[string]any{
		"TrainingJobName.$":      sagemaker.JobName(a.JobNamePrefix),
		"AlgorithmSpecification": map[string]any{"TrainingImage": in.Image, "TrainingInputMode": "File"},
		"RoleArn":                in.RoleArn,
		"ResourceConfig": map[string]any{
			"InstanceType": a.InstanceType, "InstanceCount": a.InstanceCount, "VolumeSizeInGB": a.VolumeSizeGB,
		},
		"StoppingCondition":                     stopping,
		"InputDataConfig":                       channels,
		"OutputDataConfig":                      map[string]any{"S3OutputPath": out.Dir(), "KmsKeyId": in.KmsKeyArn},
		"EnableNetworkIsolation":                a.EnableNetworkIsolation,
		"EnableInterContainerTrafficEncryption": true,
		"Tags":                                  []map[string]any{{"Key": sagemaker.ExecutionTagKey, "Value.$": "$$.Execution.Name"}},
	}
	if len(a.HyperParameters) > 0 {
		train["HyperParameters"] = a.HyperParameters
	}
	if a.ManagedSpot {
		stopping["MaxWaitTimeInSeconds"] = int(a.MaxWait / time.Second)
		limit = a.MaxWait
		train["EnableManagedSpotTraining"] = true
		ck, _ := s3uri.Parse(a.CheckpointS3Uri)
		train["CheckpointConfig"] = map[string]any{"S3Uri": ck.Dir()}
	}
	attempts := 1 + *a.Retry.MaxAttempts
	workflowLimit := time.Duration(attempts)*(limit+TaskSlack) + WorkflowSlack
	if workflowLimit > workflow.MaxRuntime {
		workflowLimit = workflow.MaxRuntime
	}
	states := workflow.Merge(
		workflow.FailureStates("training pipeline", in.Name, in.TopicArn, failedError),
		map[string]sfn.State{
			StateTrain: {
				Type:       sfn.TypeTask,
				Comment:    "Train under a job name unique to this attempt, and wait for the job",
				Resource:   trainingJobResource,
				Parameters: train,
				ResultSelector: map[string]any{
					"TrainingJobName.$": "$.TrainingJobName",
					"TrainingJobArn.$":  "$.TrainingJobArn",
					"ModelArtifacts.$":  "$.ModelArtifacts.S3ModelArtifacts",
					// One token per trained model: a retried registration
					// does not register the model twice.
					"ClientToken.$": "States.UUID()",
				},
				ResultPath:     sfn.Path("$.training"),
				TimeoutSeconds: int((limit + TaskSlack) / time.Second),
				Retry:          []sfn.Retrier{a.Retry.Retrier()},
				Catch:          workflow.CatchAll(),
				Next:           StateRegister,
			},
			StateRegister: {
				Type:     sfn.TypeTask,
				Comment:  "Register the trained model as a package of the group",
				Resource: createModelPackageResource,
				Parameters: map[string]any{
					"ModelPackageGroupName":     in.Group,
					"ModelPackageDescription.$": "States.Format('Trained by {}', $.training.TrainingJobName)",
					"ModelApprovalStatus":       a.ModelApprovalStatus,
					"InferenceSpecification": map[string]any{
						"Containers":                 []map[string]any{{"Image": in.InferenceImage, "ModelDataUrl.$": "$.training.ModelArtifacts"}},
						"SupportedContentTypes":      a.SupportedContentTypes,
						"SupportedResponseMIMETypes": a.SupportedResponseMIMETypes,
					},
					"MetadataProperties": map[string]any{"GeneratedBy.$": "$.training.TrainingJobArn"},
					"ClientToken.$":      "$.training.ClientToken",
				},
				ResultSelector: map[string]any{"ModelPackageArn.$": "$.ModelPackageArn"},
				ResultPath:     sfn.Path("$.package"),
				Retry: []sfn.Retrier{{
					ErrorEquals: sagemaker.APIErrors, IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: sfn.JitterFull,
				}},
				Catch: workflow.CatchAll(),
				Next:  workflow.StateSucceeded,
			},
			workflow.StateSucceeded: {Type: sfn.TypeSucceed},
		},
	)
	start := StateTrain
	if a.NewDataChannel != "" {
		start = StateHasNewData
		present := true
		states[StateHasNewData] = sfn.State{
			Type:    sfn.TypeChoice,
			Comment: "Only an object-created event names the data this run trains on",
			Choices: []sfn.Choice{{Variable: newDataKey, IsPresent: &present, Next: StateReadNewDataKey}},
			Default: StateNoNewData,
		}
		states[StateReadNewDataKey] = readNewDataKey(StateTrain)
		states[StateNoNewData] = sfn.State{
			Type: sfn.TypePass,
			Parameters: map[string]any{
				"Error": "NoNewDataObject",
				"Cause": fmt.Sprintf("The run was not started by an S3 Object Created event under %s, so there is no data for channel %s.", a.NewData.S3Uri, a.NewDataChannel),
			},
			ResultPath: sfn.Path("$.error"),
			Next:       workflow.StateDescribeFailure,
		}
	}
	return sfn.Definition{
		Comment:        fmt.Sprintf("schedkit TrainingPipeline %s: train, register in the model registry, alert on failure", in.Name),
		StartAt:        start,
		TimeoutSeconds: int(workflowLimit / time.Second),
		States:         states,
	}
}

// newDataFolder is the Parameters value of a new-data channel's S3Uri: the
// channel's folder, the key segment right below it of the object that
// started the run, and the file prefix, e.g.
// "States.Format('s3://b/datasets/churn/{}/part', States.ArrayGetItem(
// States.StringSplit($.detail.object.key, '/'), 2))". An S3Prefix data
// source reads every object whose key starts with it.
func newDataFolder(channel s3uri.URI, filePrefix string) string {
	depth := strings.Count(channel.AsDir().Key, "/")
	return fmt.Sprintf("States.Format('%s{}/%s', States.ArrayGetItem(States.StringSplit(%s, '/'), %d))", channel.Dir(), filePrefix, decodedNewDataKey, depth)
}
