package cronjob

import (
	"sort"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestCronJob_createsExactChildrenUnderTheComponent(t *testing.T) {
	plan := mustSynth(t, validArgs())

	job := synthtest.Find(t, plan, Type, "nightly")
	var got []string
	for _, r := range plan.Resources {
		if r.URN == job.URN {
			continue
		}
		assert.Equalf(t, job.URN, r.Parent, "%s %s is not parented to the job", r.Type, r.Name)
		got = append(got, r.Type+" "+r.Name)
	}
	want := []string{
		"aws:cloudwatch/logGroup:LogGroup nightly-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup nightly-task-logs",
		"aws:cloudwatch/logGroup:LogGroup nightly-workflow-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm nightly-deadline-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm nightly-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm nightly-executions-aborted",
		"aws:cloudwatch/metricAlarm:MetricAlarm nightly-executions-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm nightly-executions-timed-out",
		"aws:cloudwatch/metricAlarm:MetricAlarm nightly-skipped-runs",
		"aws:ecs/cluster:Cluster nightly-cluster",
		"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders nightly-capacity",
		"aws:ecs/taskDefinition:TaskDefinition nightly-task",
		"aws:iam/role:Role nightly-deadline-role",
		"aws:iam/role:Role nightly-execution-role",
		"aws:iam/role:Role nightly-scheduler-role",
		"aws:iam/role:Role nightly-task-role",
		"aws:iam/role:Role nightly-workflow-role",
		"aws:iam/rolePolicy:RolePolicy nightly-deadline-policy",
		"aws:iam/rolePolicy:RolePolicy nightly-execution-policy",
		"aws:iam/rolePolicy:RolePolicy nightly-scheduler-policy",
		"aws:iam/rolePolicy:RolePolicy nightly-workflow-policy",
		"aws:iam/rolePolicy:RolePolicy nightly-workflow-self-policy",
		"aws:kms/key:Key nightly-alerts-key",
		"aws:scheduler/schedule:Schedule nightly-deadline-check",
		"aws:scheduler/schedule:Schedule nightly-schedule",
		"aws:sfn/stateMachine:StateMachine nightly-deadline",
		"aws:sfn/stateMachine:StateMachine nightly-workflow",
		"aws:sns/topic:Topic nightly-alerts",
		"aws:sns/topicPolicy:TopicPolicy nightly-alerts-policy",
		"aws:sqs/queue:Queue nightly-dlq",
		"aws:sqs/queuePolicy:QueuePolicy nightly-dlq-policy",
		"aws:ssm/parameter:Parameter nightly-last-success",
		"schedkit:keep:DeleteLock nightly-delete-lock",
	}
	sort.Strings(got)
	assert.Equal(t, want, got)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))
}

func TestCronJob_taskDefinitionIsFargateWithLogsAndSecretsByReference(t *testing.T) {
	args := validArgs()
	args.Cpu, args.Memory, args.CpuArchitecture = 1024, 4096, "ARM64"
	args.Command = []string{"report", "--since", "1d"}
	args.Environment = map[string]pulumi.StringInput{"REPORT_BUCKET": pulumi.String("reports"), "LEVEL": pulumi.String("info")}
	args.Secrets = map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.String(testSecretARN + ":password::"), "API_ENDPOINT": pulumi.String(testParamARN)}
	args.EphemeralStorageGiB = 50
	args.ReadonlyRootFilesystem = true
	plan := mustSynth(t, args)

	task := synthtest.Find(t, plan, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task")
	assert.Equal(t, "nightly", task.String("family"))
	assert.Equal(t, "1024", task.String("cpu"))
	assert.Equal(t, "4096", task.String("memory"))
	assert.Equal(t, "awsvpc", task.String("networkMode"))
	assert.Equal(t, []any{"FARGATE"}, task.Inputs["requiresCompatibilities"])
	assert.Equal(t, "ARM64", task.Get("runtimePlatform", "cpuArchitecture"))
	assert.Equal(t, "LINUX", task.Get("runtimePlatform", "operatingSystemFamily"))
	assert.Equal(t, 50.0, task.Get("ephemeralStorage", "sizeInGib"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-execution-role").Output("arn"), task.String("executionRoleArn"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-task-role").Output("arn"), task.String("taskRoleArn"))

	c := containerOf(t, plan)
	assert.Equal(t, ContainerName, c["name"])
	assert.Equal(t, testImage, c["image"])
	assert.Equal(t, true, c["essential"])
	assert.Equal(t, true, c["readonlyRootFilesystem"])
	assert.Equal(t, 30.0, c["stopTimeout"])
	assert.Equal(t, []any{"report", "--since", "1d"}, c["command"])
	assert.Equal(t, []any{
		map[string]any{"name": "LEVEL", "value": "info"},
		map[string]any{"name": "REPORT_BUCKET", "value": "reports"},
	}, c["environment"])
	assert.Equal(t, []any{
		map[string]any{"name": "API_ENDPOINT", "valueFrom": testParamARN},
		map[string]any{"name": "DB_PASSWORD", "valueFrom": testSecretARN + ":password::"},
	}, c["secrets"])
	logGroup := synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "nightly-task-logs")
	assert.Equal(t, map[string]any{"logDriver": "awslogs", "options": map[string]any{
		"awslogs-group": logGroup.Output("name"), "awslogs-region": "us-east-1", "awslogs-stream-prefix": ContainerName,
		"mode": "non-blocking", "max-buffer-size": "25m",
	}}, c["logConfiguration"])
	assert.Equal(t, 30.0, logGroup.Inputs["retentionInDays"])
}

