package stacks

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/trigger"
)

// handoffs composes the pipelines where AWS and Snowflake hand data to each
// other: an ECS export lands orders that Snowflake transforms (hybrid), and
// Snowflake builds the churn training set that SageMaker trains on
// (training data). Both run in the environment's analytics database, after
// its schemas exist.
func handoffs(ctx *pulumi.Context, s Settings, al *stackAlerts, sf SnowflakeSettings, provider *snowflake.Provider, dbName string, schemas ...pulumi.Resource) error {
	ml := s.ML
	tags := map[string]string{"environment": s.Env}
	onSnowflake := []pulumi.ResourceOption{pulumi.Providers(provider), pulumi.DependsOn(schemas)}

	exportsEnabled := s.NightlyReportEnabled
	exports, err := hybrid.NewHybridPipeline(ctx, "order-exports", &hybrid.HybridPipelineArgs{
		Producer: cronjob.CronJobArgs{
			Image:          pulumi.String(s.OrderExportImage),
			Family:         s.Env + "-order-export",
			Command:        []string{"export-orders", "--since", "yesterday"},
			Subnets:        pulumi.ToStringArray(s.SubnetIDs),
			SecurityGroups: pulumi.ToStringArray(s.SecurityGroupIDs),
			Schedule:       trigger.Schedule{Expression: "cron(30 0 * * ? *)", Enabled: &exportsEnabled},
		},
		LandingPrefix: "order-exports/",
		Format:        snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
		Database:      dbName, Schema: "RAW", Table: "ORDER_EXPORTS",
		Columns: []snowpipe.Column{
			{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
			{Name: "AMOUNT", Type: "NUMBER(12,2)"},
			{Name: "EXPORTED_AT", Type: "TIMESTAMP_NTZ"},
		},
		CopyOptions: "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE",
		Transform: []taskgraph.TaskSpec{{
			Name: "MERGE_ORDER_EXPORTS",
			SQL: "MERGE INTO " + dbName + ".MARTS.EXPORTED_ORDERS t USING " + dbName + ".RAW.ORDER_EXPORTS" + snowpipe.StreamSuffix + " s" +
				" ON t.ORDER_ID = s.ORDER_ID WHEN MATCHED THEN UPDATE SET AMOUNT = s.AMOUNT, EXPORTED_AT = s.EXPORTED_AT" +
				" WHEN NOT MATCHED THEN INSERT (ORDER_ID, AMOUNT, EXPORTED_AT) VALUES (s.ORDER_ID, s.AMOUNT, s.EXPORTED_AT)",
		}},
		TargetCompletionInterval: 15 * time.Minute,
		// The export runs daily: two days without a row means two missed runs.
		Freshness:     hybrid.Freshness{Table: dbName + ".MARTS.EXPORTED_ORDERS", Column: "EXPORTED_AT", MaxAge: 48 * time.Hour},
		Started:       sf.StartTasks,
		AlertTopicArn: al.topic, AlertTopicKmsKeyArn: al.key,
		RetainOnDelete: s.RetainStatefulResources,
		Protect:        s.ProtectStatefulResources,
		Tags:           tags,
	}, onSnowflake...)
	if err != nil {
		return err
	}

	approval := "PendingManualApproval"
	if ml.AutoApproveModels {
		approval = "Approved"
	}
	data := "s3://" + ml.DataBucket + "/"
	features, err := trainingdata.NewTrainingDataPipeline(ctx, "churn-features", &trainingdata.TrainingDataPipelineArgs{
		Database: dbName, Schema: "MARTS", Dataset: "churn-features",
		FeatureSteps: []taskgraph.TaskSpec{{
			Name: "BUILD_CHURN_FEATURES",
			SQL: "INSERT OVERWRITE INTO " + dbName + ".MARTS.CHURN_FEATURES" +
				" SELECT CUSTOMER_ID, COUNT(*), SUM(AMOUNT), IFF(MAX(CREATED_AT) < DATEADD(DAY, -30, CURRENT_TIMESTAMP()), 1, 0)" +
				" FROM " + dbName + ".MARTS.ORDERS_CLEAN GROUP BY CUSTOMER_ID",
		}},
		Query:       "SELECT CHURNED, ORDERS, REVENUE FROM " + dbName + ".MARTS.CHURN_FEATURES",
		LabelColumn: "CHURNED",
		Cron:        "0 1 * * *",
		Started:     sf.StartTasks,
		BucketName:  ml.DataBucket,
		// Nothing else in the program manages the data bucket's notifications.
		EnableBucketNotifications: true,
		Training: training.TrainingPipelineArgs{
			Image:                 pulumi.String(ml.TrainingImage),
			InstanceType:          ml.TrainingInstanceType,
			HyperParameters:       map[string]string{"objective": "binary:logistic", "num_round": "200"},
			OutputS3Uri:           data + "ml/churn-features/models/",
			ManagedSpot:           true,
			ModelPackageGroupName: s.Env + "-churn-features",
			ModelApprovalStatus:   approval,
		},
		AlertTopicArn: al.topic, AlertTopicKmsKeyArn: al.key,
		RetainOnDelete: s.RetainStatefulResources,
		Protect:        s.ProtectStatefulResources,
		Tags:           tags,
	}, onSnowflake...)
	if err != nil {
		return err
	}

	al.publishes(features.Training.ApprovalRuleArn)

	ctx.Export("orderExportsLanding", exports.LandingS3Uri)
	ctx.Export("orderExportsStream", exports.StreamName)
	ctx.Export("churnFeaturesSnapshots", features.SnapshotsS3Uri)
	ctx.Export("churnFeaturesTrainingStateMachineArn", features.TrainingStateMachineArn)
	ctx.Export("churnFeaturesModelPackageGroup", features.ModelPackageGroupName)
	return nil
}
