package batch

import (
	"testing"

	"github.com/schedkit/schedkit/components/internal/sfn/sfntest"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
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
		Subnets: pulumi.ToStringArray([]string{"subnet-0a0a0a0a", "subnet-0b0b0b0b"}), SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
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

// options is the project and stack every test runs as: synth's defaults.
var options = synth.Options{}

// run runs one BatchWorkflow named name and returns the plan.
func run(t *testing.T, name string, args *BatchWorkflowArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, synthtest.Program(NewBatchWorkflow, name, args), options)
}

// definitionOf parses and validates the state machine definition of the
// StateMachine named name.
func definitionOf(t *testing.T, plan *synth.Plan, name string) sfn.Definition {
	t.Helper()
	return sfntest.Definition(t, plan, name)
}

// stateNames lists the names of states, in no order.
func stateNames(states map[string]sfn.State) []string {
	var out []string
	for k := range states {
		out = append(out, k)
	}
	return out
}
