package trainingdata_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/synth"
)

// Snowflake builds a churn training set nightly and unloads it to S3; the
// finished snapshot starts a SageMaker training run on it.
func ExampleNewTrainingDataPipeline() {
	program := func(ctx *pulumi.Context) error {
		_, err := trainingdata.NewTrainingDataPipeline(ctx, "churn", &trainingdata.TrainingDataPipelineArgs{
			Database: "ML", Schema: "FEATURES", Dataset: "churn",
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
				Image:           pulumi.String("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
				HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "200"},
				OutputS3Uri:     "s3://acme-ml-data/models/churn/",
			},
			AlertEmail: "ml-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	pipeline, _ := plan.Find(trainingdata.Type, "churn")
	for _, child := range plan.Children(pipeline.URN) {
		if !child.Custom {
			fmt.Println("part:", child.Type, child.Name)
		}
	}
	stage, _ := plan.Find("snowflake:index/stageExternalS3:StageExternalS3", "churn-stage")
	fmt.Println("snapshots:", stage.String("url"))
	rule, _ := plan.Find("aws:cloudwatch/eventRule:EventRule", "churn-training-s3-rule")
	fmt.Println("training starts on:", rule.String("eventPattern"))
	// Output:
	// part: schedkit:aws:TrainingPipeline churn-training
	// part: schedkit:keep:DeleteLock churn-delete-lock
	// part: schedkit:snowflake:TaskGraph churn-features
	// snapshots: s3://acme-ml-data/training-data/churn/
	// training starts on: {"detail":{"bucket":{"name":["acme-ml-data"]},"object":{"key":[{"wildcard":"training-data/churn/*/_SUCCESS"}]}},"detail-type":["Object Created"],"source":["aws.s3"]}
}