func TestCronJob_executionRoleReadsOnlyItsImageLogsAndSecrets(t *testing.T) {
	args := validArgs()
	args.Secrets = map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.String(testSecretARN + ":password::"), "API_ENDPOINT": pulumi.String(testParamARN)}
	args.SecretsKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/abc")
	plan := mustSynth(t, args)

	doc := synthtest.Policy(t, plan, "nightly-execution-policy")
	assert.Equal(t, []string{"AuthenticateToECR", "PullImage", "WriteTaskLogs", "ReadNamedSecrets", "ReadNamedParameters", "DecryptSecrets"}, synthtest.Sids(doc))
	assert.Equal(t, []string{"*"}, synthtest.Statement(t, doc, "AuthenticateToECR").Resource)
	pull := synthtest.Statement(t, doc, "PullImage")
	assert.Equal(t, []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"}, pull.Action)
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:123456789012:repository/report"}, pull.Resource)
	logs := synthtest.Statement(t, doc, "WriteTaskLogs")
	assert.Equal(t, []string{"logs:CreateLogStream", "logs:PutLogEvents"}, logs.Action)
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "nightly-task-logs").Output("arn") + ":log-stream:*"}, logs.Resource)
	secrets := synthtest.Statement(t, doc, "ReadNamedSecrets")
	assert.Equal(t, []string{"secretsmanager:GetSecretValue"}, secrets.Action)
	assert.Equal(t, []string{testSecretARN}, secrets.Resource, "the JSON-key suffix is not part of the IAM resource")
	params := synthtest.Statement(t, doc, "ReadNamedParameters")
	assert.Equal(t, []string{"ssm:GetParameters"}, params.Action)
	assert.Equal(t, []string{testParamARN}, params.Resource)
	assert.Equal(t, []string{"arn:aws:kms:us-east-1:123456789012:key/abc"}, synthtest.Statement(t, doc, "DecryptSecrets").Resource)

	trust := synthtest.TrustPolicy(t, plan, "nightly-execution-role")
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, []string{"ecs-tasks.amazonaws.com"}, trust.Statement[0].Principal["Service"])
	assert.Equal(t, []string{"sts:AssumeRole"}, trust.Statement[0].Action)
	assert.Equal(t, []string{"123456789012"}, trust.Statement[0].Condition["StringEquals"]["aws:SourceAccount"])
}

func TestCronJob_publicImageNeedsNoECRPermissions(t *testing.T) {
	args := validArgs()
	args.Image = pulumi.String("public.ecr.aws/docker/library/python:3.12")
	plan := mustSynth(t, args)
	doc := synthtest.Policy(t, plan, "nightly-execution-policy")
	for _, a := range doc.Actions() {
		assert.NotContains(t, a, "ecr:")
	}
}

