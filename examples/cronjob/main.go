// Command cronjob-example runs a nightly export on ECS Fargate with
// schedkit's CronJob: one run at a time, its real exit code, alerts by email.
//
//	go run . synth --stack dev   # the dev stack (Pulumi.dev.yaml), planned offline
//	pulumi config set --path 'subnetIds[0]' subnet-...      # your own subnets and
//	pulumi config set --path 'securityGroupIds[0]' sg-...   # security groups, then
//	pulumi up --stack dev
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/trigger"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	var subnets, groups []string
	cfg.RequireObject("subnetIds", &subnets)
	cfg.RequireObject("securityGroupIds", &groups)

	job, err := cronjob.NewCronJob(ctx, "nightly-export", &cronjob.CronJobArgs{
		Image:   pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/export:2.3.1"),
		Command: []string{"export", "--date", "yesterday"},
		Cpu:     512,
		Memory:  1024,
		Secrets: map[string]pulumi.StringInput{
			"WAREHOUSE_PASSWORD": pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:warehouse-AbCdEf"),
		},
		TaskPolicyStatements: []iampolicy.Statement{{
			Sid:       "WriteExports",
			Actions:   []string{"s3:PutObject"},
			Resources: iampolicy.Strings("arn:aws:s3:::example-exports/nightly/*"),
		}},
		Subnets:        pulumi.ToStringArray(subnets),
		SecurityGroups: pulumi.ToStringArray(groups),
		Schedule:       trigger.Schedule{Expression: "cron(30 1 * * ? *)", Timezone: "Europe/Berlin"},
		AlertEmail:     "data-oncall@example.com",
	})
	if err != nil {
		return err
	}
	ctx.Export("stateMachineArn", job.StateMachineArn)
	ctx.Export("alertTopicArn", job.AlertTopicArn)
	return nil
}
