package inference

import (
	"strings"
	"testing"
	"time"

	"github.com/schedkit/schedkit/components/internal/sfn/sfntest"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-infer:2.1"

func imageArgs() *BatchInferenceArgs {
	return &BatchInferenceArgs{
		Image: pulumi.String(image), ModelDataUrl: "s3://models/churn/model.tar.gz",
		InputS3Uri: "s3://features/daily/", OutputS3Uri: "s3://scores/daily/",
		Schedule: trigger.Schedule{Expression: "cron(0 4 * * ? *)"},
	}
}

func packageArgs() *BatchInferenceArgs {
	return &BatchInferenceArgs{
		ModelPackageGroupName: pulumi.String("churn"), ModelArtifactsS3Uri: "s3://models/churn/",
		ModelArtifactsKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/models"),
		EcrRepositoryArns:       []pulumi.StringInput{pulumi.String("arn:aws:ecr:us-east-1:123456789012:repository/churn-infer")},
		InputS3Uri:              "s3://features/daily/", OutputS3Uri: "s3://scores/daily/",
		InstanceType: "ml.c5.2xlarge", InstanceCount: 2, MaxConcurrentTransforms: 4, MaxPayloadMB: 20,
		BatchStrategy: "SingleRecord", SplitType: "None", ContentType: "application/json", Accept: "application/jsonlines",
		AssembleWith: "None", JoinSource: "Input", JobNamePrefix: "churn-daily",
		Schedule: trigger.Schedule{Expression: "cron(0 4 * * ? *)"},
	}
}

// options is the project and stack every test runs as: synth's defaults.
var options = synth.Options{}

// run runs one BatchInference named "churn" and returns the plan.
func run(t *testing.T, args *BatchInferenceArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, synthtest.Program(NewBatchInference, "churn", args), options)
}

// definitionOf parses and validates the state machine definition.
func definitionOf(t *testing.T, plan *synth.Plan) sfn.Definition {
	t.Helper()
	return sfntest.Definition(t, plan, "churn-workflow")
}

func TestBatchInference_registersExactChildren(t *testing.T) {
	plan := run(t, imageArgs())
	got := synthtest.ChildrenOf(t, plan, Type, "churn")
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup churn-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup churn-workflow-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-deadline-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-aborted",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm churn-executions-timed-out",
		"aws:iam/role:Role churn-deadline-role",
		"aws:iam/role:Role churn-model-role",
		"aws:iam/role:Role churn-scheduler-role",
		"aws:iam/role:Role churn-workflow-role",
		"aws:iam/rolePolicy:RolePolicy churn-deadline-policy",
		"aws:iam/rolePolicy:RolePolicy churn-model-policy",
		"aws:iam/rolePolicy:RolePolicy churn-scheduler-policy",
		"aws:iam/rolePolicy:RolePolicy churn-workflow-policy",
		"aws:kms/key:Key churn-alerts-key",
		"aws:kms/key:Key churn-key",
		"aws:sagemaker/model:Model churn-model",
		"aws:scheduler/schedule:Schedule churn-deadline-check",
		"aws:scheduler/schedule:Schedule churn-schedule",
		"aws:sfn/stateMachine:StateMachine churn-deadline",
		"aws:sfn/stateMachine:StateMachine churn-workflow",
		"aws:sns/topic:Topic churn-alerts",
		"aws:sns/topicPolicy:TopicPolicy churn-alerts-policy",
		"aws:sqs/queue:Queue churn-dlq",
		"aws:sqs/queuePolicy:QueuePolicy churn-dlq-policy",
		"aws:ssm/parameter:Parameter churn-last-success",
		"schedkit:keep:DeleteLock churn-delete-lock",
	}, got)
	assert.Equal(t, len(got)+1, len(plan.Resources))

	// A package group: no model resource, and a given key creates none.
	args := packageArgs()
	args.OutputKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/out")
	plan = run(t, args)
	assert.Empty(t, plan.ByType("aws:sagemaker/model:Model"))
	_, hasKey := plan.Find("aws:kms/key:Key", "churn-key")
	assert.False(t, hasKey)
}

