package trainingdata

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/sfn/sfntest"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const xgboost = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"

// churnArgs builds features in two steps, unloads them as CSV for built-in
// XGBoost every night and trains on each snapshot.
func churnArgs() *TrainingDataPipelineArgs {
	return &TrainingDataPipelineArgs{
		Database: "ML", Schema: "FEATURES", Dataset: "churn",
		FeatureSteps: []taskgraph.TaskSpec{
			{Name: "ACTIVITY", SQL: "INSERT OVERWRITE INTO ML.FEATURES.ACTIVITY SELECT * FROM RAW.EVENTS.ACTIVITY_30D"},
			{Name: "CHURN_TRAINING", SQL: "INSERT OVERWRITE INTO ML.FEATURES.CHURN_TRAINING SELECT * FROM ML.FEATURES.JOINED", After: []string{"ACTIVITY"}},
		},
		Query:            "SELECT * FROM ML.FEATURES.CHURN_TRAINING WHERE SEGMENT = 'retail'",
		LabelColumn:      "CHURNED",
		BuiltInAlgorithm: true,
		Cron:             "0 2 * * *",
		BucketName:       "acme-ml-data",
		Training: training.TrainingPipelineArgs{
			Image:           pulumi.String(xgboost),
			HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "100"},
			OutputS3Uri:     "s3://acme-ml-models/churn/",
		},
		AlertEmail: "ml-oncall@example.com",
	}
}

var options = synth.Options{Project: "ml", Stack: "dev"}

func run(t *testing.T, args *TrainingDataPipelineArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, synthtest.Program(NewTrainingDataPipeline, "churn-data", args), options)
}

func TestTrainingDataPipeline_composesStorageStageTrainingAndGraph(t *testing.T) {
	plan := run(t, churnArgs())
	assert.Equal(t, []string{
		"aws:iam/role:Role churn-data-storage-role",
		"aws:iam/rolePolicy:RolePolicy churn-data-storage-role-policy",
		"schedkit:aws:TrainingPipeline churn-data-training",
		"schedkit:keep:DeleteLock churn-data-delete-lock",
		"schedkit:snowflake:TaskGraph churn-data-features",
		snowflake.StageExternalS3Type + " churn-data-stage",
		snowflake.StorageIntegrationAwsType + " churn-data-storage-integration",
	}, synthtest.ChildrenOf(t, plan, Type, "churn-data"))

	stage := synthtest.Find(t, plan, snowflake.StageExternalS3Type, "churn-data-stage")
	integ := synthtest.Find(t, plan, snowflake.StorageIntegrationAwsType, "churn-data-storage-integration")
	assert.Equal(t, "s3://acme-ml-data/training-data/churn/", stage.String("url"))
	assert.Equal(t, []any{"s3://acme-ml-data/training-data/churn/"}, integ.Inputs["storageAllowedLocations"], "the integration may use exactly the stage's location")
	assert.Equal(t, "CHURN_SNAPSHOTS", stage.String("name"))
	assert.Equal(t, integ.Output("name"), stage.String("storageIntegration"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-ml-dev-churn-data-sf-s3", integ.String("storageAwsRoleArn"))
}

func TestTrainingDataPipeline_storageRoleMayOnlyWriteTheSnapshotPrefix(t *testing.T) {
	doc := synthtest.Policy(t, run(t, churnArgs()), "churn-data-storage-role-policy")
	assert.Equal(t, []string{"WriteUnloadPrefix", "ListStagedPrefixes", "LocateBucket"}, synthtest.Sids(doc))
	write := synthtest.Statement(t, doc, "WriteUnloadPrefix")
	assert.Equal(t, []string{"s3:PutObject", "s3:DeleteObject"}, write.Action)
	assert.Equal(t, []string{"arn:aws:s3:::acme-ml-data/training-data/churn/*"}, write.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"training-data/churn/*"}}}, synthtest.Statement(t, doc, "ListStagedPrefixes").Condition)

	args := churnArgs()
	args.BucketKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/data")
	doc = synthtest.Policy(t, run(t, args), "churn-data-storage-role-policy")
	enc := synthtest.Statement(t, doc, "EncryptSnapshots")
	assert.Equal(t, []string{"kms:GenerateDataKey", "kms:Decrypt"}, enc.Action)
	assert.Equal(t, []string{"arn:aws:kms:us-east-1:123456789012:key/data"}, enc.Resource)
}

