// Package stacks is the organisation's pipelines, composed from schedkit
// components and configured per environment (dev, staging, prod) from stack
// config. `pulumi up -s <env>` in examples/platform runs Program; `go run .
// synth --stack <env>` there runs the very same function offline.
package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/dashboard"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/trigger"
)

// Environments the program knows.
var Environments = []string{"dev", "staging", "prod"}

// Settings is the stack configuration the program reads (namespace
// "schedkit"), read once by LoadSettings. A setting left at its zero value
// (0, "") leaves the component's own default in force: Pulumi.yaml states
// only what the organisation chooses differently.
type Settings struct {
	Env                     string
	AlertEmail              string
	AlertTopicArn           string
	AlertTopicKmsKeyArn     string
	RetainStatefulResources bool
	// ProtectStatefulResources makes `pulumi up` refuse to delete any
	// stateful resource of the stack (prod): see keep.Policy.
	ProtectStatefulResources bool
	// DashboardDisabled turns the stack's CloudWatch dashboard off.
	DashboardDisabled bool
	SubnetIDs         []string
	SecurityGroupIDs  []string

	NightlyReportImage    string
	NightlyReportSchedule string
	NightlyReportTimezone string
	NightlyReportEnabled  bool
	NightlyReportCpu      int
	NightlyReportMemory   int

	ClickstreamImage          string
	ClickstreamRetentionHours int
	ClickstreamSinkToS3       bool
	// ClickstreamShards provisions the stream with this many shards; 0 is
	// on-demand.
	ClickstreamShards int

	// OrderExportImage is the image of the job that lands order files for
	// Snowflake (the hybrid pipeline's producer).
	OrderExportImage string

	ML        MLSettings
	Snowflake SnowflakeSettings
	Payments  PaymentsSettings
}

// LoadSettings reads and checks the stack configuration.
func LoadSettings(ctx *pulumi.Context) (Settings, error) {
	c := config.New(ctx, "schedkit")
	s := Settings{
		Env:                      c.Require("env"),
		AlertEmail:               c.Get("alertEmail"),
		AlertTopicArn:            c.Get("alertTopicArn"),
		AlertTopicKmsKeyArn:      c.Get("alertTopicKmsKeyArn"),
		RetainStatefulResources:  c.GetBool("retainStatefulResources"),
		ProtectStatefulResources: c.GetBool("protectStatefulResources"),
		DashboardDisabled:        c.GetBool("dashboardDisabled"),
		NightlyReportImage:       c.Require("nightlyReportImage"),
		NightlyReportSchedule:    c.Require("nightlyReportSchedule"),
		NightlyReportTimezone:    c.Get("nightlyReportTimezone"),
		NightlyReportEnabled:     c.GetBool("nightlyReportEnabled"),
		NightlyReportCpu:         c.GetInt("nightlyReportCpu"),
		NightlyReportMemory:      c.GetInt("nightlyReportMemory"),

		ClickstreamImage:          c.Require("clickstreamImage"),
		ClickstreamRetentionHours: c.GetInt("clickstreamRetentionHours"),
		ClickstreamSinkToS3:       c.GetBool("clickstreamSinkToS3"),
		ClickstreamShards:         c.GetInt("clickstreamShards"),

		OrderExportImage: c.Require("orderExportImage"),

		ML: MLSettings{
			DataBucket:            c.Require("dataBucket"),
			TrainingImage:         c.Require("trainingImage"),
			TrainingInstanceType:  c.Get("trainingInstanceType"),
			InferenceInstanceType: c.Get("inferenceInstanceType"),
			SchedulesEnabled:      c.GetBool("mlSchedulesEnabled"),
			AutoApproveModels:     c.GetBool("autoApproveModels"),
		},
		Snowflake: SnowflakeSettings{
			OrganizationName:   c.Require("snowflakeOrganizationName"),
			AccountName:        c.Require("snowflakeAccountName"),
			User:               c.Require("snowflakeUser"),
			Role:               c.Require("snowflakeRole"),
			StartTasks:         c.GetBool("snowflakeStartTasks"),
			MonthlyCreditQuota: c.RequireInt("snowflakeMonthlyCreditQuota"),
		},
		Payments: PaymentsSettings{
			Image:                c.Require("paymentsImage"),
			FirehoseKeySecretArn: c.Require("firehoseKeySecretArn"),
			Shards:               c.GetInt("paymentsShards"),
			BatchMode:            c.Get("paymentsBatchMode"),
			BatchMinutes:         c.GetInt("paymentsBatchMinutes"),
		},
	}
	if key, err := c.TrySecret("snowflakePrivateKey"); err == nil {
		s.Snowflake.PrivateKey, s.Snowflake.HasPrivateKey = key, true
	}
	if err := c.TryObject("subnetIds", &s.SubnetIDs); err != nil {
		return s, fmt.Errorf("stack config schedkit:subnetIds: %w", err)
	}
	if err := c.TryObject("securityGroupIds", &s.SecurityGroupIDs); err != nil {
		return s, fmt.Errorf("stack config schedkit:securityGroupIds: %w", err)
	}
	known := false
	for _, e := range Environments {
		known = known || e == s.Env
	}
	if !known {
		return s, fmt.Errorf("stack config schedkit:env %q is not one of %v", s.Env, Environments)
	}
	if s.Env == "prod" && s.AlertEmail == "" && s.AlertTopicArn == "" {
		return s, fmt.Errorf("stack config: prod needs schedkit:alertEmail or schedkit:alertTopicArn so failures reach someone")
	}
	if s.AlertTopicArn != "" && s.AlertEmail != "" {
		return s, fmt.Errorf("stack config: schedkit:alertEmail %q is set with schedkit:alertTopicArn; subscribe to the existing topic where it is managed", s.AlertEmail)
	}
	if s.AlertTopicKmsKeyArn != "" && s.AlertTopicArn == "" {
		return s, fmt.Errorf("stack config: schedkit:alertTopicKmsKeyArn is set without schedkit:alertTopicArn; the stack's own topic gets its own key")
	}
	return s, nil
}

