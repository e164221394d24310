package policy_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/warehouse"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
)

// violations runs program with every preview feature enabled in stack
// config (the default provider's) and evaluates the Snowflake rules.
func violations(t *testing.T, program pulumi.RunFunc) []policy.Violation {
	t.Helper()
	var all []string
	for _, f := range snowflake.PreviewFeature {
		all = append(all, f)
	}
	features, _ := json.Marshal(all)
	plan, err := synth.Run(program, synth.Options{Project: "p", Stack: "dev", Config: map[string]string{"snowflake:previewFeaturesEnabled": string(features)}})
	require.NoError(t, err)
	return policy.Evaluate(plan, policy.SnowflakeRules())
}

func ruleIDs(vs []policy.Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Rule+": "+v.Message)
	}
	return out
}

func TestSnowflakeRules_ids(t *testing.T) {
	var ids []string
	for _, r := range policy.SnowflakeRules() {
		ids = append(ids, r.ID)
		assert.Equal(t, policy.High, r.Severity, r.ID)
		assert.NotEmpty(t, r.Rationale, r.ID)
	}
	assert.Equal(t, []string{
		"snowflake-preview-features-enabled",
		"snowflake-notification-topic-standard-encrypted",
		"snowflake-trust-requires-external-id",
		"snowflake-storage-writes-within-locations",
		"snowflake-root-task-guarded",
		"snowflake-warehouse-cost-guard",
	}, ids)
	assert.Equal(t, 600, policy.MaxWarehouseAutoSuspendSeconds)
}