func TestTrainingDataPipeline_graphUnloadsAfterTheFeatureStepsThenWritesTheMarker(t *testing.T) {
	plan := run(t, churnArgs())
	task := func(n string) synth.Resource {
		return synthtest.Find(t, plan, snowflake.TaskType, "churn-data-features-task-"+strings.ToLower(n))
	}
	unload := task("UNLOAD_CHURN")
	assert.Equal(t, []any{task("CHURN_TRAINING").Output("fullyQualifiedName")}, unload.Inputs["afters"], "after the last feature step")
	assert.Equal(t, map[string]any{"usingCron": "0 2 * * * UTC"}, task("ACTIVITY").Inputs["schedule"])
	assert.Equal(t, strings.Join([]string{
		"EXECUTE IMMEDIATE $$",
		"DECLARE",
		"  run VARCHAR;",
		"  dir VARCHAR;",
		"  stmt VARCHAR;",
		"BEGIN",
		`  SELECT TO_VARCHAR(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ(SYSTEM$TASK_RUNTIME_INFO('CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP'))), 'YYYYMMDD"T"HH24MISS"Z"') INTO :run;`,
		"  dir := '@ML.FEATURES.CHURN_SNAPSHOTS/run-' || run || '/';",
		"  stmt := 'REMOVE ' || dir;",
		"  EXECUTE IMMEDIATE :stmt;",
		"  stmt := 'COPY INTO ' || dir || 'part FROM (SELECT CHURNED, * EXCLUDE (CHURNED) FROM (SELECT * FROM ML.FEATURES.CHURN_TRAINING WHERE SEGMENT = ''retail'')) FILE_FORMAT = (TYPE = CSV COMPRESSION = NONE NULL_IF = ('''') EMPTY_FIELD_AS_NULL = FALSE) HEADER = FALSE OVERWRITE = TRUE';",
		"  EXECUTE IMMEDIATE :stmt;",
		"  stmt := 'COPY INTO ' || dir || '_SUCCESS FROM (SELECT 1) FILE_FORMAT = (TYPE = CSV COMPRESSION = NONE) SINGLE = TRUE OVERWRITE = TRUE';",
		"  EXECUTE IMMEDIATE :stmt;",
		"  RETURN dir;",
		"END;",
		"$$",
	}, "\n"), unload.String("sqlStatement"))

	parquet := churnArgs()
	parquet.Format, parquet.BuiltInAlgorithm = "PARQUET", false
	sql := synthtest.Find(t, run(t, parquet), snowflake.TaskType, "churn-data-features-task-unload_churn").String("sqlStatement")
	assert.Contains(t, sql, "FILE_FORMAT = (TYPE = PARQUET) HEADER = TRUE OVERWRITE = TRUE", "Parquet keeps the column names")

	alone := churnArgs()
	alone.FeatureSteps = nil
	root := synthtest.Find(t, run(t, alone), snowflake.TaskType, "churn-data-features-task-unload_churn")
	assert.Nil(t, root.Inputs["afters"], "without feature steps the unload is the root")
	assert.Equal(t, map[string]any{"usingCron": "0 2 * * * UTC"}, root.Inputs["schedule"])
}