func TestBatchInference_createsModelAndRotatingKey(t *testing.T) {
	plan := run(t, imageArgs())
	model := synthtest.Find(t, plan, "aws:sagemaker/model:Model", "churn-model")
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "churn-model-role")
	assert.Equal(t, role.Output("arn"), model.String("executionRoleArn"))
	assert.Equal(t, map[string]any{"image": image, "modelDataUrl": "s3://models/churn/model.tar.gz"}, model.Inputs["primaryContainer"])
	assert.Equal(t, true, model.Inputs["enableNetworkIsolation"])
	assert.Contains(t, model.Dependencies, synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "churn-model-policy").URN)

	key := synthtest.Find(t, plan, "aws:kms/key:Key", "churn-key")
	assert.Equal(t, true, key.Inputs["enableKeyRotation"])
	assert.Equal(t, 30.0, key.Inputs["deletionWindowInDays"])

	trust := synthtest.TrustPolicy(t, plan, "churn-model-role")
	assert.Equal(t, []string{"sagemaker.amazonaws.com"}, trust.Statement[0].Principal["Service"])
	assert.Equal(t, map[string][]string{"aws:SourceAccount": {"123456789012"}}, trust.Statement[0].Condition["StringEquals"])
}

func TestBatchInference_imageWorkflowStateByState(t *testing.T) {
	plan := run(t, imageArgs())
	def := definitionOf(t, plan)
	names := []string{}
	for k := range def.States {
		names = append(names, k)
	}
	assert.ElementsMatch(t, []string{"RunContext", "RunDateFromSchedule", "RunDateFromStart", "Transform", "DescribeFailure", "NotifyFailure", "Failed", "Succeeded", "RecordSuccess", "RecordScheduledSuccess", "RecordStartedSuccess", "Done"}, names)
	assert.Equal(t, []string{"RunContext", "RunDateFromSchedule", "Transform", "Succeeded", "RecordSuccess", "RecordScheduledSuccess", "Done"}, def.Reachable(map[string]int{"RunContext": 0, "RecordSuccess": 0}))
	assert.Equal(t, 3*6*3600+1800, def.TimeoutSeconds, "three attempts of 6 h plus 30 min")

	tr := def.States["Transform"]
	assert.Equal(t, "arn:aws:states:::sagemaker:createTransformJob.sync", tr.Resource)
	assert.Equal(t, 21600, tr.TimeoutSeconds)
	assert.Equal(t, []sfn.Retrier{{ErrorEquals: batch.SageMakerJobErrors, IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 300, JitterStrategy: "FULL"}}, tr.Retry)
	assert.Equal(t, []sfn.Catcher{{ErrorEquals: []string{"States.ALL"}, ResultPath: "$.error", Next: "DescribeFailure"}}, tr.Catch)
	p := tr.Parameters
	assert.Equal(t, "States.Format('churn-{}', States.UUID())", p["TransformJobName.$"], "drawn per attempt")
	assert.Equal(t, synthtest.Find(t, plan, "aws:sagemaker/model:Model", "churn-model").Output("name"), p["ModelName"])
	assert.Equal(t, "States.Format('s3://features/daily/dt={}/', $.run.date)",
		p["TransformInput"].(map[string]any)["DataSource"].(map[string]any)["S3DataSource"].(map[string]any)["S3Uri.$"])
	out := p["TransformOutput"].(map[string]any)
	assert.Equal(t, "States.Format('s3://scores/daily/dt={}/', $.run.date)", out["S3OutputPath.$"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:kms/key:Key", "churn-key").Output("arn"), out["KmsKeyId"])
	assert.Equal(t, []any{map[string]any{"Key": "schedkit:execution", "Value.$": "$$.Execution.Name"}}, p["Tags"])
	assert.Equal(t, "$.transform", *tr.ResultPath)
	assert.Equal(t, "Succeeded", tr.Next)
	assert.Equal(t, "schedkit batch inference churn failed", def.States["NotifyFailure"].Parameters["Subject"])
}

func TestBatchInference_followsLatestApprovedPackage(t *testing.T) {
	plan := run(t, packageArgs())
	def := definitionOf(t, plan)
	assert.Equal(t,
		[]string{"RunContext", "RunDateFromStart", "FindApprovedModel", "HasApprovedModel", "CreateRunModel", "Transform", "DeleteRunModel", "Succeeded", "RecordSuccess", "RecordStartedSuccess", "Done"},
		def.Reachable(map[string]int{"HasApprovedModel": 0}))
	assert.Equal(t,
		[]string{"RunContext", "RunDateFromStart", "FindApprovedModel", "HasApprovedModel", "NoApprovedModel", "DescribeFailure", "NotifyFailure", "Failed"},
		def.Reachable(nil), "no approved package fails the run with an alert")

	find := def.States["FindApprovedModel"]
	assert.Equal(t, "arn:aws:states:::aws-sdk:sagemaker:listModelPackages", find.Resource)
	assert.Equal(t, map[string]any{
		"ModelPackageGroupName": "churn", "ModelApprovalStatus": "Approved",
		"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 1.0,
	}, find.Parameters)
	assert.Equal(t, map[string]any{"packages.$": "$.ModelPackageSummaryList", "name.$": "States.Format('churn-daily-{}', States.UUID())"}, find.ResultSelector)
	assert.Equal(t, "$.model", *find.ResultPath)
	assert.Equal(t, "$.model.packages[0].ModelPackageArn", def.States["HasApprovedModel"].Choices[0].Variable)
	assert.Equal(t, "NoApprovedModel", def.Reachable(nil)[4])
	assert.Equal(t, "NoApprovedModel", def.States["NoApprovedModel"].Parameters["Error"])

	create := def.States["CreateRunModel"]
	assert.Equal(t, "arn:aws:states:::sagemaker:createModel", create.Resource)
	assert.Equal(t, "$.model.name", create.Parameters["ModelName.$"])
	assert.Equal(t, []any{map[string]any{"ModelPackageName.$": "$.model.packages[0].ModelPackageArn"}}, create.Parameters["Containers"])
	assert.Contains(t, create.Parameters["ExecutionRoleArn"], ":role/churn-model-role-")
	assert.Equal(t, true, create.Parameters["EnableNetworkIsolation"])
	assert.Equal(t, "DescribeFailure", create.Catch[0].Next)

	tr := def.States["Transform"]
	assert.Equal(t, "$.model.name", tr.Parameters["ModelName.$"])
	assert.NotContains(t, tr.Parameters, "ModelName")
	assert.Equal(t, "States.Format('churn-daily-{}', States.UUID())", tr.Parameters["TransformJobName.$"])
	assert.Equal(t, 4.0, tr.Parameters["MaxConcurrentTransforms"])
	assert.Equal(t, 20.0, tr.Parameters["MaxPayloadInMB"])
	assert.Equal(t, "SingleRecord", tr.Parameters["BatchStrategy"])
	assert.Equal(t, map[string]any{"JoinSource": "Input"}, tr.Parameters["DataProcessing"])
	assert.Equal(t, map[string]any{"InstanceType": "ml.c5.2xlarge", "InstanceCount": 2.0}, tr.Parameters["TransformResources"])
	in := tr.Parameters["TransformInput"].(map[string]any)
	assert.Equal(t, "application/json", in["ContentType"])
	assert.Equal(t, "None", in["SplitType"])
	out := tr.Parameters["TransformOutput"].(map[string]any)
	assert.Equal(t, "application/jsonlines", out["Accept"])
	assert.Equal(t, "None", out["AssembleWith"])
	assert.Equal(t, "DeleteRunModel", tr.Next)

	del := def.States["DeleteRunModel"]
	assert.Equal(t, "arn:aws:states:::aws-sdk:sagemaker:deleteModel", del.Resource)
	assert.Equal(t, "Succeeded", del.Catch[0].Next, "cleanup is best effort")
}

func TestBatchInference_failedRunDeletesItsModel(t *testing.T) {
	def := definitionOf(t, run(t, packageArgs()))

	// A transform that fails after its retries (States.Timeout included:
	// States.ALL catches it) goes to the cleanup first, keeping $.error.
	tr := def.States["Transform"]
	assert.Equal(t, []sfn.Catcher{{ErrorEquals: []string{"States.ALL"}, ResultPath: "$.error", Next: "DeleteRunModelAfterFailure"}}, tr.Catch)

	cleanup := def.States["DeleteRunModelAfterFailure"]
	assert.Equal(t, sfn.TypeTask, cleanup.Type)
	assert.Equal(t, "arn:aws:states:::aws-sdk:sagemaker:deleteModel", cleanup.Resource)
	assert.Equal(t, map[string]any{"ModelName.$": "$.model.name"}, cleanup.Parameters)
	assert.Equal(t, "$.cleanup", *cleanup.ResultPath, "the cleanup's result never lands on $.error")
	assert.Equal(t, def.States["DeleteRunModel"].Retry, cleanup.Retry, "the same API retry as the cleanup after success")
	assert.Equal(t, []sfn.Catcher{{ErrorEquals: []string{"States.ALL"}, ResultPath: "$.cleanupError", Next: "DescribeFailure"}}, cleanup.Catch,
		"a failed cleanup still reports the run's failure, with the transform's error intact")
	assert.Equal(t, "DescribeFailure", cleanup.Next)

	// From the cleanup the run ends in the alert and a failed execution.
	from := sfn.Definition{StartAt: "DeleteRunModelAfterFailure", States: def.States}
	assert.Equal(t, []string{"DeleteRunModelAfterFailure", "DescribeFailure", "NotifyFailure", "Failed"}, from.Reachable(nil))
	assert.Equal(t, "$.error.Error", def.States["DescribeFailure"].Parameters["error.$"], "the alert reads the transform's error")
	assert.Equal(t, "$.error.Cause", def.States["DescribeFailure"].Parameters["cause.$"])

	// Before the model exists there is nothing to delete.
	for _, name := range []string{"FindApprovedModel", "CreateRunModel"} {
		assert.Equal(t, "DescribeFailure", def.States[name].Catch[0].Next, name)
	}
	// With a fixed model the run creates none: the catch goes straight to the alert.
	img := definitionOf(t, run(t, imageArgs()))
	assert.Equal(t, "DescribeFailure", img.States["Transform"].Catch[0].Next)
	assert.NotContains(t, img.States, "DeleteRunModelAfterFailure")
}

func TestBatchInference_modelRoleReadsInputWritesOutputOnly(t *testing.T) {
	doc := synthtest.Policy(t, run(t, imageArgs()), "churn-model-policy")
	assert.Equal(t, []string{"ReadInput", "ListInput", "WriteOutput", "EncryptOutput", "ReadModelArtifact", "AuthenticateToECR", "PullImage", "WriteJobLogs", "PublishJobMetrics"}, synthtest.Sids(doc))
	assert.Equal(t, []string{"arn:aws:s3:::features/daily/*"}, synthtest.Statement(t, doc, "ReadInput").Resource)
	assert.Equal(t, []string{"s3:GetObject"}, synthtest.Statement(t, doc, "ReadInput").Action)
	list := synthtest.Statement(t, doc, "ListInput")
	assert.Equal(t, []string{"arn:aws:s3:::features"}, list.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"daily/*"}}}, list.Condition)
	w := synthtest.Statement(t, doc, "WriteOutput")
	assert.Equal(t, []string{"s3:PutObject", "s3:AbortMultipartUpload"}, w.Action)
	assert.Equal(t, []string{"arn:aws:s3:::scores/daily/*"}, w.Resource)
	assert.Equal(t, []string{"kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"}, synthtest.Statement(t, doc, "EncryptOutput").Action)
	assert.Equal(t, []string{"arn:aws:s3:::models/churn/model.tar.gz"}, synthtest.Statement(t, doc, "ReadModelArtifact").Resource)
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:123456789012:repository/churn-infer"}, synthtest.Statement(t, doc, "PullImage").Resource, "derived from the ECR image")
	logs := synthtest.Statement(t, doc, "WriteJobLogs")
	assert.Equal(t, []string{
		"arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TransformJobs",
		"arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TransformJobs:*",
	}, logs.Resource)

	pkg := synthtest.Policy(t, run(t, packageArgs()), "churn-model-policy")
	assert.Equal(t, []string{"ReadInput", "ListInput", "WriteOutput", "EncryptOutput", "ReadModelArtifacts", "DecryptModelArtifacts", "AuthenticateToECR", "PullImage", "WriteJobLogs", "PublishJobMetrics"}, synthtest.Sids(pkg))
	assert.Equal(t, []string{"arn:aws:s3:::models/churn/*"}, synthtest.Statement(t, pkg, "ReadModelArtifacts").Resource)
	assert.Equal(t, []string{"arn:aws:kms:us-east-1:123456789012:key/models"}, synthtest.Statement(t, pkg, "DecryptModelArtifacts").Resource)
}

