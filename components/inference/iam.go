package inference

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/images"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// modelStatements are the model role's permissions: read the input prefix
// (and list only under it), write only the output prefix with the output
// key, read the model artifact(s), pull the images from repos, write the
// transform jobs' logs and publish their metrics — what the SageMaker
// Developer Guide's "CreateModel API: Execution Role Permissions" lists,
// each scoped as far as IAM allows.
func modelStatements(env awsenv.Env, a BatchInferenceArgs, key pulumi.StringInput, repos []pulumi.StringInput) []iampolicy.Statement {
	in, _ := s3uri.Parse(a.InputS3Uri)
	out, _ := s3uri.Parse(a.OutputS3Uri)
	in, out = in.AsDir(), out.AsDir()
	stmts := []iampolicy.Statement{
		{Sid: "ReadInput", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Inputs(in.PrefixARN(env.Partition))},
		s3uri.ListPrefixStatement("ListInput", env.Partition, in),
		{Sid: "WriteOutput", Actions: []string{"s3:PutObject", "s3:AbortMultipartUpload"}, Resources: iampolicy.Inputs(out.PrefixARN(env.Partition))},
		sagemaker.EncryptStatement("EncryptOutput", key),
	}
	if a.InputKmsKeyArn != nil {
		stmts = append(stmts, sagemaker.DecryptStatement("DecryptInput", a.InputKmsKeyArn))
	}
	if a.Image != nil {
		u, _ := s3uri.Parse(a.ModelDataUrl)
		stmts = append(stmts, iampolicy.Statement{Sid: "ReadModelArtifact", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Inputs(u.ObjectARN(env.Partition))})
	} else {
		u, _ := s3uri.Parse(a.ModelArtifactsS3Uri)
		u = u.AsDir()
		stmts = append(stmts, iampolicy.Statement{Sid: "ReadModelArtifacts", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Inputs(u.PrefixARN(env.Partition))})
		if a.ModelArtifactsKmsKeyArn != nil {
			stmts = append(stmts, sagemaker.DecryptStatement("DecryptModelArtifacts", a.ModelArtifactsKmsKeyArn))
		}
	}
	stmts = append(stmts, images.PullStatements(repos...)...)
	return append(stmts, sagemaker.LogStatement(env, "TransformJobs"), sagemaker.MetricsStatement(sagemaker.TransformJobsNamespace))
}

// workflowStatements are the workflow role's permissions: run, watch, stop
// and tag transform jobs named <prefix>-*, manage the transform .sync rule;
// for a package group also find approved packages, create, tag and delete
// run models named <prefix>-*, and pass the model role to SageMaker (only
// CreateModel passes a role: CreateTransformJob takes none).
func workflowStatements(env awsenv.Env, a BatchInferenceArgs, modelRole pulumi.StringInput) []iampolicy.Statement {
	stmts := []iampolicy.Statement{
		sagemaker.TransformStatements("RunTransformJobs", env, a.JobNamePrefix),
		workflow.SyncRuleStatement("ManageTransformSyncRule", env, workflow.SageMakerTransformEventsRule),
	}
	if a.ModelPackageGroupName == nil {
		return stmts
	}
	return append(stmts,
		iampolicy.Statement{
			// The Service Authorization Reference for Amazon SageMaker gives
			// ListModelPackages the model-package resource type
			// (arn:…:model-package/${ModelPackageName}); the group's
			// versioned packages are model-package/<group>/<version>.
			Sid:     "FindApprovedPackages",
			Actions: []string{"sagemaker:ListModelPackages"},
			Resources: iampolicy.Inputs(
				sagemaker.ARN(env, "model-package", a.ModelPackageGroupName, ""),
				sagemaker.ARN(env, "model-package", a.ModelPackageGroupName, "/*"),
			),
		},
		iampolicy.Statement{
			// CreateModel reads the package it is given.
			Sid:       "ReadGroupPackages",
			Actions:   []string{"sagemaker:DescribeModelPackage"},
			Resources: iampolicy.Inputs(sagemaker.ARN(env, "model-package", a.ModelPackageGroupName, "/*")),
		},
		iampolicy.Statement{
			Sid:       "CreateAndDeleteRunModels",
			Actions:   []string{"sagemaker:CreateModel", "sagemaker:DeleteModel", "sagemaker:AddTags"},
			Resources: iampolicy.Inputs(sagemaker.ARN(env, "model", pulumi.String(a.JobNamePrefix), "-*")),
		},
		iampolicy.PassRoleTo("PassModelRole", "sagemaker.amazonaws.com", modelRole),
	)
}

// modelPolicy is modelPolicyJSON held to IAM's limit for one role's inline
// policies: the model role's one policy grows with EcrRepositoryArns, a
// list the caller sizes.
func modelPolicy(name string, a BatchInferenceArgs, env awsenv.Env, key pulumi.StringOutput) pulumi.StringOutput {
	return check.RoleInlinePolicies(kind, name, "EcrRepositoryArns", modelPolicyJSON(name, a, env, key))
}
