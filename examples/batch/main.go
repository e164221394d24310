// Command batch is a standalone Pulumi program: a BatchWorkflow that
// reprocesses every raw event object of 2023 with an ECS task per object
// (a Distributed Map), scores the day with a SageMaker batch transform and
// publishes with a Lambda — nightly, and whenever a new object lands under
// incoming/.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/trigger"
)

// Existing resources the workflow runs; replace them with yours.
const (
	clusterArn   = "arn:aws:ecs:us-east-1:123456789012:cluster/batch"
	taskDefArn   = "arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess-event:4"
	taskRoleArn  = "arn:aws:iam::123456789012:role/reprocess-event-task"
	execRoleArn  = "arn:aws:iam::123456789012:role/reprocess-event-execution"
	publishFnArn = "arn:aws:lambda:us-east-1:123456789012:function:publish-scores"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	tolerated := 1.0
	wf, err := batch.NewBatchWorkflow(ctx, "events-backfill", &batch.BatchWorkflowArgs{
		Steps: []batch.Step{
			{
				Name: "reprocess",
				Map: &batch.MapStep{
					ItemsS3Uri:                 "s3://acme-raw-events/year=2023/",
					ResultsS3Uri:               "s3://acme-batch-results/events-backfill/",
					MaxConcurrency:             200,
					ToleratedFailurePercentage: &tolerated,
					Step: batch.Step{Name: "reprocess-object", ECSTask: &batch.ECSTaskStep{
						ClusterArn:        pulumi.String(clusterArn),
						TaskDefinitionArn: pulumi.String(taskDefArn),
						Family:            "reprocess-event",
						TaskRoleArn:       pulumi.String(taskRoleArn),
						ExecutionRoleArn:  pulumi.String(execRoleArn),
						Subnets:           pulumi.ToStringArray([]string{"subnet-0a1b2c3d", "subnet-4e5f6a7b"}),
						SecurityGroups:    pulumi.ToStringArray([]string{"sg-0123456789abcdef0"}),
						ContainerName:     "reprocess",
						EnvironmentPaths:  map[string]string{"OBJECT_BUCKET": "$.bucket", "OBJECT_KEY": "$.item.Key"},
					}},
				},
			},
			{Name: "score", Transform: &batch.TransformJob{
				ModelName:   pulumi.String("events-anomaly-v3"),
				InputS3Uri:  "s3://acme-features/events/",
				OutputS3Uri: "s3://acme-scores/events/",
			}},
			{Name: "publish", Lambda: &batch.LambdaStep{FunctionArn: pulumi.String(publishFnArn)}},
		},
		Schedule:   &trigger.Schedule{Expression: "cron(30 1 * * ? *)", Timezone: "Europe/Berlin"},
		S3Trigger:  &trigger.ObjectCreated{S3Uri: "s3://acme-raw-events/incoming/"},
		AlertEmail: "data-oncall@example.com",
		Tags:       map[string]string{"team": "data"},
	})
	if err != nil {
		return err
	}
	ctx.Export("stateMachineArn", wf.StateMachineArn)
	ctx.Export("alertTopicArn", wf.AlertTopicArn)
	return nil
}
