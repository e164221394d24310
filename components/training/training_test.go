package training

import (
	"strings"
	"testing"
	"time"

	"github.com/schedkit/schedkit/components/internal/sfn/sfntest"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	trainImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
	inferImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-infer:2.1"
)

func baseArgs() *TrainingPipelineArgs {
	return &TrainingPipelineArgs{
		Image: pulumi.String(trainImage), InferenceImage: pulumi.String(inferImage),
		HyperParameters: map[string]string{"max_depth": "6", "num_round": "200"},
		InputChannels:   map[string]string{"train": "s3://ml-data/churn/train/", "validation": "s3://ml-data/churn/validation/"},
		OutputS3Uri:     "s3://ml-models/churn",
		Schedule:        &trigger.Schedule{Expression: "cron(0 1 ? * MON *)"},
		NewData:         &trigger.ObjectCreated{S3Uri: "s3://ml-data/churn/train/"},
	}
}

// options is the project and stack every test runs as: synth's defaults.
var options = synth.Options{}

// run runs one TrainingPipeline named "churn" and returns the plan.
func run(t *testing.T, args *TrainingPipelineArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
}

// definitionOf parses and validates the state machine definition.
func definitionOf(t *testing.T, plan *synth.Plan) sfn.Definition {
	t.Helper()
	return sfntest.Definition(t, plan, "churn-workflow")
}

func TestTrainingPipeline_registersExactChildren(t *testing.T) {
	plan := run(t, baseArgs())
	got := synthtest.ChildrenOf(t, plan, Type, "churn")
	assert.Equal(t, []string{
		"aws:cloudwatch/eventRule:EventRule churn-approvals",
		"aws:cloudwatch/eventRule:EventRule churn-s3-rule",
		"aws:cloudwatch/eventTarget:EventTarget churn-approvals-target",
		"aws:cloudwatch/eventTarget:EventTarget churn-s3-target",
		"aws:cloudwatch/logGroup:LogGroup churn-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup churn-workflow-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-approvals-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-deadline-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-aborted",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-timed-out",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-s3-dlq-depth",
		"aws:iam/role:Role churn-deadline-role",
		"aws:iam/role:Role churn-s3-role",
		"aws:iam/role:Role churn-scheduler-role",
		"aws:iam/role:Role churn-training-role",
		"aws:iam/role:Role churn-workflow-role",
		"aws:iam/rolePolicy:RolePolicy churn-deadline-policy",
		"aws:iam/rolePolicy:RolePolicy churn-s3-policy",
		"aws:iam/rolePolicy:RolePolicy churn-scheduler-policy",
		"aws:iam/rolePolicy:RolePolicy churn-training-policy",
		"aws:iam/rolePolicy:RolePolicy churn-workflow-policy",
		"aws:kms/key:Key churn-alerts-key",
		"aws:kms/key:Key churn-key",
		"aws:sagemaker/modelPackageGroup:ModelPackageGroup churn-registry",
		"aws:scheduler/schedule:Schedule churn-deadline-check",
		"aws:scheduler/schedule:Schedule churn-schedule",
		"aws:sfn/stateMachine:StateMachine churn-deadline",
		"aws:sfn/stateMachine:StateMachine churn-workflow",
		"aws:sns/topic:Topic churn-alerts",
		"aws:sns/topicPolicy:TopicPolicy churn-alerts-policy",
		"aws:sqs/queue:Queue churn-approvals-dlq",
		"aws:sqs/queue:Queue churn-dlq",
		"aws:sqs/queue:Queue churn-s3-dlq",
		"aws:sqs/queuePolicy:QueuePolicy churn-approvals-dlq-policy",
		"aws:sqs/queuePolicy:QueuePolicy churn-dlq-policy",
		"aws:sqs/queuePolicy:QueuePolicy churn-s3-dlq-policy",
		"aws:ssm/parameter:Parameter churn-last-success",
		"schedkit:keep:DeleteLock churn-delete-lock",
	}, got)
	assert.Equal(t, len(got)+1, len(plan.Resources))

	// The new-data trigger is the object-created trigger BatchWorkflow's S3Trigger also uses, on the training prefix.
	rule := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-s3-rule")
	assert.Contains(t, rule.String("eventPattern"), `"key":[{"prefix":"churn/train/"}]`)
	assert.Contains(t, rule.String("eventPattern"), `"name":["ml-data"]`)
}

