package inference_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// A SageMaker batch transform every morning over the day's features, with
// its output encrypted by a key of its own.
func ExampleNewBatchInference() {
	program := func(ctx *pulumi.Context) error {
		_, err := inference.NewBatchInference(ctx, "churn-scoring", &inference.BatchInferenceArgs{
			Image:        pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-inference:2.1.0"),
			ModelDataUrl: "s3://acme-ml-models/churn/2024-05-01/model.tar.gz",
			InputS3Uri:   "s3://acme-features/churn/",
			OutputS3Uri:  "s3://acme-scores/churn/",
			Schedule:     trigger.Schedule{Expression: "cron(0 5 * * ? *)"},
			AlertEmail:   "ml-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	schedule, _ := plan.Find("aws:scheduler/schedule:Schedule", "churn-scoring-schedule")
	fmt.Println("schedule:", schedule.String("scheduleExpression"), schedule.String("scheduleExpressionTimezone"))
	_, ok := plan.Find("aws:kms/key:Key", "churn-scoring-key")
	fmt.Println("output key:", ok)
	for _, alarm := range plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		fmt.Println("alarm:", alarm.Name)
	}
	// Output:
	// schedule: cron(0 5 * * ? *) UTC
	// output key: true
	// alarm: churn-scoring-deadline-failed
	// alarm: churn-scoring-dlq-depth
	// alarm: churn-scoring-executions-aborted
	// alarm: churn-scoring-executions-failed
	// alarm: churn-scoring-executions-timed-out
}

// Scoring that follows a TrainingPipeline's registry: each run uses the
// group's latest approved package, and a run also starts as soon as a
// package is approved.
func ExampleNewBatchInference_followTheRegistry() {
	program := func(ctx *pulumi.Context) error {
		train, err := training.NewTrainingPipeline(ctx, "churn-training", &training.TrainingPipelineArgs{
			Image:         pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-train:1.0"),
			InputChannels: map[string]string{"train": "s3://acme-ml-data/churn/train/"},
			OutputS3Uri:   "s3://acme-ml-models/churn/",
		})
		if err != nil {
			return err
		}
		_, err = inference.NewBatchInference(ctx, "churn-scoring", &inference.BatchInferenceArgs{
			ModelPackageGroupName: train.ModelPackageGroupName, // follow the registry
			ModelArtifactsS3Uri:   "s3://acme-ml-models/churn/",
			// Required with a package group: where the packages' inference image lives.
			EcrRepositoryArns: []pulumi.StringInput{train.InferenceImageRepositoryArn},
			InputS3Uri:        "s3://acme-features/churn/",
			OutputS3Uri:       "s3://acme-scores/churn/",
			Schedule:          trigger.Schedule{Expression: "cron(0 5 * * ? *)"},
			RunOnApproval:     true, // and right after each approval
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	schedule, _ := plan.Find("aws:scheduler/schedule:Schedule", "churn-scoring-schedule")
	fmt.Println("schedule:", schedule.String("scheduleExpression"))
	rule, _ := plan.Find("aws:cloudwatch/eventRule:EventRule", "churn-scoring-approval-rule")
	fmt.Println("on approval:", rule.String("eventPattern"))
	// Output:
	// schedule: cron(0 5 * * ? *)
	// on approval: {"detail":{"ModelApprovalStatus":["Approved"],"ModelPackageGroupName":["churn-training"]},"detail-type":["SageMaker Model Package State Change"],"source":["aws.sagemaker"]}
}
