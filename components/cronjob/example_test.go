package cronjob_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// A nightly export on ECS Fargate: EventBridge Scheduler starts a Step
// Functions workflow that runs the task, one run at a time, and alarms when
// a run fails, times out, is aborted or skipped.
func ExampleNewCronJob() {
	program := func(ctx *pulumi.Context) error {
		_, err := cronjob.NewCronJob(ctx, "nightly-export", &cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/export:2.3.1"),
			Command:        []string{"export", "--date", "yesterday"},
			Cpu:            512,
			Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a", "subnet-0b0b0b0b"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
			Schedule:       trigger.Schedule{Expression: "cron(30 1 * * ? *)", Timezone: "Europe/Berlin"},
			AlertEmail:     "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	schedule, _ := plan.Find("aws:scheduler/schedule:Schedule", "nightly-export-schedule")
	fmt.Println("schedule:", schedule.String("scheduleExpression"), schedule.String("scheduleExpressionTimezone"))
	task, _ := plan.Find("aws:ecs/taskDefinition:TaskDefinition", "nightly-export-task")
	fmt.Printf("task: %s CPU units, %s MiB\n", task.String("cpu"), task.String("memory"))
	for _, alarm := range plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		fmt.Println("alarm:", alarm.Name)
	}
	// Output:
	// schedule: cron(30 1 * * ? *) Europe/Berlin
	// task: 512 CPU units, 1024 MiB
	// alarm: nightly-export-deadline-failed
	// alarm: nightly-export-dlq-depth
	// alarm: nightly-export-executions-aborted
	// alarm: nightly-export-executions-failed
	// alarm: nightly-export-executions-timed-out
	// alarm: nightly-export-skipped-runs
}