func TestTrainingPipeline_registryAndRetention(t *testing.T) {
	args := baseArgs()
	args.RetainOnDelete = true
	plan := run(t, args)
	group := synthtest.Find(t, plan, "aws:sagemaker/modelPackageGroup:ModelPackageGroup", "churn-registry")
	assert.Equal(t, "churn", group.String("modelPackageGroupName"), "defaults to the component's name")
	assert.True(t, group.RetainOnDelete, "the registry is stateful")
	assert.True(t, synthtest.Find(t, plan, "aws:kms/key:Key", "churn-key").RetainOnDelete)
	assert.Equal(t, true, synthtest.Find(t, plan, "aws:kms/key:Key", "churn-key").Inputs["enableKeyRotation"])
}

func TestTrainingPipeline_workflowStateByState(t *testing.T) {
	plan := run(t, baseArgs())
	def := definitionOf(t, plan)
	assert.Equal(t, "Train", def.StartAt)
	assert.Equal(t, []string{"Train", "Register", "Succeeded", "RecordSuccess", "RecordStartedSuccess", "Done"}, def.Reachable(nil))
	assert.Equal(t, 3*(24*3600+3600)+1800, def.TimeoutSeconds)

	train := def.States["Train"]
	assert.Equal(t, "arn:aws:states:::sagemaker:createTrainingJob.sync", train.Resource)
	assert.Equal(t, 25*3600, train.TimeoutSeconds, "MaxRuntime plus an hour: SageMaker stops the job first")
	assert.Equal(t, []sfn.Retrier{{ErrorEquals: batch.SageMakerJobErrors, IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 300, JitterStrategy: "FULL"}}, train.Retry)
	assert.Equal(t, "DescribeFailure", train.Catch[0].Next)
	p := train.Parameters
	assert.Equal(t, "States.Format('churn-{}', States.UUID())", p["TrainingJobName.$"], "a new name per attempt")
	assert.Equal(t, map[string]any{"TrainingImage": trainImage, "TrainingInputMode": "File"}, p["AlgorithmSpecification"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "churn-training-role").Output("arn"), p["RoleArn"])
	assert.Equal(t, map[string]any{"InstanceType": "ml.m5.xlarge", "InstanceCount": 1.0, "VolumeSizeInGB": 30.0}, p["ResourceConfig"])
	assert.Equal(t, map[string]any{"MaxRuntimeInSeconds": 86400.0}, p["StoppingCondition"])
	assert.Equal(t, map[string]any{"max_depth": "6", "num_round": "200"}, p["HyperParameters"])
	assert.Equal(t, []any{
		map[string]any{"ChannelName": "train", "DataSource": map[string]any{"S3DataSource": map[string]any{"S3DataType": "S3Prefix", "S3Uri": "s3://ml-data/churn/train/", "S3DataDistributionType": "FullyReplicated"}}},
		map[string]any{"ChannelName": "validation", "DataSource": map[string]any{"S3DataSource": map[string]any{"S3DataType": "S3Prefix", "S3Uri": "s3://ml-data/churn/validation/", "S3DataDistributionType": "FullyReplicated"}}},
	}, p["InputDataConfig"])
	assert.Equal(t, map[string]any{"S3OutputPath": "s3://ml-models/churn/", "KmsKeyId": synthtest.Find(t, plan, "aws:kms/key:Key", "churn-key").Output("arn")}, p["OutputDataConfig"])
	assert.Equal(t, true, p["EnableInterContainerTrafficEncryption"])
	assert.Equal(t, false, p["EnableNetworkIsolation"])
	assert.NotContains(t, p, "EnableManagedSpotTraining")
	assert.Equal(t, "$.ModelArtifacts.S3ModelArtifacts", train.ResultSelector["ModelArtifacts.$"])
	assert.Equal(t, "States.UUID()", train.ResultSelector["ClientToken.$"])
	assert.Equal(t, "$.training", *train.ResultPath)

	reg := def.States["Register"]
	assert.Equal(t, "arn:aws:states:::aws-sdk:sagemaker:createModelPackage", reg.Resource)
	assert.Equal(t, map[string]any{
		"ModelPackageGroupName":     "churn",
		"ModelPackageDescription.$": "States.Format('Trained by {}', $.training.TrainingJobName)",
		"ModelApprovalStatus":       "PendingManualApproval",
		"InferenceSpecification": map[string]any{
			"Containers":                 []any{map[string]any{"Image": inferImage, "ModelDataUrl.$": "$.training.ModelArtifacts"}},
			"SupportedContentTypes":      []any{"text/csv"},
			"SupportedResponseMIMETypes": []any{"text/csv"},
		},
		"MetadataProperties": map[string]any{"GeneratedBy.$": "$.training.TrainingJobArn"},
		"ClientToken.$":      "$.training.ClientToken",
	}, reg.Parameters)
	assert.Equal(t, sagemaker.APIErrors, reg.Retry[0].ErrorEquals)
	assert.Equal(t, "DescribeFailure", reg.Catch[0].Next)
	assert.Equal(t, "Succeeded", reg.Next)
	assert.Equal(t, "schedkit training pipeline churn failed", def.States["NotifyFailure"].Parameters["Subject"])
}