func TestCronJob_taskRoleStartsEmptyAndTakesCallerStatements(t *testing.T) {
	plan := mustSynth(t, validArgs())
	_, hasPolicy := plan.Find("aws:iam/rolePolicy:RolePolicy", "nightly-task-policy")
	assert.False(t, hasPolicy, "the task role has no permissions unless the caller gives some")

	args := validArgs()
	args.TaskPolicyStatements = []iampolicy.Statement{{
		Sid: "WriteReports", Actions: []string{"s3:PutObject"}, Resources: iampolicy.Strings("arn:aws:s3:::reports/*"),
	}}
	plan = mustSynth(t, args)
	doc := synthtest.Policy(t, plan, "nightly-task-policy")
	assert.Equal(t, []string{"s3:PutObject"}, synthtest.Statement(t, doc, "WriteReports").Action)
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-task-role").Output("id"),
		synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "nightly-task-policy").String("role"))
}

func TestCronJob_workflowRoleIsLeastPrivilege(t *testing.T) {
	plan := mustSynth(t, validArgs())
	doc := synthtest.Policy(t, plan, "nightly-workflow-policy")
	cluster := synthtest.Find(t, plan, "aws:ecs/cluster:Cluster", "nightly-cluster").Output("arn")
	onCluster := map[string]map[string][]string{"ArnEquals": {"ecs:cluster": {cluster}}}

	run := synthtest.Statement(t, doc, "RunTask")
	assert.Equal(t, []string{"ecs:RunTask"}, run.Action)
	assert.Equal(t, []string{"arn:aws:ecs:us-east-1:123456789012:task-definition/nightly:*"}, run.Resource)
	assert.Equal(t, onCluster, run.Condition)

	watch := synthtest.Statement(t, doc, "WatchAndStopTasks")
	assert.Equal(t, []string{"ecs:DescribeTasks", "ecs:StopTask"}, watch.Action)
	assert.Equal(t, []string{"arn:aws:ecs:us-east-1:123456789012:task/*"}, watch.Resource)
	assert.Equal(t, onCluster, watch.Condition)

	_, lists := doc.FindSid("ListTasksOnCluster")
	assert.False(t, lists, "the guard counts this workflow's runs, not the cluster's tasks")

	// Skips are counted in CloudWatch. PutMetricData has no resource-level
	// permission; the Service Authorization Reference for CloudWatch gives
	// it the cloudwatch:namespace condition key.
	metric := synthtest.Statement(t, doc, "CountSkippedRuns")
	assert.Equal(t, []string{"cloudwatch:PutMetricData"}, metric.Action)
	assert.Equal(t, []string{"*"}, metric.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"cloudwatch:namespace": {"schedkit/CronJob"}}}, metric.Condition)

	tag := synthtest.Statement(t, doc, "TagTasksAtStart")
	assert.Equal(t, []string{"ecs:TagResource"}, tag.Action)
	assert.Equal(t, []string{"arn:aws:ecs:us-east-1:123456789012:task/*"}, tag.Resource)
	// The Service Authorization Reference for Amazon ECS lists, for
	// TagResource, only aws:RequestTag, aws:ResourceTag, aws:TagKeys and
	// ecs:CreateAction: an ecs:cluster condition would never match.
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"ecs:CreateAction": {"RunTask"}}}, tag.Condition)

	pass := synthtest.Statement(t, doc, "PassTaskRoles")
	assert.Equal(t, []string{"iam:PassRole"}, pass.Action)
	assert.ElementsMatch(t, []string{
		synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-task-role").Output("arn"),
		synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-execution-role").Output("arn"),
	}, pass.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"iam:PassedToService": {"ecs-tasks.amazonaws.com"}}}, pass.Condition)

	rule := synthtest.Statement(t, doc, "ManageECSSyncRule")
	assert.Equal(t, []string{"events:PutTargets", "events:PutRule", "events:DescribeRule"}, rule.Action)
	assert.Equal(t, []string{"arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule"}, rule.Resource)

	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "nightly-alerts")
	assert.Equal(t, []string{topic.Output("arn")}, synthtest.Statement(t, doc, "PublishAlerts").Resource)
	assert.Equal(t, []string{synthtest.Find(t, plan, "aws:kms/key:Key", "nightly-alerts-key").Output("arn")}, synthtest.Statement(t, doc, "EncryptAlerts").Resource)
	assert.Equal(t, []string{"*"}, synthtest.Statement(t, doc, "DeliverWorkflowLogs").Resource)
	assert.Equal(t, []string{"*"}, synthtest.Statement(t, doc, "WriteTraces").Resource)

	for _, s := range doc.Statement {
		for _, a := range s.Action {
			assert.NotEqual(t, "*", a)
			assert.NotContains(t, a, ":*")
		}
		if len(s.Resource) == 1 && s.Resource[0] == "*" {
			assert.Contains(t, []string{"CountSkippedRuns", "DeliverWorkflowLogs", "WriteTraces"}, s.Sid, "only actions without resource-level permissions may use *")
		}
	}
}

