package cronjob

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/synth"
)

func TestSmoke(t *testing.T) {
	plan, err := synth.Run(func(ctx *pulumi.Context) error {
		_, err := NewCronJob(ctx, "nightly", &CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1"),
			Schedule:       "cron(0 2 * * ? *)",
			Subnets:        pulumi.ToStringArray([]string{"subnet-1"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-1"}),
			Secrets:        map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::")},
		})
		return err
	}, synth.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range plan.Resources {
		fmt.Println(r.Type, r.Name, r.Parent != "")
	}
	r, _ := plan.Find("aws:iam/rolePolicy:RolePolicy", "nightly-execution-policy")
	fmt.Println(r.Inputs["policy"])
	r, _ = plan.Find("aws:sfn/stateMachine:StateMachine", "nightly-workflow")
	fmt.Println(r.Inputs["definition"])
}
