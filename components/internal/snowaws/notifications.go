package snowaws

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/observe"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/internal/verify"
)

// NotificationPurpose is the RoleName purpose of the error-notification role.
const NotificationPurpose = "notify"

// NotificationTokens are the Snowflake resource tokens NewErrorNotifications
// registers (for the provider's previewFeaturesEnabled).
func NotificationTokens() []string {
	return []string{snowflake.NotificationIntegrationType}
}

// NotificationArgs configures error notifications from Snowflake to SNS.
type NotificationArgs struct {
	// Kind and Component name the owning component ("taskgraph", "nightly").
	Kind, Component string
	// RoleName is the exact name of the role Snowflake assumes to publish.
	RoleName string
	// Topic publishes to an existing standard topic (e.g. the alert topic of
	// the AWS side, so one on-call sees both) instead of creating one;
	// TopicKey is the customer-managed key encrypting it, if any, which the
	// role is granted. Email is then not used.
	Topic, TopicKey pulumi.StringInput
	// Email subscribes an address to the topic.
	Email string
	// Comment is set on the notification integration.
	Comment string
	Tags    pulumi.StringMap
	// Keep retains (and protects) the topic and its key, and retains the
	// topic's policy, when the component is deleted.
	Keep keep.Policy
}

// Notifications is the AWS and Snowflake wiring of error notifications.
type Notifications struct {
	// Topic is the created one; nil with args.Topic.
	Topic       *sns.Topic
	Integration *snowflake.NotificationIntegration
	Role        *Role
	// IntegrationName is the notification integration's name, resolved only
	// once the role and its policy exist: pass it as errorIntegration.
	IntegrationName pulumi.StringOutput
	// TopicArn is the standard, KMS-encrypted topic notifications go to.
	TopicArn pulumi.StringOutput
	// RoleArn is the role Snowflake assumes to publish.
	RoleArn pulumi.StringOutput
}

// NewErrorNotifications creates, in this order (each step takes the previous
// one's outputs, so one `pulumi up` does it all):
//
//   - name: a standard (not FIFO) SNS topic encrypted with the AWS-managed
//     key alias/aws/sns (see AWSManagedSNSKey), plus name-policy (TLS only)
//     and, with Email, name-email;
//   - name-integration: a Snowflake AWS_SNS notification integration given
//     the topic and the role's computed ARN;
//   - name-role / name-role-policy: the role, named exactly args.RoleName,
//     trusting the integration's IAM user with its external id, allowed
//     sns:Publish on the topic.
//
// With args.Topic no topic is created: the integration and the role publish
// to the given topic, and the role may use args.TopicKey. opts carry the
// parent; the topic also takes args.Keep, its policy args.Keep's guard options.
func NewErrorNotifications(ctx *pulumi.Context, name string, env awsenv.Env, args NotificationArgs, opts ...pulumi.ResourceOption) (*Notifications, error) {
	roleArn := RoleARN(env, args.RoleName)
	n := &Notifications{}
	var topicArn, keyArn pulumi.StringInput = args.Topic, args.TopicKey
	if args.Topic == nil {
		topic, err := newNotificationTopic(ctx, name, args, opts...)
		if err != nil {
			return nil, err
		}
		n.Topic, topicArn = topic, topic.Arn
	}

	integration, err := snowflake.NewNotificationIntegration(ctx, name+"-integration", &snowflake.NotificationIntegrationArgs{
		NotificationProvider: pulumi.String("AWS_SNS"),
		AwsSnsTopicArn:       topicArn,
		AwsSnsRoleArn:        roleArn,
		Enabled:              pulumi.Bool(true),
		Comment:              pulumi.String(args.Comment),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating notification integration: %w", err)
	}

	statements := []iampolicy.Statement{{Sid: "PublishErrorNotifications", Actions: []string{"sns:Publish"}, Resources: iampolicy.Inputs(topicArn)}}
	if keyArn != nil {
		statements = append(statements, iampolicy.Statement{Sid: "EncryptErrorNotifications", Actions: []string{"kms:GenerateDataKey", "kms:Decrypt"}, Resources: iampolicy.Inputs(keyArn)})
	}
	role, err := NewRole(ctx, name+"-role", RoleArgs{
		Kind: args.Kind, Component: args.Component,
		Name:        args.RoleName,
		Description: fmt.Sprintf("Snowflake publishes error notifications of schedkit %s %s with this role", args.Kind, args.Component),
		IamUserArn:  integration.AwsSnsIamUserArn,
		ExternalID:  integration.AwsSnsExternalId,
		ExpectedArn: roleArn,
		Statements:  statements,
		Tags:        args.Tags,
	}, opts...)
	if err != nil {
		return nil, err
	}
	n.Integration, n.Role = integration, role
	n.IntegrationName = After(integration.Name, role.Ready)
	n.TopicArn = topicArn.ToStringOutput()
	n.RoleArn = role.Ready
	observe.Add(ctx, PublishedGraph(args.Component, n.TopicArn))
	return n, nil
}

// PublishedGraph is the dashboard's view of Snowflake errors where they
// reach AWS: the messages published to the topic the integration publishes
// to (task and load errors, a TaskGraph's deadline alerts, and whatever
// else shares the topic), AWS/SNS NumberOfMessagesPublished by TopicName
// ("Monitoring Amazon SNS topics using CloudWatch", Amazon SNS Developer
// Guide). A topic's name is the last part of its ARN.
func PublishedGraph(component string, topicArn pulumi.StringOutput) observe.Graph {
	name := topicArn.ApplyT(func(arn string) string { return arn[strings.LastIndexByte(arn, ':')+1:] }).(pulumi.StringOutput)
	return observe.Graph{
		Component: component, Title: "Snowflake errors and deadline alerts published to SNS",
		Metrics: []observe.Metric{{
			Namespace: "AWS/SNS", Name: "NumberOfMessagesPublished", Stat: "Sum",
			Dimensions: map[string]pulumi.StringInput{"TopicName": name},
		}},
	}
}

// AWSManagedSNSKey encrypts a created notification topic. Only the role
// Snowflake assumes publishes to it, an IAM principal of the account, and
// the AWS-managed key's policy lets every principal of the account use it
// through SNS (kms:CallerAccount, kms:ViaService). A customer-managed key
// ($1 a month) is needed only where an AWS service publishes, such as
// CloudWatch alarms and EventBridge rules, which cannot use aws/sns (SNS
// guide, "Managing Amazon SNS encryption keys and costs"): the alert topics
// of package alerting. Encryption at rest is the same either way.
const AWSManagedSNSKey = "alias/aws/sns"

// newNotificationTopic creates the standard topic Snowflake publishes
// errors to, encrypted with AWSManagedSNSKey (see NewErrorNotifications).
func newNotificationTopic(ctx *pulumi.Context, name string, args NotificationArgs, opts ...pulumi.ResourceOption) (*sns.Topic, error) {
	stateful := args.Keep.Stateful(opts...)
	topic, err := sns.NewTopic(ctx, name, &sns.TopicArgs{
		// Snowflake error notifications need a standard topic.
		FifoTopic:      pulumi.Bool(false),
		KmsMasterKeyId: pulumi.String(AWSManagedSNSKey),
		Tags:           args.Tags,
	}, stateful...)
	if err != nil {
		return nil, fmt.Errorf("creating notification topic: %w", err)
	}
	if _, err := sns.NewTopicPolicy(ctx, name+"-policy", &sns.TopicPolicyArgs{
		Arn:    topic.Arn,
		Policy: iampolicy.Document{Statements: []iampolicy.Statement{iampolicy.DenyInsecureTransport("sns:Publish", topic.Arn)}}.Render(),
	}, args.Keep.Guard(opts...)...); err != nil {
		return nil, fmt.Errorf("creating notification topic policy: %w", err)
	}
	if args.Email != "" {
		if _, err := sns.NewTopicSubscription(ctx, name+"-email", &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(args.Email),
		}, opts...); err != nil {
			return nil, fmt.Errorf("subscribing %s to notifications: %w", args.Email, err)
		}
	}
	return topic, nil
}

