package enginetest_test

import (
	"sort"
	"testing"
	"time"

	pkgresource "github.com/pulumi/pulumi/pkg/v3/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/dashboard"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/components/warehouse"
	"github.com/schedkit/schedkit/diff"
	"github.com/schedkit/schedkit/enginetest"
)

// renamable registers one component under name with the StableName
// stable (empty: the default, its name), and with an alias to old when old
// is set (the documented way to rename: pulumi.Aliases).
type renamable func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error

var renamables = map[string]renamable{
	"AlertTopic": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := alerts.NewAlertTopic(ctx, name, &alerts.AlertTopicArgs{StableName: stable, Email: "data-oncall@example.com"}, opts...)
		return err
	},
	"Warehouse": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := warehouse.NewWarehouse(ctx, name, &warehouse.WarehouseArgs{StableName: stable, MonthlyCreditQuota: 20}, opts...)
		return err
	},
	"TaskGraph": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := taskgraph.NewTaskGraph(ctx, name, &taskgraph.TaskGraphArgs{
			StableName: stable,
			Database:   pulumi.String("ANALYTICS"),
			Schema:     pulumi.String("MARTS"),
			Cron:       "0 2 * * *",
			Timezone:   "Europe/Berlin",
			Tasks: []taskgraph.TaskSpec{
				{Name: "BUILD", SQL: "INSERT OVERWRITE INTO ANALYTICS.MARTS.DAILY_REVENUE SELECT TO_DATE(CREATED_AT), SUM(AMOUNT) FROM ANALYTICS.MARTS.ORDERS GROUP BY 1"},
				{Name: "CHECK", SQL: "SELECT 1 / (COUNT(*) > 0)::INT FROM ANALYTICS.MARTS.DAILY_REVENUE", After: []string{"BUILD"}},
			},
			AlertEmail: "data-oncall@example.com",
		}, opts...)
		return err
	},
	"CronJob": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := cronjob.NewCronJob(ctx, name, &cronjob.CronJobArgs{
			StableName:     stable,
			Image:          pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.0.0"),
			Family:         "nightly-report",
			Subnets:        pulumi.ToStringArray([]string{"subnet-0d000000000000001"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-0d000000000000001"}),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			AlertEmail:     "data-oncall@example.com",
		}, opts...)
		return err
	},
	"BatchInference": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := inference.NewBatchInference(ctx, name, &inference.BatchInferenceArgs{
			StableName:   stable,
			Image:        pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-inference:2.1.0"),
			ModelDataUrl: "s3://acme-ml-models/churn/model.tar.gz",
			InputS3Uri:   "s3://acme-features/churn/", OutputS3Uri: "s3://acme-scores/churn/",
			Schedule:   trigger.Schedule{Expression: "cron(0 5 * * ? *)"},
			AlertEmail: "ml-oncall@example.com",
		}, opts...)
		return err
	},
	"TrainingPipeline": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := training.NewTrainingPipeline(ctx, name, &training.TrainingPipelineArgs{
			StableName:    stable,
			Image:         pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-training:3.1.0"),
			InputChannels: map[string]string{"train": "s3://acme-ml-data/churn/train/"},
			OutputS3Uri:   "s3://acme-ml-models/churn/",
			Schedule:      &trigger.Schedule{Expression: "cron(0 2 ? * MON *)"},
			AlertEmail:    "ml-oncall@example.com",
		}, opts...)
		return err
	},
	"BatchWorkflow": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := batch.NewBatchWorkflow(ctx, name, &batch.BatchWorkflowArgs{
			StableName: stable,
			Steps: []batch.Step{{Name: "publish", Lambda: &batch.LambdaStep{
				FunctionArn: pulumi.String("arn:aws:lambda:eu-west-1:123456789012:function:publish"),
			}}},
			Schedule:   &trigger.Schedule{Expression: "cron(30 1 * * ? *)"},
			AlertEmail: "data-oncall@example.com",
		}, opts...)
		return err
	},
	"StreamProcessor": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := stream.NewStreamProcessor(ctx, name, &stream.StreamProcessorArgs{
			StableName:      stable,
			CodeArchivePath: "./handler", Runtime: "python3.12", Handler: "index.handler",
			Sink:       &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail: "data-oncall@example.com",
		}, opts...)
		return err
	},
	"SnowpipeIngest": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := snowpipe.NewSnowpipeIngest(ctx, name, &snowpipe.SnowpipeIngestArgs{
			StableName: stable,
			Database:   pulumi.String("RAW"),
			Schema:     pulumi.String("EVENTS"),
			Pipes: []snowpipe.PipeSpec{{
				Name: "ORDERS", Prefix: "orders/", Suffix: ".csv",
				Format: snowpipe.FileFormat{Type: "CSV", SkipHeader: 1},
				Columns: []snowpipe.Column{
					{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
					{Name: "AMOUNT", Type: "NUMBER(12,2)"},
				},
				Stream: true,
			}},
			AlertEmail: "data-oncall@example.com",
		}, opts...)
		return err
	},
	"HybridPipeline": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := hybrid.NewHybridPipeline(ctx, name, &hybrid.HybridPipelineArgs{
			StableName: stable,
			Producer: cronjob.CronJobArgs{
				Image:          pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-export:1.0"),
				Command:        []string{"export-orders", "--last", "1h"},
				Subnets:        pulumi.ToStringArray([]string{"subnet-0d000000000000001"}),
				SecurityGroups: pulumi.ToStringArray([]string{"sg-0d000000000000001"}),
				Schedule:       trigger.Schedule{Expression: "rate(1 hour)"},
			},
			LandingPrefix: "orders/",
			Format:        snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
			Database:      "RAW", Schema: "SALES", Table: "ORDERS",
			Columns: []snowpipe.Column{
				{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
				{Name: "UPDATED_AT", Type: "TIMESTAMP_NTZ"},
			},
			CopyOptions: "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE",
			Transform: []taskgraph.TaskSpec{{
				Name: "MERGE_ORDERS",
				SQL: "MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ORDER_ID = s.ORDER_ID" +
					" WHEN NOT MATCHED THEN INSERT (ORDER_ID, UPDATED_AT) VALUES (s.ORDER_ID, s.UPDATED_AT)",
			}},
			TargetCompletionInterval: 15 * time.Minute,
			Freshness:                hybrid.Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "UPDATED_AT", MaxAge: 3 * time.Hour},
			AlertEmail:               "data-oncall@example.com",
		}, opts...)
		return err
	},
	"LambdaArchitecture": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := lambdaarch.NewLambdaArchitecture(ctx, name, &lambdaarch.LambdaArchitectureArgs{
			StableName: stable,
			Processor: stream.StreamProcessorArgs{
				CodeArchivePath: "./handler", Runtime: "python3.12", Handler: "index.handler",
			},
			Database: "ANALYTICS", Schema: "ORDERS", Name: "ORDER_EVENTS",
			Columns: []lambdaarch.Column{
				{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
				{Name: "STATUS", Type: "VARCHAR(32)"},
				{Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"},
			},
			Watermark:           "EVENT_TIME",
			DedupeKey:           []string{"ORDER_ID"},
			SnowflakeAccountUrl: "https://acme-analytics.snowflakecomputing.com",
			PrivateKeySecretArn: pulumi.String("arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-AbCdEf"),
			AlertEmail:          "data-oncall@example.com",
		}, opts...)
		return err
	},
	"TrainingDataPipeline": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		_, err := trainingdata.NewTrainingDataPipeline(ctx, name, &trainingdata.TrainingDataPipelineArgs{
			StableName: stable,
			Database:   "ML", Schema: "FEATURES", Dataset: "churn",
			FeatureSteps: []taskgraph.TaskSpec{{
				Name: "BUILD_CHURN",
				SQL:  "INSERT OVERWRITE INTO ML.FEATURES.CHURN SELECT CUSTOMER_ID, ORDERS, REVENUE, CHURNED FROM ML.FEATURES.CUSTOMERS",
			}},
			Query:            "SELECT CHURNED, ORDERS, REVENUE FROM ML.FEATURES.CHURN",
			LabelColumn:      "CHURNED",
			BuiltInAlgorithm: true,
			Cron:             "0 1 * * *",
			BucketName:       "acme-ml-data",
			Training: training.TrainingPipelineArgs{
				Image:           pulumi.String("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
				HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "200"},
				OutputS3Uri:     "s3://acme-ml-data/models/churn/",
			},
			AlertEmail: "ml-oncall@example.com",
		}, opts...)
		return err
	},
	// The Dashboard draws the components registered before it; a CronJob
	// beside it gives it widgets. Only the dashboard is renamed.
	"Dashboard": func(ctx *pulumi.Context, name, stable string, opts ...pulumi.ResourceOption) error {
		if _, err := cronjob.NewCronJob(ctx, "nightly", &cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4"),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			Subnets:        pulumi.ToStringArray([]string{"subnet-0d000000000000001"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-0d000000000000001"}),
		}); err != nil {
			return err
		}
		_, err := dashboard.NewDashboard(ctx, name, &dashboard.DashboardArgs{StableName: stable}, opts...)
		return err
	},
}