func TestTrainingPipeline_managedSpotAndAutoApproval(t *testing.T) {
	args := baseArgs()
	args.ManagedSpot = true
	args.MaxRuntime = 4 * time.Hour
	args.ModelApprovalStatus = "Approved"
	plan := run(t, args)
	def := definitionOf(t, plan)
	p := def.States["Train"].Parameters
	assert.Equal(t, true, p["EnableManagedSpotTraining"])
	assert.Equal(t, map[string]any{"MaxRuntimeInSeconds": 14400.0, "MaxWaitTimeInSeconds": 28800.0}, p["StoppingCondition"], "MaxWait defaults to twice MaxRuntime")
	assert.Equal(t, map[string]any{"S3Uri": "s3://ml-models/churn/checkpoints/"}, p["CheckpointConfig"])
	assert.Equal(t, 8*3600+3600, def.States["Train"].TimeoutSeconds)
	assert.Equal(t, "Approved", def.States["Register"].Parameters["ModelApprovalStatus"])

	doc := synthtest.Policy(t, plan, "churn-training-policy")
	ck := synthtest.Statement(t, doc, "SyncCheckpoints")
	assert.Equal(t, []string{"arn:aws:s3:::ml-models/churn/checkpoints/*"}, ck.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"churn/checkpoints/*"}}}, synthtest.Statement(t, doc, "ListCheckpoints").Condition)
}

func TestTrainingPipeline_trainingRoleStatementByStatement(t *testing.T) {
	args := baseArgs()
	args.InputKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/in")
	doc := synthtest.Policy(t, run(t, args), "churn-training-policy")
	assert.Equal(t, []string{"ReadInput", "ListInput1", "WriteOutput", "EncryptOutput", "DecryptInput", "AuthenticateToECR", "PullImage", "WriteJobLogs", "PublishJobMetrics"}, synthtest.Sids(doc))
	assert.Equal(t, []string{"arn:aws:s3:::ml-data/churn/train/*", "arn:aws:s3:::ml-data/churn/validation/*"}, synthtest.Statement(t, doc, "ReadInput").Resource)
	list := synthtest.Statement(t, doc, "ListInput1")
	assert.Equal(t, []string{"arn:aws:s3:::ml-data"}, list.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"churn/train/*", "churn/validation/*"}}}, list.Condition)
	assert.Equal(t, []string{"arn:aws:s3:::ml-models/churn/*"}, synthtest.Statement(t, doc, "WriteOutput").Resource)
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"}, synthtest.Statement(t, doc, "PullImage").Resource)
	assert.Equal(t, []string{"arn:aws:kms:us-east-1:123456789012:key/in"}, synthtest.Statement(t, doc, "DecryptInput").Resource)
	assert.Contains(t, synthtest.Statement(t, doc, "WriteJobLogs").Resource, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:*")
	// The SageMaker Developer Guide's "CreateTrainingJob API: Execution Role
	// Permissions" grants cloudwatch:PutMetricData; it has no resource-level
	// permission, and cloudwatch:namespace keeps it to the training jobs' namespace.
	metrics := synthtest.Statement(t, doc, "PublishJobMetrics")
	assert.Equal(t, []string{"cloudwatch:PutMetricData"}, metrics.Action)
	assert.Equal(t, []string{"*"}, metrics.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"cloudwatch:namespace": {"/aws/sagemaker/TrainingJobs"}}}, metrics.Condition)
}

func TestTrainingPipeline_exposesTheInferenceImageRepository(t *testing.T) {
	const given = "arn:aws:ecr:us-east-1:123456789012:repository/mirrored-xgboost"
	cases := map[string]struct {
		inference, repo pulumi.StringInput
		want            string
	}{
		"an ECR inference image":                       {pulumi.String(inferImage), nil, "arn:aws:ecr:us-east-1:123456789012:repository/churn-infer"},
		"defaults to the training image's repository":  {nil, nil, "arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"},
		"the same image as training, repository given": {pulumi.String(trainImage), pulumi.String(given), given},
		"no inference image, repository given":         {nil, pulumi.String(given), given},
		"the given repository is the training image's": {pulumi.String(inferImage), pulumi.String(given), "arn:aws:ecr:us-east-1:123456789012:repository/churn-infer"},
		"an image outside ECR":                         {pulumi.String("public.ecr.aws/acme/churn:2"), nil, ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			args := baseArgs()
			args.InferenceImage, args.EcrRepositoryArn = c.inference, c.repo
			plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
				tp, err := NewTrainingPipeline(ctx, "churn", args)
				if err != nil {
					return err
				}
				ctx.Export("repo", tp.InferenceImageRepositoryArn)
				return nil
			}, options)
			assert.Equal(t, c.want, plan.Outputs["repo"])
		})
	}
}

