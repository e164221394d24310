package batch

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

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
const kind = "batchworkflow"

var stepName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// maxStateName is the longest Step Functions state name.
const maxStateName = 80

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, raw *BatchWorkflowArgs) (BatchWorkflowArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Steps is required")
		return BatchWorkflowArgs{}, errs.Err()
	}
	alerting.TopicArgs{ExistingArn: raw.AlertTopicArn, ExistingKeyArn: raw.AlertTopicKmsKeyArn, Email: raw.AlertEmail}.Validate(errs)
	a := withDefaults(name, *raw)
	tags.Validate(errs, a.Tags)
	if len(a.Steps) == 0 {
		errs.Addf("Steps", "is empty: give at least one step")
	}
	seen := map[string]string{}
	for i, s := range a.Steps {
		validateStep(errs, fmt.Sprintf("Steps[%d]", i), s, seen, false)
	}
	if a.MaxRuntime <= 0 || a.MaxRuntime > workflow.MaxRuntime || a.MaxRuntime%time.Second != 0 {
		errs.Addf("MaxRuntime", "%s is outside 1s–%s in whole seconds (the Step Functions limit)", a.MaxRuntime, workflow.MaxRuntime)
	}
	errs.Field("LogRetentionDays", logs.CheckRetention(a.LogRetentionDays))
	if a.Schedule != nil {
		workflow.ValidateSchedule(errs, "Schedule", *a.Schedule)
	}
	if a.S3Trigger != nil {
		workflow.ValidateObjectCreated(errs, "S3Trigger", *a.S3Trigger)
	}
	errs.Add(naming.CheckChildren(kind, name, childNames(name, a)))
	errs.Add(naming.CheckStable(kind, name, a.StableName, childNames(a.StableName, a)))
	a.StableName = naming.Stable(name, a.StableName)
	return a, errs.Err()
}

// validateStep records every problem of a defaulted step; seen maps state
// names already used to the field that used them.
func validateStep(errs *check.Errors, field string, s Step, seen map[string]string, child bool) {
	switch {
	case s.Name == "":
		errs.Addf(field+".Name", "is empty")
	case len(s.Name) > maxStateName:
		errs.Addf(field+".Name", "%q is %d characters; a Step Functions state name has at most %d", s.Name, len(s.Name), maxStateName)
	case !stepName.MatchString(s.Name):
		errs.Addf(field+".Name", "%q may contain only letters, digits, - and _ (it is also the key of the step's result)", s.Name)
	case reservedName.MatchString(s.Name):
		errs.Addf(field+".Name", "%q is the name of a state schedkit adds; choose another", s.Name)
	default:
		if prev, dup := seen[s.Name]; dup {
			errs.Addf(field+".Name", "%q is a duplicate of `%s.Name`; step names are unique in the workflow, Map child steps included", s.Name, prev)
		} else {
			seen[s.Name] = field
		}
	}
	kinds := 0
	for _, set := range []bool{s.ECSTask != nil, s.Lambda != nil, s.Transform != nil, s.Map != nil} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		errs.Addf(field, "sets %d of ECSTask, Lambda, Transform and Map; set exactly one", kinds)
		return
	}
	if s.Map == nil && (s.Timeout <= 0 || s.Timeout > workflow.MaxRuntime || s.Timeout%time.Second != 0) {
		errs.Addf(field+".Timeout", "%s is outside 1s–%s in whole seconds", s.Timeout, workflow.MaxRuntime)
	}
	retry.Validate(errs, field+".Retry", *s.Retry)
	switch {
	case s.ECSTask != nil:
		validateECS(errs, field+".ECSTask", s.ECSTask)
	case s.Lambda != nil:
		if s.Lambda.FunctionArn == nil {
			errs.Addf(field+".Lambda.FunctionArn", "is required")
		}
		errs.Plain(field+".Lambda.FunctionArn", s.Lambda.FunctionArn, verify.LambdaFunctionARN)
	case s.Transform != nil:
		if child {
			errs.Addf(field+".Transform", "cannot run per Map item; a transform reads its whole input prefix")
		}
		if s.Transform.ModelName == nil {
			errs.Addf(field+".Transform.ModelName", "is required: the SageMaker model the transform runs")
		}
		errs.Plain(field+".Transform.OutputKmsKeyArn", s.Transform.OutputKmsKeyArn, verify.KMSKeyARN)
		sagemaker.ValidateTransform(errs, field+".Transform", *s.Transform)
		if s.Timeout > sagemaker.MaxRuntime {
			errs.Addf(field+".Timeout", "%s is beyond SageMaker's limit of 28 days (%s)", s.Timeout, sagemaker.MaxRuntime)
		}
	case s.Map != nil:
		if child {
			errs.Addf(field+".Map", "cannot be nested in a Map")
			return
		}
		if s.Timeout != 0 {
			errs.Addf(field+".Timeout", "%s is set on a Map, which has no timeout of its own; set `%s.Map.Step.Timeout` per item", s.Timeout, field)
		}
		validateMap(errs, field+".Map", s.Map, seen)
	}
}