// The SageMaker Developer Guide's "CreateModel API: Execution Role
// Permissions" lists what a model's role needs to start: ecr:GetAuthorizationToken
// on *, the three pull actions on the image's repository, and
// cloudwatch:PutMetricData (no resource-level permission).
func TestBatchInference_modelRoleCanPullAndReportInBothPaths(t *testing.T) {
	const given = "arn:aws:ecr:us-east-1:123456789012:repository/churn-infer"
	const other = "arn:aws:ecr:us-east-1:123456789012:repository/churn-infer-gpu"
	imageWithExtra := imageArgs()
	imageWithExtra.EcrRepositoryArns = []pulumi.StringInput{pulumi.String(other), pulumi.String(given)}
	twoRepos := packageArgs()
	twoRepos.EcrRepositoryArns = []pulumi.StringInput{pulumi.String(given), pulumi.String(other).ToStringOutput()}
	cases := map[string]struct {
		args *BatchInferenceArgs
		pull []string
	}{
		"image: derived from the ECR URI":         {imageArgs(), []string{given}},
		"image: derived plus given, deduplicated": {imageWithExtra, []string{given, other}},
		"package group: the given repository":     {packageArgs(), []string{given}},
		"package group: repositories known late":  {twoRepos, []string{given, other}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc := synthtest.Policy(t, run(t, c.args), "churn-model-policy")
			auth := synthtest.Statement(t, doc, "AuthenticateToECR")
			assert.Equal(t, []string{"ecr:GetAuthorizationToken"}, auth.Action)
			assert.Equal(t, []string{"*"}, auth.Resource)
			assert.Empty(t, auth.Condition)
			pull := synthtest.Statement(t, doc, "PullImage")
			assert.Equal(t, []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"}, pull.Action)
			assert.Equal(t, c.pull, pull.Resource)
			metrics := synthtest.Statement(t, doc, "PublishJobMetrics")
			assert.Equal(t, []string{"cloudwatch:PutMetricData"}, metrics.Action)
			assert.Equal(t, []string{"*"}, metrics.Resource)
			assert.Equal(t, map[string]map[string][]string{"StringEquals": {"cloudwatch:namespace": {"/aws/sagemaker/TransformJobs"}}}, metrics.Condition)
		})
	}
}