func TestTrainingPipeline_workflowRoleStatementByStatement(t *testing.T) {
	plan := run(t, baseArgs())
	doc := synthtest.Policy(t, plan, "churn-workflow-policy")
	assert.Equal(t, []string{"RunTrainingJobs", "PassTrainingRole", "ManageTrainingSyncRule", "RegisterModelPackages", "RecordLastSuccess", "PublishAlerts", "EncryptAlerts", "DeliverWorkflowLogs", "WriteTraces"}, synthtest.Sids(doc))
	run := synthtest.Statement(t, doc, "RunTrainingJobs")
	assert.Equal(t, []string{"sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob", "sagemaker:AddTags", "sagemaker:ListTags"}, run.Action)
	assert.Equal(t, []string{"arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-*"}, run.Resource)
	pass := synthtest.Statement(t, doc, "PassTrainingRole")
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:iam/role:Role", "churn-training-role").Output("arn")}, pass.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"iam:PassedToService": {"sagemaker.amazonaws.com"}}}, pass.Condition)
	assert.Equal(t, []string{"arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"}, synthtest.Statement(t, doc, "ManageTrainingSyncRule").Resource)
	reg := synthtest.Statement(t, doc, "RegisterModelPackages")
	assert.Equal(t, []string{"sagemaker:CreateModelPackage"}, reg.Action)
	assert.Equal(t, []string{
		"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn",
		"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/*",
	}, reg.Resource)
}

func TestTrainingPipeline_exposesTheRegistryForInference(t *testing.T) {
	out := map[string]string{}
	synthtest.Run(t, func(ctx *pulumi.Context) error {
		tp, err := NewTrainingPipeline(ctx, "churn", baseArgs())
		if err != nil {
			return err
		}
		pulumi.All(tp.ModelPackageGroupName, tp.OutputS3Uri, tp.OutputKmsKeyArn, tp.ScheduleArn, tp.EventRuleArn).ApplyT(func(v []any) any {
			out["group"], out["output"], out["key"], out["schedule"], out["rule"] = v[0].(string), v[1].(string), v[2].(string), v[3].(string), v[4].(string)
			return nil
		})
		return nil
	}, options)
	assert.Equal(t, "churn", out["group"])
	assert.Equal(t, "s3://ml-models/churn/", out["output"])
	assert.Contains(t, out["key"], ":kms:us-east-1:123456789012:key/")
	assert.Contains(t, out["schedule"], ":schedule/default/churn-schedule-")
	assert.Contains(t, out["rule"], ":rule/churn-s3-rule-")
}

func TestTrainingPipeline_defaults(t *testing.T) {
	assert.Equal(t, "ml.m5.xlarge", DefaultInstanceType)
	assert.Equal(t, 1, DefaultInstanceCount)
	assert.Equal(t, 30, DefaultVolumeSizeGB)
	assert.Equal(t, 24*time.Hour, DefaultMaxRuntime)
	assert.Equal(t, "PendingManualApproval", DefaultModelApprovalStatus)
	assert.Equal(t, "text/csv", DefaultContentType)
	assert.Equal(t, 30, DefaultLogRetentionDays)
	assert.True(t, DefaultApprovalNotifications)
	assert.Equal(t, time.Hour, TaskSlack)
	a := withDefaults("churn", TrainingPipelineArgs{Image: pulumi.String(trainImage), OutputS3Uri: "s3://ml-models/churn", ManagedSpot: true, MaxRuntime: 20 * 24 * time.Hour})
	assert.Equal(t, a.Image, a.InferenceImage, "InferenceImage defaults to Image")
	assert.Equal(t, 28*24*time.Hour, a.MaxWait, "twice MaxRuntime, capped at 28 days")
	assert.Equal(t, "s3://ml-models/churn/checkpoints/", a.CheckpointS3Uri)
	assert.Equal(t, "churn", a.JobNamePrefix)
	assert.Equal(t, "churn", a.ModelPackageGroupName)
	assert.Equal(t, []string{"text/csv"}, a.SupportedContentTypes)
	assert.Equal(t, []string{"text/csv"}, a.SupportedResponseMIMETypes)
	assert.True(t, *a.ApprovalNotifications)
}