func TestTrainingDataPipeline_trainingReadsTheFolderTheMarkerAnnounces(t *testing.T) {
	plan := run(t, churnArgs())
	rule := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-data-training-s3-rule")
	var pattern map[string]any
	require.NoError(t, json.Unmarshal([]byte(rule.String("eventPattern")), &pattern))
	assert.Equal(t, map[string]any{
		"bucket": map[string]any{"name": []any{"acme-ml-data"}},
		"object": map[string]any{"key": []any{map[string]any{"wildcard": "training-data/churn/*/_SUCCESS"}}},
	}, pattern["detail"], "only a snapshot's marker starts a run")

	def := sfntest.Definition(t, plan, "churn-data-training-workflow")
	channels := def.States[training.StateTrain].Parameters["InputDataConfig"].([]any)
	require.Len(t, channels, 1)
	assert.Equal(t, map[string]any{
		"ChannelName": "train", "ContentType": "text/csv",
		"DataSource": map[string]any{"S3DataSource": map[string]any{
			"S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated",
			"S3Uri.$": "States.Format('s3://acme-ml-data/training-data/churn/{}/part', States.ArrayGetItem(States.StringSplit($.newData.key, '/'), 2))",
		}},
	}, channels[0], "the unload's folder and file prefix, read from the event's key")

	// The unload's folder, marker and file names are the ones the training reads.
	unload := synthtest.Find(t, plan, snowflake.TaskType, "churn-data-features-task-unload_churn").String("sqlStatement")
	assert.Contains(t, unload, "'@ML.FEATURES.CHURN_SNAPSHOTS/"+RunFolderPrefix+"' || run || '/'")
	assert.Contains(t, unload, "'"+DataFilePrefix+" FROM (")
	assert.Contains(t, unload, "'"+MarkerName+" FROM (SELECT 1)")
	assert.Equal(t, sfn.TypeChoice, def.States[training.StateHasNewData].Type)
}

func TestTrainingDataPipeline_bothHalvesAlertOneTopic(t *testing.T) {
	plan := run(t, churnArgs())
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "churn-data-training-alerts")
	assert.Len(t, plan.ByType("aws:sns/topic:Topic"), 1, "one alert topic for both halves")
	integ := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "churn-data-features-errors-integration")
	assert.Equal(t, topic.Output("arn"), integ.String("awsSnsTopicArn"))
	doc := synthtest.Policy(t, plan, "churn-data-features-errors-role-policy")
	assert.Equal(t, []string{topic.Output("arn")}, synthtest.Statement(t, doc, "PublishErrorNotifications").Resource)
	key := synthtest.Find(t, plan, "aws:kms/key:Key", "churn-data-training-alerts-key")
	assert.Equal(t, []string{key.Output("arn")}, synthtest.Statement(t, doc, "EncryptErrorNotifications").Resource)
	for _, task := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, integ.Output("name"), task.String("errorIntegration"), task.Name)
	}
	_, sub := plan.Find("aws:sns/topicSubscription:TopicSubscription", "churn-data-training-alerts-email")
	assert.True(t, sub, "the address is subscribed to the shared topic")

	// The graph's deadline alerts go the same way: through its integration.
	check := synthtest.Find(t, plan, snowflake.TaskType, "churn-data-features-deadline")
	assert.Contains(t, check.String("sqlStatement"), "SNOWFLAKE.NOTIFICATION.INTEGRATION('"+integ.Output("name")+"')")
}

func TestTrainingDataPipeline_graphDeadline(t *testing.T) {
	a := churnArgs()
	a.DeadlineGrace = 90 * time.Minute
	plan := run(t, a)
	check := synthtest.Find(t, plan, snowflake.TaskType, "churn-data-features-deadline")
	assert.Equal(t, false, check.Inputs["started"])
	assert.Contains(t, check.String("sqlStatement"), "SELECT GREATEST(:win - 5400, ", "the grace given")

	a.DisableDeadline, a.DeadlineGrace = true, 0
	_, found := run(t, a).Find(snowflake.TaskType, "churn-data-features-deadline")
	assert.False(t, found)

	a.DisableDeadline, a.DeadlineGrace = false, 30*time.Second
	_, err := validate("churn-data", a)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "trainingdatapipeline \"churn-data\": `DeadlineGrace` 30s is outside 1m0s–120h0m0s in whole minutes")
}