func validateECS(errs *check.Errors, field string, e *ECSTaskStep) {
	required := map[string]bool{
		"ClusterArn": e.ClusterArn != nil, "TaskDefinitionArn": e.TaskDefinitionArn != nil,
		"TaskRoleArn": e.TaskRoleArn != nil, "ExecutionRoleArn": e.ExecutionRoleArn != nil,
		"Subnets": e.Subnets != nil, "SecurityGroups": e.SecurityGroups != nil,
	}
	for _, k := range slices.Sorted(maps.Keys(required)) {
		if !required[k] {
			errs.Addf(field+"."+k, "is required")
		}
	}
	errs.Plain(field+".ClusterArn", e.ClusterArn, verify.ECSClusterARN)
	errs.Plain(field+".TaskDefinitionArn", e.TaskDefinitionArn, verify.TaskDefinitionARN)
	errs.Plain(field+".TaskRoleArn", e.TaskRoleArn, verify.IAMRoleARN)
	errs.Plain(field+".ExecutionRoleArn", e.ExecutionRoleArn, verify.IAMRoleARN)
	errs.PlainList(field+".Subnets", e.Subnets, verify.RunTaskSubnets, verify.SubnetID)
	errs.PlainList(field+".SecurityGroups", e.SecurityGroups, verify.RunTaskSecurityGroups, verify.SecurityGroupID)
	if e.Family == "" {
		errs.Addf(field+".Family", "is required: the workflow may run only this family's task definitions")
	} else {
		errs.Add(naming.CheckExact(kind, errs.Name(), field+".Family", naming.TaskFamily, e.Family))
	}
	if e.ContainerName == "" {
		errs.Addf(field+".ContainerName", "is required: the container that gets the step's input and overrides")
	}
	errs.OneOf(field+".CapacityProvider", e.CapacityProvider, "FARGATE", "FARGATE_SPOT")
	for _, k := range slices.Sorted(maps.Keys(e.Environment)) {
		checkEnvName(errs, field+".Environment", k)
	}
	for _, k := range slices.Sorted(maps.Keys(e.EnvironmentPaths)) {
		checkEnvName(errs, field+".EnvironmentPaths", k)
		if _, dup := e.Environment[k]; dup {
			errs.Addf(field+".EnvironmentPaths", "%q is also in `Environment`; a variable comes from one place", k)
		}
		if p := e.EnvironmentPaths[k]; !strings.HasPrefix(p, "$") {
			errs.Addf(field+".EnvironmentPaths", "%q: %q is not a JSONPath (it starts with $)", k, p)
		}
	}
	if _, dup := e.Environment[InputEnvironmentName]; dup {
		errs.Addf(field+".Environment", "%q is set by schedkit to the step's input", InputEnvironmentName)
	}
	if _, dup := e.EnvironmentPaths[InputEnvironmentName]; dup {
		errs.Addf(field+".EnvironmentPaths", "%q is set by schedkit to the step's input", InputEnvironmentName)
	}
}

func checkEnvName(errs *check.Errors, field, k string) {
	errs.Field(field, verify.PlaintextEnv(k, "read secrets from Secrets Manager in the task definition"))
}

func validateMap(errs *check.Errors, field string, m *MapStep, seen map[string]string) {
	switch {
	case m.ItemsS3Uri != "" && m.ManifestS3Uri != "":
		errs.Addf(field+".ManifestS3Uri", "is set together with `ItemsS3Uri`; read a prefix or a manifest, not both")
	case m.ItemsS3Uri != "":
		if _, err := s3uri.Parse(m.ItemsS3Uri); err != nil {
			errs.Field(field+".ItemsS3Uri", err)
		}
		if m.ManifestType != "" {
			errs.Addf(field+".ManifestType", "%q is set without `ManifestS3Uri`", m.ManifestType)
		}
	case m.ManifestS3Uri != "":
		if _, err := s3uri.Parse(m.ManifestS3Uri); err != nil {
			errs.Field(field+".ManifestS3Uri", err)
		}
		errs.OneOf(field+".ManifestType", m.ManifestType, "JSON", "CSV", "MANIFEST")
	default:
		errs.Addf(field+".ItemsS3Uri", "is empty and so is `ManifestS3Uri`; give the items' prefix or manifest")
	}
	if m.ResultsS3Uri != "" {
		if _, err := s3uri.Parse(m.ResultsS3Uri); err != nil {
			errs.Field(field+".ResultsS3Uri", err)
		}
	}
	if m.MaxConcurrency < 0 {
		errs.Addf(field+".MaxConcurrency", "%d is negative", m.MaxConcurrency)
	} else {
		errs.Range(field+".MaxConcurrency", m.MaxConcurrency, 1, 10000)
	}
	if p := *m.ToleratedFailurePercentage; p < 0 || p > 100 {
		errs.Addf(field+".ToleratedFailurePercentage", "%g is outside 0–100", p)
	}
	if m.Step.ECSTask == nil && m.Step.Lambda == nil && m.Step.Transform == nil && m.Step.Map == nil {
		errs.Addf(field+".Step", "is empty: give the ECS task or Lambda each item runs")
		return
	}
	validateStep(errs, field+".Step", m.Step, seen, true)
}

// childNames are the auto-named children whose names AWS limits.
func childNames(name string, a BatchWorkflowArgs) map[string]naming.Kind {
	names := map[string]naming.Kind{naming.Child(name, "alerts"): naming.SNSTopic}
	maps.Copy(names, workflow.ChildNames(name))
	if a.Schedule != nil {
		maps.Copy(names, workflow.TriggerChildNames(name))
	}
	if a.S3Trigger != nil {
		maps.Copy(names, workflow.ObjectCreatedChildNames(name))
	}
	return names
}
