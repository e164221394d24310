package workflow

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
)

// Managed rules Step Functions creates for .sync integrations, to learn when
// the job it started has finished. The workflow role must manage them.
const (
	ECSEventsRule                = "StepFunctionsGetEventsForECSTaskRule"
	SageMakerTransformEventsRule = "StepFunctionsGetEventsForSageMakerTransformJobsRule"
	SageMakerTrainingEventsRule  = "StepFunctionsGetEventsForSageMakerTrainingJobsRule"
)

// SyncRuleStatement lets a workflow manage the managed rule of one .sync
// integration, and nothing else in EventBridge.
func SyncRuleStatement(sid string, env awsenv.Env, rule string) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:       sid,
		Actions:   []string{"events:PutTargets", "events:PutRule", "events:DescribeRule"},
		Resources: iampolicy.Inputs(env.ARN("events", true, "rule/"+rule)),
	}
}

// ECSTask says which task a workflow may run, where, and with which roles.
type ECSTask struct {
	ClusterArn       pulumi.StringInput
	Family           string
	TaskRoleArn      pulumi.StringInput
	ExecutionRoleArn pulumi.StringInput
}

// ECSRunTaskStatements is the least-privilege policy for ecs:runTask.sync:
// run only this family's task definitions on this cluster, tag tasks only as
// RunTask creates them, see and stop only tasks on this cluster, pass only
// the task's two roles to ECS tasks, and manage only the runTask.sync
// managed rule. sidPrefix keeps Sids unique when a workflow runs several
// task families.
func ECSRunTaskStatements(sidPrefix string, env awsenv.Env, t ECSTask) []iampolicy.Statement {
	onCluster := []iampolicy.Condition{{Operator: "ArnEquals", Key: "ecs:cluster", Values: iampolicy.Inputs(t.ClusterArn)}}
	tasks := env.ARN("ecs", true, "task/*")
	return []iampolicy.Statement{
		{
			Sid:        sidPrefix + "RunTask",
			Actions:    []string{"ecs:RunTask"},
			Resources:  iampolicy.Inputs(env.ARN("ecs", true, "task-definition/"+t.Family+":*")),
			Conditions: onCluster,
		},
		{
			// Tags given to RunTask need TagResource too. The Service
			// Authorization Reference for Amazon ECS gives TagResource the
			// condition keys aws:RequestTag, aws:ResourceTag, aws:TagKeys and
			// ecs:CreateAction, not ecs:cluster: a cluster condition here
			// would never match, so only the creating action is named.
			Sid:        sidPrefix + "TagTasksAtStart",
			Actions:    []string{"ecs:TagResource"},
			Resources:  iampolicy.Inputs(tasks),
			Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "ecs:CreateAction", Values: iampolicy.Strings("RunTask")}},
		},
		{
			Sid:        sidPrefix + "WatchAndStopTasks",
			Actions:    []string{"ecs:DescribeTasks", "ecs:StopTask"},
			Resources:  iampolicy.Inputs(tasks),
			Conditions: onCluster,
		},
		iampolicy.PassRoleTo(sidPrefix+"PassTaskRoles", "ecs-tasks.amazonaws.com", t.TaskRoleArn, t.ExecutionRoleArn),
		SyncRuleStatement(sidPrefix+"ManageECSSyncRule", env, ECSEventsRule),
	}
}

// ObservabilityStatements let a state machine deliver logs and traces. The
// CloudWatch Logs delivery actions and the X-Ray actions support no
// resource-level permissions, so "*" is the narrowest resource.
func ObservabilityStatements() []iampolicy.Statement {
	return []iampolicy.Statement{
		{
			Sid: "DeliverWorkflowLogs",
			Actions: []string{
				"logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
				"logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
				"logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
			},
			Resources: iampolicy.Strings("*"),
		},
		{
			Sid:       "WriteTraces",
			Actions:   []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"},
			Resources: iampolicy.Strings("*"),
		},
	}
}
