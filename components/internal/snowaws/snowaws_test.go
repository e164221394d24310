package snowaws

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
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
			Kind: "taskgraph", Component: "g", RoleName: "schedkit-g-sf-notify", Comment: "c", Retain: true,
		})
		if err != nil {
			return err
		}
		ctx.Export("integration", n.IntegrationName)
		ctx.Export("role", n.RoleArn)
		return nil
	}, synth.Options{Config: map[string]string{"aws:region": "eu-west-1"}})
	key := synthtest.Find(t, plan, "aws:kms/key:Key", "g-errors-key")
	doc := synthtest.ParsePolicy(t, key.String("policy"))
	use := synthtest.Statement(t, doc, "SnowflakeRolePublishesThroughSNS")
	assert.Equal(t, []string{"sns.eu-west-1.amazonaws.com"}, use.Condition["StringEquals"]["kms:ViaService"])
	assert.True(t, key.RetainOnDelete)
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "g-errors")
	assert.True(t, topic.RetainOnDelete)
	integ := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "g-errors-integration")
	assert.Equal(t, integ.Output("name"), plan.Outputs["integration"])
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-g-sf-notify", plan.Outputs["role"])
	_, subscribed := plan.Find("aws:sns/topicSubscription:TopicSubscription", "g-errors-email")
	assert.False(t, subscribed)
}
