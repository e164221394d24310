package alerts_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func jobArgs() *cronjob.CronJobArgs {
	return &cronjob.CronJobArgs{
		Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.4"),
		Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
		Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}),
		SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
	}
}

// Two jobs given one AlertTopic create no topic or key of their own, and
// every alarm and the workflows' publish grants point at it; a job used
// alone still creates its own.
func TestAlertTopic_sharedByComponentsThatWouldEachCreateOne(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		topic, err := alerts.NewAlertTopic(ctx, "alerts", &alerts.AlertTopicArgs{Email: "oncall@example.com"})
		if err != nil {
			return err
		}
		for _, name := range []string{"nightly", "hourly"} {
			args := jobArgs()
			args.AlertTopicArn, args.AlertTopicKmsKeyArn = topic.Arn, topic.KmsKeyArn
			if _, err := cronjob.NewCronJob(ctx, name, args); err != nil {
				return err
			}
		}
		if _, err := cronjob.NewCronJob(ctx, "alone", jobArgs()); err != nil {
			return err
		}
		return topic.AllowPublishers(ctx)
	}, synth.Options{})

	var topics, keys []string
	for _, r := range plan.ByType("aws:sns/topic:Topic") {
		topics = append(topics, r.Name)
	}
	for _, r := range plan.ByType("aws:kms/key:Key") {
		keys = append(keys, r.Name)
	}
	assert.Equal(t, []string{"alerts", "alone-alerts"}, topics)
	assert.Equal(t, []string{"alerts-key", "alone-alerts-key"}, keys)

	shared := synthtest.Find(t, plan, "aws:sns/topic:Topic", "alerts").Output("arn")
	key := synthtest.Find(t, plan, "aws:kms/key:Key", "alerts-key").Output("arn")
	alarms := 0
	for _, a := range plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		want := shared
		if a.Parent == synthtest.Find(t, plan, cronjob.Type, "alone").URN {
			want = synthtest.Find(t, plan, "aws:sns/topic:Topic", "alone-alerts").Output("arn")
		} else {
			alarms++
		}
		assert.Equal(t, []any{want}, a.Inputs["alarmActions"], a.Name)
		assert.Equal(t, []any{want}, a.Inputs["okActions"], a.Name)
	}
	require.Equal(t, 12, alarms, "six alarms for each of the two sharing jobs (five, and their deadline check's)")
	for _, name := range []string{"nightly", "hourly"} {
		doc := synthtest.Policy(t, plan, name+"-workflow-policy")
		assert.Equal(t, []string{shared}, synthtest.Statement(t, doc, "PublishAlerts").Resource, name)
		assert.Equal(t, []string{key}, synthtest.Statement(t, doc, "EncryptAlerts").Resource, name)
	}
}
