package taskgraph_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/synth"
)

// A nightly graph of serverless Snowflake tasks: the root on a cron with a
// time zone, a check after it, and the deadline check that alerts when a
// night's run has not succeeded within its grace (the graph's longest run,
// two hours of task timeouts, plus 5 minutes).
func ExampleNewTaskGraph() {
	program := func(ctx *pulumi.Context) error {
		_, err := taskgraph.NewTaskGraph(ctx, "daily-revenue", &taskgraph.TaskGraphArgs{
			Database: pulumi.String("ANALYTICS"),
			Schema:   pulumi.String("MARTS"),
			Cron:     "0 2 * * *",
			Timezone: "Europe/Berlin",
			Tasks: []taskgraph.TaskSpec{
				{Name: "BUILD", SQL: "INSERT OVERWRITE INTO ANALYTICS.MARTS.DAILY_REVENUE SELECT TO_DATE(CREATED_AT), SUM(AMOUNT) FROM ANALYTICS.MARTS.ORDERS GROUP BY 1"},
				{Name: "CHECK", SQL: "SELECT 1 / (COUNT(*) > 0)::INT FROM ANALYTICS.MARTS.DAILY_REVENUE", After: []string{"BUILD"}},
			},
			AlertEmail: "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, task := range plan.ByType("snowflake:index/task:Task") {
		line := "task " + task.String("name")
		if cron, ok := task.Get("schedule", "usingCron").(string); ok {
			line += fmt.Sprintf(" on %q, suspended after %v failures in a row", cron, task.Get("suspendTaskAfterNumFailures"))
		}
		if after, ok := task.Get("afters").([]any); ok {
			line += fmt.Sprint(" after ", after)
		}
		fmt.Println(line)
	}
	// Output:
	// task BUILD_DEADLINE on "5 4 * * * Europe/Berlin", suspended after 10 failures in a row
	// task BUILD on "0 2 * * * Europe/Berlin", suspended after 3 failures in a row
	// task CHECK after ["ANALYTICS"."MARTS"."BUILD"]
}
