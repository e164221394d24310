package alerts_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/trigger"
)

// Two jobs that alert through one topic and one key, instead of one each.
func ExampleNewAlertTopic() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		topic, err := alerts.NewAlertTopic(ctx, "alerts", &alerts.AlertTopicArgs{Email: "data-oncall@example.com"})
		if err != nil {
			return err
		}
		for _, name := range []string{"nightly-export", "hourly-sync"} {
			if _, err := cronjob.NewCronJob(ctx, name, &cronjob.CronJobArgs{
				Image:               pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/" + name + ":1.0"),
				Schedule:            trigger.Schedule{Expression: "cron(30 1 * * ? *)"},
				Subnets:             pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}),
				SecurityGroups:      pulumi.ToStringArray([]string{"sg-01010101"}),
				AlertTopicArn:       topic.Arn,
				AlertTopicKmsKeyArn: topic.KmsKeyArn,
			}); err != nil {
				return err
			}
		}
		// No EventBridge rule of these jobs publishes: the policy grants alarms only.
		return topic.AllowPublishers(ctx)
	})
}
