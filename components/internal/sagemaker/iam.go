package sagemaker

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
)

// ARN is the ARN of a SageMaker resource; SageMaker lower-cases names in
// ARNs, so the name is lower-cased to match them.
func ARN(env awsenv.Env, kind string, name pulumi.StringInput, suffix string) pulumi.StringOutput {
	return pulumi.All(env.Partition, env.Region, env.Account, name).ApplyT(func(v []any) string {
		return fmt.Sprintf("arn:%s:sagemaker:%s:%s:%s/%s%s", v[0], v[1], v[2], kind, strings.ToLower(v[3].(string)), suffix)
	}).(pulumi.StringOutput)
}

// Namespaces SageMaker publishes a job's instance metrics to (SageMaker
// Developer Guide, "Monitor Amazon SageMaker with Amazon CloudWatch").
const (
	TrainingJobsNamespace  = "/aws/sagemaker/TrainingJobs"
	TransformJobsNamespace = "/aws/sagemaker/TransformJobs"
)

// MetricsStatement lets a SageMaker execution role publish its jobs'
// metrics, which the SageMaker Developer Guide's execution-role policies
// ("CreateModel API" and "CreateTrainingJob API: Execution Role
// Permissions") grant with cloudwatch:PutMetricData. PutMetricData has no
// resource-level permission, so the resource is "*"; the Service
// Authorization Reference for CloudWatch gives it the cloudwatch:namespace
// condition key, which keeps the role to the jobs' namespace.
func MetricsStatement(namespace string) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        "PublishJobMetrics",
		Actions:    []string{"cloudwatch:PutMetricData"},
		Resources:  iampolicy.Strings("*"),
		Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "cloudwatch:namespace", Values: iampolicy.Strings(namespace)}},
	}
}

// LogStatement lets a SageMaker role write its jobs' logs to the
// /aws/sagemaker/<group> log group (TransformJobs, TrainingJobs).
func LogStatement(env awsenv.Env, group string) iampolicy.Statement {
	lg := "log-group:/aws/sagemaker/" + group
	return iampolicy.Statement{
		Sid:       "WriteJobLogs",
		Actions:   []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
		Resources: iampolicy.Inputs(env.ARN("logs", true, lg), env.ARN("logs", true, lg+":*")),
	}
}
