package cronjob

import (
	"fmt"
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
		{"name over the schedule name limit", func(a *CronJobArgs) {}, "`name` is 42 characters, too long for the names AWS gives its children: EventBridge Scheduler schedule name \"" + strings.Repeat("n", 42) + "-deadline-check\" with Pulumi's 8-character suffix is 65 characters, over the limit of 64; a cronjob name may have at most 41 characters"},
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
		{"more subnets than RunTask takes", func(a *CronJobArgs) { a.Subnets = ids("subnet", 17) }, "`Subnets` has 17 subnets; ECS RunTask allows at most 16"},
		{"more security groups than RunTask takes", func(a *CronJobArgs) { a.SecurityGroups = ids("sg", 6) }, "`SecurityGroups` has 6 security groups; ECS RunTask allows at most 5"},
		{"subnet that is no id", func(a *CronJobArgs) { a.Subnets = pulumi.ToStringArray([]string{"private-a"}) }, "`Subnets[0]` \"private-a\" is not a subnet id"},
		{"security group by name", func(a *CronJobArgs) { a.SecurityGroups = pulumi.ToStringArray([]string{"default"}) }, "`SecurityGroups[0]` \"default\" is not a security group id"},
		{"cluster that is no cluster ARN", func(a *CronJobArgs) {
			a.ClusterArn = pulumi.String("arn:aws:ecs:us-east-1:123456789012:service/shared/x")
		}, "`ClusterArn` \"arn:aws:ecs:us-east-1:123456789012:service/shared/x\" is not an ECS cluster ARN"},
		{"repository that is an image", func(a *CronJobArgs) {
			a.EcrRepositoryArn = pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/export")
		}, "`EcrRepositoryArn` \"123456789012.dkr.ecr.us-east-1.amazonaws.com/export\" is not an ECR repository ARN"},
		{"secrets key that is an alias", func(a *CronJobArgs) { a.SecretsKmsKeyArn = pulumi.String("alias/secrets") }, "`SecretsKmsKeyArn` \"alias/secrets\" is not a KMS key ARN"},
		{"alert topic that is a queue", func(a *CronJobArgs) {
			a.AlertEmail, a.AlertTopicArn = "", pulumi.String("arn:aws:sqs:us-east-1:123456789012:alerts")
		}, "`AlertTopicArn` \"arn:aws:sqs:us-east-1:123456789012:alerts\" is not an SNS topic ARN"},
		{"reserved tag key", func(a *CronJobArgs) { a.Tags = map[string]string{"aws:owner": "data"} }, "`Tags` key \"aws:owner\" starts with \"aws:\""},
		{"tag key too long", func(a *CronJobArgs) { a.Tags = map[string]string{strings.Repeat("k", 129): "v"} }, "a tag key has at most 128"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := validArgs()
			tc.mutate(args)
			name := "nightly"
			if tc.name == "name over the schedule name limit" {
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
	err := errOf(validate("nightly", args))
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

// ids is n distinct ids of a VPC resource kind ("subnet", "sg").
func ids(kind string, n int) pulumi.StringArray {
	out := pulumi.StringArray{}
	for i := range n {
		out = append(out, pulumi.String(fmt.Sprintf("%s-%08x", kind, i+1)))
	}
	return out
}

func TestCronJob_valuesKnownOnlyAtDeployTimeAreCheckedThenWithTheSameMessage(t *testing.T) {
	cases := []struct {
		field string
		set   func(a *CronJobArgs, v pulumi.StringInput)
		bad   string
	}{
		{"Image", func(a *CronJobArgs, v pulumi.StringInput) { a.Image = v }, ""},
		{"ClusterArn", func(a *CronJobArgs, v pulumi.StringInput) { a.ClusterArn = v }, "shared"},
		{"EcrRepositoryArn", func(a *CronJobArgs, v pulumi.StringInput) { a.EcrRepositoryArn = v }, "export"},
		{"SecretsKmsKeyArn", func(a *CronJobArgs, v pulumi.StringInput) { a.SecretsKmsKeyArn = v }, "alias/secrets"},
		{`Secrets["DB_PASSWORD"]`, func(a *CronJobArgs, v pulumi.StringInput) {
			a.Secrets = map[string]pulumi.StringInput{"DB_PASSWORD": v}
		}, "hunter2"},
		{"Subnets[1]", func(a *CronJobArgs, v pulumi.StringInput) {
			a.Subnets = pulumi.StringArray{pulumi.String("subnet-0a0a0a0a"), v}
		}, "private-b"},
		{"AlertTopicArn", func(a *CronJobArgs, v pulumi.StringInput) { a.AlertEmail, a.AlertTopicArn = "", v }, "alerts"},
		{"AlertTopicKmsKeyArn", func(a *CronJobArgs, v pulumi.StringInput) {
			a.AlertEmail, a.AlertTopicArn, a.AlertTopicKmsKeyArn = "", pulumi.String("arn:aws:sns:us-east-1:123456789012:alerts"), v
		}, "alias/alerts"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := validArgs(), validArgs()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, synthtest.Program(NewCronJob, "nightly", plain), synthtest.Program(NewCronJob, "nightly", output), options)
			assert.Contains(t, msg, "cronjob \"nightly\": `"+c.field+"`")
		})
	}
	// A whole list known only at deploy time is counted then.
	args := validArgs()
	args.SecurityGroups = ids("sg", 6).ToStringArrayOutput()
	err := synthtest.RunError(t, synthtest.Program(NewCronJob, "nightly", args), options)
	assert.Equal(t, "synth test/dev: cronjob \"nightly\": `SecurityGroups` has 6 security groups; ECS RunTask allows at most 5", err.Error())
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }

// A task policy past IAM's limit for one role's inline policies is refused
// with the field it came from, at plan time for plain values and at deploy
// time for Outputs, before AWS refuses it at apply.
func TestCronJob_taskPolicyPastIAMsRoleLimit(t *testing.T) {
	objects := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("arn:aws:s3:::acme-exports/daily/part-%05d.csv", i)
		}
		return out
	}
	withObjects := func(n int) *CronJobArgs {
		a := validArgs()
		a.TaskPolicyStatements = []iampolicy.Statement{{Sid: "ReadParts", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Strings(objects(n)...)}}
		return a
	}
	synthtest.Run(t, synthtest.Program(NewCronJob, "nightly", withObjects(200)), options)
	err := synthtest.RunError(t, synthtest.Program(NewCronJob, "nightly", withObjects(300)), options)
	// 300 ARNs of 47 characters with quotes and commas are 14,399 characters
	// before the statement's own; the exact count is verify's to test.
	assert.Regexp(t, "^synth test/dev: cronjob \"nightly\": `TaskPolicyStatements` gives a role inline policies of 14[4-9][0-9][0-9] characters \\(white space not counted\\); IAM allows 10240 for one role's inline policies together: grant fewer, wider resources \\(a prefix instead of many objects\\)$", err.Error())
}