// aliasAloneIsFree are the kinds nothing replace-forcing of derives from
// the component's name: an alias alone renames them without a replacement
// (AlertTopic's key names the component only in its description, which
// KMS updates in place). Every other kind replaces something without
// StableName: a Dashboard its dashboard (dashboardName), a SnowpipeIngest
// its Snowflake-assumed roles (their names), the composites what their
// parts derive from the names they pass on.
var aliasAloneIsFree = map[string]bool{"AlertTopic": true}

func renameProgram(kind, name, old string) enginetest.Program {
	return stableRenameProgram(kind, name, old, "")
}

// stableRenameProgram is renameProgram with the component's StableName.
func stableRenameProgram(kind, name, old, stable string) enginetest.Program {
	return enginetest.Program{
		Project: "rename", Stack: "dev", Dir: "../examples/stream",
		Config: map[string]string{"aws:region": "eu-west-1"},
		Run: func(ctx *pulumi.Context) error {
			var opts []pulumi.ResourceOption
			if old != "" {
				opts = append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(old)}}))
			}
			return renamables[kind](ctx, name, stable, opts...)
		},
	}
}

// TestRename_withAliasEngineDoesWhatDiffSays renames each kind of
// component with an alias: the engine moves every child to its new URN
// (nothing is created or deleted outside a replacement), and for every
// resource `schedkit diff`'s verdict is the engine's step. What an aliased
// rename still replaces (inputs the component derives from its own name)
// is listed in the log; DESIGN.md, "Names and compatibility", has the plan
// to make it nothing.
func TestRename_withAliasEngineDoesWhatDiffSays(t *testing.T) {
	for kind := range renamables {
		t.Run(kind, func(t *testing.T) {
			before, after := renameProgram(kind, "job", ""), renameProgram(kind, "job-v2", "job")
			deployed := enginetest.Update(t, before, nil, enginetest.Options{})
			report := predicted(t, before, after)
			res := enginetest.Update(t, after, deployed.Snapshot, enginetest.Options{})
			assertVerdictsAgree(t, report, res)
			assert.Empty(t, res.ByOp()["delete"], "the alias carries every URN")
			assert.Empty(t, res.ByOp()["create"])
			replaced := 0
			for _, c := range report.Changes {
				if c.Kind == diff.Replace {
					t.Logf("without StableName, an aliased rename replaces %s (%v), stateful: %v", c.URN, c.Forcing, c.Stateful())
					replaced++
				}
			}
			if aliasAloneIsFree[kind] {
				assert.Zero(t, replaced, "nothing replace-forcing derives from the name")
				assert.Empty(t, report.Renames, "a free rename needs no fix")
				return
			}
			// What TestRename_withAliasAndStableNameReplacesNothing saves:
			// without the argument the rename replaces children.
			assert.NotZero(t, replaced, "an alias alone replaces what derives from the name")
			// And diff prints that fix, for the renamed component alone
			// (a composite passes its StableName on to its parts).
			require.Len(t, report.Renames, 1, "the renamed component, not its parts")
			assert.Equal(t, "job-v2", report.Renames[0].NewName)
			assert.Equal(t, []string{
				`pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("job")}}) in the options of "job-v2"`,
				`StableName: "job" in its args`,
			}, report.Renames[0].Fix)
		})
	}
}

