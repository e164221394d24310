package cronjob

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/schedkit/schedkit/components/internal/alerting"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/images"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/policy"
)

// kind names the component in error messages.
const kind = "cronjob"

var (
	envName   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	secretARN = regexp.MustCompile(`^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter/.+)$`)
)

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, raw *CronJobArgs) error {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Image, Schedule.Expression, Subnets and SecurityGroups are required")
		return errs.Err()
	}
	if raw.ClusterArn != nil && raw.Cluster != nil {
		errs.Addf("Cluster", "is set together with `ClusterArn`; give an existing cluster or settings for a new one, not both")
	}
	alerting.TopicArgs{ExistingArn: raw.AlertTopicArn, ExistingKeyArn: raw.AlertTopicKmsKeyArn, Email: raw.AlertEmail}.Validate(errs)
	a := withDefaults(*raw)

	if a.Image == nil {
		errs.Addf("Image", "is required")
	} else if s, ok := a.Image.(pulumi.String); ok {
		errs.Field("Image", images.Check(string(s)))
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
		if !envName.MatchString(k) {
			errs.Addf("Environment", "name %q is not a valid environment variable name", k)
		}
		if policy.CredentialName(k) {
			errs.Addf("Environment", "%q looks like a credential; pass it in `Secrets` as a Secrets Manager or SSM ARN, never as plaintext", k)
		}
		if a.Environment[k] == nil {
			errs.Addf("Environment", "%q has a nil value", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.Secrets)) {
		if !envName.MatchString(k) {
			errs.Addf("Secrets", "name %q is not a valid environment variable name", k)
		}
		if _, dup := a.Environment[k]; dup {
			errs.Addf("Secrets", "%q is also in `Environment`; a variable comes from one place", k)
		}
		switch v := a.Secrets[k].(type) {
		case nil:
			errs.Addf("Secrets", "%q has a nil value", k)
		case pulumi.String:
			errs.Field(fmt.Sprintf("Secrets[%q]", k), checkSecretARN(string(v)))
		}
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
	} else if s, ok := a.Subnets.(pulumi.StringArray); ok && len(s) == 0 {
		errs.Addf("Subnets", "is empty: give at least one subnet")
	}
	if a.SecurityGroups == nil {
		errs.Addf("SecurityGroups", "is required: give the security groups of the task")
	} else if s, ok := a.SecurityGroups.(pulumi.StringArray); ok && len(s) == 0 {
		errs.Addf("SecurityGroups", "is empty: give at least one security group")
	}

	workflow.ValidateSchedule(errs, "Schedule", raw.Schedule)

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
	return errs.Err()
}

// checkSecretARN accepts a Secrets Manager secret ARN (optionally with a
// JSON key suffix) or an SSM parameter ARN.
func checkSecretARN(arn string) error {
	if !secretARN.MatchString(arn) {
		return fmt.Errorf("%q is not a Secrets Manager secret or SSM parameter ARN", arn)
	}
	return nil
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
