package batch

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestBatchWorkflow_rejectsBadInputBeforeRegistering(t *testing.T) {
	pct := func(v float64) *float64 { return &v }
	cases := []struct {
		name   string
		mutate func(a *BatchWorkflowArgs)
		want   string
	}{
		{"instance type without ml. prefix", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.InstanceType = "m5.large" }, "`Steps[2].Transform.InstanceType` \"m5.large\" is not a SageMaker instance type"},
		{"instance count below 1", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.InstanceCount = -1 }, "`Steps[2].Transform.InstanceCount` -1 is below 1"},
		{"negative max concurrent transforms", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.MaxConcurrentTransforms = -2 }, "`Steps[2].Transform.MaxConcurrentTransforms` -2 is negative"},
		{"negative map concurrency", func(a *BatchWorkflowArgs) { a.Steps[1].Map.MaxConcurrency = -5 }, "`Steps[1].Map.MaxConcurrency` -5 is negative"},
		{"map concurrency over 10000", func(a *BatchWorkflowArgs) { a.Steps[1].Map.MaxConcurrency = 10001 }, "`Steps[1].Map.MaxConcurrency` 10001 is outside 1–10000"},
		{"tolerated failure over 100", func(a *BatchWorkflowArgs) { a.Steps[1].Map.ToleratedFailurePercentage = pct(101) }, "`Steps[1].Map.ToleratedFailurePercentage` 101 is outside 0–100"},
		{"tolerated failure below 0", func(a *BatchWorkflowArgs) { a.Steps[1].Map.ToleratedFailurePercentage = pct(-1) }, "`Steps[1].Map.ToleratedFailurePercentage` -1 is outside 0–100"},
		{"items URI without scheme", func(a *BatchWorkflowArgs) { a.Steps[1].Map.ItemsS3Uri = "raw-events/year=2023/" }, "`Steps[1].Map.ItemsS3Uri` \"raw-events/year=2023/\" is not of the form s3://bucket/prefix"},
		{"transform input URI without prefix", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.InputS3Uri = "s3://features" }, "`Steps[2].Transform.InputS3Uri` \"s3://features\" is not of the form s3://bucket/prefix"},
		{"transform output URI over https", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.OutputS3Uri = "https://scores.s3.amazonaws.com/x" }, "`Steps[2].Transform.OutputS3Uri` \"https://scores.s3.amazonaws.com/x\" is not of the form s3://bucket/prefix"},
		{"results URI with a bad bucket", func(a *BatchWorkflowArgs) { a.Steps[1].Map.ResultsS3Uri = "s3://Bad_Bucket/r/" }, "`Steps[1].Map.ResultsS3Uri`"},
		{"S3 trigger URI", func(a *BatchWorkflowArgs) { a.S3Trigger.S3Uri = "s3://raw-events/" }, "`S3Trigger.S3Uri` \"s3://raw-events/\" is not of the form s3://bucket/prefix"},
		{"empty step list", func(a *BatchWorkflowArgs) { a.Steps = nil }, "`Steps` is empty"},
		{"duplicate step names", func(a *BatchWorkflowArgs) { a.Steps[3].Name = "extract" }, "`Steps[3].Name` \"extract\" is a duplicate of `Steps[0].Name`"},
		{"map child named like a step", func(a *BatchWorkflowArgs) { a.Steps[1].Map.Step.Name = "publish" }, "`Steps[3].Name` \"publish\" is a duplicate of `Steps[1].Map.Step.Name`"},
		{"step name over 80 characters", func(a *BatchWorkflowArgs) { a.Steps[0].Name = strings.Repeat("s", 81) }, "`Steps[0].Name` \"" + strings.Repeat("s", 81) + "\" is 81 characters; a Step Functions state name has at most 80"},
		{"step name with a space", func(a *BatchWorkflowArgs) { a.Steps[0].Name = "ex tract" }, "`Steps[0].Name` \"ex tract\" may contain only letters, digits, - and _"},
		{"reserved step name", func(a *BatchWorkflowArgs) { a.Steps[0].Name = "CheckExitCode4" }, "`Steps[0].Name` \"CheckExitCode4\" is the name of a state schedkit adds"},
		{"transform runtime beyond 28 days", func(a *BatchWorkflowArgs) { a.Steps[2].Timeout = 29 * 24 * time.Hour }, "`Steps[2].Timeout` 696h0m0s is beyond SageMaker's limit of 28 days"},
		{"two kinds in one step", func(a *BatchWorkflowArgs) { a.Steps[0].ECSTask = ecsStep("x").ECSTask }, "`Steps[0]` sets 2 of ECSTask, Lambda, Transform and Map"},
		{"no kind", func(a *BatchWorkflowArgs) { a.Steps[0].Lambda = nil }, "`Steps[0]` sets 0 of ECSTask, Lambda, Transform and Map"},
		{"timeout on a map", func(a *BatchWorkflowArgs) { a.Steps[1].Timeout = time.Hour }, "`Steps[1].Timeout` 1h0m0s is set on a Map"},
		{"map in a map", func(a *BatchWorkflowArgs) {
			a.Steps[1].Map.Step = Step{Name: "inner", Map: &MapStep{ItemsS3Uri: "s3://a-bucket/x", Step: ecsStep("deep")}}
		}, "`Steps[1].Map.Step.Map` cannot be nested in a Map"},
		{"transform per item", func(a *BatchWorkflowArgs) {
			a.Steps[1].Map.Step = Step{Name: "inner", Transform: &TransformJob{ModelName: pulumi.String("m"), InputS3Uri: "s3://in-bucket/x", OutputS3Uri: "s3://out-bucket/y"}}
		}, "`Steps[1].Map.Step.Transform` cannot run per Map item"},
		{"prefix and manifest", func(a *BatchWorkflowArgs) { a.Steps[1].Map.ManifestS3Uri = "s3://inventory/m.json" }, "`Steps[1].Map.ManifestS3Uri` is set together with `ItemsS3Uri`"},
		{"manifest without type", func(a *BatchWorkflowArgs) {
			a.Steps[1].Map.ItemsS3Uri, a.Steps[1].Map.ManifestS3Uri = "", "s3://inventory/m.json"
		}, "`Steps[1].Map.ManifestType` \"\" is not one of JSON, CSV, MANIFEST"},
		{"ECS step without container", func(a *BatchWorkflowArgs) { a.Steps[3].ECSTask.ContainerName = "" }, "`Steps[3].ECSTask.ContainerName` is required"},
		{"ECS step without task role", func(a *BatchWorkflowArgs) { a.Steps[3].ECSTask.TaskRoleArn = nil }, "`Steps[3].ECSTask.TaskRoleArn` is required"},
		{"ECS step with empty subnets", func(a *BatchWorkflowArgs) { a.Steps[3].ECSTask.Subnets = pulumi.StringArray{} }, "`Steps[3].ECSTask.Subnets` is empty"},
		{"credential in plain environment", func(a *BatchWorkflowArgs) { a.Steps[3].ECSTask.Environment = map[string]string{"DB_PASSWORD": "x"} }, "\"DB_PASSWORD\" looks like a credential"},
		{"environment path that is not a path", func(a *BatchWorkflowArgs) { a.Steps[3].ECSTask.EnvironmentPaths = map[string]string{"KEY": "item.Key"} }, "\"item.Key\" is not a JSONPath"},
		{"lambda ARN that is not a function", func(a *BatchWorkflowArgs) { a.Steps[0].Lambda.FunctionArn = pulumi.String("extract") }, "`Steps[0].Lambda.FunctionArn` \"extract\" is not a Lambda function ARN"},
		{"transform without model", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.ModelName = nil }, "`Steps[2].Transform.ModelName` is required"},
		{"job name prefix too long", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.JobNamePrefix = strings.Repeat("p", 27) }, "is 27 characters; with \"-\" and a UUID the job name must fit SageMaker's 63, so at most 26"},
		{"bad split type", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.SplitType = "Lines" }, "`Steps[2].Transform.SplitType` \"Lines\" is not one of None, Line, RecordIO, TFRecord"},
		{"retry attempts over 10", func(a *BatchWorkflowArgs) { n := 11; a.Steps[0].Retry = &RetryPolicy{MaxAttempts: &n} }, "`Steps[0].Retry.MaxAttempts` 11 is outside 0–10"},
		{"schedule expression", func(a *BatchWorkflowArgs) { a.Schedule = &trigger.Schedule{Expression: "every day"} }, "`Schedule.Expression`"},
		{"S3 trigger retries", func(a *BatchWorkflowArgs) { n := 200; a.S3Trigger.RetryAttempts = &n }, "`S3Trigger.RetryAttempts` 200 is outside 0–185"},
		{"max runtime beyond a year", func(a *BatchWorkflowArgs) { a.MaxRuntime = 366 * 24 * time.Hour }, "`MaxRuntime` 8784h0m0s is outside"},
		{"log retention", func(a *BatchWorkflowArgs) { a.LogRetentionDays = 10 }, "`LogRetentionDays` 10 is not a CloudWatch Logs retention"},
		{"alert key without topic", func(a *BatchWorkflowArgs) {
			a.AlertTopicKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/x")
		}, "`AlertTopicKmsKeyArn` is set without `AlertTopicArn`"},
		{"more subnets than RunTask takes", func(a *BatchWorkflowArgs) {
			a.Steps[3].ECSTask.Subnets = pulumi.ToStringArray(strings.Fields(strings.Repeat("subnet-0a0a0a0a ", 17)))
		}, "`Steps[3].ECSTask.Subnets` has 17 subnets; ECS RunTask allows at most 16"},
		{"more security groups than RunTask takes", func(a *BatchWorkflowArgs) {
			a.Steps[1].Map.Step.ECSTask.SecurityGroups = pulumi.ToStringArray(strings.Fields(strings.Repeat("sg-01010101 ", 6)))
		}, "`Steps[1].Map.Step.ECSTask.SecurityGroups` has 6 security groups; ECS RunTask allows at most 5"},
		{"subnet that is no id", func(a *BatchWorkflowArgs) {
			a.Steps[3].ECSTask.Subnets = pulumi.ToStringArray([]string{"subnet-0a0a0a0a", "private"})
		}, "`Steps[3].ECSTask.Subnets[1]` \"private\" is not a subnet id"},
		{"security group that is no id", func(a *BatchWorkflowArgs) {
			a.Steps[3].ECSTask.SecurityGroups = pulumi.ToStringArray([]string{"sg-xyz"})
		}, "`Steps[3].ECSTask.SecurityGroups[0]` \"sg-xyz\" is not a security group id"},
		{"task role that is no role ARN", func(a *BatchWorkflowArgs) { a.Steps[3].ECSTask.TaskRoleArn = pulumi.String("reprocess-task") }, "`Steps[3].ECSTask.TaskRoleArn` \"reprocess-task\" is not an IAM role ARN"},
		{"task definition without revision", func(a *BatchWorkflowArgs) {
			a.Steps[3].ECSTask.TaskDefinitionArn = pulumi.String("arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess")
		}, "`Steps[3].ECSTask.TaskDefinitionArn` \"arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess\" is not an ECS task definition ARN"},
		{"transform key that is an alias", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.OutputKmsKeyArn = pulumi.String("alias/scores") }, "`Steps[2].Transform.OutputKmsKeyArn` \"alias/scores\" is not a KMS key ARN"},
		{"reserved tag key", func(a *BatchWorkflowArgs) { a.Tags = map[string]string{"aws:x": "y"} }, "`Tags` key \"aws:x\""},
		{"training-only instance type", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.InstanceType = "ml.t3.medium" }, "`Steps[2].Transform.InstanceType` \"ml.t3.medium\" is not an instance type SageMaker batch transform jobs run on"},
		{"instance size transform does not take", func(a *BatchWorkflowArgs) { a.Steps[2].Transform.InstanceType = "ml.m5.8xlarge" }, "of ml.m5.* they take ml.m5.12xlarge"},
		{"concurrency times payload over 100 MB", func(a *BatchWorkflowArgs) {
			a.Steps[2].Transform.MaxConcurrentTransforms, a.Steps[2].Transform.MaxPayloadMB = 8, 20
		}, "`Steps[2].Transform.MaxConcurrentTransforms` 8 × `Steps[2].Transform.MaxPayloadMB` 20 is 160 MB; SageMaker allows at most 100 MB"},
		{"more environment entries than a transform takes", func(a *BatchWorkflowArgs) {
			a.Steps[2].Transform.Environment = map[string]string{}
			for i := range 17 {
				a.Steps[2].Transform.Environment[fmt.Sprintf("V%d", i)] = "x"
			}
		}, "`Steps[2].Transform.Environment` has 17 entries; a transform job takes at most 16"},
		{"transform environment name SageMaker refuses", func(a *BatchWorkflowArgs) {
			a.Steps[2].Transform.Environment = map[string]string{"1ST": "x"}
		}, "`Steps[2].Transform.Environment` \"1ST\": names are 1–1024 letters, digits and _"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := fullArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewBatchWorkflow, "hist", args), options)
			assert.Contains(t, err.Error(), `batchworkflow "hist": `)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestBatchWorkflow_valuesKnownOnlyAtDeployTimeAreCheckedThenWithTheSameMessage(t *testing.T) {
	cases := []struct {
		field string
		set   func(a *BatchWorkflowArgs, v pulumi.StringInput)
		bad   string
	}{
		{"Steps[0].Lambda.FunctionArn", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.Steps[0].Lambda.FunctionArn = v }, "extract"},
		{"Steps[1].Map.Step.ECSTask.ClusterArn", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.Steps[1].Map.Step.ECSTask.ClusterArn = v }, "jobs"},
		{"Steps[3].ECSTask.TaskDefinitionArn", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.Steps[3].ECSTask.TaskDefinitionArn = v }, "reprocess:3"},
		{"Steps[3].ECSTask.ExecutionRoleArn", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.Steps[3].ECSTask.ExecutionRoleArn = v }, "exec"},
		{"Steps[3].ECSTask.Subnets[0]", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.Steps[3].ECSTask.Subnets = pulumi.StringArray{v} }, "private"},
		{"Steps[2].Transform.OutputKmsKeyArn", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.Steps[2].Transform.OutputKmsKeyArn = v }, "alias/scores"},
		{"AlertTopicArn", func(a *BatchWorkflowArgs, v pulumi.StringInput) { a.AlertTopicArn = v }, "alerts"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := fullArgs(), fullArgs()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, synthtest.Program(NewBatchWorkflow, "hist", plain), synthtest.Program(NewBatchWorkflow, "hist", output), options)
			assert.Contains(t, msg, "batchworkflow \"hist\": `"+c.field+"`")
		})
	}
}

func TestBatchWorkflow_reportsEveryProblemAtOnce(t *testing.T) {
	args := fullArgs()
	args.Steps[1].Map.MaxConcurrency = -1
	args.Steps[2].Transform.InstanceType = "p3.2xlarge"
	err := errOf(validate("hist", args))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "MaxConcurrency")
	assert.Contains(t, err.Error(), "InstanceType")
}

func TestBatchWorkflow_rejectsNilArgsAndLongNames(t *testing.T) {
	assert.ErrorContains(t, errOf(validate("hist", nil)), "`args` is nil")
	err := errOf(validate(strings.Repeat("n", 60), fullArgs()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "too long for the names AWS gives its children")
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }
