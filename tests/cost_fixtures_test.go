package tests

import (
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
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
)

// costPattern is one pattern as docs/cost.md prices it: the component with
// its required settings and every default, on a typical schedule. page is
// its reference page, whose defaults table's "fixed cost" row states what
// the same fixture costs idle (fixedcost_test.go).
type costPattern struct {
	pattern, component, page string
	program                  pulumi.RunFunc
}

const (
	fixtureImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/job:1.0.0"
	xgboostImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
)

var (
	fixtureSubnets = pulumi.ToStringArray([]string{"subnet-0a1b2c3d", "subnet-4e5f6a7b"})
	fixtureGroups  = pulumi.ToStringArray([]string{"sg-0123456789abcdef0"})
)

// costPatterns are the fixtures of docs/cost.md's cost table, in its order.
func costPatterns() []costPattern {
	return []costPattern{
		{"Cron job on ECS Fargate", "nightly", componentPage("cronjob"), func(ctx *pulumi.Context) error {
			_, err := cronjob.NewCronJob(ctx, "nightly", &cronjob.CronJobArgs{
				Image: pulumi.String(fixtureImage), Subnets: fixtureSubnets, SecurityGroups: fixtureGroups,
				Schedule: trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			})
			return err
		}},
		{"Real-time streaming", "clicks", componentPage("stream"), func(ctx *pulumi.Context) error {
			_, err := stream.NewStreamProcessor(ctx, "clicks", &stream.StreamProcessorArgs{
				ImageUri: pulumi.String(fixtureImage),
			})
			return err
		}},
		{"Historical / batch processing", "backfill", componentPage("batch"), func(ctx *pulumi.Context) error {
			// The backfill runs a task definition the program owns.
			td, err := ecs.NewTaskDefinition(ctx, "reprocess", &ecs.TaskDefinitionArgs{
				Family: pulumi.String("reprocess"), Cpu: pulumi.String("256"), Memory: pulumi.String("512"),
				NetworkMode: pulumi.String("awsvpc"), RequiresCompatibilities: pulumi.ToStringArray([]string{"FARGATE"}),
				ContainerDefinitions: pulumi.String(`[{"name":"reprocess","image":"` + fixtureImage + `","essential":true}]`),
			})
			if err != nil {
				return err
			}
			_, err = batch.NewBatchWorkflow(ctx, "backfill", &batch.BatchWorkflowArgs{
				Steps: []batch.Step{{Name: "reprocess", Map: &batch.MapStep{
					ItemsS3Uri: "s3://acme-raw-events/year=2023/",
					Step: batch.Step{Name: "reprocess-object", ECSTask: &batch.ECSTaskStep{
						ClusterArn:        pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/batch"),
						TaskDefinitionArn: td.Arn, Family: "reprocess",
						TaskRoleArn:      pulumi.String("arn:aws:iam::123456789012:role/reprocess-task"),
						ExecutionRoleArn: pulumi.String("arn:aws:iam::123456789012:role/reprocess-execution"),
						Subnets:          fixtureSubnets, SecurityGroups: fixtureGroups, ContainerName: "reprocess",
					}},
				}}},
				Schedule: &trigger.Schedule{Expression: "cron(0 3 1 * ? *)"},
			})
			return err
		}},
		{"ML batch inference", "scoring", componentPage("inference"), func(ctx *pulumi.Context) error {
			_, err := inference.NewBatchInference(ctx, "scoring", &inference.BatchInferenceArgs{
				Image:        pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-inference:2.1.0"),
				ModelDataUrl: "s3://acme-ml-models/churn/model.tar.gz",
				InputS3Uri:   "s3://acme-features/churn/", OutputS3Uri: "s3://acme-scores/churn/",
				Schedule: trigger.Schedule{Expression: "cron(0 5 * * ? *)"},
			})
			return err
		}},
		{"ML product lifecycle", "training", componentPage("training"), func(ctx *pulumi.Context) error {
			_, err := training.NewTrainingPipeline(ctx, "training", &training.TrainingPipelineArgs{
				Image:         pulumi.String(xgboostImage),
				InputChannels: map[string]string{"train": "s3://acme-ml-data/churn/train/"},
				OutputS3Uri:   "s3://acme-ml-models/churn/",
				Schedule:      &trigger.Schedule{Expression: "cron(0 2 ? * MON *)"},
			})
			return err
		}},
		{"Snowflake task graph", "rollup", componentPage("taskgraph"), func(ctx *pulumi.Context) error {
			_, err := taskgraph.NewTaskGraph(ctx, "rollup", &taskgraph.TaskGraphArgs{
				Database: pulumi.String("ANALYTICS"), Schema: pulumi.String("MARTS"), Cron: "0 3 * * *", Started: true,
				Tasks: []taskgraph.TaskSpec{{Name: "ROLLUP", SQL: "INSERT INTO ANALYTICS.MARTS.TOTALS SELECT 1"}},
			})
			return err
		}},
		{"Snowpipe ingest", "ingest", componentPage("snowpipe"), func(ctx *pulumi.Context) error {
			_, err := snowpipe.NewSnowpipeIngest(ctx, "ingest", &snowpipe.SnowpipeIngestArgs{
				Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"), BucketName: pulumi.String("acme-landing"),
				Pipes: []snowpipe.PipeSpec{{Name: "ORDERS", Prefix: "orders/", Format: snowpipe.FileFormat{Type: "JSON"},
					Columns: []snowpipe.Column{{Name: "ORDER", Type: "VARIANT"}}}},
			})
			return err
		}},
		{"Snowflake warehouse", "reporting", componentPage("warehouse"), func(ctx *pulumi.Context) error {
			_, err := warehouse.NewWarehouse(ctx, "reporting", &warehouse.WarehouseArgs{MonthlyCreditQuota: 20})
			return err
		}},
		{"Training-data pipeline", "churn", componentPage("trainingdata"), func(ctx *pulumi.Context) error {
			_, err := trainingdata.NewTrainingDataPipeline(ctx, "churn", &trainingdata.TrainingDataPipelineArgs{
				Database: "ML", Schema: "FEATURES", Dataset: "churn",
				FeatureSteps: []taskgraph.TaskSpec{{Name: "BUILD_CHURN_FEATURES", SQL: "CREATE OR REPLACE TABLE ML.FEATURES.CHURN AS SELECT 1 AS CHURNED"}},
				Query:        "SELECT CHURNED FROM ML.FEATURES.CHURN", LabelColumn: "CHURNED", BuiltInAlgorithm: true,
				Cron: "0 1 * * *", Started: true, BucketName: "acme-ml-data", EnableBucketNotifications: true,
				Training: training.TrainingPipelineArgs{
					Image: pulumi.String(xgboostImage), InferenceImage: pulumi.String(xgboostImage),
					OutputS3Uri: "s3://acme-ml-data/models/churn/",
				},
			})
			return err
		}},
		{"Hybrid pipeline", "orders", componentPage("hybrid"), func(ctx *pulumi.Context) error {
			_, err := hybrid.NewHybridPipeline(ctx, "orders", &hybrid.HybridPipelineArgs{
				Producer: cronjob.CronJobArgs{Image: pulumi.String(fixtureImage), Subnets: fixtureSubnets, SecurityGroups: fixtureGroups,
					Schedule: trigger.Schedule{Expression: "rate(1 hour)"}},
				LandingPrefix: "orders/", Format: snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
				Database: "RAW", Schema: "SALES", Table: "ORDERS",
				Columns:                  []snowpipe.Column{{Name: "ORDER_ID", Type: "NUMBER(38,0)"}, {Name: "UPDATED_AT", Type: "TIMESTAMP_NTZ"}},
				Transform:                []taskgraph.TaskSpec{{Name: "MERGE_ORDERS", SQL: "MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ORDER_ID = s.ORDER_ID WHEN NOT MATCHED THEN INSERT (ORDER_ID) VALUES (s.ORDER_ID)"}},
				TargetCompletionInterval: 15 * time.Minute,
				Freshness:                hybrid.Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "UPDATED_AT", MaxAge: 3 * time.Hour},
			})
			return err
		}},
		{"Lambda architecture", "payments", componentPage("lambdaarch"), func(ctx *pulumi.Context) error {
			_, err := lambdaarch.NewLambdaArchitecture(ctx, "payments", &lambdaarch.LambdaArchitectureArgs{
				Processor: stream.StreamProcessorArgs{ImageUri: pulumi.String(fixtureImage)},
				Database:  "ANALYTICS", Schema: "PAYMENTS",
				Columns:   []lambdaarch.Column{{Name: "PAYMENT_ID", Type: "NUMBER(38,0)"}, {Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"}},
				Watermark: "EVENT_TIME", SnowflakeAccountUrl: "https://acme-analytics.snowflakecomputing.com",
				PrivateKeySecretArn: pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake/firehose-AbCdEf"),
				Started:             true,
			})
			return err
		}},
	}
}