func TestCronJob_guardMayListOnlyThisWorkflowsRunsOnceTheMachineExists(t *testing.T) {
	plan := mustSynth(t, validArgs())
	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-workflow")
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-workflow-role")
	self := synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "nightly-workflow-self-policy")

	// A second inline policy of the workflow role, made after the machine:
	// the first must exist before the machine and cannot name it.
	assert.Equal(t, role.Output("id"), self.String("role"))
	doc := synthtest.Policy(t, plan, "nightly-workflow-self-policy")
	assert.Equal(t, []string{"ListThisWorkflowsRuns"}, synthtest.Sids(doc))
	list := synthtest.Statement(t, doc, "ListThisWorkflowsRuns")
	assert.Equal(t, []string{"states:ListExecutions"}, list.Action)
	assert.Equal(t, []string{sm.Output("arn")}, list.Resource, "the Service Authorization Reference gives ListExecutions the stateMachine resource")
	assert.Empty(t, list.Condition)
	assert.Contains(t, self.Dependencies, sm.URN, "the self policy follows the machine")
	assert.NotContains(t, sm.Dependencies, self.URN)

	schedule := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-schedule")
	assert.Contains(t, schedule.Dependencies, self.URN, "the first scheduled run may already list executions")

	main := synthtest.Policy(t, plan, "nightly-workflow-policy")
	for _, a := range main.Actions() {
		assert.NotEqual(t, "states:ListExecutions", a, "the machine's ARN is known only after its first policy")
	}
}

func TestCronJob_alarmsAfterConsecutiveSkippedRuns(t *testing.T) {
	cases := []struct {
		name        string
		maxRuntime  time.Duration
		runs        int
		evaluations float64
		datapoints  float64
	}{
		// A run blocks the next ones for at most MaxRuntime + WorkflowSlack:
		// consecutive skips all fall inside that window.
		{"defaults: 1h + 30m, 3 runs", 0, 0, 90, 3},
		{"2h + 30m, 5 runs", 2 * time.Hour, 5, 150, 5},
		{"one run is enough", 10 * time.Minute, 1, 40, 1},
		// PutMetricAlarm: with a period under an hour, Period × EvaluationPeriods ≤ 86,400 s.
		{"a window over a day is capped at one day", 48 * time.Hour, 10, 1440, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := validArgs()
			args.MaxRuntime, args.SkipAlarmRuns = c.maxRuntime, c.runs
			plan := mustSynth(t, args)
			topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "nightly-alerts").Output("arn")
			a := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-skipped-runs")
			assert.Equal(t, map[string]any{
				"alarmDescription":   "Consecutive runs of the cronjob were skipped because an earlier run was still running.",
				"namespace":          "schedkit/CronJob",
				"metricName":         "SkippedRuns",
				"dimensions":         map[string]any{"CronJob": "nightly"},
				"statistic":          "Sum",
				"period":             60.0,
				"evaluationPeriods":  c.evaluations,
				"datapointsToAlarm":  c.datapoints,
				"threshold":          1.0,
				"comparisonOperator": "GreaterThanOrEqualToThreshold",
				"treatMissingData":   "notBreaching",
				"alarmActions":       []any{topic},
				"okActions":          []any{topic},
				"tags":               a.Inputs["tags"],
			}, a.Inputs)
			assert.LessOrEqual(t, 60*c.evaluations, 86400.0)
		})
	}
	other := synthtest.Find(t, mustSynth(t, validArgs()), "aws:cloudwatch/metricAlarm:MetricAlarm", "nightly-executions-failed")
	assert.NotContains(t, other.Inputs, "datapointsToAlarm", "the other alarms keep CloudWatch's default")
}