func TestBatchInference_rejectsMissingOrBadRepositories(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *BatchInferenceArgs)
		want   string
	}{
		{"package group without repositories", func(a *BatchInferenceArgs) { a.EcrRepositoryArns = nil },
			"batchinference \"churn\": `EcrRepositoryArns` is empty; with `ModelPackageGroupName` each run's model pulls the approved package's inference image: give its ECR repository ARNs, e.g. a TrainingPipeline's InferenceImageRepositoryArn"},
		{"package group with an empty list", func(a *BatchInferenceArgs) { a.EcrRepositoryArns = []pulumi.StringInput{} },
			"`EcrRepositoryArns` is empty; with `ModelPackageGroupName`"},
		{"an image URI instead of an ARN", func(a *BatchInferenceArgs) {
			a.EcrRepositoryArns = []pulumi.StringInput{pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1")}
		}, "batchinference \"churn\": `EcrRepositoryArns[0]` \"123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1\" is not an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)"},
		{"the second of two is a wildcard", func(a *BatchInferenceArgs) {
			a.EcrRepositoryArns = append(a.EcrRepositoryArns, pulumi.String("arn:aws:ecr:us-east-1:123456789012:repository/*"))
		}, "`EcrRepositoryArns[1]` \"arn:aws:ecr:us-east-1:123456789012:repository/*\" is not an ECR repository ARN"},
		{"a nil entry", func(a *BatchInferenceArgs) { a.EcrRepositoryArns = []pulumi.StringInput{nil} }, "`EcrRepositoryArns[0]` is nil"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := packageArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", args), options)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	t.Run("with an image a bad extra repository is rejected too", func(t *testing.T) {
		args := imageArgs()
		args.EcrRepositoryArns = []pulumi.StringInput{pulumi.String("churn")}
		err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", args), options)
		assert.Contains(t, err.Error(), "`EcrRepositoryArns[0]` \"churn\" is not an ECR repository ARN")
	})
	t.Run("a repository known only at deploy time is checked then, with the same message", func(t *testing.T) {
		args := packageArgs()
		args.EcrRepositoryArns = []pulumi.StringInput{pulumi.String("").ToStringOutput()}
		err := synthtest.RunError(t, synthtest.Program(NewBatchInference, "churn", args), options)
		assert.Contains(t, err.Error(), "batchinference \"churn\": `EcrRepositoryArns[0]` \"\" is not an ECR repository ARN (arn:aws:ecr:<region>:<account>:repository/<name>)")
	})
}

