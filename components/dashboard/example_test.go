package dashboard_test

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/dashboard"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// A stack's dashboard, created after its components, draws what they
// created: here a cron job's runs, durations, deadline checks and the
// metric of each of its alarms.
func ExampleNewDashboard() {
	program := func(ctx *pulumi.Context) error {
		if _, err := cronjob.NewCronJob(ctx, "nightly", &cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.4"),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
		}); err != nil {
			return err
		}
		_, err := dashboard.NewDashboard(ctx, "operations", nil)
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	board, _ := plan.Find("aws:cloudwatch/dashboard:Dashboard", "operations")
	fmt.Println(board.String("dashboardName"))
	var body struct {
		Widgets []struct {
			Type       string
			Properties struct{ Title, Markdown string }
		}
	}
	if err := json.Unmarshal([]byte(board.String("dashboardBody")), &body); err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range body.Widgets {
		fmt.Println(w.Type+":", w.Properties.Title+w.Properties.Markdown)
	}
	// Output:
	// operations-example-dev
	// text: ## nightly
	// metric: Runs
	// metric: Run duration (ms)
	// metric: A workflow execution failed.
	// metric: A workflow execution timed out.
	// metric: A workflow execution was aborted.
	// metric: Consecutive runs of the cronjob were skipped because an earlier run was still running.
	// metric: Deadlines
	// metric: A deadline check failed: it could not read the last success or publish its alert.
	// metric: A scheduled start of the workflow or its deadline check could not be delivered.
}