// kept is the stack's policy for its stateful resources, the one every
// component gets through its RetainOnDelete and Protect fields, for the
// stateful resources the program creates itself (the Snowflake database,
// schemas and tables).
func (s Settings) kept() keep.Policy {
	return keep.Policy{Retain: s.RetainStatefulResources, Protect: s.ProtectStatefulResources}
}

// Program composes the pipelines of one environment.
func Program(ctx *pulumi.Context) error {
	s, err := LoadSettings(ctx)
	if err != nil {
		return err
	}
	tags := map[string]string{"environment": s.Env}
	al, err := newStackAlerts(ctx, s)
	if err != nil {
		return err
	}

	report, err := cronjob.NewCronJob(ctx, "nightly-report", &cronjob.CronJobArgs{
		Image:          pulumi.String(s.NightlyReportImage),
		Family:         s.Env + "-nightly-report",
		Command:        []string{"report", "--date", "yesterday"},
		Cpu:            s.NightlyReportCpu,
		Memory:         s.NightlyReportMemory,
		Environment:    map[string]pulumi.StringInput{"REPORT_ENV": pulumi.String(s.Env)},
		Subnets:        pulumi.ToStringArray(s.SubnetIDs),
		SecurityGroups: pulumi.ToStringArray(s.SecurityGroupIDs),
		Schedule: trigger.Schedule{
			Expression: s.NightlyReportSchedule,
			Timezone:   s.NightlyReportTimezone,
			Enabled:    &s.NightlyReportEnabled,
		},
		AlertTopicArn: al.topic, AlertTopicKmsKeyArn: al.key,
		RetainOnDelete: s.RetainStatefulResources,
		Protect:        s.ProtectStatefulResources,
		Tags:           tags,
	})
	if err != nil {
		return err
	}
	ctx.Export("nightlyReportStateMachineArn", report.StateMachineArn)
	ctx.Export("nightlyReportScheduleArn", report.ScheduleArn)
	ctx.Export("nightlyReportAlertTopicArn", report.AlertTopicArn)
	ctx.Export("nightlyReportDeadLetterQueueUrl", report.DeadLetterQueueUrl)

	clicks := &stream.StreamProcessorArgs{
		Stream:        &stream.StreamArgs{RetentionHours: s.ClickstreamRetentionHours},
		ImageUri:      pulumi.String(s.ClickstreamImage),
		Environment:   map[string]pulumi.StringInput{"CLICKSTREAM_ENV": pulumi.String(s.Env)},
		AlertTopicArn: al.topic, AlertTopicKmsKeyArn: al.key,
		RetainOnDelete: s.RetainStatefulResources,
		Protect:        s.ProtectStatefulResources,
		Tags:           tags,
	}
	if s.ClickstreamShards > 0 {
		// A provisioned shard ($0.015 an hour) is cheaper than an idle
		// on-demand stream ($0.04 an hour) where 1 MB/s in per shard is enough.
		clicks.Stream.Mode, clicks.Stream.ShardCount = "PROVISIONED", s.ClickstreamShards
	}
	if s.ClickstreamSinkToS3 {
		clicks.Sink = &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clickstream/"}
	}
	clickstream, err := stream.NewStreamProcessor(ctx, "clickstream", clicks)
	if err != nil {
		return err
	}
	ctx.Export("clickstreamStreamName", clickstream.StreamName)
	ctx.Export("clickstreamFailureQueueUrl", clickstream.FailureQueueUrl)
	ctx.Export("clickstreamSinkBucket", clickstream.SinkBucketName)

	if err := batchAndML(ctx, s, al, report); err != nil {
		return err
	}
	sf, err := snowflakePipelines(ctx, s, al)
	if err != nil {
		return err
	}
	if err := payments(ctx, s, al, sf); err != nil {
		return err
	}
	if err := al.finish(ctx); err != nil {
		return err
	}
	// Last: the dashboard draws what every component above created.
	_, err = dashboard.NewDashboard(ctx, "operations", &dashboard.DashboardArgs{Disabled: s.DashboardDisabled})
	return err
}