func TestBatchInference_workflowRoleStatementByStatement(t *testing.T) {
	doc := synthtest.Policy(t, run(t, imageArgs()), "churn-workflow-policy")
	assert.Equal(t, []string{"RunTransformJobs", "ManageTransformSyncRule", "RecordLastSuccess", "PublishAlerts", "EncryptAlerts", "DeliverWorkflowLogs", "WriteTraces"}, synthtest.Sids(doc),
		"with a fixed model the workflow passes no role: CreateTransformJob takes none")
	tr := synthtest.Statement(t, doc, "RunTransformJobs")
	assert.Equal(t, []string{"sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob", "sagemaker:AddTags", "sagemaker:ListTags"}, tr.Action)
	assert.Equal(t, []string{"arn:aws:sagemaker:us-east-1:123456789012:transform-job/churn-*"}, tr.Resource)
	rule := synthtest.Statement(t, doc, "ManageTransformSyncRule")
	assert.Equal(t, []string{"events:PutTargets", "events:PutRule", "events:DescribeRule"}, rule.Action)
	assert.Equal(t, []string{"arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForSageMakerTransformJobsRule"}, rule.Resource)

	plan := run(t, packageArgs())
	doc = synthtest.Policy(t, plan, "churn-workflow-policy")
	assert.Equal(t, []string{"RunTransformJobs", "ManageTransformSyncRule", "FindApprovedPackages", "ReadGroupPackages", "CreateAndDeleteRunModels", "PassModelRole", "RecordLastSuccess", "PublishAlerts", "EncryptAlerts", "DeliverWorkflowLogs", "WriteTraces"}, synthtest.Sids(doc))
	assert.Equal(t, []string{"arn:aws:sagemaker:us-east-1:123456789012:transform-job/churn-daily-*"}, synthtest.Statement(t, doc, "RunTransformJobs").Resource)
	find := synthtest.Statement(t, doc, "FindApprovedPackages")
	assert.Equal(t, []string{"sagemaker:ListModelPackages"}, find.Action)
	// The Service Authorization Reference for Amazon SageMaker gives
	// ListModelPackages the model-package resource type: the group's packages.
	assert.Equal(t, []string{
		"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn",
		"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/*",
	}, find.Resource)
	assert.Equal(t, []string{"arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/*"}, synthtest.Statement(t, doc, "ReadGroupPackages").Resource)
	models := synthtest.Statement(t, doc, "CreateAndDeleteRunModels")
	assert.Equal(t, []string{"sagemaker:CreateModel", "sagemaker:DeleteModel", "sagemaker:AddTags"}, models.Action)
	assert.Equal(t, []string{"arn:aws:sagemaker:us-east-1:123456789012:model/churn-daily-*"}, models.Resource)
	pass := synthtest.Statement(t, doc, "PassModelRole")
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:iam/role:Role", "churn-model-role").Output("arn")}, pass.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"iam:PassedToService": {"sagemaker.amazonaws.com"}}}, pass.Condition)
}

