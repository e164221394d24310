package cronjob

import (
	"encoding/json"
	"testing"

	"github.com/schedkit/schedkit/components/internal/sfn/sfntest"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	testImage     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.4"
	testSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
	testParamARN  = "arn:aws:ssm:us-east-1:123456789012:parameter/report/api-endpoint"
)

// validArgs is a complete, minimal job; tests change one thing at a time.
func validArgs() *CronJobArgs {
	return &CronJobArgs{
		Image:          pulumi.String(testImage),
		Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
		Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a", "subnet-0b0b0b0b"}),
		SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
	}
}

// options is the project and stack every test runs as.
var options = synth.Options{Project: "test", Stack: "dev"}

// mustSynth runs one CronJob named "nightly" and returns the plan.
func mustSynth(t *testing.T, args *CronJobArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, synthtest.Program(NewCronJob, "nightly", args), options)
}

// workflowOf parses and validates the job's state machine definition.
func workflowOf(t *testing.T, p *synth.Plan) sfn.Definition {
	t.Helper()
	return sfntest.Definition(t, p, "nightly-workflow")
}

// containerOf is the task definition's only container definition.
func containerOf(t *testing.T, p *synth.Plan) map[string]any {
	t.Helper()
	var defs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(synthtest.Find(t, p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task").String("containerDefinitions")), &defs))
	require.Len(t, defs, 1)
	return defs[0]
}
