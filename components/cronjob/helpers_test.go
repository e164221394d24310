package cronjob

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
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
		Subnets:        pulumi.ToStringArray([]string{"subnet-a", "subnet-b"}),
		SecurityGroups: pulumi.ToStringArray([]string{"sg-1"}),
	}
}

// synthJob runs one CronJob named "nightly" and returns the plan.
func synthJob(t *testing.T, args *CronJobArgs) (*synth.Plan, error) {
	t.Helper()
	return synth.Run(func(ctx *pulumi.Context) error {
		_, err := NewCronJob(ctx, "nightly", args)
		return err
	}, synth.Options{Project: "test", Stack: "dev"})
}

func mustSynth(t *testing.T, args *CronJobArgs) *synth.Plan {
	t.Helper()
	plan, err := synthJob(t, args)
	require.NoError(t, err)
	return plan
}

func find(t *testing.T, p *synth.Plan, typ, name string) synth.Resource {
	t.Helper()
	r, ok := p.Find(typ, name)
	require.Truef(t, ok, "no %s %q in plan", typ, name)
	return r
}

func policyOf(t *testing.T, p *synth.Plan, name string) iampolicy.PlainDocument {
	t.Helper()
	doc, err := iampolicy.Parse(find(t, p, "aws:iam/rolePolicy:RolePolicy", name).String("policy"))
	require.NoError(t, err)
	return doc
}

func statement(t *testing.T, doc iampolicy.PlainDocument, sid string) iampolicy.PlainStatement {
	t.Helper()
	s, ok := doc.FindSid(sid)
	require.Truef(t, ok, "no statement %q in %+v", sid, doc)
	return s
}

func workflowOf(t *testing.T, p *synth.Plan) sfn.Definition {
	t.Helper()
	def, err := sfn.Parse(find(t, p, "aws:sfn/stateMachine:StateMachine", "nightly-workflow").String("definition"))
	require.NoError(t, err)
	require.NoError(t, def.Validate())
	return def
}

func containerOf(t *testing.T, p *synth.Plan) map[string]any {
	t.Helper()
	var defs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(find(t, p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task").String("containerDefinitions")), &defs))
	require.Len(t, defs, 1)
	return defs[0]
}

func synthWith(t *testing.T, program pulumi.RunFunc) (*synth.Plan, error) {
	t.Helper()
	return synth.Run(program, synth.Options{Project: "test", Stack: "dev"})
}
