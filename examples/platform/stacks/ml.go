package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
)

// MLSettings is the batch and ML part of the stack configuration. An empty
// instance type is the component's default.
type MLSettings struct {
	DataBucket            string
	TrainingImage         string
	TrainingInstanceType  string
	InferenceInstanceType string
	SchedulesEnabled      bool
	AutoApproveModels     bool
}

// batchAndML composes the historical backfill (the nightly report's task run
// once per raw object of the past, as a Distributed Map), the weekly churn
// training that registers models and announces approvals and rejections on
// its alert topic, and the scoring that follows the latest approved model,
// nightly and as soon as a model is approved: train → register → approve →
// notify + infer.
func batchAndML(ctx *pulumi.Context, s Settings, al *stackAlerts, report *cronjob.CronJob) error {
	ml := s.ML
	tags := map[string]string{"environment": s.Env}
	data := "s3://" + ml.DataBucket + "/"

	backfill, err := batch.NewBatchWorkflow(ctx, "report-backfill", &batch.BatchWorkflowArgs{
		Steps: []batch.Step{{
			Name: "reprocess",
			Map: &batch.MapStep{
				ItemsS3Uri:     data + "raw/events/",
				ResultsS3Uri:   data + "backfill-results/report/",
				MaxConcurrency: backfillConcurrency(s.Env),
				Step: batch.Step{Name: "report-for-object", ECSTask: &batch.ECSTaskStep{
					ClusterArn:        report.ClusterArn,
					TaskDefinitionArn: report.TaskDefinitionArn,
					Family:            s.Env + "-nightly-report",
					TaskRoleArn:       report.TaskRoleArn,
					ExecutionRoleArn:  report.ExecutionRoleArn,
					Subnets:           pulumi.ToStringArray(s.SubnetIDs),
					SecurityGroups:    pulumi.ToStringArray(s.SecurityGroupIDs),
					ContainerName:     cronjob.ContainerName,
					Command:           []string{"report", "--object"},
					EnvironmentPaths:  map[string]string{"OBJECT_BUCKET": "$.bucket", "OBJECT_KEY": "$.item.Key"},
				}},
			},
		}},
		AlertTopicArn: al.topic, AlertTopicKmsKeyArn: al.key,
		RetainOnDelete: s.RetainStatefulResources,
		Protect:        s.ProtectStatefulResources,
		Tags:           tags,
	})
	if err != nil {
		return err
	}

	approval := "PendingManualApproval"
	if ml.AutoApproveModels {
		approval = "Approved"
	}
	enabled := ml.SchedulesEnabled
	train, err := training.NewTrainingPipeline(ctx, "churn-training", &training.TrainingPipelineArgs{
		Image:           pulumi.String(ml.TrainingImage),
		InstanceType:    ml.TrainingInstanceType,
		HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "200"},
		InputChannels: map[string]string{
			"train":      data + "ml/churn/train/",
			"validation": data + "ml/churn/validation/",
		},
		OutputS3Uri:           data + "ml/churn/models/",
		ManagedSpot:           true,
		ModelPackageGroupName: s.Env + "-churn",
		ModelApprovalStatus:   approval,
		Schedule:              &trigger.Schedule{Expression: "cron(0 2 ? * MON *)", Enabled: &enabled},
		AlertTopicArn:         al.topic,
		AlertTopicKmsKeyArn:   al.key,
		RetainOnDelete:        s.RetainStatefulResources,
		Protect:               s.ProtectStatefulResources,
		Tags:                  tags,
	})
	if err != nil {
		return err
	}
	al.publishes(train.ApprovalRuleArn)
	score, err := inference.NewBatchInference(ctx, "churn-scoring", &inference.BatchInferenceArgs{
		ModelPackageGroupName:   train.ModelPackageGroupName,
		ModelArtifactsS3Uri:     data + "ml/churn/models/",
		ModelArtifactsKmsKeyArn: train.OutputKmsKeyArn,
		EcrRepositoryArns:       []pulumi.StringInput{train.InferenceImageRepositoryArn}, // the packages' image
		InputS3Uri:              data + "features/churn/",
		OutputS3Uri:             data + "scores/churn/",
		InstanceType:            ml.InferenceInstanceType,
		Schedule:                trigger.Schedule{Expression: "cron(0 5 * * ? *)", Enabled: &enabled},
		// Score as soon as a model is approved, not at the next nightly run;
		// in dev too, where nothing is scheduled: a run there follows a
		// person's approval (or training started by hand), so dev exercises
		// the whole loop without idle cost.
		RunOnApproval:       true,
		AlertTopicArn:       al.topic,
		AlertTopicKmsKeyArn: al.key,
		RetainOnDelete:      s.RetainStatefulResources,
		Protect:             s.ProtectStatefulResources,
		Tags:                tags,
	})
	if err != nil {
		return err
	}

	ctx.Export("reportBackfillStateMachineArn", backfill.StateMachineArn)
	ctx.Export("churnModelPackageGroup", train.ModelPackageGroupName)
	ctx.Export("churnTrainingStateMachineArn", train.StateMachineArn)
	ctx.Export("churnScoringStateMachineArn", score.StateMachineArn)
	ctx.Export("churnApprovalNoticesRuleArn", train.ApprovalRuleArn)
	ctx.Export("churnScoringApprovalRuleArn", score.ApprovalRuleArn)
	return nil
}

func backfillConcurrency(env string) int {
	if env == "prod" {
		return 100
	}
	return 5
}