func TestSnowflakeRules_notificationTopic(t *testing.T) {
	cases := []struct {
		name  string
		topic *sns.TopicArgs
		want  []string
	}{
		{"standard and encrypted", &sns.TopicArgs{KmsMasterKeyId: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k")}, nil},
		{"unencrypted", &sns.TopicArgs{}, []string{"has no kmsMasterKeyId"}},
		{"fifo", &sns.TopicArgs{Name: pulumi.String("errors.fifo"), FifoTopic: pulumi.Bool(true), KmsMasterKeyId: pulumi.String("k")}, []string{"is a FIFO topic"}},
		{"fifo and unencrypted", &sns.TopicArgs{Name: pulumi.String("errors.fifo"), FifoTopic: pulumi.Bool(true)}, []string{"is a FIFO topic and has no kmsMasterKeyId"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := violations(t, func(ctx *pulumi.Context) error {
				topic, err := sns.NewTopic(ctx, "errors", c.topic)
				if err != nil {
					return err
				}
				// An unrelated topic is not checked.
				if _, err := sns.NewTopic(ctx, "other", &sns.TopicArgs{}); err != nil {
					return err
				}
				_, err = snowflake.NewNotificationIntegration(ctx, "ni", &snowflake.NotificationIntegrationArgs{
					NotificationProvider: pulumi.String("AWS_SNS"), AwsSnsTopicArn: topic.Arn,
				})
				return err
			})
			require.Len(t, vs, len(c.want), "%v", ruleIDs(vs))
			for i, w := range c.want {
				assert.Equal(t, "snowflake-notification-topic-standard-encrypted", vs[i].Rule)
				assert.Contains(t, vs[i].Message, w)
				assert.Contains(t, vs[i].URN, "NotificationIntegration::ni")
			}
		})
	}
	// A FIFO topic outside the plan is known by its name.
	vs := violations(t, func(ctx *pulumi.Context) error {
		_, err := snowflake.NewNotificationIntegration(ctx, "ni", &snowflake.NotificationIntegrationArgs{
			NotificationProvider: pulumi.String("AWS_SNS"), AwsSnsTopicArn: pulumi.String("arn:aws:sns:us-east-1:123456789012:x.fifo"),
		})
		return err
	})
	require.Len(t, vs, 1)
	assert.Contains(t, vs[0].Message, "is a FIFO topic")
}

func TestSnowflakeRules_trustRequiresExternalID(t *testing.T) {
	trust := func(principal, condition string) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"T","Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":"sts:AssumeRole"` + condition + `}]}`
	}
	withID := `,"Condition":{"StringEquals":{"sts:ExternalId":"abc"}}`
	cases := []struct {
		name string
		// program gets the integration's IAM user to trust.
		trust func(user pulumi.StringOutput) pulumi.StringInput
		want  string
	}{
		{"integration user with external id", func(u pulumi.StringOutput) pulumi.StringInput {
			return u.ApplyT(func(s string) string { return trust(s, withID) }).(pulumi.StringOutput)
		}, ""},
		{"integration user without external id", func(u pulumi.StringOutput) pulumi.StringInput {
			return u.ApplyT(func(s string) string { return trust(s, "") }).(pulumi.StringOutput)
		}, `statement "T" lets Snowflake principal arn:aws:iam::999999999999:user/`},
		{"external id under another operator", func(u pulumi.StringOutput) pulumi.StringInput {
			return u.ApplyT(func(s string) string {
				return trust(s, `,"Condition":{"StringLike":{"sts:ExternalId":"*"}}`)
			}).(pulumi.StringOutput)
		}, "without an sts:ExternalId condition"},
		{"any principal of the Snowflake account", func(pulumi.StringOutput) pulumi.StringInput {
			return pulumi.String(trust("arn:aws:iam::999999999999:root", ""))
		}, "arn:aws:iam::999999999999:root"},
		{"a secret trust policy is not inspected", func(u pulumi.StringOutput) pulumi.StringInput {
			return pulumi.ToSecret(u.ApplyT(func(s string) string { return trust(s, "") })).(pulumi.StringOutput)
		}, ""},
		{"an unrelated principal", func(pulumi.StringOutput) pulumi.StringInput {
			return pulumi.String(trust("arn:aws:iam::111122223333:root", ""))
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := violations(t, func(ctx *pulumi.Context) error {
				si, err := snowflake.NewStorageIntegrationAws(ctx, "si", &snowflake.StorageIntegrationAwsArgs{
					Enabled: pulumi.Bool(true), StorageProvider: pulumi.String("S3"),
					StorageAwsRoleArn:       pulumi.String("arn:aws:iam::123456789012:role/r"),
					StorageAllowedLocations: pulumi.ToStringArray([]string{"s3://b/p/"}),
				})
				if err != nil {
					return err
				}
				_, err = iam.NewRole(ctx, "r", &iam.RoleArgs{AssumeRolePolicy: c.trust(si.IamUserArn())})
				return err
			})
			if c.want == "" {
				assert.Empty(t, vs, "%v", ruleIDs(vs))
				return
			}
			require.Len(t, vs, 1, "%v", ruleIDs(vs))
			assert.Equal(t, "snowflake-trust-requires-external-id", vs[0].Rule)
			assert.Contains(t, vs[0].Message, c.want)
			assert.Contains(t, vs[0].URN, "aws:iam/role:Role::r")
		})
	}
	// Users reported by a notification integration count too (not only account 999999999999).
	vs := violations(t, func(ctx *pulumi.Context) error {
		ni, err := snowflake.NewNotificationIntegration(ctx, "ni", &snowflake.NotificationIntegrationArgs{NotificationProvider: pulumi.String("AWS_SNS")})
		if err != nil {
			return err
		}
		_, err = iam.NewRole(ctx, "r", &iam.RoleArgs{AssumeRolePolicy: ni.AwsSnsIamUserArn.ApplyT(func(s string) string {
			return trust(strings.Replace(s, "999999999999", "444455556666", 1), "")
		}).(pulumi.StringOutput)})
		if err != nil {
			return err
		}
		return nil
	})
	assert.Empty(t, vs, "a principal neither reported by an integration nor in Snowflake's account is not Snowflake's")
}

func TestSnowflakeRules_rootTaskGuarded(t *testing.T) {
	base := func() *snowflake.TaskArgs {
		return &snowflake.TaskArgs{
			Database: pulumi.String("D"), Schema: pulumi.String("S"), Name: pulumi.String("ROOT"),
			SqlStatement: pulumi.String("SELECT 1"), Started: pulumi.Bool(false),
			ErrorIntegration:            pulumi.String("ERRS"),
			SuspendTaskAfterNumFailures: pulumi.Int(3),
		}
	}
	cases := []struct {
		name string
		mod  func(a *snowflake.TaskArgs)
		want string
	}{
		{"guarded", func(*snowflake.TaskArgs) {}, ""},
		{"no error integration", func(a *snowflake.TaskArgs) { a.ErrorIntegration = nil }, "root task has no errorIntegration"},
		{"no suspend-after", func(a *snowflake.TaskArgs) { a.SuspendTaskAfterNumFailures = nil }, "root task has no suspendTaskAfterNumFailures"},
		{"suspend-after 0", func(a *snowflake.TaskArgs) { a.SuspendTaskAfterNumFailures = pulumi.Int(0) }, "suspendTaskAfterNumFailures 0, which never suspends it"},
		{"neither", func(a *snowflake.TaskArgs) { a.ErrorIntegration = nil; a.SuspendTaskAfterNumFailures = nil }, "no errorIntegration and no suspendTaskAfterNumFailures"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := violations(t, func(ctx *pulumi.Context) error {
				a := base()
				c.mod(a)
				root, err := snowflake.NewTask(ctx, "root", a)
				if err != nil {
					return err
				}
				// Children and finalizers are not roots: they need neither setting.
				if _, err := snowflake.NewTask(ctx, "child", &snowflake.TaskArgs{
					Database: pulumi.String("D"), Schema: pulumi.String("S"), SqlStatement: pulumi.String("SELECT 2"),
					Started: pulumi.Bool(false), Afters: pulumi.StringArray{root.FullyQualifiedName},
				}); err != nil {
					return err
				}
				_, err = snowflake.NewTask(ctx, "fin", &snowflake.TaskArgs{
					Database: pulumi.String("D"), Schema: pulumi.String("S"), SqlStatement: pulumi.String("SELECT 3"),
					Started: pulumi.Bool(false), Finalize: root.FullyQualifiedName,
				})
				return err
			})
			if c.want == "" {
				assert.Empty(t, vs, "%v", ruleIDs(vs))
				return
			}
			require.Len(t, vs, 1, "%v", ruleIDs(vs))
			assert.Equal(t, "snowflake-root-task-guarded", vs[0].Rule)
			assert.Contains(t, vs[0].Message, c.want)
			assert.Contains(t, vs[0].URN, "Task::root")
		})
	}
}

func TestSnowflakeRules_warehouseCostGuard(t *testing.T) {
	cases := []struct {
		name string
		args *snowflake.WarehouseArgs
		want string
	}{
		{"guarded", &snowflake.WarehouseArgs{ResourceMonitor: pulumi.String("M"), AutoSuspend: pulumi.Int(60)}, ""},
		{"at the limit", &snowflake.WarehouseArgs{ResourceMonitor: pulumi.String("M"), AutoSuspend: pulumi.Int(600)}, ""},
		{"no monitor", &snowflake.WarehouseArgs{AutoSuspend: pulumi.Int(60)}, "warehouse has no resourceMonitor"},
		{"long auto-suspend", &snowflake.WarehouseArgs{ResourceMonitor: pulumi.String("M"), AutoSuspend: pulumi.Int(601)}, "auto-suspends after 601 s, over 600 s"},
		{"never suspends", &snowflake.WarehouseArgs{ResourceMonitor: pulumi.String("M"), AutoSuspend: pulumi.Int(0)}, "never auto-suspends"},
		{"default auto-suspend", &snowflake.WarehouseArgs{ResourceMonitor: pulumi.String("M")}, "leaves autoSuspend at Snowflake's default"},
		{"provider default marker", &snowflake.WarehouseArgs{ResourceMonitor: pulumi.String("M"), AutoSuspend: pulumi.Int(-1)}, "leaves autoSuspend at Snowflake's default"},
		{"nothing", nil, "has no resourceMonitor and leaves autoSuspend"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs := violations(t, func(ctx *pulumi.Context) error {
				_, err := snowflake.NewWarehouse(ctx, "wh", c.args)
				return err
			})
			if c.want == "" {
				assert.Empty(t, vs, "%v", ruleIDs(vs))
				return
			}
			require.Len(t, vs, 1, "%v", ruleIDs(vs))
			assert.Equal(t, "snowflake-warehouse-cost-guard", vs[0].Rule)
			assert.Contains(t, vs[0].Message, c.want)
		})
	}
}

func TestSnowflakeRules_componentsComply(t *testing.T) {
	plan, err := synth.Run(func(ctx *pulumi.Context) error {
		ingest, err := snowpipe.NewSnowpipeIngest(ctx, "events", &snowpipe.SnowpipeIngestArgs{
			Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"),
			Pipes: []snowpipe.PipeSpec{{
				Name: "ORDERS", Prefix: "orders/", Format: snowpipe.FileFormat{Type: "CSV"},
				Columns: []snowpipe.Column{{Name: "ID", Type: "NUMBER"}}, Stream: true,
			}},
		})
		if err != nil {
			return err
		}
		if _, err := taskgraph.NewTaskGraph(ctx, "orders", &taskgraph.TaskGraphArgs{
			Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"),
			TriggerStream: ingest.Streams["ORDERS"], TargetCompletionInterval: 15 * time.Minute,
			Tasks: []taskgraph.TaskSpec{{Name: "MERGE", SQL: "SELECT 1"}, {Name: "AFTER", SQL: "SELECT 2", After: []string{"MERGE"}}},
		}); err != nil {
			return err
		}
		_, err = warehouse.NewWarehouse(ctx, "bi", &warehouse.WarehouseArgs{MonthlyCreditQuota: 10})
		return err
	}, synth.Options{Project: "p", Stack: "dev", Config: map[string]string{"snowflake:previewFeaturesEnabled": previewConfig(t)}})
	require.NoError(t, err)
	rules := policy.All()
	assert.Empty(t, policy.Evaluate(plan, rules))
}

// previewConfig is the stack config value enabling every preview feature the
// Snowflake components use, as JSON.
func previewConfig(t *testing.T) string {
	var tokens []string
	tokens = append(tokens, snowpipe.Tokens()...)
	tokens = append(tokens, taskgraph.Tokens()...)
	tokens = append(tokens, warehouse.Tokens()...)
	b, err := json.Marshal(snowflake.PreviewFeaturesFor(tokens...))
	require.NoError(t, err)
	return string(b)
}

func TestSnowflakeRules_previewFeaturesEnabled(t *testing.T) {
	pipeAndTask := func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) error {
		if _, err := snowflake.NewPipe(ctx, "p", &snowflake.PipeArgs{
			Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"), CopyStatement: pulumi.String("COPY INTO T FROM @S"),
		}, opts...); err != nil {
			return err
		}
		_, err := snowflake.NewTask(ctx, "t", &snowflake.TaskArgs{
			Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"), SqlStatement: pulumi.String("SELECT 1"), Started: pulumi.Bool(false),
		}, opts...)
		return err
	}
	explicit := func(features ...string) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			prov, err := snowflake.NewProvider(ctx, "sf", &snowflake.ProviderArgs{PreviewFeaturesEnabled: features})
			if err != nil {
				return err
			}
			return pipeAndTask(ctx, pulumi.Provider(prov))
		}
	}
	only := func(vs []policy.Violation) []string {
		var out []string
		for _, v := range vs {
			if v.Rule == "snowflake-preview-features-enabled" {
				out = append(out, v.Message)
			}
		}
		return out
	}
	assert.Empty(t, only(violations(t, explicit("snowflake_pipe_resource"))), "the task is not gated")
	assert.Equal(t, []string{
		`snowflake:index/pipe:Pipe is the preview feature "snowflake_pipe_resource", which its provider "sf" does not enable in previewFeaturesEnabled`,
	}, only(violations(t, explicit("snowflake_table_resource"))))

	defaultProvider := func(ctx *pulumi.Context) error { return pipeAndTask(ctx) }
	plan, err := synth.Run(defaultProvider, synth.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{
		`snowflake:index/pipe:Pipe is the preview feature "snowflake_pipe_resource", which the default Snowflake provider (stack config snowflake:previewFeaturesEnabled) does not enable in previewFeaturesEnabled`,
	}, only(policy.Evaluate(plan, policy.SnowflakeRules())))
	plan, err = synth.Run(defaultProvider, synth.Options{Config: map[string]string{"snowflake:previewFeaturesEnabled": `["snowflake_pipe_resource"]`}})
	require.NoError(t, err)
	assert.Empty(t, only(policy.Evaluate(plan, policy.SnowflakeRules())))
}

func TestSnowflakeRules_storageWritesWithinLocations(t *testing.T) {
	program := func(resources ...string) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			if _, err := snowflake.NewStorageIntegrationAws(ctx, "unload", &snowflake.StorageIntegrationAwsArgs{
				Enabled: pulumi.Bool(true), StorageProvider: pulumi.String("S3"),
				StorageAwsRoleArn:       pulumi.String("arn:aws:iam::123456789012:role/sf-unload"),
				StorageAllowedLocations: pulumi.ToStringArray([]string{"s3://ml-data/training-data/churn/"}),
			}); err != nil {
				return err
			}
			role, err := iam.NewRole(ctx, "r", &iam.RoleArgs{Name: pulumi.String("sf-unload"), AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
			if err != nil {
				return err
			}
			doc := `{"Version":"2012-10-17","Statement":[{"Sid":"W","Effect":"Allow","Action":["s3:PutObject","s3:DeleteObject"],"Resource":["` + strings.Join(resources, `","`) + `"]},` +
				`{"Sid":"R","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::ml-data/*"]}]}`
			_, err = iam.NewRolePolicy(ctx, "rp", &iam.RolePolicyArgs{Role: role.ID(), Policy: pulumi.String(doc)})
			return err
		}
	}
	only := func(vs []policy.Violation) []string {
		var out []string
		for _, v := range vs {
			if v.Rule == "snowflake-storage-writes-within-locations" {
				out = append(out, v.Message)
			}
		}
		return out
	}
	assert.Empty(t, only(violations(t, program("arn:aws:s3:::ml-data/training-data/churn/*"))), "writes under the location; reads are not this rule's")
	assert.Equal(t, []string{
		`its role arn:aws:iam::123456789012:role/sf-unload may write arn:aws:s3:::ml-data/* (statement "W"), outside the allowed locations s3://ml-data/training-data/churn/`,
	}, only(violations(t, program("arn:aws:s3:::ml-data/*"))))
	assert.Len(t, only(violations(t, program("arn:aws:s3:::ml-data/training-data/*/churn/*"))), 1, "a wildcard before the location's end reaches outside it")
	assert.Len(t, only(violations(t, program("arn:aws:s3:::other-bucket/training-data/churn/*"))), 1)
}
