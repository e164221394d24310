package alerts_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/alerts"
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
