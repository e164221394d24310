package cronjob

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

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

// skipMetricStatement lets the workflow count skipped runs. PutMetricData
// has no resource-level permission, so the resource is "*"; the Service
// Authorization Reference for CloudWatch gives it the cloudwatch:namespace
// condition key, which keeps the role to the CronJob namespace.
func skipMetricStatement() iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        "CountSkippedRuns",
		Actions:    []string{"cloudwatch:PutMetricData"},
		Resources:  iampolicy.Strings("*"),
		Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "cloudwatch:namespace", Values: iampolicy.Strings(SkipMetricNamespace)}},
	}
}

// guardStatements let the guard list this workflow's executions and no
// other's: states:ListExecutions takes the stateMachine resource (Service
// Authorization Reference for AWS Step Functions). They name the machine,
// so they go into the workflow's self policy.
func guardStatements(machineArn pulumi.StringOutput) []iampolicy.Statement {
	return []iampolicy.Statement{{
		Sid:       "ListThisWorkflowsRuns",
		Actions:   []string{"states:ListExecutions"},
		Resources: iampolicy.Inputs(machineArn),
	}}
}