// TestRename_withAliasAndStableNameReplacesNothing renames each kind of
// component the documented way, pulumi.Aliases and StableName set to the
// old name: the engine creates, deletes and replaces nothing; what is not
// `same` is an in-place update of a stateless input that names the
// component (a role's description); and `schedkit diff` says so.
func TestRename_withAliasAndStableNameReplacesNothing(t *testing.T) {
	for kind := range renamables {
		t.Run(kind, func(t *testing.T) {
			before := renameProgram(kind, "job", "")
			after := stableRenameProgram(kind, "job-v2", "job", "job")
			deployed := enginetest.Update(t, before, nil, enginetest.Options{})
			report := predicted(t, before, after)
			res := enginetest.Update(t, after, deployed.Snapshot, enginetest.Options{})
			assertVerdictsAgree(t, report, res)
			for op, urns := range res.ByOp() {
				switch op {
				case "same":
				case "update":
					t.Logf("updated in place: %v", urns)
				default:
					t.Errorf("step %s on %v: an aliased rename with StableName must only keep or update in place", op, urns)
				}
			}
			for _, c := range report.Changes {
				assert.NotEqual(t, diff.Replace, c.Kind, "%s: diff predicts a replacement", c.URN)
				assert.NotEqual(t, diff.Delete, c.Kind, "%s: diff predicts a delete", c.URN)
				assert.NotEqual(t, diff.Create, c.Kind, "%s: diff predicts a create", c.URN)
			}
		})
	}
}

