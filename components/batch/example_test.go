package batch_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// A backfill of typed steps, an ECS task then a Lambda function, started
// nightly and by hand, each step retried with backoff and timed out.
func ExampleNewBatchWorkflow() {
	program := func(ctx *pulumi.Context) error {
		_, err := batch.NewBatchWorkflow(ctx, "events-backfill", &batch.BatchWorkflowArgs{
			Steps: []batch.Step{
				{Name: "reprocess", ECSTask: &batch.ECSTaskStep{
					ClusterArn:        pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/batch"),
					TaskDefinitionArn: pulumi.String("arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess:7"),
					Family:            "reprocess",
					TaskRoleArn:       pulumi.String("arn:aws:iam::123456789012:role/reprocess-task"),
					ExecutionRoleArn:  pulumi.String("arn:aws:iam::123456789012:role/reprocess-execution"),
					Subnets:           pulumi.ToStringArray([]string{"subnet-0a1b2c3d"}),
					SecurityGroups:    pulumi.ToStringArray([]string{"sg-0123456789abcdef0"}),
					ContainerName:     "reprocess",
				}},
				{Name: "publish", Lambda: &batch.LambdaStep{
					FunctionArn: pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:publish"),
				}},
			},
			Schedule:   &trigger.Schedule{Expression: "cron(30 1 * * ? *)"},
			AlertEmail: "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	schedule, _ := plan.Find("aws:scheduler/schedule:Schedule", "events-backfill-schedule")
	fmt.Println("schedule:", schedule.String("scheduleExpression"), schedule.String("scheduleExpressionTimezone"))
	workflow, _ := plan.Find("aws:sfn/stateMachine:StateMachine", "events-backfill-workflow")
	fmt.Println("workflow:", workflow.String("type"))
	for _, alarm := range plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		fmt.Println("alarm:", alarm.Name)
	}
	// Output:
	// schedule: cron(30 1 * * ? *) UTC
	// workflow: STANDARD
	// alarm: events-backfill-deadline-failed
	// alarm: events-backfill-dlq-depth
	// alarm: events-backfill-executions-aborted
	// alarm: events-backfill-executions-failed
	// alarm: events-backfill-executions-timed-out
}
