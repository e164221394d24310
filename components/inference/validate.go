package inference

import (
	"fmt"
	"maps"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/verify"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// kind names the component in error messages.
const kind = "batchinference"

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, raw *BatchInferenceArgs) (BatchInferenceArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; a model (Image or ModelPackageGroupName), InputS3Uri, OutputS3Uri and Schedule.Expression are required")
		return BatchInferenceArgs{}, errs.Err()
	}
	a := withDefaults(name, *raw)
	switch {
	case a.Image != nil && a.ModelPackageGroupName != nil:
		errs.Addf("ModelPackageGroupName", "is set together with `Image`; give a container image and artifact, or a model package group, not both")
	case a.Image != nil:
		errs.Plain("Image", a.Image, verify.Image)
		if a.ModelDataUrl == "" {
			errs.Addf("ModelDataUrl", "is required with `Image`, e.g. s3://bucket/models/model.tar.gz")
		} else if _, err := s3uri.Parse(a.ModelDataUrl); err != nil {
			errs.Field("ModelDataUrl", err)
		}
		if a.ModelArtifactsS3Uri != "" || a.ModelArtifactsKmsKeyArn != nil {
			errs.Addf("ModelArtifactsS3Uri", "is set with `Image`; it belongs to `ModelPackageGroupName`")
		}
	case a.ModelPackageGroupName != nil:
		errs.Plain("ModelPackageGroupName", a.ModelPackageGroupName, naming.SageMaker.Exact)
		if a.ModelArtifactsS3Uri == "" {
			errs.Addf("ModelArtifactsS3Uri", "is required with `ModelPackageGroupName`: where the packages' artifacts live, e.g. the training output s3://bucket/models/")
		} else if _, err := s3uri.Parse(a.ModelArtifactsS3Uri); err != nil {
			errs.Field("ModelArtifactsS3Uri", err)
		}
		if a.ModelDataUrl != "" {
			errs.Addf("ModelDataUrl", "is set with `ModelPackageGroupName`; the package names its artifact")
		}
		if len(a.EcrRepositoryArns) == 0 {
			errs.Addf("EcrRepositoryArns", "%s", errNoRepositories)
		}
	default:
		errs.Addf("Image", "is nil and so is `ModelPackageGroupName`; give the model")
	}
	for i, r := range a.EcrRepositoryArns {
		if r == nil {
			errs.Addf(repositoryField(i), "is nil; give an ECR repository ARN")
		}
		errs.Plain(repositoryField(i), r, verify.ECRRepositoryARN)
	}
	errs.Plain("ModelArtifactsKmsKeyArn", a.ModelArtifactsKmsKeyArn, verify.KMSKeyARN)
	errs.Plain("InputKmsKeyArn", a.InputKmsKeyArn, verify.KMSKeyARN)
	errs.Plain("OutputKmsKeyArn", a.OutputKmsKeyArn, verify.KMSKeyARN)
	tags.Validate(errs, a.Tags)
	// The names a caller gives here share no namespace with one the
	// component derives (verify.NameFree has nothing to compare): transform
	// jobs and a package group's run models are all <JobNamePrefix>-<uuid>,
	// the model of Image (the only other model, never beside run models) and
	// every IAM role, rule, queue and topic are auto-named by Pulumi with a
	// random suffix, and ModelPackageGroupName names a group created
	// elsewhere.
	sagemaker.ValidateTransform(errs, "", transformOf(a))
	sagemaker.ValidateRuntime(errs, "MaxRuntime", a.MaxRuntime)
	retry.Validate(errs, "Retry", *a.Retry)
	workflow.ValidateSchedule(errs, "Schedule", a.Schedule)
	if a.RunOnApproval && a.ModelPackageGroupName == nil {
		errs.Addf("RunOnApproval", "is true without `ModelPackageGroupName`; only the packages of a model package group are approved, a model from `Image` never is")
	}
	if a.ApprovalMaxAge != 0 && !a.RunOnApproval {
		errs.Addf("ApprovalMaxAge", "%s is set without `RunOnApproval`; it is the longest time without a success that approval-started scoring allows", a.ApprovalMaxAge)
	} else {
		workflow.ValidateMaxAge(errs, "ApprovalMaxAge", a.ApprovalMaxAge)
	}
	errs.Field("LogRetentionDays", logs.CheckRetention(a.LogRetentionDays))
	alerting.TopicArgs{ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail}.Validate(errs)
	errs.Add(naming.CheckChildren(kind, name, childNames(name, a)))
	errs.Add(naming.CheckStable(kind, name, a.StableName, childNames(a.StableName, a)))
	a.StableName = naming.Stable(name, a.StableName)
	return a, errs.Err()
}

// errNoRepositories says why a package group needs repositories.
const errNoRepositories = "is empty; with `ModelPackageGroupName` each run's model pulls the approved package's inference image: give its ECR repository ARNs, e.g. a TrainingPipeline's InferenceImageRepositoryArn"

// repositoryField names the i-th of EcrRepositoryArns in errors.
func repositoryField(i int) string { return fmt.Sprintf("EcrRepositoryArns[%d]", i) }

// childNames are the auto-named children whose names AWS limits.
func childNames(name string, a BatchInferenceArgs) map[string]naming.Kind {
	names := map[string]naming.Kind{
		naming.Child(name, "model-role"): naming.IAMRole,
		naming.Child(name, "alerts"):     naming.SNSTopic,
	}
	if a.Image != nil {
		names[naming.Child(name, "model")] = naming.SageMaker
	}
	maps.Copy(names, workflow.ChildNames(name))
	maps.Copy(names, workflow.TriggerChildNames(name))
	if a.RunOnApproval {
		maps.Copy(names, workflow.RuleStartChildNames(name, approvalPrefix))
	}
	if a.ApprovalMaxAge > 0 {
		maps.Copy(names, workflow.MaxAgeChildNames(name))
	}
	return names
}