// NotificationSettings are a Snowflake component's error-notification
// arguments, under the field names components give them.
type NotificationSettings struct {
	// ErrorIntegration is an existing notification integration by name.
	ErrorIntegration string
	// NotificationRoleName overrides the created role's name.
	NotificationRoleName string
	// AlertTopicArn, AlertTopicKmsKeyArn and AlertEmail say where created
	// notifications go (see alerting.TopicArgs).
	AlertTopicArn, AlertTopicKmsKeyArn pulumi.StringInput
	AlertEmail                         string
}

// Validate records the problems of s for the component that creates the
// notifications as name-errors: an existing integration excludes every
// setting of a created one; otherwise the role name, the topic, key and
// address, and the topic's name are checked.
func (s NotificationSettings) Validate(errs *check.Errors) {
	if s.ErrorIntegration != "" {
		errs.Field("ErrorIntegration", verify.SnowflakeIdentifier(s.ErrorIntegration))
		for _, f := range []struct {
			field, why string
			set        bool
		}{
			{"AlertEmail", "subscribe to the existing integration's topic where it is managed", s.AlertEmail != ""},
			{"NotificationRoleName", "no role is created for an existing integration", s.NotificationRoleName != ""},
			{"AlertTopicArn", "the existing integration names its own topic", s.AlertTopicArn != nil},
		} {
			if f.set {
				errs.Addf(f.field, "is set with `ErrorIntegration`; %s", f.why)
			}
		}
		return
	}
	if s.NotificationRoleName != "" {
		errs.Add(CheckRoleName(errs.Kind(), errs.Name(), "NotificationRoleName", s.NotificationRoleName))
	}
	alerting.TopicArgs{ExistingArn: s.AlertTopicArn, ExistingKeyArn: s.AlertTopicKmsKeyArn, Email: s.AlertEmail}.Validate(errs)
	errs.Add(naming.Check(errs.Kind(), errs.Name(), "name", naming.SNSTopic, naming.Child(errs.Name(), "errors")))
}