func TestCronJob_stateMachineLogsTracesAndUsesItsRole(t *testing.T) {
	plan := mustSynth(t, validArgs())
	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-workflow")
	assert.Equal(t, "STANDARD", sm.String("type"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-workflow-role").Output("arn"), sm.String("roleArn"))
	assert.Equal(t, "ERROR", sm.Get("loggingConfiguration", "level"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "nightly-workflow-logs").Output("arn")+":*", sm.Get("loggingConfiguration", "logDestination"))
	assert.Equal(t, true, sm.Get("tracingConfiguration", "enabled"))
	policyURN := synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "nightly-workflow-policy").URN
	assert.Contains(t, sm.Dependencies, policyURN, "the machine waits for its permissions")

	trust := synthtest.TrustPolicy(t, plan, "nightly-workflow-role")
	assert.Equal(t, []string{"states.amazonaws.com"}, trust.Statement[0].Principal["Service"])
}

func TestCronJob_scheduleHasRetryPolicyAndDeadLetterQueue(t *testing.T) {
	args := validArgs()
	off := false
	args.Schedule.Timezone = "Europe/Berlin"
	args.Schedule.Enabled = &off
	args.Schedule.FlexibleWindowMinutes = 15
	args.Schedule.StartDate = "2027-01-01T00:00:00Z"
	plan := mustSynth(t, args)

	s := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-schedule")
	assert.Equal(t, "cron(0 2 * * ? *)", s.String("scheduleExpression"))
	assert.Equal(t, "Europe/Berlin", s.String("scheduleExpressionTimezone"))
	assert.Equal(t, "DISABLED", s.String("state"))
	assert.Equal(t, "2027-01-01T00:00:00Z", s.String("startDate"))
	assert.Equal(t, map[string]any{"mode": "FLEXIBLE", "maximumWindowInMinutes": 15.0}, s.Inputs["flexibleTimeWindow"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-workflow").Output("arn"), s.Get("target", "arn"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-scheduler-role").Output("arn"), s.Get("target", "roleArn"))
	dlq := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "nightly-dlq")
	assert.Equal(t, dlq.Output("arn"), s.Get("target", "deadLetterConfig", "arn"))
	assert.Equal(t, map[string]any{"maximumRetryAttempts": 3.0, "maximumEventAgeInSeconds": 3600.0}, s.Get("target", "retryPolicy"))
	assert.JSONEq(t, `{"job":"nightly","scheduledTime":"<aws.scheduler.scheduled-time>"}`, s.Get("target", "input").(string))
	assert.Contains(t, s.Dependencies, synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "nightly-scheduler-policy").URN)

	doc := synthtest.Policy(t, plan, "nightly-scheduler-policy")
	assert.Equal(t, []string{"states:StartExecution"}, synthtest.Statement(t, doc, "StartThisWorkflow").Action)
	assert.Equal(t, []string{s.Get("target", "arn").(string)}, synthtest.Statement(t, doc, "StartThisWorkflow").Resource)
	assert.Equal(t, []string{"sqs:SendMessage"}, synthtest.Statement(t, doc, "DeadLetterFailedStarts").Action)
	assert.Equal(t, []string{dlq.Output("arn")}, synthtest.Statement(t, doc, "DeadLetterFailedStarts").Resource)

	assert.Equal(t, true, dlq.Inputs["sqsManagedSseEnabled"])
	assert.Equal(t, 1209600.0, dlq.Inputs["messageRetentionSeconds"])
	qp := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sqs/queuePolicy:QueuePolicy", "nightly-dlq-policy").String("policy"))
	deny := synthtest.Statement(t, qp, "DenyInsecureTransport")
	assert.Equal(t, iampolicy.Deny, deny.Effect)
	assert.Equal(t, []string{"false"}, deny.Condition["Bool"]["aws:SecureTransport"])
}