// assertVerdictsAgree: for every resource, diff's kind of change is the
// engine's step (a move under an alias with no input changed is the
// engine's `same`, which records the new URN), and every resource diff
// leaves unchanged is `same`.
func assertVerdictsAgree(t *testing.T, report *diff.Report, res enginetest.Result) {
	t.Helper()
	ops := res.Ops()
	want := map[diff.Kind][]string{
		diff.Create: {"create"}, diff.Update: {"update"}, diff.Delete: {"delete"},
		diff.Replace: {"create-replacement", "replace", "delete-replaced"},
	}
	changed := map[resource.URN]bool{}
	for _, c := range report.Changes {
		urn := resource.URN(c.URN)
		changed[urn] = true
		expected := want[c.Kind]
		if c.Kind == diff.Update && len(c.Inputs) == 0 && c.Aliased {
			expected = []string{"same"}
		}
		got := opNames(ops[urn])
		if c.Kind == diff.Replace && c.OldURN != "" {
			// The old resource, deleted under its old URN.
			changed[resource.URN(c.OldURN)] = true
			got = append(got, opNames(ops[resource.URN(c.OldURN)])...)
		}
		require.NotNil(t, expected, "%s: diff kind %s", urn, c.Kind)
		sort.Strings(got) // steps of one replacement run in either order
		expected = append([]string{}, expected...)
		sort.Strings(expected)
		assert.Equal(t, expected, got, "%s: diff says %s", urn, c.Kind)
	}
	for urn, o := range ops {
		if !changed[urn] {
			assert.Equal(t, []string{"same"}, opNames(o), "%s: diff says unchanged", urn)
		}
	}
}

// TestRename_snowpipeAliasAloneUpdatesTheExternalIDInPlace: an alias-only
// rename of a SnowpipeIngest derives a new external id and role name from
// the new name. terraform-provider-snowflake updates the integration's
// storageAwsExternalId and storageAwsRoleArn in place (ALTER STORAGE
// INTEGRATION ... SET, then a read: describeOutputs is unknown in the
// preview), so the component's check that the integration reports the id
// it was given holds, and the role it trusts carries the new id. Before
// the stand-in modelled the read, it reported the old id and the preview
// failed with the component's "reports external id" message.
func TestRename_snowpipeAliasAloneUpdatesTheExternalIDInPlace(t *testing.T) {
	before, after := renameProgram("SnowpipeIngest", "job", ""), renameProgram("SnowpipeIngest", "job-v2", "job")
	deployed := enginetest.Update(t, before, nil, enginetest.Options{})
	preview := enginetest.Preview(t, after, deployed.Snapshot, enginetest.Options{})
	require.NoError(t, preview.Err)
	res := enginetest.Update(t, after, deployed.Snapshot, enginetest.Options{})

	const integration = "urn:pulumi:dev::rename::schedkit:snowflake:SnowpipeIngest$snowflake:index/storageIntegrationAws:StorageIntegrationAws::job-v2-storage-integration"
	const role = "urn:pulumi:dev::rename::schedkit:snowflake:SnowpipeIngest$aws:iam/role:Role::job-v2-storage-role"
	assert.Equal(t, []string{"update"}, opNames(res.Ops()[integration]), "in place: the external id is no ForceNew input")
	described := func(s []*pkgresource.State, urn string) (ext, user string) {
		for _, r := range s {
			if string(r.URN) == urn {
				d := r.Outputs["describeOutputs"].ArrayValue()[0].ObjectValue()
				return d["externalId"].StringValue(), d["iamUserArn"].StringValue()
			}
		}
		t.Fatalf("%s not in the state", urn)
		return "", ""
	}
	oldExt, oldUser := described(deployed.Snapshot.Resources, "urn:pulumi:dev::rename::schedkit:snowflake:SnowpipeIngest$snowflake:index/storageIntegrationAws:StorageIntegrationAws::job-storage-integration")
	newExt, newUser := described(res.Snapshot.Resources, integration)
	assert.NotEqual(t, oldExt, newExt, "the id derives from the name")
	assert.Regexp(t, `^schedkit-[0-9a-f]{40}$`, newExt)
	assert.Equal(t, oldUser, newUser, "the ALTER leaves the integration's IAM user")
	for _, r := range res.Snapshot.Resources {
		if string(r.URN) == role {
			assert.Contains(t, r.Inputs["assumeRolePolicy"].StringValue(), newExt, "the role trusts the new id")
		}
	}
}
