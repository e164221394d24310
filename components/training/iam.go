package training

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/images"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// trainingStatements are the training role's permissions: read exactly the
// input channels' prefixes (listing only under them), write only under the
// output prefix with the output key, keep spot checkpoints, pull the image,
// write the training jobs' logs and publish their metrics (the SageMaker
// Developer Guide's "CreateTrainingJob API: Execution Role Permissions").
func trainingStatements(env awsenv.Env, a TrainingPipelineArgs, key, repo pulumi.StringInput) []iampolicy.Statement {
	var reads []pulumi.StringInput
	prefixes := map[string][]string{}
	for _, k := range slices.Sorted(maps.Keys(a.InputChannels)) {
		u, _ := s3uri.Parse(a.InputChannels[k])
		u = u.AsDir()
		reads = append(reads, u.PrefixARN(env.Partition))
		prefixes[u.Bucket] = append(prefixes[u.Bucket], u.Key+"*")
	}
	stmts := []iampolicy.Statement{{Sid: "ReadInput", Actions: []string{"s3:GetObject"}, Resources: reads}}
	for i, b := range slices.Sorted(maps.Keys(prefixes)) {
		stmts = append(stmts, iampolicy.Statement{
			Sid:        fmt.Sprintf("ListInput%d", i+1),
			Actions:    []string{"s3:ListBucket"},
			Resources:  iampolicy.Inputs(s3uri.URI{Bucket: b}.BucketARN(env.Partition)),
			Conditions: []iampolicy.Condition{{Operator: "StringLike", Key: "s3:prefix", Values: iampolicy.Strings(prefixes[b]...)}},
		})
	}
	out, _ := s3uri.Parse(a.OutputS3Uri)
	out = out.AsDir()
	stmts = append(stmts,
		iampolicy.Statement{Sid: "WriteOutput", Actions: []string{"s3:PutObject", "s3:AbortMultipartUpload"}, Resources: iampolicy.Inputs(out.PrefixARN(env.Partition))},
		sagemaker.EncryptStatement("EncryptOutput", key),
	)
	if a.InputKmsKeyArn != nil {
		stmts = append(stmts, sagemaker.DecryptStatement("DecryptInput", a.InputKmsKeyArn))
	}
	if a.ManagedSpot {
		ck, _ := s3uri.Parse(a.CheckpointS3Uri)
		ck = ck.AsDir()
		stmts = append(stmts,
			iampolicy.Statement{Sid: "SyncCheckpoints", Actions: []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"}, Resources: iampolicy.Inputs(ck.PrefixARN(env.Partition))},
			s3uri.ListPrefixStatement("ListCheckpoints", env.Partition, ck),
		)
	}
	if repo != nil {
		stmts = append(stmts, images.PullStatements(repo)...)
	}
	return append(stmts, sagemaker.LogStatement(env, "TrainingJobs"), sagemaker.MetricsStatement(sagemaker.TrainingJobsNamespace))
}

// workflowStatements are the workflow role's permissions: run, watch, stop
// and tag training jobs named <prefix>-*, pass the training role to
// SageMaker only, manage the training .sync rule, and register packages in
// the group.
func workflowStatements(env awsenv.Env, a TrainingPipelineArgs, trainingRole, group pulumi.StringInput) []iampolicy.Statement {
	return []iampolicy.Statement{
		{
			Sid: "RunTrainingJobs",
			Actions: []string{
				"sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
				"sagemaker:AddTags", "sagemaker:ListTags",
			},
			Resources: iampolicy.Inputs(sagemaker.ARN(env, "training-job", pulumi.String(a.JobNamePrefix), "-*")),
		},
		iampolicy.PassRoleTo("PassTrainingRole", "sagemaker.amazonaws.com", trainingRole),
		workflow.SyncRuleStatement("ManageTrainingSyncRule", env, workflow.SageMakerTrainingEventsRule),
		{
			Sid:     "RegisterModelPackages",
			Actions: []string{"sagemaker:CreateModelPackage"},
			Resources: iampolicy.Inputs(
				sagemaker.ARN(env, "model-package-group", group, ""),
				sagemaker.ARN(env, "model-package", group, "/*"),
			),
		},
	}
}

// trainingPolicy is trainingPolicyJSON held to IAM's limit for one role's
// inline policies: the training role's one policy grows with
// InputChannels (each channel's prefix, read and listed), which the
// caller sizes (up to 20 channels, keys up to 1,024 bytes each).
func trainingPolicy(name string, a TrainingPipelineArgs, env awsenv.Env, key pulumi.StringOutput) pulumi.StringOutput {
	return check.RoleInlinePolicies(kind, name, "InputChannels", trainingPolicyJSON(name, a, env, key))
}
