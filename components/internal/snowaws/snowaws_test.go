package snowaws

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestSnowAWS_names(t *testing.T) {
	assert.Equal(t, "schedkit-pipelines-dev-nightly-sf-notify", RoleName("pipelines", "dev", "nightly", NotificationPurpose))
	assert.Equal(t, "schedkit-pipelines-staging-events-sf-s3", RoleName("pipelines", "staging", "events", "s3"))
	assert.NotEqual(t, RoleName("p", "dev", "events", "s3"), RoleName("p", "staging", "events", "s3"), "two stacks in one account")
	assert.NoError(t, CheckRoleName("k", "n", "F", RoleName("pipelines", "dev", "nightly", "notify")))
	err := CheckRoleName("taskgraph", "n", "NotificationRoleName", "x/y")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "taskgraph \"n\": `NotificationRoleName` \"x/y\" is not a valid IAM role name")
	assert.Equal(t, []string{snowflake.NotificationIntegrationType}, NotificationTokens())
}

func TestRoleName_fitsIAMLimitAndStaysUnique(t *testing.T) {
	long := strings.Repeat("c", 60)
	a, b := RoleName("pipelines", "dev", long, "s3"), RoleName("pipelines", "dev", long+"x", "s3")
	for _, n := range []string{a, b} {
		assert.Len(t, n, 64)
		assert.Regexp(t, `^schedkit-pipelines-dev-c+-[0-9a-f]{8}-sf-s3$`, n)
		assert.NoError(t, CheckRoleName("k", "n", "F", n))
	}
	assert.NotEqual(t, a, b)
	assert.Equal(t, a, RoleName("pipelines", "dev", long, "s3"), "stable across runs")
}

func TestSnowAWS_externalID(t *testing.T) {
	id := ExternalID("p", "dev", "c")
	assert.Equal(t, id, ExternalID("p", "dev", "c"))
	assert.Regexp(t, `^schedkit-[0-9a-f]{40}$`, id)
	assert.NotEqual(t, id, ExternalID("p", "prod", "c"))
	assert.NotEqual(t, id, ExternalID("q", "dev", "c"))
}

func TestSnowAWS_trustPolicy(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		ctx.Export("doc", TrustPolicy(pulumi.String("arn:aws:iam::999999999999:user/sf"), pulumi.String("EXT")).Render())
		return nil
	}, synth.Options{})
	doc := synthtest.ParsePolicy(t, plan.Outputs["doc"].(string))
	assert.Equal(t, []iampolicy.PlainStatement{{
		Sid: "SnowflakeIntegrationAssumesRole", Effect: iampolicy.Allow,
		Principal: map[string][]string{"AWS": {"arn:aws:iam::999999999999:user/sf"}},
		Action:    []string{"sts:AssumeRole"},
		Condition: map[string]map[string][]string{"StringEquals": {"sts:ExternalId": {"EXT"}}},
	}}, doc.Statement)
}

// roleProgram creates a role the way the components do, with the given
// integration values and expected ARN.
func roleProgram(user, ext string, expected func(env awsenv.Env) pulumi.StringInput) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		env := awsenv.Lookup(ctx, nil)
		r, err := NewRole(ctx, "c-role", RoleArgs{
			Kind: "kind", Component: "c", Name: "schedkit-c-sf-x",
			IamUserArn: pulumi.String(user), ExternalID: pulumi.String(ext),
			ExpectedArn: expected(env),
			Statements:  []iampolicy.Statement{{Sid: "S", Actions: []string{"s3:GetObject"}, Resources: iampolicy.Strings("arn:aws:s3:::b/*")}},
		})
		if err != nil {
			return err
		}
		ctx.Export("ready", r.Ready)
		ctx.Export("after", After(pulumi.String("NAME"), r.Ready))
		return nil
	}
}