func TestCronJob_alarmsPublishToTheEncryptedAlertTopic(t *testing.T) {
	args := validArgs()
	args.AlertEmail = "oncall@example.com"
	plan := mustSynth(t, args)
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "nightly-alerts")
	key := synthtest.Find(t, plan, "aws:kms/key:Key", "nightly-alerts-key")
	assert.Equal(t, key.Output("arn"), topic.String("kmsMasterKeyId"))
	assert.Equal(t, true, key.Inputs["enableKeyRotation"])
	keyPolicy := synthtest.ParsePolicy(t, key.String("policy"))
	admin := synthtest.Statement(t, keyPolicy, "AccountAdministersKey")
	assert.Equal(t, []string{"arn:aws:iam::123456789012:root"}, admin.Principal["AWS"], "without the account statement IAM policies cannot grant use of the key")
	assert.Equal(t, []string{"kms:*"}, admin.Action)
	cw := synthtest.Statement(t, keyPolicy, "CloudWatchAlarmsUseKey")
	assert.Equal(t, []string{"cloudwatch.amazonaws.com"}, cw.Principal["Service"])
	assert.Equal(t, []string{"kms:Decrypt", "kms:GenerateDataKey*"}, cw.Action)
	sub := synthtest.Find(t, plan, "aws:sns/topicSubscription:TopicSubscription", "nightly-alerts-email")
	assert.Equal(t, "email", sub.String("protocol"))
	assert.Equal(t, "oncall@example.com", sub.String("endpoint"))

	sm := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-workflow").Output("arn")
	cases := map[string]struct{ namespace, metric, dimension, value, stat string }{
		"nightly-executions-failed":    {"AWS/States", "ExecutionsFailed", "StateMachineArn", sm, "Sum"},
		"nightly-executions-timed-out": {"AWS/States", "ExecutionsTimedOut", "StateMachineArn", sm, "Sum"},
		"nightly-executions-aborted":   {"AWS/States", "ExecutionsAborted", "StateMachineArn", sm, "Sum"},
		"nightly-dlq-depth":            {"AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", synthtest.Find(t, plan, "aws:sqs/queue:Queue", "nightly-dlq").Output("name"), "Maximum"},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			a := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", name)
			assert.Equal(t, want.namespace, a.String("namespace"))
			assert.Equal(t, want.metric, a.String("metricName"))
			assert.Equal(t, map[string]any{want.dimension: want.value}, a.Inputs["dimensions"])
			assert.Equal(t, want.stat, a.String("statistic"))
			assert.Equal(t, 1.0, a.Inputs["threshold"])
			assert.Equal(t, "GreaterThanOrEqualToThreshold", a.String("comparisonOperator"))
			assert.Equal(t, 300.0, a.Inputs["period"])
			assert.Equal(t, []any{topic.Output("arn")}, a.Inputs["alarmActions"])
		})
	}
}

func TestCronJob_existingClusterAndTopicAreUsedNotCreated(t *testing.T) {
	args := validArgs()
	args.ClusterArn = pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/shared")
	args.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:platform-alerts")
	args.AlertTopicKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/platform")
	plan := mustSynth(t, args)

	assert.Empty(t, plan.ByType("aws:ecs/cluster:Cluster"))
	assert.Empty(t, plan.ByType("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"))
	assert.Empty(t, plan.ByType("aws:sns/topic:Topic"))
	assert.Empty(t, plan.ByType("aws:kms/key:Key"))
	def := workflowOf(t, plan)
	assert.Equal(t, "arn:aws:ecs:us-east-1:123456789012:cluster/shared", def.States[StateRunTask].Parameters["Cluster"])
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:platform-alerts", def.States[StateNotify].Parameters["TopicArn"])
	doc := synthtest.Policy(t, plan, "nightly-workflow-policy")
	assert.Equal(t, []string{"arn:aws:kms:us-east-1:123456789012:key/platform"}, synthtest.Statement(t, doc, "EncryptAlerts").Resource)
	for _, a := range plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		assert.Equal(t, []any{"arn:aws:sns:us-east-1:123456789012:platform-alerts"}, a.Inputs["alarmActions"])
	}
}

func TestCronJob_createdClusterHasContainerInsights(t *testing.T) {
	plan := mustSynth(t, validArgs())
	c := synthtest.Find(t, plan, "aws:ecs/cluster:Cluster", "nightly-cluster")
	assert.Equal(t, []any{map[string]any{"name": "containerInsights", "value": "enabled"}}, c.Inputs["settings"])
	cp := synthtest.Find(t, plan, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "nightly-capacity")
	assert.Equal(t, c.Output("name"), cp.String("clusterName"))
	assert.Equal(t, []any{"FARGATE", "FARGATE_SPOT"}, cp.Inputs["capacityProviders"], "FARGATE_SPOT runs need the provider on the cluster")

	args := validArgs()
	off := false
	args.Cluster = &ClusterArgs{ContainerInsights: &off}
	plan = mustSynth(t, args)
	c = synthtest.Find(t, plan, "aws:ecs/cluster:Cluster", "nightly-cluster")
	assert.Equal(t, []any{map[string]any{"name": "containerInsights", "value": "disabled"}}, c.Inputs["settings"])
}

