package snowaws

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
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
	// TopicKey is the key encrypting it, if any. Email is then not used.
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
	// Key and Topic are the created ones; nil with args.Topic.
	Key         *kms.Key
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
//   - name-key: a customer-managed KMS key (rotated) whose policy lets the
//     Snowflake-assumed role use it through SNS;
//   - name: a standard (not FIFO) SNS topic encrypted with it, plus
//     name-policy (TLS only) and, with Email, name-email;
//   - name-integration: a Snowflake AWS_SNS notification integration given
//     the topic and the role's computed ARN;
//   - name-role / name-role-policy: the role, named exactly args.RoleName,
//     trusting the integration's IAM user with its external id, allowed
//     sns:Publish on the topic and the key's data-key operations.
//
// With args.Topic the key and topic are not created: the integration and
// the role publish to the given topic (and use args.TopicKey). opts carry
// the parent; the key and the topic (and its policy) also take args.Keep.
func NewErrorNotifications(ctx *pulumi.Context, name string, env awsenv.Env, args NotificationArgs, opts ...pulumi.ResourceOption) (*Notifications, error) {
	roleArn := RoleARN(env, args.RoleName)
	n := &Notifications{}
	var topicArn, keyArn pulumi.StringInput = args.Topic, args.TopicKey
	if args.Topic == nil {
		key, topic, err := newNotificationTopic(ctx, name, env, roleArn, args, opts...)
		if err != nil {
			return nil, err
		}
		n.Key, n.Topic, topicArn, keyArn = key, topic, topic.Arn, key.Arn
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
	return n, nil
}

// newNotificationTopic creates the key and the standard topic Snowflake
// publishes errors to (see NewErrorNotifications).
func newNotificationTopic(ctx *pulumi.Context, name string, env awsenv.Env, roleArn pulumi.StringOutput, args NotificationArgs, opts ...pulumi.ResourceOption) (*kms.Key, *sns.Topic, error) {
	stateful := args.Keep.Stateful(opts...)
	snsService := pulumi.Sprintf("sns.%s.amazonaws.com", env.Region)

	keyPolicy := iampolicy.Document{Statements: []iampolicy.Statement{
		iampolicy.AccountAdministersKey(env.ARN("iam", false, "root")),
		{
			// The role does not exist when the key is created (it is created
			// after the integration), and KMS rejects unknown principals: name
			// the account and narrow to the role by aws:PrincipalArn instead.
			Sid:        "SnowflakeRolePublishesThroughSNS",
			Principals: map[string][]pulumi.StringInput{"AWS": iampolicy.Inputs(env.ARN("iam", false, "root"))},
			Actions:    []string{"kms:GenerateDataKey", "kms:Decrypt"},
			Resources:  iampolicy.Strings("*"),
			Conditions: []iampolicy.Condition{
				{Operator: "ArnEquals", Key: "aws:PrincipalArn", Values: iampolicy.Inputs(roleArn)},
				{Operator: "StringEquals", Key: "kms:ViaService", Values: iampolicy.Inputs(snsService)},
			},
		},
	}}
	key, err := kms.NewKey(ctx, name+"-key", &kms.KeyArgs{
		Description:          pulumi.Sprintf("schedkit %s %s: Snowflake error notifications", args.Kind, args.Component),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               keyPolicy.Render(),
		Tags:                 args.Tags,
	}, stateful...)
	if err != nil {
		return nil, nil, fmt.Errorf("creating notification key: %w", err)
	}
	topic, err := sns.NewTopic(ctx, name, &sns.TopicArgs{
		// Snowflake error notifications need a standard topic.
		FifoTopic:      pulumi.Bool(false),
		KmsMasterKeyId: key.Arn,
		Tags:           args.Tags,
	}, stateful...)
	if err != nil {
		return nil, nil, fmt.Errorf("creating notification topic: %w", err)
	}
	if _, err := sns.NewTopicPolicy(ctx, name+"-policy", &sns.TopicPolicyArgs{
		Arn:    topic.Arn,
		Policy: iampolicy.Document{Statements: []iampolicy.Statement{iampolicy.DenyInsecureTransport("sns:Publish", topic.Arn)}}.Render(),
	}, args.Keep.Guard(opts...)...); err != nil {
		return nil, nil, fmt.Errorf("creating notification topic policy: %w", err)
	}
	if args.Email != "" {
		if _, err := sns.NewTopicSubscription(ctx, name+"-email", &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(args.Email),
		}, opts...); err != nil {
			return nil, nil, fmt.Errorf("subscribing %s to notifications: %w", args.Email, err)
		}
	}

	return key, topic, nil
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
