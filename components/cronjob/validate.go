package cronjob

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/verify"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// kind names the component in error messages.
const kind = "cronjob"

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, raw *CronJobArgs) (CronJobArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Image, Schedule.Expression, Subnets and SecurityGroups are required")
		return CronJobArgs{}, errs.Err()
	}
	if raw.ClusterArn != nil && raw.Cluster != nil {
		errs.Addf("Cluster", "is set together with `ClusterArn`; give an existing cluster or settings for a new one, not both")
	}
	alerting.TopicArgs{ExistingArn: raw.AlertTopicArn, ExistingKeyArn: raw.AlertTopicKmsKeyArn, Email: raw.AlertEmail}.Validate(errs)
	a := withDefaults(*raw)
	tags.Validate(errs, a.Tags)
	errs.Plain("ClusterArn", a.ClusterArn, verify.ECSClusterARN)
	errs.Plain("EcrRepositoryArn", a.EcrRepositoryArn, verify.ECRRepositoryARN)
	errs.Plain("SecretsKmsKeyArn", a.SecretsKmsKeyArn, verify.KMSKeyARN)

	if a.Image == nil {
		errs.Addf("Image", "is required")
	} else if s, ok := a.Image.(pulumi.String); ok {
		errs.Field("Image", verify.Image(string(s)))
	}

	sizes, ok := fargateMemory[a.Cpu]
	if !ok {
		errs.Addf("Cpu", "%d is not a Fargate size (256, 512, 1024, 2048, 4096, 8192, 16384)", a.Cpu)
	} else if !contains(sizes, a.Memory) {
		errs.Addf("Memory", "%d MiB does not fit Cpu %d; Fargate allows %s", a.Memory, a.Cpu, describeSizes(sizes))
	}
	errs.OneOf("CpuArchitecture", a.CpuArchitecture, "X86_64", "ARM64")
	if a.CpuArchitecture == "ARM64" && a.CapacityProvider == "FARGATE_SPOT" {
		errs.Addf("CapacityProvider", "FARGATE_SPOT does not run ARM64 tasks")
	}
	errs.OneOf("CapacityProvider", a.CapacityProvider, "FARGATE", "FARGATE_SPOT")

	for _, k := range slices.Sorted(maps.Keys(a.Environment)) {
		errs.Field("Environment", verify.PlaintextEnv(k, "pass it in `Secrets` as a Secrets Manager or SSM ARN"))
		if a.Environment[k] == nil {
			errs.Addf("Environment", "%q has a nil value", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.Secrets)) {
		errs.Field("Secrets", verify.EnvName(k))
		if _, dup := a.Environment[k]; dup {
			errs.Addf("Secrets", "%q is also in `Environment`; a variable comes from one place", k)
		}
		if a.Secrets[k] == nil {
			errs.Addf("Secrets", "%q has a nil value", k)
		}
		errs.Plain(fmt.Sprintf("Secrets[%q]", k), a.Secrets[k], verify.ECSSecretARN)
	}
	if a.EphemeralStorageGiB != 0 {
		errs.Range("EphemeralStorageGiB", a.EphemeralStorageGiB, 21, 200)
	}
	if a.StopTimeout < 2*time.Second || a.StopTimeout > 120*time.Second {
		errs.Addf("StopTimeout", "%s is outside 2s–2m0s", a.StopTimeout)
	}
	errs.Field("LogRetentionDays", logs.CheckRetention(a.LogRetentionDays))
	if a.Family != "" {
		errs.Add(naming.CheckExact(kind, name, "Family", naming.TaskFamily, a.Family))
	}
	for i, s := range a.TaskPolicyStatements {
		errs.Field(fmt.Sprintf("TaskPolicyStatements[%d]", i), s.ValidateGrant())
	}

	if a.Subnets == nil {
		errs.Addf("Subnets", "is required: give the private subnets the task runs in")
	}
	if a.SecurityGroups == nil {
		errs.Addf("SecurityGroups", "is required: give the security groups of the task")
	}
	errs.PlainList("Subnets", a.Subnets, verify.RunTaskSubnets, verify.SubnetID)
	errs.PlainList("SecurityGroups", a.SecurityGroups, verify.RunTaskSecurityGroups, verify.SecurityGroupID)

	workflow.ValidateSchedule(errs, "Schedule", a.Schedule)

	if a.MaxRuntime <= 0 {
		errs.Addf("MaxRuntime", "%s is not positive", a.MaxRuntime)
	} else if a.MaxRuntime > workflow.MaxRuntime {
		errs.Addf("MaxRuntime", "%s is over the Step Functions limit of %s", a.MaxRuntime, workflow.MaxRuntime)
	} else if a.MaxRuntime%time.Second != 0 {
		errs.Addf("MaxRuntime", "%s is not a whole number of seconds", a.MaxRuntime)
	}
	errs.Range("StartAttempts", a.StartAttempts, 1, 10)
	errs.Range("SkipAlarmRuns", a.SkipAlarmRuns, 1, MaxSkipAlarmRuns)

	errs.Add(naming.CheckChildren(kind, name, childNames(name)))
	errs.Add(naming.CheckStable(kind, name, a.StableName, childNames(a.StableName)))
	a.StableName = naming.Stable(name, a.StableName)
	return a, errs.Err()
}

func contains(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

func describeSizes(sizes []int) string {
	if len(sizes) <= 3 {
		parts := make([]string, len(sizes))
		for i, s := range sizes {
			parts[i] = fmt.Sprint(s)
		}
		return strings.Join(parts, ", ") + " MiB"
	}
	return fmt.Sprintf("%d–%d MiB in steps of %d", sizes[0], sizes[len(sizes)-1], sizes[1]-sizes[0])
}

// Validate reports every problem of args for a component named name, as the
// constructor does, without registering anything: a composite that builds
// this component calls it before registering any of its own children.
func Validate(name string, args *CronJobArgs) error {
	_, err := validate(name, args)
	return err
}
