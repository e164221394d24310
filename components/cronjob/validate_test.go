package cronjob

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestCronJob_rejectsBadInputBeforeRegistering(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *CronJobArgs)
		want   string
	}{
		{"nil image", func(a *CronJobArgs) { a.Image = nil }, "`Image` is required"},
		{"empty image", func(a *CronJobArgs) { a.Image = pulumi.String("") }, "`Image` is empty"},
		{"cpu not a Fargate size", func(a *CronJobArgs) { a.Cpu = 300 }, "`Cpu` 300 is not a Fargate size (256, 512, 1024, 2048, 4096, 8192, 16384)"},
		{"memory outside the cpu's range", func(a *CronJobArgs) { a.Cpu, a.Memory = 256, 4096 }, "`Memory` 4096 MiB does not fit Cpu 256; Fargate allows 512, 1024, 2048 MiB"},
		{"memory off the 1 GiB steps", func(a *CronJobArgs) { a.Cpu, a.Memory = 2048, 5000 }, "`Memory` 5000 MiB does not fit Cpu 2048; Fargate allows 4096–16384 MiB in steps of 1024"},
		{"unknown architecture", func(a *CronJobArgs) { a.CpuArchitecture = "ARM" }, "`CpuArchitecture` \"ARM\" is not one of X86_64, ARM64"},
		{"five-field cron", func(a *CronJobArgs) { a.Schedule.Expression = "cron(0 2 * * *)" }, "`Schedule.Expression` \"cron(0 2 * * *)\" has 5 cron fields; EventBridge needs 6"},
		{"cron without ?", func(a *CronJobArgs) { a.Schedule.Expression = "cron(0 2 * * * *)" }, "exactly one of day-of-month (*) and day-of-week (*) must be ?"},
		{"malformed expression", func(a *CronJobArgs) { a.Schedule.Expression = "every night" }, "`Schedule.Expression` \"every night\" is not cron(...), rate(...) or at(...)"},
		{"missing expression", func(a *CronJobArgs) { a.Schedule.Expression = "" }, "`Schedule.Expression` is required"},
		{"unknown time zone", func(a *CronJobArgs) { a.Schedule.Timezone = "Mars/Olympus" }, "`Schedule.Timezone` \"Mars/Olympus\" is not an IANA time zone"},
		{"zero max runtime", func(a *CronJobArgs) { a.MaxRuntime = -time.Minute }, "`MaxRuntime` -1m0s is not positive"},
		{"max runtime over the limit", func(a *CronJobArgs) { a.MaxRuntime = 400 * 24 * time.Hour }, "`MaxRuntime` 9600h0m0s is over the Step Functions limit of 8760h0m0s"},
		{"no subnets", func(a *CronJobArgs) { a.Subnets = nil }, "`Subnets` is required"},
		{"empty subnets", func(a *CronJobArgs) { a.Subnets = pulumi.StringArray{} }, "`Subnets` is empty"},
		{"no security groups", func(a *CronJobArgs) { a.SecurityGroups = nil }, "`SecurityGroups` is required"},
		{"secret that is not an ARN", func(a *CronJobArgs) {
			a.Secrets = map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.String("hunter2")}
		}, "`Secrets[\"DB_PASSWORD\"]` \"hunter2\" is not a Secrets Manager secret or SSM parameter ARN"},
		{"credential in plaintext environment", func(a *CronJobArgs) {
			a.Environment = map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.String("hunter2")}
		}, "`Environment` \"DB_PASSWORD\" looks like a credential; pass it in `Secrets`"},
		{"name over the IAM role limit", func(a *CronJobArgs) {}, "`name` is 42 characters, too long for the names AWS gives its children: IAM role name \"" + strings.Repeat("n", 42) + "-execution-role\" with Pulumi's 8-character suffix is 65 characters, over the limit of 64; a cronjob name may have at most 41 characters"},
		{"both cluster and cluster settings", func(a *CronJobArgs) {
			a.ClusterArn = pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/shared")
			a.Cluster = &ClusterArgs{}
		}, "`Cluster` is set together with `ClusterArn`"},
		{"alert email that is no address", func(a *CronJobArgs) { a.AlertEmail = "oncall" }, "`AlertEmail` \"oncall\" is not an email address"},
		{"alert key without a topic", func(a *CronJobArgs) {
			a.AlertTopicKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k")
		}, "`AlertTopicKmsKeyArn` is set without `AlertTopicArn`"},
		{"alert email with a given topic", func(a *CronJobArgs) {
			a.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:alerts")
			a.AlertEmail = "oncall@example.com"
		}, "`AlertEmail` \"oncall@example.com\" is set with `AlertTopicArn`"},
		{"start attempts out of range", func(a *CronJobArgs) { a.StartAttempts = 11 }, "`StartAttempts` 11 is outside 1–10"},
		{"skip alarm after more than 10 runs", func(a *CronJobArgs) { a.SkipAlarmRuns = 11 }, "`SkipAlarmRuns` 11 is outside 1–10"},
		{"negative skip alarm runs", func(a *CronJobArgs) { a.SkipAlarmRuns = -1 }, "`SkipAlarmRuns` -1 is outside 1–10"},
		{"scheduler retries out of range", func(a *CronJobArgs) { n := 200; a.Schedule.RetryAttempts = &n }, "`Schedule.RetryAttempts` 200 is outside 0–185"},
		{"event age too short", func(a *CronJobArgs) { a.Schedule.MaxEventAge = time.Second }, "`Schedule.MaxEventAge` 1s is outside 1m0s–24h0m0s"},
		{"end before start", func(a *CronJobArgs) {
			a.Schedule.StartDate, a.Schedule.EndDate = "2027-02-01T00:00:00Z", "2027-01-01T00:00:00Z"
		}, "`Schedule.EndDate` 2027-01-01T00:00:00Z is not after `Schedule.StartDate`"},
		{"flexible window too wide", func(a *CronJobArgs) { a.Schedule.FlexibleWindowMinutes = 1441 }, "`Schedule.FlexibleWindowMinutes` 1441 is outside 1–1440"},
		{"log retention CloudWatch refuses", func(a *CronJobArgs) { a.LogRetentionDays = 10 }, "`LogRetentionDays` 10 is not a CloudWatch Logs retention"},
		{"ephemeral storage too small", func(a *CronJobArgs) { a.EphemeralStorageGiB = 10 }, "`EphemeralStorageGiB` 10 is outside 21–200"},
		{"stop timeout too long", func(a *CronJobArgs) { a.StopTimeout = 5 * time.Minute }, "`StopTimeout` 5m0s is outside 2s–2m0s"},
		{"spot on ARM", func(a *CronJobArgs) { a.CpuArchitecture, a.CapacityProvider = "ARM64", "FARGATE_SPOT" }, "`CapacityProvider` FARGATE_SPOT does not run ARM64 tasks"},
		{"wildcard task permission", func(a *CronJobArgs) {
			a.TaskPolicyStatements = []iampolicy.Statement{{Actions: []string{"s3:*"}, Resources: iampolicy.Strings("*")}}
		}, "`TaskPolicyStatements[0]` action \"s3:*\" is a wildcard"},
		{"family with a space", func(a *CronJobArgs) { a.Family = "bad family" }, "`Family` \"bad family\" is not a valid ECS task definition family"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := validArgs()
			tc.mutate(args)
			name := "nightly"
			if tc.name == "name over the IAM role limit" {
				name = strings.Repeat("n", 42)
			}
			err := synthtest.Reject(t, synthtest.Program(NewCronJob, name, args), options)
			assert.Contains(t, err.Error(), "cronjob \""+name+"\": ")
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestCronJob_reportsEveryProblemAtOnce(t *testing.T) {
	args := validArgs()
	args.Cpu = 300
	args.Subnets = nil
	args.Schedule.Expression = "cron(0 2 * * *)"
	err := validate("nightly", args)
	require.Error(t, err)
	for _, field := range []string{"`Cpu`", "`Subnets`", "`Schedule.Expression`"} {
		assert.Contains(t, err.Error(), field)
	}
}

func TestCronJob_nilArgsIsAnError(t *testing.T) {
	err := synthtest.Reject(t, synthtest.Program(NewCronJob, "nightly", nil), options)
	assert.Contains(t, err.Error(), "cronjob \"nightly\": `args` is nil")
}

func TestCronJob_longestNameThatFitsIsAccepted(t *testing.T) {
	name := strings.Repeat("n", 41) // + "-scheduler-role" + 8-character suffix = 64
	synthtest.Run(t, synthtest.Program(NewCronJob, name, validArgs()), options)
}

func TestCronJob_imageKnownOnlyAtDeployTimeIsCheckedThen(t *testing.T) {
	args := validArgs()
	args.Image = pulumi.String("").ToStringOutput()
	err := synthtest.RunError(t, synthtest.Program(NewCronJob, "nightly", args), options)
	assert.Contains(t, err.Error(), "cronjob \"nightly\": `Image` is empty")
}
