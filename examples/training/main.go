// Command training is a standalone Pulumi program that closes the ML loop:
// a TrainingPipeline trains a model every Monday and whenever new training
// data lands, registers each as a package pending manual approval and
// announces every approval or rejection on its alert topic; a
// BatchInference scores with the group's latest approved package every day
// and as soon as a package is approved.
//
//	train → register (PendingManualApproval) → a person approves or rejects
//	  → the alert topic says so (ApprovalNotifications, on by default)
//	  → approved: scoring runs at once (RunOnApproval), and nightly
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
)

const (
	trainingImage  = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
	modelArtifacts = "s3://acme-ml-models/churn/"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	tp, err := training.NewTrainingPipeline(ctx, "churn-training", &training.TrainingPipelineArgs{
		Image:           pulumi.String(trainingImage),
		InstanceType:    "ml.m5.2xlarge",
		VolumeSizeGB:    50,
		HyperParameters: map[string]string{"objective": "binary:logistic", "max_depth": "6", "num_round": "300"},
		InputChannels: map[string]string{
			"train":      "s3://acme-ml-data/churn/train/",
			"validation": "s3://acme-ml-data/churn/validation/",
		},
		OutputS3Uri:           modelArtifacts,
		ManagedSpot:           true,
		ModelPackageGroupName: "churn",
		Schedule:              &trigger.Schedule{Expression: "cron(0 2 ? * MON *)"},
		NewData:               &trigger.ObjectCreated{S3Uri: "s3://acme-ml-data/churn/train/"},
		AlertEmail:            "ml-oncall@example.com",
		// On by default; spelled out because the example is about the loop.
		ApprovalNotifications: pulumi.BoolRef(true),
		Tags:                  map[string]string{"team": "ml"},
	})
	if err != nil {
		return err
	}
	bi, err := inference.NewBatchInference(ctx, "churn-scoring", &inference.BatchInferenceArgs{
		ModelPackageGroupName:   tp.ModelPackageGroupName,
		ModelArtifactsS3Uri:     modelArtifacts,
		ModelArtifactsKmsKeyArn: tp.OutputKmsKeyArn,
		EcrRepositoryArns:       []pulumi.StringInput{tp.InferenceImageRepositoryArn}, // the packages' image
		InputS3Uri:              "s3://acme-features/churn/",
		OutputS3Uri:             "s3://acme-scores/churn/",
		InstanceType:            "ml.m5.xlarge",
		Schedule:                trigger.Schedule{Expression: "cron(0 5 * * ? *)"},
		RunOnApproval:           true, // and right after each approval
		AlertTopicArn:           tp.AlertTopicArn,
		AlertTopicKmsKeyArn:     tp.AlertTopicKmsKeyArn,
		Tags:                    map[string]string{"team": "ml"},
	})
	if err != nil {
		return err
	}
	ctx.Export("modelPackageGroupName", tp.ModelPackageGroupName)
	ctx.Export("trainingStateMachineArn", tp.StateMachineArn)
	ctx.Export("inferenceStateMachineArn", bi.StateMachineArn)
	ctx.Export("approvalNoticesRuleArn", tp.ApprovalRuleArn)
	ctx.Export("inferenceApprovalRuleArn", bi.ApprovalRuleArn)
	return nil
}