func TestSnowAWS_roleMatchesTheComputedARN(t *testing.T) {
	plan := synthtest.Run(t, roleProgram("arn:aws:iam::999999999999:user/sf", "EXT", func(env awsenv.Env) pulumi.StringInput {
		return RoleARN(env, "schedkit-c-sf-x")
	}), synth.Options{})
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "c-role")
	assert.Equal(t, "schedkit-c-sf-x", role.String("name"))
	pol := synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "c-role-policy")
	assert.Equal(t, "schedkit-c-sf-x", pol.String("role"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-c-sf-x", plan.Outputs["ready"])
	assert.Equal(t, "NAME", plan.Outputs["after"])
}

func TestSnowAWS_roleRejectsMismatchAndMissingValues(t *testing.T) {
	cases := []struct {
		name, user, ext, want string
		expected              func(env awsenv.Env) pulumi.StringInput
	}{
		{"ARN differs", "arn:aws:iam::999999999999:user/sf", "EXT", "differs from arn:aws:iam::123456789012:role/other",
			func(env awsenv.Env) pulumi.StringInput { return RoleARN(env, "other") }},
		{"no IAM user", "", "EXT", "reported no AWS IAM user ARN",
			func(env awsenv.Env) pulumi.StringInput { return RoleARN(env, "schedkit-c-sf-x") }},
		{"no external id", "arn:aws:iam::999999999999:user/sf", "", "reported no external id",
			func(env awsenv.Env) pulumi.StringInput { return RoleARN(env, "schedkit-c-sf-x") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := synthtest.RunError(t, roleProgram(c.user, c.ext, c.expected), synth.Options{})
			assert.Contains(t, err.Error(), `kind "c": `)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestSnowAWS_errorNotificationsInOneRegion(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		n, err := NewErrorNotifications(ctx, "g-errors", awsenv.Lookup(ctx, nil), NotificationArgs{
			Kind: "taskgraph", Component: "g", RoleName: "schedkit-g-sf-notify", Comment: "c", Keep: keep.Policy{Protect: true},
		})
		if err != nil {
			return err
		}
		ctx.Export("integration", n.IntegrationName)
		ctx.Export("role", n.RoleArn)
		return nil
	}, synth.Options{Config: map[string]string{"aws:region": "eu-west-1"}})
	// Only the account's own role publishes: the AWS-managed key serves, and
	// no customer-managed key ($1 a month) is created.
	assert.Empty(t, plan.ByType("aws:kms/key:Key"))
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "g-errors")
	assert.Equal(t, "alias/aws/sns", topic.String("kmsMasterKeyId"))
	assert.True(t, topic.RetainOnDelete)
	doc := synthtest.Policy(t, plan, "g-errors-role-policy")
	assert.Equal(t, []string{"PublishErrorNotifications"}, synthtest.Sids(doc), "the AWS-managed key's policy lets the account's principals use it through SNS")
	assert.Equal(t, []string{"aws:sns/topic:Topic g-errors"}, synthtest.Kept(t, plan),
		"protected: the topic is kept and protected, its policy retained")
	integ := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "g-errors-integration")
	assert.Equal(t, integ.Output("name"), plan.Outputs["integration"])
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-g-sf-notify", plan.Outputs["role"])
	_, subscribed := plan.Find("aws:sns/topicSubscription:TopicSubscription", "g-errors-email")
	assert.False(t, subscribed)
}

func TestSnowAWS_errorNotificationsToAGivenTopic(t *testing.T) {
	const topic, key = "arn:aws:sns:us-east-1:123456789012:oncall", "arn:aws:kms:us-east-1:123456789012:key/oncall"
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		_, err := NewErrorNotifications(ctx, "h-errors", awsenv.Lookup(ctx, nil), NotificationArgs{
			Kind: "hybridpipeline", Component: "h", RoleName: "schedkit-h-sf-notify", Comment: "c",
			Topic: pulumi.String(topic), TopicKey: pulumi.String(key),
		})
		return err
	}, synth.Options{})
	assert.Empty(t, plan.ByType("aws:sns/topic:Topic"), "the given topic is used, none is created")
	assert.Empty(t, plan.ByType("aws:kms/key:Key"))
	integ := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "h-errors-integration")
	assert.Equal(t, topic, integ.String("awsSnsTopicArn"))
	doc := synthtest.Policy(t, plan, "h-errors-role-policy")
	assert.Equal(t, []string{topic}, synthtest.Statement(t, doc, "PublishErrorNotifications").Resource)
	assert.Equal(t, []string{key}, synthtest.Statement(t, doc, "EncryptErrorNotifications").Resource)
}

func TestSnowAWS_storageIntegrationThatMayOnlyUnload(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		env := awsenv.Lookup(ctx, nil)
		bucketArn := pulumi.String("arn:aws:s3:::training-data").ToStringOutput()
		s, err := NewStorage(ctx, "d-storage", env, StorageArgs{
			Kind: "trainingdatapipeline", Component: "d", RoleName: "schedkit-p-s-d-sf-s3",
			ExternalID: pulumi.String("ext-1").ToStringOutput(),
			BucketName: pulumi.String("training-data").ToStringOutput(), Prefixes: []string{"datasets/churn/"},
			Statements: UnloadStatements(bucketArn, "datasets/churn/"), Comment: "c",
		})
		if err != nil {
			return err
		}
		ctx.Export("integration", s.IntegrationName)
		ctx.Export("location", s.Location("datasets/churn/"))
		return nil
	}, synth.Options{})
	integ := synthtest.Find(t, plan, snowflake.StorageIntegrationAwsType, "d-storage-integration")
	assert.Equal(t, []any{"s3://training-data/datasets/churn/"}, integ.Inputs["storageAllowedLocations"])
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-p-s-d-sf-s3", integ.String("storageAwsRoleArn"))
	assert.Equal(t, "ext-1", integ.String("storageAwsExternalId"))
	assert.Equal(t, "s3://training-data/datasets/churn/", plan.Outputs["location"])
	doc := synthtest.Policy(t, plan, "d-storage-role-policy")
	assert.Equal(t, []string{"WriteUnloadPrefix", "ListStagedPrefixes", "LocateBucket"}, synthtest.Sids(doc))
	write := synthtest.Statement(t, doc, "WriteUnloadPrefix")
	assert.Equal(t, []string{"s3:PutObject", "s3:DeleteObject"}, write.Action)
	assert.Equal(t, []string{"arn:aws:s3:::training-data/datasets/churn/*"}, write.Resource)
	list := synthtest.Statement(t, doc, "ListStagedPrefixes")
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"datasets/churn/*"}}}, list.Condition)
	for _, s := range doc.Statement {
		assert.NotContains(t, s.Action, "s3:GetObject", "an unload role reads no object")
	}
}