func TestTrainingPipeline_rejectsBadInputBeforeRegistering(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *TrainingPipelineArgs)
		want   string
	}{
		{"instance type without ml. prefix", func(a *TrainingPipelineArgs) { a.InstanceType = "p3.2xlarge" }, "`InstanceType` \"p3.2xlarge\" is not a SageMaker instance type"},
		{"instance count below 1", func(a *TrainingPipelineArgs) { a.InstanceCount = -1 }, "`InstanceCount` -1 is below 1"},
		{"runtime beyond 28 days", func(a *TrainingPipelineArgs) { a.MaxRuntime = 28*24*time.Hour + time.Second }, "`MaxRuntime` 672h0m1s is beyond SageMaker's limit of 28 days"},
		{"spot wait beyond 28 days", func(a *TrainingPipelineArgs) { a.ManagedSpot, a.MaxWait = true, 30*24*time.Hour }, "`MaxWait` 720h0m0s is beyond SageMaker's limit of 28 days"},
		{"spot wait below runtime", func(a *TrainingPipelineArgs) { a.ManagedSpot, a.MaxWait = true, time.Hour }, "`MaxWait` 1h0m0s is below `MaxRuntime` 24h0m0s"},
		{"channel URI", func(a *TrainingPipelineArgs) { a.InputChannels["train"] = "ml-data/churn/train" }, "`InputChannels[train]` \"ml-data/churn/train\" is not of the form s3://bucket/prefix"},
		{"output URI", func(a *TrainingPipelineArgs) { a.OutputS3Uri = "s3://ml-models" }, "`OutputS3Uri` \"s3://ml-models\" is not of the form s3://bucket/prefix"},
		{"checkpoint URI", func(a *TrainingPipelineArgs) { a.ManagedSpot, a.CheckpointS3Uri = true, "file:///ck" }, "`CheckpointS3Uri` \"file:///ck\" is not of the form s3://bucket/prefix"},
		{"new-data URI", func(a *TrainingPipelineArgs) { a.NewData.S3Uri = "s3://x" }, "`NewData.S3Uri` \"s3://x\" is not of the form s3://bucket/prefix"},
		{"no channels", func(a *TrainingPipelineArgs) { a.InputChannels = nil }, "`InputChannels` is empty"},
		{"bad channel name", func(a *TrainingPipelineArgs) { a.InputChannels["tr ain"] = "s3://ml-data/x/" }, "`InputChannels` name \"tr ain\" is not a SageMaker channel name"},
		{"no image", func(a *TrainingPipelineArgs) { a.Image = nil }, "`Image` is required"},
		{"volume", func(a *TrainingPipelineArgs) { a.VolumeSizeGB = -1 }, "`VolumeSizeGB` -1 is outside 1–16384"},
		{"approval status", func(a *TrainingPipelineArgs) { a.ModelApprovalStatus = "Rejected" }, "`ModelApprovalStatus` \"Rejected\" is not one of PendingManualApproval, Approved"},
		{"group name too long", func(a *TrainingPipelineArgs) { a.ModelPackageGroupName = strings.Repeat("g", 64) }, "`ModelPackageGroupName`"},
		{"spot settings without spot", func(a *TrainingPipelineArgs) { a.MaxWait = time.Hour }, "`MaxWait` or `CheckpointS3Uri` is set without `ManagedSpot`"},
		{"schedule", func(a *TrainingPipelineArgs) { a.Schedule = &trigger.Schedule{Expression: "cron(0 1 * * *)"} }, "`Schedule.Expression`"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := baseArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
			assert.Contains(t, err.Error(), `trainingpipeline "churn": `)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	assert.ErrorContains(t, errOf(validate("churn", nil)), "`args` is nil")
}

func TestTrainingPipeline_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := baseArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup churn-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup churn-workflow-logs",
		"aws:kms/key:Key churn-alerts-key",
		"aws:kms/key:Key churn-key",
		"aws:sagemaker/modelPackageGroup:ModelPackageGroup churn-registry",
		"aws:sns/topic:Topic churn-alerts",
		"aws:sqs/queue:Queue churn-approvals-dlq",
		"aws:sqs/queue:Queue churn-dlq",
		"aws:sqs/queue:Queue churn-s3-dlq",
	}, synthtest.Kept(t, run(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestTrainingPipeline_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, run(t, baseArgs())))
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }
