package batch

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

const (
	clusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/batch"
	taskDefArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess:7"
	taskRole   = "arn:aws:iam::123456789012:role/reprocess-task"
	execRole   = "arn:aws:iam::123456789012:role/reprocess-exec"
	functionA  = "arn:aws:lambda:us-east-1:123456789012:function:extract"
)

func ecsStep(name string) Step {
	return Step{Name: name, ECSTask: &ECSTaskStep{
		ClusterArn: pulumi.String(clusterArn), TaskDefinitionArn: pulumi.String(taskDefArn), Family: "reprocess",
		TaskRoleArn: pulumi.String(taskRole), ExecutionRoleArn: pulumi.String(execRole),
		Subnets: pulumi.ToStringArray([]string{"subnet-a", "subnet-b"}), SecurityGroups: pulumi.ToStringArray([]string{"sg-1"}),
		ContainerName: "app", Command: []string{"reprocess", "--all"},
		Environment: map[string]string{"MODE": "backfill"}, EnvironmentPaths: map[string]string{"OBJECT_KEY": "$.item.Key"},
	}}
}

// fullArgs has one step of each kind, a schedule and an S3 trigger.
func fullArgs() *BatchWorkflowArgs {
	return &BatchWorkflowArgs{
		Steps: []Step{
			{Name: "extract", Lambda: &LambdaStep{FunctionArn: pulumi.String(functionA)}},
			{Name: "reprocess", Map: &MapStep{
				ItemsS3Uri: "s3://raw-events/year=2023/", ResultsS3Uri: "s3://batch-results/reprocess/",
				MaxConcurrency: 50, Step: ecsStep("reprocess-one"),
			}},
			{Name: "score", Transform: &TransformJob{
				ModelName: pulumi.String("churn-model"), InputS3Uri: "s3://features/daily", OutputS3Uri: "s3://scores/daily/",
				OutputKmsKeyArn: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/abc"),
			}},
			ecsStep("publish"),
		},
		Schedule:  &trigger.Schedule{Expression: "cron(0 3 * * ? *)"},
		S3Trigger: &trigger.ObjectCreated{S3Uri: "s3://raw-events/incoming/"},
	}
}

func run(t *testing.T, name string, args *BatchWorkflowArgs) *synth.Plan {
	t.Helper()
	plan, err := synth.Run(func(ctx *pulumi.Context) error {
		_, err := NewBatchWorkflow(ctx, name, args)
		return err
	}, synth.Options{})
	require.NoError(t, err)
	return plan
}

func find(t *testing.T, plan *synth.Plan, token, name string) synth.Resource {
	t.Helper()
	r, ok := plan.Find(token, name)
	require.True(t, ok, "%s %s not registered", token, name)
	return r
}

func policyOf(t *testing.T, plan *synth.Plan, name string) iampolicy.PlainDocument {
	t.Helper()
	doc, err := iampolicy.Parse(find(t, plan, "aws:iam/rolePolicy:RolePolicy", name).String("policy"))
	require.NoError(t, err)
	return doc
}

func statement(t *testing.T, doc iampolicy.PlainDocument, sid string) iampolicy.PlainStatement {
	t.Helper()
	s, ok := doc.FindSid(sid)
	require.True(t, ok, "no statement %q", sid)
	return s
}

func sids(doc iampolicy.PlainDocument) []string {
	var out []string
	for _, s := range doc.Statement {
		out = append(out, s.Sid)
	}
	return out
}

func definitionOf(t *testing.T, plan *synth.Plan, name string) sfn.Definition {
	t.Helper()
	def, err := sfn.Parse(find(t, plan, "aws:sfn/stateMachine:StateMachine", name).String("definition"))
	require.NoError(t, err)
	require.NoError(t, def.Validate())
	return def
}

func stateNames(states map[string]sfn.State) []string {
	var out []string
	for k := range states {
		out = append(out, k)
	}
	return out
}

func policyJSON(s string) (iampolicy.PlainDocument, error) { return iampolicy.Parse(s) }