func TestTrainingDataPipeline_hasNoPolicyViolations(t *testing.T) {
	features, _ := json.Marshal(snowflake.PreviewFeaturesFor(Tokens()...))
	opts := options
	opts.Config = map[string]string{"snowflake:previewFeaturesEnabled": string(features)}
	plan := synthtest.Run(t, synthtest.Program(NewTrainingDataPipeline, "churn-data", churnArgs()), opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestTrainingDataPipeline_rejectsBadInputBeforeRegistering(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *TrainingDataPipelineArgs)
		want   string
	}{
		{"Parquet for a built-in algorithm", func(a *TrainingDataPipelineArgs) { a.Format = "PARQUET" }, "`Format` PARQUET is set with `BuiltInAlgorithm`"},
		{"unknown format", func(a *TrainingDataPipelineArgs) { a.Format = "JSON" }, "`Format` \"JSON\" is not one of CSV, PARQUET"},
		{"dataset with upper case", func(a *TrainingDataPipelineArgs) { a.Dataset = "Churn" }, "`Dataset` \"Churn\" may contain only lower-case letters"},
		{"two statements", func(a *TrainingDataPipelineArgs) { a.Query = "SELECT 1; DROP TABLE X" }, "`Query` \"SELECT 1; DROP TABLE X\" contains ;"},
		{"not a query", func(a *TrainingDataPipelineArgs) { a.Query = "DELETE FROM ML.FEATURES.CHURN" }, "`Query` \"DELETE FROM ML.FEATURES.CHURN\" is not a query: an unload's source must start with SELECT or WITH"},
		{"script delimiter", func(a *TrainingDataPipelineArgs) { a.Query = "SELECT '$$'" }, "contains $$"},
		{"no query", func(a *TrainingDataPipelineArgs) { a.Query = " " }, "`Query` is empty"},
		{"label that is no identifier", func(a *TrainingDataPipelineArgs) { a.LabelColumn = "churned flag" }, "`LabelColumn`"},
		{"quoted database", func(a *TrainingDataPipelineArgs) { a.Database = `"ml"` }, "`Database`"},
		{"bucket name S3 refuses", func(a *TrainingDataPipelineArgs) { a.BucketName = "xn--data" }, "`BucketName` \"xn--data\" is not a valid S3 bucket name"},
		{"prefix as a URI", func(a *TrainingDataPipelineArgs) { a.Prefix = "s3://acme-ml-data/x/" }, "`Prefix` \"s3://acme-ml-data/x/\" is a URI"},
		{"channel set by the caller", func(a *TrainingDataPipelineArgs) {
			a.Training.InputChannels = map[string]string{"train": "s3://x-bucket/y/"}
		}, "`Training.InputChannels` is set; the pipeline sets it"},
		{"schedule set by the caller", func(a *TrainingDataPipelineArgs) { a.Training.AlertEmail = "x@example.com" }, "`Training.AlertEmail` is set"},
		{"training protected on its own", func(a *TrainingDataPipelineArgs) { a.Training.Protect = true }, "`Training.Protect` is set; the pipeline sets it"},
		{"no schedule", func(a *TrainingDataPipelineArgs) { a.Cron = "" }, "trainingdatapipeline \"churn-data\": `Cron` is empty"},
		{"feature step with a bad name", func(a *TrainingDataPipelineArgs) { a.FeatureSteps[0].Name = "1ACTIVITY" }, "trainingdatapipeline \"churn-data\": `FeatureSteps[0].Name`"},
		{"feature step whose condition is a query", func(a *TrainingDataPipelineArgs) { a.FeatureSteps[0].When = "SELECT 1" },
			"trainingdatapipeline \"churn-data\": `FeatureSteps[0].When` \"SELECT 1\" is a statement (SELECT), not a Boolean expression"},
		{"feature step of two statements", func(a *TrainingDataPipelineArgs) { a.FeatureSteps[1].SQL = "DELETE FROM T; INSERT INTO T SELECT 1" },
			"trainingdatapipeline \"churn-data\": `FeatureSteps[1].SQL` \"DELETE FROM T; INSERT INTO T SELECT 1\" is more than one statement"},
		{"feature step named like the unload", func(a *TrainingDataPipelineArgs) { a.FeatureSteps[1].Name = "unload_churn" },
			"trainingdatapipeline \"churn-data\": `FeatureSteps[1].Name` \"unload_churn\" is the name of the unload task, which the component creates itself (names compare without case); choose another"},
		{"storage role named like the graph's notification role", func(a *TrainingDataPipelineArgs) {
			a.StorageRoleName = "schedkit-ml-dev-churn-data-features-sf-notify"
		}, "trainingdatapipeline \"churn-data\": `StorageRoleName` \"schedkit-ml-dev-churn-data-features-sf-notify\" is the name of the role the task graph publishes its errors with, which the component creates itself (names compare without case); choose another"},
		{"storage role named like it in other case, under a stable name", func(a *TrainingDataPipelineArgs) {
			a.StableName, a.StorageRoleName = "churn-old", "SCHEDKIT-ML-DEV-CHURN-OLD-FEATURES-SF-NOTIFY"
		}, "trainingdatapipeline \"churn-data\": `StorageRoleName` \"SCHEDKIT-ML-DEV-CHURN-OLD-FEATURES-SF-NOTIFY\" is the name of the role the task graph publishes its errors with, which the component creates itself (names compare without case); choose another"},
		{"training without image", func(a *TrainingDataPipelineArgs) { a.Training.Image = nil }, "trainingpipeline \"churn-data-training\": `Image` is required"},
		{"training-only check: instance type", func(a *TrainingDataPipelineArgs) { a.Training.InstanceType = "ml.inf2.xlarge" }, "`InstanceType` \"ml.inf2.xlarge\" is not an instance type SageMaker training jobs run on"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := churnArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewTrainingDataPipeline, "churn-data", args), options)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	assert.ErrorContains(t, errOf(validate("d", nil)), "trainingdatapipeline \"d\": `args` is nil")
}