func TestBatchInference_scheduleDatesTheRun(t *testing.T) {
	sched := synthtest.Find(t, run(t, imageArgs()), "aws:scheduler/schedule:Schedule", "churn-schedule")
	assert.Equal(t, "cron(0 4 * * ? *)", sched.String("scheduleExpression"))
	assert.Contains(t, sched.Get("target", "input"), `"scheduledTime":"<aws.scheduler.scheduled-time>"`)
	assert.Equal(t, 3.0, sched.Get("target", "retryPolicy", "maximumRetryAttempts"))
}

func TestBatchInference_undatedPaths(t *testing.T) {
	args := imageArgs()
	off := false
	args.PartitionByRunDate = &off
	tr := definitionOf(t, run(t, args)).States["Transform"]
	assert.Equal(t, "s3://features/daily/", tr.Parameters["TransformInput"].(map[string]any)["DataSource"].(map[string]any)["S3DataSource"].(map[string]any)["S3Uri"])
	assert.Equal(t, "s3://scores/daily/", tr.Parameters["TransformOutput"].(map[string]any)["S3OutputPath"])
}

func TestBatchInference_defaults(t *testing.T) {
	assert.Equal(t, 6*time.Hour, DefaultMaxRuntime)
	assert.Equal(t, 30, DefaultLogRetentionDays)
	assert.True(t, DefaultNetworkIsolation)
	assert.Equal(t, 30*time.Minute, WorkflowSlack)
	a := withDefaults("churn", *imageArgs())
	assert.Equal(t, "churn", a.JobNamePrefix)
	assert.True(t, *a.PartitionByRunDate)
	assert.Equal(t, batch.DefaultTransformInstanceType, a.InstanceType)
	assert.Equal(t, 1, a.InstanceCount)
	assert.Equal(t, 6, a.MaxPayloadMB)
	assert.Equal(t, "MultiRecord", a.BatchStrategy)
	assert.Equal(t, "Line", a.SplitType)
	assert.Equal(t, "text/csv", a.ContentType)
	assert.Equal(t, "text/csv", a.Accept)
	assert.Equal(t, "Line", a.AssembleWith)
	assert.Equal(t, "None", a.JoinSource)
	assert.Equal(t, 2, *a.Retry.MaxAttempts)
	assert.Equal(t, batch.SageMakerJobErrors, a.Retry.Errors)
}

