package alerts_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// One encrypted alert topic for a whole program: its key lets CloudWatch
// alarms and EventBridge publish, the email address is subscribed, and the
// topic's policy, added once the publishing rules exist, names exactly them.
func ExampleNewAlertTopic() {
	program := func(ctx *pulumi.Context) error {
		topic, err := alerts.NewAlertTopic(ctx, "alerts", &alerts.AlertTopicArgs{Email: "data-oncall@example.com"})
		if err != nil {
			return err
		}
		// ... components created here get AlertTopicArn: topic.Arn and
		// AlertTopicKmsKeyArn: topic.KmsKeyArn ...
		return topic.AllowPublishers(ctx, pulumi.String("arn:aws:events:us-east-1:123456789012:rule/churn-approvals"))
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range plan.Resources {
		if r.Custom {
			fmt.Println(r.Type, r.Name)
		}
	}
	topic, _ := plan.Find("aws:sns/topic:Topic", "alerts")
	key, _ := plan.Find("aws:kms/key:Key", "alerts-key")
	fmt.Println("encrypted with its key:", topic.String("kmsMasterKeyId") == key.Output("arn"))
	// Output:
	// aws:kms/key:Key alerts-key
	// aws:sns/topic:Topic alerts
	// aws:sns/topicPolicy:TopicPolicy alerts-policy
	// aws:sns/topicSubscription:TopicSubscription alerts-email
	// encrypted with its key: true
}

// A program's components share one topic and one key: each gets the
// topic's Arn and KmsKeyArn, and the topic's policy names the rules that
// publish once they exist.
func ExampleNewAlertTopic_sharedByComponents() {
	program := func(ctx *pulumi.Context) error {
		topic, err := alerts.NewAlertTopic(ctx, "alerts", &alerts.AlertTopicArgs{Email: "data-oncall@example.com"})
		if err != nil {
			return err
		}
		train, err := training.NewTrainingPipeline(ctx, "churn", &training.TrainingPipelineArgs{
			Image:         pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-train:1.0"),
			InputChannels: map[string]string{"train": "s3://acme-ml-data/churn/train/"},
			OutputS3Uri:   "s3://acme-ml-models/churn/",
			AlertTopicArn: topic.Arn, AlertTopicKmsKeyArn: topic.KmsKeyArn,
		})
		if err != nil {
			return err
		}
		_, err = cronjob.NewCronJob(ctx, "nightly", &cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.4"),
			Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			AlertTopicArn:  topic.Arn, AlertTopicKmsKeyArn: topic.KmsKeyArn,
		})
		if err != nil {
			return err
		}
		// Once every component exists: the topic's policy, naming the rules that publish.
		return topic.AllowPublishers(ctx, train.ApprovalRuleArn)
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range plan.ByType("aws:sns/topic:Topic") {
		fmt.Println("topic:", r.Name)
	}
	// One key for alerts; the training's own key encrypts its model artifacts.
	for _, r := range plan.ByType("aws:kms/key:Key") {
		fmt.Println("key:", r.Name)
	}
	// Output:
	// topic: alerts
	// key: alerts-key
	// key: churn-key
}
