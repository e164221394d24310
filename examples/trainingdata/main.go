// Command trainingdata is the schedkit training-data example: a Snowflake
// task graph builds churn features from orders every night and unloads them
// (label first, headerless CSV) to s3://<dataBucket>/training-data/churn/
// run-<time>/; the snapshot's _SUCCESS marker starts SageMaker's built-in
// XGBoost on exactly that snapshot, and the model is registered for
// approval.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
)

func main() { cli.Main(program) }

// xgboost is SageMaker's built-in XGBoost image in eu-west-1.
const xgboost = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	role := cfg.Get("role")
	if role == "" {
		role = "ACCOUNTADMIN"
	}
	// An explicit provider reads no snowflake:* stack config: its preview
	// features come from the pipeline's tokens.
	provider, err := snowflake.NewProvider(ctx, "snowflake", &snowflake.ProviderArgs{
		OrganizationName:       pulumi.String(cfg.Require("organizationName")),
		AccountName:            pulumi.String(cfg.Require("accountName")),
		User:                   pulumi.String(cfg.Require("user")),
		Role:                   pulumi.String(role),
		Authenticator:          pulumi.String("SNOWFLAKE_JWT"),
		PrivateKey:             cfg.RequireSecret("privateKey"),
		PreviewFeaturesEnabled: snowflake.PreviewFeaturesFor(trainingdata.Tokens()...),
	})
	if err != nil {
		return err
	}
	db, err := snowflake.NewDatabase(ctx, "ml", &snowflake.DatabaseArgs{Name: pulumi.String("ML")}, pulumi.Provider(provider))
	if err != nil {
		return err
	}
	schema, err := snowflake.NewSchema(ctx, "features", &snowflake.SchemaArgs{Database: db.Name, Name: pulumi.String("FEATURES")}, pulumi.Provider(provider))
	if err != nil {
		return err
	}

	bucket := cfg.Require("dataBucket")
	pipeline, err := trainingdata.NewTrainingDataPipeline(ctx, "churn", &trainingdata.TrainingDataPipelineArgs{
		Database: "ML", Schema: "FEATURES", Dataset: "churn",
		FeatureSteps: []taskgraph.TaskSpec{{
			Name: "BUILD_CHURN_FEATURES",
			SQL: "CREATE OR REPLACE TABLE ML.FEATURES.CHURN AS SELECT CUSTOMER_ID," +
				" COUNT(*) AS ORDERS, SUM(AMOUNT) AS REVENUE," +
				" IFF(MAX(CREATED_AT) < DATEADD(DAY, -30, CURRENT_TIMESTAMP()), 1, 0) AS CHURNED" +
				" FROM SALES.PUBLIC.ORDERS GROUP BY CUSTOMER_ID",
		}},
		Query:                     "SELECT CHURNED, ORDERS, REVENUE FROM ML.FEATURES.CHURN",
		LabelColumn:               "CHURNED",
		BuiltInAlgorithm:          true,
		Cron:                      "0 1 * * *",
		Started:                   true,
		BucketName:                bucket,
		EnableBucketNotifications: true,
		Training: training.TrainingPipelineArgs{
			Image:           pulumi.String(xgboost),
			InferenceImage:  pulumi.String(xgboost),
			HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "200"},
			OutputS3Uri:     "s3://" + bucket + "/models/churn/",
		},
		AlertEmail: cfg.Get("alertEmail"),
	}, pulumi.Providers(provider), pulumi.DependsOn([]pulumi.Resource{schema}))
	if err != nil {
		return err
	}

	ctx.Export("snapshots", pipeline.SnapshotsS3Uri)
	ctx.Export("rootTask", pipeline.RootTaskName)
	ctx.Export("trainingStateMachineArn", pipeline.TrainingStateMachineArn)
	ctx.Export("modelPackageGroup", pipeline.ModelPackageGroupName)
	ctx.Export("alertTopicArn", pipeline.AlertTopicArn)
	return nil
}