func TestBatchInference_rejectsBadInputBeforeRegistering(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *BatchInferenceArgs)
		want   string
	}{
		{"instance type without ml. prefix", func(a *BatchInferenceArgs) { a.InstanceType = "c5.xlarge" }, "`InstanceType` \"c5.xlarge\" is not a SageMaker instance type"},
		{"instance count below 1", func(a *BatchInferenceArgs) { a.InstanceCount = -3 }, "`InstanceCount` -3 is below 1"},
		{"negative concurrency", func(a *BatchInferenceArgs) { a.MaxConcurrentTransforms = -1 }, "`MaxConcurrentTransforms` -1 is negative"},
		{"input URI", func(a *BatchInferenceArgs) { a.InputS3Uri = "features/daily" }, "`InputS3Uri` \"features/daily\" is not of the form s3://bucket/prefix"},
		{"output URI", func(a *BatchInferenceArgs) { a.OutputS3Uri = "s3://scores" }, "`OutputS3Uri` \"s3://scores\" is not of the form s3://bucket/prefix"},
		{"model URI", func(a *BatchInferenceArgs) { a.ModelDataUrl = "/tmp/model.tar.gz" }, "`ModelDataUrl` \"/tmp/model.tar.gz\" is not of the form s3://bucket/prefix"},
		{"runtime beyond 28 days", func(a *BatchInferenceArgs) { a.MaxRuntime = 29 * 24 * time.Hour }, "`MaxRuntime` 696h0m0s is beyond SageMaker's limit of 28 days"},
		{"payload over 100 MB", func(a *BatchInferenceArgs) { a.MaxPayloadMB = 101 }, "`MaxPayloadMB` 101 is outside 1–100"},
		{"batch strategy", func(a *BatchInferenceArgs) { a.BatchStrategy = "Multi" }, "`BatchStrategy` \"Multi\" is not one of MultiRecord, SingleRecord"},
		{"assemble with", func(a *BatchInferenceArgs) { a.AssembleWith = "Newline" }, "`AssembleWith` \"Newline\" is not one of None, Line"},
		{"join source", func(a *BatchInferenceArgs) { a.JoinSource = "Output" }, "`JoinSource` \"Output\" is not one of None, Input"},
		{"job name prefix with capitals", func(a *BatchInferenceArgs) { a.JobNamePrefix = "Churn" }, "`JobNamePrefix` \"Churn\" may contain only lower-case letters"},
		{"image and package group", func(a *BatchInferenceArgs) { a.ModelPackageGroupName = pulumi.String("churn") }, "`ModelPackageGroupName` is set together with `Image`"},
		{"no model", func(a *BatchInferenceArgs) { a.Image = nil }, "`Image` is nil and so is `ModelPackageGroupName`"},
		{"image without artifact", func(a *BatchInferenceArgs) { a.ModelDataUrl = "" }, "`ModelDataUrl` is required with `Image`"},
		{"schedule missing", func(a *BatchInferenceArgs) { a.Schedule = trigger.Schedule{} }, "`Schedule.Expression` is required"},
		{"retry interval", func(a *BatchInferenceArgs) { a.Retry = &RetryPolicy{Interval: 500 * time.Millisecond} }, "`Retry.Interval` 500ms is outside 1s–1h0m0s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := imageArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", args), options)
			assert.Contains(t, err.Error(), `batchinference "churn": `)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	t.Run("package group without artifacts", func(t *testing.T) {
		args := packageArgs()
		args.ModelArtifactsS3Uri = ""
		assert.ErrorContains(t, errOf(validate("churn", args)), "`ModelArtifactsS3Uri` is required with `ModelPackageGroupName`")
	})
	t.Run("package group name too long", func(t *testing.T) {
		args := packageArgs()
		args.ModelPackageGroupName = pulumi.String(strings.Repeat("g", 64))
		assert.ErrorContains(t, errOf(validate("churn", args)), "`ModelPackageGroupName`")
	})
	assert.ErrorContains(t, errOf(validate("churn", nil)), "`args` is nil")
}

