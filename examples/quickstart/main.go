// Command quickstart is the smallest complete schedkit project: a nightly
// report job on ECS Fargate (schedkit's CronJob), configured per stack.
//
//	go run . synth --stack dev   # the plan, offline, checked against schedkit's policy rules
//	go test ./...                # the program's own tests
//	pulumi up --stack dev        # deploys it
//
// Copy this folder to start a project of your own: see the quick start in
// schedkit's README and its docs/getting-started.md.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/trigger"
)

// main is pulumi.Run(program) under `pulumi up`, and the offline synth,
// diff and cost commands when run by hand.
func main() { cli.Main(program) }

// program reads the stack's configuration (declared in Pulumi.yaml, set in
// Pulumi.<stack>.yaml) and creates the job.
func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	var subnets, securityGroups []string
	cfg.RequireObject("subnetIds", &subnets)
	cfg.RequireObject("securityGroupIds", &securityGroups)
	enabled := cfg.GetBool("scheduleEnabled")

	job, err := cronjob.NewCronJob(ctx, "nightly-report", &cronjob.CronJobArgs{
		Image:   pulumi.String(cfg.Require("image")),
		Command: []string{"report", "--date", "yesterday"},
		// The job's password stays in Secrets Manager: ECS injects it at
		// start, and the execution role may read exactly this secret.
		Secrets: map[string]pulumi.StringInput{
			"DATABASE_PASSWORD": pulumi.String(cfg.Require("databaseSecretArn")),
		},
		Subnets:        pulumi.ToStringArray(subnets),
		SecurityGroups: pulumi.ToStringArray(securityGroups),
		Schedule: trigger.Schedule{
			Expression: cfg.Require("schedule"),
			Timezone:   cfg.Require("timezone"),
			Enabled:    &enabled,
		},
		AlertEmail:     cfg.Get("alertEmail"),
		RetainOnDelete: cfg.GetBool("retainOnDelete"),
	})
	if err != nil {
		return err
	}
	ctx.Export("stateMachineArn", job.StateMachineArn)
	ctx.Export("alertTopicArn", job.AlertTopicArn)
	ctx.Export("logGroupName", job.LogGroupName)
	return nil
}