// The names the collision checks compare with are the ones the graph
// creates: its notification role, under the component's name and under a
// StableName, and the unload task.
func TestTrainingDataPipeline_collisionChecksKnowTheDerivedNames(t *testing.T) {
	for stable, role := range map[string]string{"": "schedkit-ml-dev-churn-data-features-sf-notify", "churn-old": "schedkit-ml-dev-churn-old-features-sf-notify"} {
		args := churnArgs()
		args.StableName = stable
		plan := run(t, args)
		assert.Equal(t, role, synthtest.Find(t, plan, "aws:iam/role:Role", "churn-data-features-errors-role").String("name"))
		assert.Equal(t, "UNLOAD_CHURN", synthtest.Find(t, plan, snowflake.TaskType, "churn-data-features-task-unload_churn").String("name"))
	}
	// Another exact name is fine.
	args := churnArgs()
	args.StorageRoleName = "churn-unload"
	assert.Equal(t, "churn-unload", synthtest.Find(t, run(t, args), "aws:iam/role:Role", "churn-data-storage-role").String("name"))
}

func TestTrainingDataPipeline_onePipelinePerPrefix(t *testing.T) {
	err := synthtest.RunError(t, func(ctx *pulumi.Context) error {
		if _, err := NewTrainingDataPipeline(ctx, "churn-data", churnArgs()); err != nil {
			return err
		}
		nested := churnArgs()
		nested.Prefix = "training-data/churn/v2/"
		_, err := NewTrainingDataPipeline(ctx, "churn-v2", nested)
		return err
	}, options)
	assert.Contains(t, err.Error(), "trainingdatapipeline \"churn-v2\": `Prefix` and `Dataset` give s3://acme-ml-data/training-data/churn/v2/churn/, which overlaps s3://acme-ml-data/training-data/churn/ of trainingdatapipeline \"churn-data\"")

	// Another dataset in the same bucket is fine.
	synthtest.Run(t, func(ctx *pulumi.Context) error {
		if _, err := NewTrainingDataPipeline(ctx, "churn-data", churnArgs()); err != nil {
			return err
		}
		other := churnArgs()
		other.Dataset, other.Training.ModelPackageGroupName = "upsell", "upsell"
		_, err := NewTrainingDataPipeline(ctx, "upsell-data", other)
		return err
	}, options)
}