func TestBatchInference_retainsStatefulChildren(t *testing.T) {
	args := imageArgs()
	args.RetainOnDelete = true
	retained := map[string]bool{}
	for _, r := range run(t, args).Resources {
		if r.RetainOnDelete {
			retained[r.Type+" "+r.Name] = true
		}
	}
	assert.Equal(t, map[string]bool{
		"aws:kms/key:Key churn-key":                            true,
		"aws:cloudwatch/logGroup:LogGroup churn-deadline-logs": true,
		"aws:cloudwatch/logGroup:LogGroup churn-workflow-logs": true,
		"aws:sqs/queue:Queue churn-dlq":                        true,
		// The guards of what is kept: a kept queue or topic stays TLS-only.
		"aws:sqs/queuePolicy:QueuePolicy churn-dlq-policy":    true,
		"aws:sns/topicPolicy:TopicPolicy churn-alerts-policy": true,
		"aws:sns/topic:Topic churn-alerts":                    true,
		"aws:kms/key:Key churn-alerts-key":                    true,
	}, retained)
}

func TestBatchInference_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := packageArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup churn-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup churn-workflow-logs",
		"aws:kms/key:Key churn-alerts-key",
		"aws:kms/key:Key churn-key",
		"aws:sns/topic:Topic churn-alerts",
		"aws:sqs/queue:Queue churn-dlq",
	}, synthtest.Kept(t, run(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestBatchInference_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, run(t, packageArgs())))
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }
