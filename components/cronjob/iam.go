package cronjob

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

// ECSEventsRule is the managed rule Step Functions creates to learn when a
// runTask.sync task stops.
const ECSEventsRule = "StepFunctionsGetEventsForECSTaskRule"

// workflowPolicyInput are the ARNs the workflow role's policy names.
type workflowPolicyInput struct {
	Partition, Region, Account pulumi.StringInput
	ClusterArn                 pulumi.StringInput
	Family                     string
	TaskRoleArn                pulumi.StringInput
	ExecutionRoleArn           pulumi.StringInput
}

// workflowStatements is the least-privilege policy of the workflow role for
// ECS: run only this family's task definitions on this cluster, see and stop
// only tasks on this cluster, pass only the job's two roles to ECS tasks, and
// manage only the managed rule of runTask.sync.
func workflowStatements(in workflowPolicyInput) []iampolicy.Statement {
	onCluster := []iampolicy.Condition{{Operator: "ArnEquals", Key: "ecs:cluster", Values: iampolicy.Inputs(in.ClusterArn)}}
	arn := func(format string, args ...any) pulumi.StringInput {
		return pulumi.Sprintf("arn:%s:"+format, append([]any{in.Partition}, args...)...)
	}
	return []iampolicy.Statement{
		{
			Sid:        "RunThisJobsTask",
			Actions:    []string{"ecs:RunTask"},
			Resources:  iampolicy.Inputs(arn("ecs:%s:%s:task-definition/%s:*", in.Region, in.Account, in.Family)),
			Conditions: onCluster,
		},
		{
			Sid:        "TagTasksAtStart",
			Actions:    []string{"ecs:TagResource"},
			Resources:  iampolicy.Inputs(arn("ecs:%s:%s:task/*", in.Region, in.Account)),
			Conditions: append([]iampolicy.Condition{{Operator: "StringEquals", Key: "ecs:CreateAction", Values: iampolicy.Strings("RunTask")}}, onCluster...),
		},
		{
			Sid:        "WatchAndStopTasksOnCluster",
			Actions:    []string{"ecs:DescribeTasks", "ecs:StopTask"},
			Resources:  iampolicy.Inputs(arn("ecs:%s:%s:task/*", in.Region, in.Account)),
			Conditions: onCluster,
		},
		{
			// ListTasks has no resource-level permission; the cluster condition narrows it.
			Sid:        "ListTasksOnCluster",
			Actions:    []string{"ecs:ListTasks"},
			Resources:  iampolicy.Strings("*"),
			Conditions: onCluster,
		},
		iampolicy.PassRoleTo("PassJobRolesToECS", "ecs-tasks.amazonaws.com", in.TaskRoleArn, in.ExecutionRoleArn),
		{
			Sid:       "ManageSyncEventsRule",
			Actions:   []string{"events:PutTargets", "events:PutRule", "events:DescribeRule"},
			Resources: iampolicy.Inputs(arn("events:%s:%s:rule/%s", in.Region, in.Account, ECSEventsRule)),
		},
	}
}

// ObservabilityStatements let a state machine deliver logs and traces. The
// CloudWatch Logs delivery actions and X-Ray actions support no resource-level
// permissions, so "*" is the narrowest resource.
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

// executionStatements let ECS pull the image, write the task's log group and
// read exactly the named secrets.
func executionStatements(repoArn pulumi.StringInput, logStreams pulumi.StringInput, secretArns, parameterArns []pulumi.StringInput, secretsKey pulumi.StringInput) []iampolicy.Statement {
	var stmts []iampolicy.Statement
	if repoArn != nil {
		stmts = append(stmts,
			iampolicy.Statement{
				// GetAuthorizationToken has no resource-level permission.
				Sid:       "AuthenticateToECR",
				Actions:   []string{"ecr:GetAuthorizationToken"},
				Resources: iampolicy.Strings("*"),
			},
			iampolicy.Statement{
				Sid:       "PullImage",
				Actions:   []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"},
				Resources: iampolicy.Inputs(repoArn),
			})
	}
	stmts = append(stmts, iampolicy.Statement{
		Sid:       "WriteTaskLogs",
		Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
		Resources: iampolicy.Inputs(logStreams),
	})
	if len(secretArns) > 0 {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "ReadNamedSecrets",
			Actions:   []string{"secretsmanager:GetSecretValue"},
			Resources: secretArns,
		})
	}
	if len(parameterArns) > 0 {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "ReadNamedParameters",
			Actions:   []string{"ssm:GetParameters"},
			Resources: parameterArns,
		})
	}
	if secretsKey != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "DecryptSecrets",
			Actions:   []string{"kms:Decrypt"},
			Resources: iampolicy.Inputs(secretsKey),
		})
	}
	return stmts
}

// schedulerStatements let Scheduler start only this workflow and dead-letter
// only to this queue.
func schedulerStatements(stateMachineArn, queueArn pulumi.StringInput) []iampolicy.Statement {
	return []iampolicy.Statement{
		{Sid: "StartThisWorkflow", Actions: []string{"states:StartExecution"}, Resources: iampolicy.Inputs(stateMachineArn)},
		{Sid: "DeadLetterFailedStarts", Actions: []string{"sqs:SendMessage"}, Resources: iampolicy.Inputs(queueArn)},
	}
}
