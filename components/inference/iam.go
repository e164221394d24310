package inference

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// modelStatements are the model role's permissions: read the input prefix
// (and list only under it), write only the output prefix with the output
// key, read the model artifact(s), pull the image, and write the transform
// jobs' logs.
func modelStatements(env awsenv.Env, a BatchInferenceArgs, key pulumi.StringInput, repo pulumi.StringInput) []iampolicy.Statement {
	in, _ := batch.ParseS3URI(a.InputS3Uri)
	out, _ := batch.ParseS3URI(a.OutputS3Uri)
	in, out = in.AsDir(), out.AsDir()
	stmts := []iampolicy.Statement{
		{Sid: "ReadInput", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Inputs(in.PrefixARN(env.Partition))},
		batch.ListPrefixStatement("ListInput", env.Partition, in),
		{Sid: "WriteOutput", Actions: []string{"s3:PutObject", "s3:AbortMultipartUpload"}, Resources: iampolicy.Inputs(out.PrefixARN(env.Partition))},
		batch.EncryptStatement("EncryptOutput", key),
	}
	if a.InputKmsKeyArn != nil {
		stmts = append(stmts, batch.DecryptStatement("DecryptInput", a.InputKmsKeyArn))
	}
	if a.Image != nil {
		u, _ := batch.ParseS3URI(a.ModelDataUrl)
		stmts = append(stmts, iampolicy.Statement{Sid: "ReadModelArtifact", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Inputs(u.ObjectARN(env.Partition))})
	} else {
		u, _ := batch.ParseS3URI(a.ModelArtifactsS3Uri)
		u = u.AsDir()
		stmts = append(stmts, iampolicy.Statement{Sid: "ReadModelArtifacts", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Inputs(u.PrefixARN(env.Partition))})
		if a.ModelArtifactsKmsKeyArn != nil {
			stmts = append(stmts, batch.DecryptStatement("DecryptModelArtifacts", a.ModelArtifactsKmsKeyArn))
		}
	}
	if repo != nil {
		stmts = append(stmts, batch.ECRPullStatements(repo)...)
	}
	return append(stmts, batch.SageMakerLogStatement(env, "TransformJobs"))
}

// workflowStatements are the workflow role's permissions: run, watch, stop
// and tag transform jobs named <prefix>-*, manage the transform .sync rule;
// for a package group also find approved packages, create, tag and delete
// run models named <prefix>-*, and pass the model role to SageMaker (only
// CreateModel passes a role: CreateTransformJob takes none).
func workflowStatements(env awsenv.Env, a BatchInferenceArgs, modelRole pulumi.StringInput) []iampolicy.Statement {
	stmts := []iampolicy.Statement{
		batch.TransformStatements("RunTransformJobs", env, a.JobNamePrefix),
		workflow.SyncRuleStatement("ManageTransformSyncRule", env, workflow.SageMakerTransformEventsRule),
	}
	if a.ModelPackageGroupName == nil {
		return stmts
	}
	return append(stmts,
		iampolicy.Statement{
			// ListModelPackages has no resource-level permission.
			Sid:       "FindApprovedPackages",
			Actions:   []string{"sagemaker:ListModelPackages"},
			Resources: iampolicy.Strings("*"),
		},
		iampolicy.Statement{
			// CreateModel reads the package it is given.
			Sid:       "ReadGroupPackages",
			Actions:   []string{"sagemaker:DescribeModelPackage"},
			Resources: iampolicy.Inputs(batch.SageMakerARN(env, "model-package", a.ModelPackageGroupName, "/*")),
		},
		iampolicy.Statement{
			Sid:       "CreateAndDeleteRunModels",
			Actions:   []string{"sagemaker:CreateModel", "sagemaker:DeleteModel", "sagemaker:AddTags"},
			Resources: iampolicy.Inputs(batch.SageMakerARN(env, "model", pulumi.String(a.JobNamePrefix), "-*")),
		},
		iampolicy.PassRoleTo("PassModelRole", "sagemaker.amazonaws.com", modelRole),
	)
}