func TestCronJob_retainOnDeleteKeepsOnlyStatefulChildren(t *testing.T) {
	args := validArgs()
	args.RetainOnDelete = true
	plan := mustSynth(t, args)
	var retained []string
	for _, r := range plan.Resources {
		if r.RetainOnDelete {
			retained = append(retained, r.Type+" "+r.Name)
		}
	}
	sort.Strings(retained)
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup nightly-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup nightly-task-logs",
		"aws:cloudwatch/logGroup:LogGroup nightly-workflow-logs",
		"aws:kms/key:Key nightly-alerts-key",
		"aws:sns/topic:Topic nightly-alerts",
		// The guards of what is kept: a kept queue or topic stays TLS-only.
		"aws:sns/topicPolicy:TopicPolicy nightly-alerts-policy",
		"aws:sqs/queue:Queue nightly-dlq",
		"aws:sqs/queuePolicy:QueuePolicy nightly-dlq-policy",
	}, retained)

	plan = mustSynth(t, validArgs())
	for _, r := range plan.Resources {
		assert.Falsef(t, r.RetainOnDelete, "%s is retained without RetainOnDelete", r.Name)
	}
}

func TestCronJob_outputsNameTheChildren(t *testing.T) {
	var job *CronJob
	got := map[string]string{}
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		var err error
		job, err = NewCronJob(ctx, "nightly", validArgs())
		if err != nil {
			return err
		}
		outs := map[string]pulumi.StringOutput{
			"taskDefinitionArn": job.TaskDefinitionArn, "stateMachineArn": job.StateMachineArn,
			"scheduleArn": job.ScheduleArn, "logGroupName": job.LogGroupName, "clusterArn": job.ClusterArn,
			"taskRoleArn": job.TaskRoleArn, "executionRoleArn": job.ExecutionRoleArn,
			"alertTopicArn": job.AlertTopicArn, "deadLetterQueueUrl": job.DeadLetterQueueUrl,
		}
		for k, v := range outs {
			ctx.Export(k, v)
		}
		return nil
	}, options)
	for k, v := range plan.Outputs {
		got[k] = v.(string)
	}
	assert.Equal(t, map[string]string{
		"taskDefinitionArn":  synthtest.Find(t, plan, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task").Output("arn"),
		"stateMachineArn":    synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "nightly-workflow").Output("arn"),
		"scheduleArn":        synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "nightly-schedule").Output("arn"),
		"logGroupName":       synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "nightly-task-logs").Output("name"),
		"clusterArn":         synthtest.Find(t, plan, "aws:ecs/cluster:Cluster", "nightly-cluster").Output("arn"),
		"taskRoleArn":        synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-task-role").Output("arn"),
		"executionRoleArn":   synthtest.Find(t, plan, "aws:iam/role:Role", "nightly-execution-role").Output("arn"),
		"alertTopicArn":      synthtest.Find(t, plan, "aws:sns/topic:Topic", "nightly-alerts").Output("arn"),
		"deadLetterQueueUrl": synthtest.Find(t, plan, "aws:sqs/queue:Queue", "nightly-dlq").Output("url"),
	}, got)
	assert.Contains(t, got["deadLetterQueueUrl"], "https://sqs.us-east-1.amazonaws.com/123456789012/nightly-dlq-")
}

func TestCronJob_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := validArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup nightly-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup nightly-task-logs",
		"aws:cloudwatch/logGroup:LogGroup nightly-workflow-logs",
		"aws:kms/key:Key nightly-alerts-key",
		"aws:sns/topic:Topic nightly-alerts",
		"aws:sqs/queue:Queue nightly-dlq",
	}, synthtest.Kept(t, mustSynth(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestCronJob_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, mustSynth(t, validArgs())))
}