// Two pipelines of one dataset in one schema would create one stage and
// one unload task twice, even writing to different buckets.
func TestTrainingDataPipeline_oneDatasetPerSchema(t *testing.T) {
	twice := func(mutate func(a *TrainingDataPipelineArgs)) error {
		_, err := synth.Run(func(ctx *pulumi.Context) error {
			if _, err := NewTrainingDataPipeline(ctx, "churn-data", churnArgs()); err != nil {
				return err
			}
			other := churnArgs()
			other.BucketName, other.Training.ModelPackageGroupName = "acme-ml-data-eu", "churn-eu"
			mutate(other)
			_, err := NewTrainingDataPipeline(ctx, "churn-eu", other)
			return err
		}, options)
		return err
	}
	err := twice(func(a *TrainingDataPipelineArgs) { a.Schema = "features" })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "trainingdatapipeline \"churn-eu\": `Dataset` \"churn\" gives the stage ML.FEATURES.CHURN_SNAPSHOTS and the task UNLOAD_CHURN, which trainingdatapipeline \"churn-data\" creates in the same schema; one pipeline per dataset and schema, or each would replace the other's")

	// Another schema is fine.
	assert.NoError(t, twice(func(a *TrainingDataPipelineArgs) { a.Schema = "FEATURES_EU" }))
}

func TestTrainingDataPipeline_defaults(t *testing.T) {
	assert.Equal(t, "CSV", DefaultFormat)
	assert.Equal(t, "training-data/", DefaultPrefix)
	assert.Equal(t, "_SUCCESS", MarkerName)
	assert.Equal(t, "part", DataFilePrefix)
	assert.Equal(t, "run-", RunFolderPrefix)
	assert.Equal(t, map[string]string{"CSV": "text/csv", "PARQUET": "application/x-parquet"}, ContentType)
	a := withDefaults(TrainingDataPipelineArgs{})
	assert.Equal(t, DefaultFormat, a.Format)
	assert.Equal(t, DefaultPrefix, a.Prefix)
}

func TestTrainingDataPipeline_tasksWaitForTheStageAndForWhatThePipelineWaitsFor(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		schema, err := snowflake.NewSchema(ctx, "features", &snowflake.SchemaArgs{Database: pulumi.String("ML"), Name: pulumi.String("FEATURES")})
		if err != nil {
			return err
		}
		_, err = NewTrainingDataPipeline(ctx, "churn-data", churnArgs(), pulumi.DependsOn([]pulumi.Resource{schema}))
		return err
	}, options)
	schema := synthtest.Find(t, plan, snowflake.SchemaType, "features")
	stage := synthtest.Find(t, plan, snowflake.StageExternalS3Type, "churn-data-stage")
	unload := synthtest.Find(t, plan, snowflake.TaskType, "churn-data-features-task-unload_churn")
	assert.Contains(t, stage.Dependencies, schema.URN, "Pulumi does not pass a component's DependsOn on; the pipeline does")
	assert.Contains(t, unload.Dependencies, schema.URN)
	assert.Contains(t, unload.Dependencies, stage.URN, "the unload's SQL names the stage")
}

func TestTrainingDataPipeline_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := churnArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup churn-data-training-workflow-logs",
		"aws:kms/key:Key churn-data-training-alerts-key",
		"aws:kms/key:Key churn-data-training-key",
		"aws:sagemaker/modelPackageGroup:ModelPackageGroup churn-data-training-registry",
		"aws:sns/topic:Topic churn-data-training-alerts",
		"aws:sqs/queue:Queue churn-data-training-approvals-dlq",
		"aws:sqs/queue:Queue churn-data-training-s3-dlq",
		"snowflake:index/stageExternalS3:StageExternalS3 churn-data-stage",
	}, synthtest.Kept(t, run(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestTrainingDataPipeline_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, run(t, churnArgs())))
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }
