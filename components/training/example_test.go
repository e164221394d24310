package training_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// A weekly SageMaker training job whose models are registered in a model
// package group, pending manual approval.
func ExampleNewTrainingPipeline() {
	program := func(ctx *pulumi.Context) error {
		_, err := training.NewTrainingPipeline(ctx, "churn", &training.TrainingPipelineArgs{
			Image:           pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-train:1.0"),
			HyperParameters: map[string]string{"max_depth": "6", "num_round": "200"},
			InputChannels:   map[string]string{"train": "s3://acme-ml-data/churn/train/"},
			OutputS3Uri:     "s3://acme-ml-models/churn/",
			Schedule:        &trigger.Schedule{Expression: "cron(0 2 ? * MON *)"},
			AlertEmail:      "ml-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	schedule, _ := plan.Find("aws:scheduler/schedule:Schedule", "churn-schedule")
	fmt.Println("schedule:", schedule.String("scheduleExpression"))
	registry, _ := plan.Find("aws:sagemaker/modelPackageGroup:ModelPackageGroup", "churn-registry")
	fmt.Println("registry:", registry.String("modelPackageGroupName"))
	rule, _ := plan.Find("aws:cloudwatch/eventRule:EventRule", "churn-approvals")
	fmt.Println("approval notices:", rule.String("eventPattern"))
	// Output:
	// schedule: cron(0 2 ? * MON *)
	// registry: churn
	// approval notices: {"detail":{"ModelApprovalStatus":["Approved","Rejected"],"ModelPackageGroupName":["churn"]},"detail-type":["SageMaker Model Package State Change"],"source":["aws.sagemaker"]}
}
