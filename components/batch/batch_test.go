package batch

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestBatchWorkflow_registersExactChildren(t *testing.T) {
	plan := run(t, "hist", fullArgs())
	got := synthtest.ChildrenOf(t, plan, Type, "hist")
	assert.Equal(t, []string{
		"aws:cloudwatch/eventRule:EventRule hist-s3-rule",
		"aws:cloudwatch/eventTarget:EventTarget hist-s3-target",
		"aws:cloudwatch/logGroup:LogGroup hist-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup hist-workflow-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm hist-deadline-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm hist-dlq-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm hist-executions-aborted",
		"aws:cloudwatch/metricAlarm:MetricAlarm hist-executions-failed",
		"aws:cloudwatch/metricAlarm:MetricAlarm hist-executions-timed-out",
		"aws:cloudwatch/metricAlarm:MetricAlarm hist-s3-dlq-depth",
		"aws:iam/role:Role hist-deadline-role",
		"aws:iam/role:Role hist-s3-role",
		"aws:iam/role:Role hist-scheduler-role",
		"aws:iam/role:Role hist-workflow-role",
		"aws:iam/rolePolicy:RolePolicy hist-deadline-policy",
		"aws:iam/rolePolicy:RolePolicy hist-map-policy",
		"aws:iam/rolePolicy:RolePolicy hist-s3-policy",
		"aws:iam/rolePolicy:RolePolicy hist-scheduler-policy",
		"aws:iam/rolePolicy:RolePolicy hist-workflow-policy",
		"aws:kms/key:Key hist-alerts-key",
		"aws:scheduler/schedule:Schedule hist-deadline-check",
		"aws:scheduler/schedule:Schedule hist-schedule",
		"aws:sfn/stateMachine:StateMachine hist-deadline",
		"aws:sfn/stateMachine:StateMachine hist-workflow",
		"aws:sns/topic:Topic hist-alerts",
		"aws:sns/topicPolicy:TopicPolicy hist-alerts-policy",
		"aws:sqs/queue:Queue hist-dlq",
		"aws:sqs/queue:Queue hist-s3-dlq",
		"aws:sqs/queuePolicy:QueuePolicy hist-dlq-policy",
		"aws:sqs/queuePolicy:QueuePolicy hist-s3-dlq-policy",
		"aws:ssm/parameter:Parameter hist-last-success",
		"schedkit:keep:DeleteLock hist-delete-lock",
	}, got)
	// Every AWS resource is a child of the component.
	assert.Len(t, plan.ByType(Type), 1)
	assert.Equal(t, len(got)+1, len(plan.Resources))
}

func TestBatchWorkflow_manualOnlyHasNoTriggers(t *testing.T) {
	plan := run(t, "manual", &BatchWorkflowArgs{Steps: []Step{{Name: "extract", Lambda: &LambdaStep{FunctionArn: pulumi.String(functionA)}}}})
	assert.Empty(t, plan.ByType("aws:scheduler/schedule:Schedule"))
	assert.Empty(t, plan.ByType("aws:cloudwatch/eventRule:EventRule"))
	assert.Empty(t, plan.ByType("aws:sqs/queue:Queue"))
	_, hasMapPolicy := plan.Find("aws:iam/rolePolicy:RolePolicy", "manual-map-policy")
	assert.False(t, hasMapPolicy, "no Distributed Map, no map policy")
	out := outputsOf(t, &BatchWorkflowArgs{Steps: []Step{{Name: "extract", Lambda: &LambdaStep{FunctionArn: pulumi.String(functionA)}}}})
	assert.Equal(t, "", out["scheduleArn"])
	assert.Equal(t, "", out["eventRuleArn"])
	assert.Equal(t, "", out["s3DeadLetterQueueUrl"])
}

func TestBatchWorkflow_definitionStateByState(t *testing.T) {
	def := definitionOf(t, run(t, "hist", fullArgs()), "hist-workflow")
	assert.ElementsMatch(t, []string{
		"RunContext", "RunDateFromSchedule", "RunDateFromStart",
		"extract", "reprocess", "score", "publish", "CheckExitCode4", "ExitCodeFailed4",
		"DescribeFailure", "NotifyFailure", "Failed", "Succeeded", "RecordSuccess", "RecordScheduledSuccess", "RecordStartedSuccess", "Done",
	}, stateNames(def.States))
	assert.Equal(t, "RunContext", def.StartAt)
	assert.Equal(t, 86400, def.TimeoutSeconds, "MaxRuntime defaults to 24 h")
	assert.Equal(t,
		[]string{"RunContext", "RunDateFromStart", "extract", "reprocess", "score", "publish", "CheckExitCode4", "ExitCodeFailed4", "DescribeFailure", "NotifyFailure", "Failed"},
		def.Reachable(nil), "the default path of a run whose last task exits non-zero")
	assert.Equal(t, []string{"RunContext", "RunDateFromSchedule", "extract", "reprocess", "score", "publish", "CheckExitCode4", "Succeeded", "RecordSuccess", "RecordScheduledSuccess", "Done"},
		def.Reachable(map[string]int{"RunContext": 0, "CheckExitCode4": 0, "RecordSuccess": 0}), "a scheduled run records the time it was due")

	// Run context: the scheduler's time wins, the start time otherwise.
	rc := def.States["RunContext"]
	assert.Equal(t, "$.scheduledTime", rc.Choices[0].Variable)
	assert.Equal(t, "States.ArrayGetItem(States.StringSplit($.scheduledTime, 'T'), 0)", def.States["RunDateFromSchedule"].Parameters["date.$"])
	assert.Equal(t, "States.ArrayGetItem(States.StringSplit($$.Execution.StartTime, 'T'), 0)", def.States["RunDateFromStart"].Parameters["date.$"])
	assert.Equal(t, "$.run", *def.States["RunDateFromStart"].ResultPath)

	// Every step: retry with exponential backoff and full jitter, a timeout
	// (Map: per item), a catch to the alert, its result under $.results.
	for name, errs := range map[string][]string{
		"extract": LambdaTransientErrors, "reprocess": MapTransientErrors, "score": SageMakerJobErrors, "publish": ECSTransientErrors,
	} {
		s := def.States[name]
		require.Len(t, s.Retry, 1, name)
		assert.Equal(t, sfn.Retrier{ErrorEquals: errs, IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 300, JitterStrategy: "FULL"}, s.Retry[0], name)
		assert.Equal(t, []sfn.Catcher{{ErrorEquals: []string{"States.ALL"}, ResultPath: "$.error", Next: "DescribeFailure"}}, s.Catch, name)
		assert.Equal(t, "$.results."+name, *s.ResultPath, name)
	}
	assert.Equal(t, 900, def.States["extract"].TimeoutSeconds)
	assert.Equal(t, 21600, def.States["score"].TimeoutSeconds)
	assert.Equal(t, 3600, def.States["publish"].TimeoutSeconds)
	assert.Zero(t, def.States["reprocess"].TimeoutSeconds, "a Map has no TimeoutSeconds")

	// Lambda.
	ex := def.States["extract"]
	assert.Equal(t, "arn:aws:states:::lambda:invoke", ex.Resource)
	assert.Equal(t, map[string]any{"FunctionName": functionA, "Payload.$": "$"}, ex.Parameters)
	assert.Equal(t, "reprocess", ex.Next)

	// ECS: the task, its overrides, then the exit-code check.
	pub := def.States["publish"]
	assert.Equal(t, "arn:aws:states:::ecs:runTask.sync", pub.Resource)
	assert.Equal(t, clusterArn, pub.Parameters["Cluster"])
	assert.Equal(t, taskDefArn, pub.Parameters["TaskDefinition"])
	assert.Equal(t, "FARGATE", pub.Parameters["LaunchType"])
	assert.NotContains(t, pub.Parameters, "StartedBy", "Step Functions sets StartedBy itself and documents no such parameter")
	assert.Equal(t, map[string]any{"AwsvpcConfiguration": map[string]any{
		"Subnets": []any{"subnet-0a0a0a0a", "subnet-0b0b0b0b"}, "SecurityGroups": []any{"sg-01010101"}, "AssignPublicIp": "DISABLED",
	}}, pub.Parameters["NetworkConfiguration"])
	assert.Equal(t, map[string]any{"ContainerOverrides": []any{map[string]any{
		"Name": "app", "Command": []any{"reprocess", "--all"},
		"Environment": []any{
			map[string]any{"Name": "MODE", "Value": "backfill"},
			map[string]any{"Name": "OBJECT_KEY", "Value.$": "$.item.Key"},
			map[string]any{"Name": "SCHEDKIT_INPUT", "Value.$": "States.JsonToString($)"},
		},
	}}}, pub.Parameters["Overrides"])
	assert.Equal(t, "CheckExitCode4", pub.Next)
	check := def.States["CheckExitCode4"]
	assert.Equal(t, "$.results.publish.Containers[0].ExitCode", check.Choices[0].And[1].Variable)
	assert.Equal(t, 0.0, *check.Choices[0].And[1].NumericEquals)
	assert.Equal(t, "Succeeded", check.Choices[0].Next)
	assert.Equal(t, "ExitCodeFailed4", check.Default)
	assert.Equal(t, "NonZeroExitCode", def.States["ExitCodeFailed4"].Parameters["Error"])
	assert.Equal(t, "DescribeFailure", def.States["ExitCodeFailed4"].Next)

	// Failure chain.
	assert.Equal(t, "arn:aws:states:::sns:publish", def.States["NotifyFailure"].Resource)
	assert.Equal(t, "schedkit batch workflow hist failed", def.States["NotifyFailure"].Parameters["Subject"])
	assert.Contains(t, def.States["NotifyFailure"].Parameters["TopicArn"], ":sns:us-east-1:123456789012:hist-alerts-")
	assert.Equal(t, "BatchWorkflowFailed", def.States["Failed"].Error)
}

func TestBatchWorkflow_distributedMapOverPrefix(t *testing.T) {
	def := definitionOf(t, run(t, "hist", fullArgs()), "hist-workflow")
	m := def.States["reprocess"]
	assert.Equal(t, "Map", m.Type)
	assert.Equal(t, &sfn.ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: map[string]any{"Bucket": "raw-events", "Prefix": "year=2023/"}}, m.ItemReader)
	assert.Equal(t, map[string]any{"item.$": "$$.Map.Item.Value", "bucket": "raw-events", "run.$": "$.run"}, m.ItemSelector)
	assert.Equal(t, 50, m.MaxConcurrency)
	require.NotNil(t, m.ToleratedFailurePercentage)
	assert.Equal(t, 0.0, *m.ToleratedFailurePercentage)
	assert.Equal(t, &sfn.ResultWriter{Resource: "arn:aws:states:::s3:putObject", Parameters: map[string]any{"Bucket": "batch-results", "Prefix": "reprocess/"}}, m.ResultWriter)
	assert.Nil(t, m.ResultSelector)
	p := m.ItemProcessor
	assert.Equal(t, map[string]string{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, p.ProcessorConfig)
	assert.Equal(t, "reprocess-one", p.StartAt)
	assert.ElementsMatch(t, []string{"reprocess-one", "ItemCheckExitCode2", "ItemExitCodeFailed2", "ItemDone2"}, stateNames(p.States))
	child := p.States["reprocess-one"]
	assert.Equal(t, "arn:aws:states:::ecs:runTask.sync", child.Resource)
	assert.NotContains(t, child.Parameters, "StartedBy")
	assert.Equal(t, "$.result", *child.ResultPath)
	assert.Equal(t, 3600, child.TimeoutSeconds)
	assert.Len(t, child.Retry, 1)
	assert.Empty(t, child.Catch, "a failed item fails its child execution; the Map counts it")
	assert.Equal(t, "Fail", p.States["ItemExitCodeFailed2"].Type)
	assert.Equal(t, "Succeed", p.States["ItemDone2"].Type, "with a result writer the item's output is kept")
}

func TestBatchWorkflow_distributedMapOverManifestWithoutWriter(t *testing.T) {
	tolerated := 5.0
	args := &BatchWorkflowArgs{Steps: []Step{{Name: "replay", Map: &MapStep{
		ManifestS3Uri: "s3://inventory/manifest.csv", ManifestType: "CSV", ToleratedFailurePercentage: &tolerated,
		Step: Step{Name: "replay-one", Lambda: &LambdaStep{FunctionArn: pulumi.String(functionA)}},
	}}}}
	plan := run(t, "replay", args)
	m := definitionOf(t, plan, "replay-workflow").States["replay"]
	assert.Equal(t, &sfn.ItemReader{
		Resource:     "arn:aws:states:::s3:getObject",
		Parameters:   map[string]any{"Bucket": "inventory", "Key": "manifest.csv"},
		ReaderConfig: map[string]any{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
	}, m.ItemReader)
	assert.Equal(t, 100, m.MaxConcurrency, "MaxConcurrency defaults to 100")
	assert.Equal(t, 5.0, *m.ToleratedFailurePercentage)
	assert.Nil(t, m.ResultWriter)
	assert.Equal(t, map[string]any{"ItemCount.$": "States.ArrayLength($)"}, m.ResultSelector)
	done := m.ItemProcessor.States["ItemDone1"]
	assert.Equal(t, "Pass", done.Type)
	assert.Equal(t, map[string]any{}, done.Result, "without a writer each item outputs {}")

	doc := synthtest.Policy(t, plan, "replay-workflow-policy")
	assert.Equal(t, []string{"Step1ReadManifest", "Step1ItemInvokeFunction", "RecordLastSuccess", "PublishAlerts", "EncryptAlerts", "DeliverWorkflowLogs", "WriteTraces"}, synthtest.Sids(doc))
	rm := synthtest.Statement(t, doc, "Step1ReadManifest")
	assert.Equal(t, []string{"s3:GetObject"}, rm.Action)
	assert.Equal(t, []string{"arn:aws:s3:::inventory/manifest.csv"}, rm.Resource)
}

func TestBatchWorkflow_transformJobNameIsNewPerAttempt(t *testing.T) {
	score := definitionOf(t, run(t, "hist", fullArgs()), "hist-workflow").States["score"]
	assert.Equal(t, "arn:aws:states:::sagemaker:createTransformJob.sync", score.Resource)
	p := score.Parameters
	// Parameters are evaluated on every attempt: each retry draws a new UUID.
	assert.Equal(t, "States.Format('hist-{}', States.UUID())", p["TransformJobName.$"])
	assert.Equal(t, "churn-model", p["ModelName"])
	assert.Equal(t, map[string]any{
		"DataSource":  map[string]any{"S3DataSource": map[string]any{"S3DataType": "S3Prefix", "S3Uri.$": "States.Format('s3://features/daily/dt={}/', $.run.date)"}},
		"ContentType": "text/csv", "SplitType": "Line",
	}, p["TransformInput"])
	assert.Equal(t, map[string]any{
		"S3OutputPath.$": "States.Format('s3://scores/daily/dt={}/', $.run.date)",
		"Accept":         "text/csv", "AssembleWith": "Line", "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/abc",
	}, p["TransformOutput"])
	assert.Equal(t, map[string]any{"InstanceType": "ml.m5.large", "InstanceCount": 1.0}, p["TransformResources"])
	assert.Equal(t, "MultiRecord", p["BatchStrategy"])
	assert.Equal(t, 6.0, p["MaxPayloadInMB"])
	assert.Equal(t, map[string]any{"JoinSource": "None"}, p["DataProcessing"])
	assert.NotContains(t, p, "MaxConcurrentTransforms", "0 leaves SageMaker's choice")
}

func TestBatchWorkflow_iamStatementByStatement(t *testing.T) {
	doc := synthtest.Policy(t, run(t, "hist", fullArgs()), "hist-workflow-policy")
	assert.Equal(t, []string{
		"Step1InvokeFunction",
		"Step2ListItems", "Step2WriteResults",
		"Step2ItemRunTask", "Step2ItemTagTasksAtStart", "Step2ItemWatchAndStopTasks", "Step2ItemPassTaskRoles",
		"Step3RunTransformJobs",
		"Step4RunTask", "Step4TagTasksAtStart", "Step4WatchAndStopTasks", "Step4PassTaskRoles",
		"ManageECSSyncRule", "ManageTransformSyncRule",
		"RecordLastSuccess", "PublishAlerts", "EncryptAlerts", "DeliverWorkflowLogs", "WriteTraces",
	}, synthtest.Sids(doc))

	inv := synthtest.Statement(t, doc, "Step1InvokeFunction")
	assert.Equal(t, []string{"lambda:InvokeFunction"}, inv.Action)
	assert.Equal(t, []string{functionA, functionA + ":*"}, inv.Resource)

	list := synthtest.Statement(t, doc, "Step2ListItems")
	assert.Equal(t, []string{"s3:ListBucket"}, list.Action)
	assert.Equal(t, []string{"arn:aws:s3:::raw-events"}, list.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"year=2023/*"}}}, list.Condition)

	write := synthtest.Statement(t, doc, "Step2WriteResults")
	assert.Equal(t, []string{"s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"}, write.Action)
	assert.Equal(t, []string{"arn:aws:s3:::batch-results/reprocess/*"}, write.Resource)

	run := synthtest.Statement(t, doc, "Step4RunTask")
	assert.Equal(t, []string{"arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess:*"}, run.Resource)
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"ecs:cluster": {clusterArn}}}, run.Condition)

	pass := synthtest.Statement(t, doc, "Step4PassTaskRoles")
	assert.Equal(t, []string{"iam:PassRole"}, pass.Action)
	assert.Equal(t, []string{taskRole, execRole}, pass.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"iam:PassedToService": {"ecs-tasks.amazonaws.com"}}}, pass.Condition)

	tr := synthtest.Statement(t, doc, "Step3RunTransformJobs")
	assert.Equal(t, []string{"sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob", "sagemaker:AddTags", "sagemaker:ListTags"}, tr.Action)
	assert.Equal(t, []string{"arn:aws:sagemaker:us-east-1:123456789012:transform-job/hist-*"}, tr.Resource)

	for sid, rule := range map[string]string{"ManageECSSyncRule": "StepFunctionsGetEventsForECSTaskRule", "ManageTransformSyncRule": "StepFunctionsGetEventsForSageMakerTransformJobsRule"} {
		s := synthtest.Statement(t, doc, sid)
		assert.Equal(t, []string{"events:PutTargets", "events:PutRule", "events:DescribeRule"}, s.Action)
		assert.Equal(t, []string{"arn:aws:events:us-east-1:123456789012:rule/" + rule}, s.Resource)
	}
}

func TestBatchWorkflow_mapPolicyNamesTheWorkflowWithoutACycle(t *testing.T) {
	plan := run(t, "hist", fullArgs())
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "hist-workflow")
	role := synthtest.Find(t, plan, "aws:iam/role:Role", "hist-workflow-role")
	mp := synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "hist-map-policy")
	assert.Equal(t, role.Output("name"), mp.String("role"), "on the workflow's role")
	assert.Contains(t, mp.Dependencies, machine.URN, "created after the workflow")
	assert.NotContains(t, machine.Dependencies, mp.URN)

	doc := synthtest.Policy(t, plan, "hist-map-policy")
	assert.Equal(t, []string{"StartMapChildExecutions", "WatchMapChildExecutions"}, synthtest.Sids(doc))
	assert.Equal(t, []string{"states:StartExecution"}, synthtest.Statement(t, doc, "StartMapChildExecutions").Action)
	assert.Equal(t, []string{machine.Output("arn")}, synthtest.Statement(t, doc, "StartMapChildExecutions").Resource)
	watch := synthtest.Statement(t, doc, "WatchMapChildExecutions")
	assert.Equal(t, []string{"states:DescribeExecution", "states:StopExecution"}, watch.Action)
	assert.Equal(t, []string{"arn:aws:states:us-east-1:123456789012:execution:" + machine.Output("name") + "/*"}, watch.Resource)

	// The triggers start runs only once the map policy exists.
	assert.Contains(t, synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "hist-schedule").Dependencies, mp.URN)
	assert.Contains(t, synthtest.Find(t, plan, "aws:cloudwatch/eventTarget:EventTarget", "hist-s3-target").Dependencies, mp.URN)
}

func TestBatchWorkflow_s3TriggerWithRetryAndDeadLetterQueue(t *testing.T) {
	args := fullArgs()
	args.S3Trigger.EnableBucketNotifications = true
	plan := run(t, "hist", args)
	rule := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "hist-s3-rule")
	var pattern map[string]any
	require.NoError(t, json.Unmarshal([]byte(rule.String("eventPattern")), &pattern))
	assert.Equal(t, map[string]any{
		"source":      []any{"aws.s3"},
		"detail-type": []any{"Object Created"},
		"detail": map[string]any{
			"bucket": map[string]any{"name": []any{"raw-events"}},
			"object": map[string]any{"key": []any{map[string]any{"prefix": "incoming/"}}},
		},
	}, pattern)
	assert.Equal(t, "ENABLED", rule.String("state"))

	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "hist-workflow")
	queue := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "hist-s3-dlq")
	assert.Equal(t, true, queue.Inputs["sqsManagedSseEnabled"])
	assert.Equal(t, 1209600.0, queue.Inputs["messageRetentionSeconds"])
	target := synthtest.Find(t, plan, "aws:cloudwatch/eventTarget:EventTarget", "hist-s3-target")
	assert.Equal(t, machine.Output("arn"), target.String("arn"))
	assert.Equal(t, rule.Output("name"), target.String("rule"))
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "hist-s3-role").Output("arn"), target.String("roleArn"))
	assert.Equal(t, map[string]any{"maximumRetryAttempts": 3.0, "maximumEventAgeInSeconds": 3600.0}, target.Inputs["retryPolicy"])
	assert.Equal(t, map[string]any{"arn": queue.Output("arn")}, target.Inputs["deadLetterConfig"])

	// EventBridge delivers to a rule's DLQ through the queue policy.
	qp := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sqs/queuePolicy:QueuePolicy", "hist-s3-dlq-policy").String("policy"))
	assert.Equal(t, []string{"DenyInsecureTransport", "EventBridgeRuleDeadLetters"}, synthtest.Sids(qp))
	send := synthtest.Statement(t, qp, "EventBridgeRuleDeadLetters")
	assert.Equal(t, map[string][]string{"Service": {"events.amazonaws.com"}}, send.Principal)
	assert.Equal(t, []string{"sqs:SendMessage"}, send.Action)
	assert.Equal(t, []string{queue.Output("arn")}, send.Resource)
	assert.Equal(t, map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": {rule.Output("arn")}}}, send.Condition)

	start := synthtest.Statement(t, synthtest.Policy(t, plan, "hist-s3-policy"), "StartThisWorkflow")
	assert.Equal(t, []string{"states:StartExecution"}, start.Action)
	assert.Equal(t, []string{machine.Output("arn")}, start.Resource)
	trust := synthtest.TrustPolicy(t, plan, "hist-s3-role")
	assert.Equal(t, []string{"events.amazonaws.com"}, trust.Statement[0].Principal["Service"])

	notif := synthtest.Find(t, plan, "aws:s3/bucketNotification:BucketNotification", "hist-s3-notifications")
	assert.Equal(t, "raw-events", notif.String("bucket"))
	assert.Equal(t, true, notif.Inputs["eventbridge"])
	alarm := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "hist-s3-dlq-depth")
	assert.Equal(t, map[string]any{"QueueName": queue.Output("name")}, alarm.Inputs["dimensions"])
}

func TestBatchWorkflow_scheduleAndLoggingAndAlarms(t *testing.T) {
	plan := run(t, "hist", fullArgs())
	sched := synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "hist-schedule")
	assert.Equal(t, "cron(0 3 * * ? *)", sched.String("scheduleExpression"))
	var input map[string]string
	require.NoError(t, json.Unmarshal([]byte(sched.Get("target", "input").(string)), &input))
	assert.Equal(t, map[string]string{"workflow": "hist", "scheduledTime": "<aws.scheduler.scheduled-time>"}, input)
	assert.NotNil(t, sched.Get("target", "deadLetterConfig", "arn"))
	machine := synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "hist-workflow")
	assert.Equal(t, "ERROR", machine.Get("loggingConfiguration", "level"))
	assert.Equal(t, true, machine.Get("tracingConfiguration", "enabled"))
	assert.Equal(t, 30.0, synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "hist-workflow-logs").Inputs["retentionInDays"])
	for suffix, metric := range map[string]string{"executions-failed": "ExecutionsFailed", "executions-timed-out": "ExecutionsTimedOut", "executions-aborted": "ExecutionsAborted"} {
		a := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "hist-"+suffix)
		assert.Equal(t, metric, a.String("metricName"))
		assert.Equal(t, map[string]any{"StateMachineArn": machine.Output("arn")}, a.Inputs["dimensions"])
	}
}

func TestBatchWorkflow_outputs(t *testing.T) {
	plan := run(t, "hist", fullArgs())
	out := outputsOf(t, fullArgs())
	assert.Equal(t, synthtest.Find(t, plan, "aws:sfn/stateMachine:StateMachine", "hist-workflow").Output("arn"), out["stateMachineArn"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:iam/role:Role", "hist-workflow-role").Output("arn"), out["workflowRoleArn"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "hist-workflow-logs").Output("name"), out["workflowLogGroupName"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:sns/topic:Topic", "hist-alerts").Output("arn"), out["alertTopicArn"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "hist-s3-rule").Output("arn"), out["eventRuleArn"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:sqs/queue:Queue", "hist-s3-dlq").Output("url"), out["s3DeadLetterQueueUrl"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:sqs/queue:Queue", "hist-dlq").Output("url"), out["deadLetterQueueUrl"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:scheduler/schedule:Schedule", "hist-schedule").Output("arn"), out["scheduleArn"])
}

// outputsOf runs a workflow named "hist" and returns its exported outputs.
func outputsOf(t *testing.T, args *BatchWorkflowArgs) map[string]string {
	t.Helper()
	out := map[string]string{}
	synthtest.Run(t, func(ctx *pulumi.Context) error {
		wf, err := NewBatchWorkflow(ctx, "hist", args)
		if err != nil {
			return err
		}
		keys := []string{"stateMachineArn", "workflowRoleArn", "workflowLogGroupName", "alertTopicArn", "scheduleArn", "deadLetterQueueUrl", "eventRuleArn", "s3DeadLetterQueueUrl"}
		pulumi.All(wf.StateMachineArn, wf.WorkflowRoleArn, wf.WorkflowLogGroupName, wf.AlertTopicArn, wf.ScheduleArn, wf.DeadLetterQueueUrl, wf.EventRuleArn, wf.S3DeadLetterQueueUrl).ApplyT(func(v []any) any {
			for i, k := range keys {
				out[k] = v[i].(string)
			}
			return nil
		})
		return nil
	}, options)
	return out
}

func TestBatchWorkflow_defaults(t *testing.T) {
	assert.Equal(t, 24*3600.0, DefaultMaxRuntime.Seconds())
	assert.Equal(t, 30, DefaultLogRetentionDays)
	assert.Equal(t, 3600.0, DefaultECSTimeout.Seconds())
	assert.Equal(t, 900.0, DefaultLambdaTimeout.Seconds())
	assert.Equal(t, 6*3600.0, DefaultTransformTimeout.Seconds())
	assert.Equal(t, "FARGATE", DefaultCapacityProvider)
	assert.Equal(t, 2, DefaultRetryAttempts)
	assert.Equal(t, 10.0, DefaultRetryInterval.Seconds())
	assert.Equal(t, 2.0, DefaultBackoffRate)
	assert.Equal(t, 300.0, DefaultRetryMaxDelay.Seconds())
	assert.Equal(t, 100, DefaultMapConcurrency)
	assert.Equal(t, "ml.m5.large", DefaultTransformInstanceType)
	assert.Equal(t, 1, DefaultInstanceCount)
	assert.Equal(t, 6, DefaultMaxPayloadMB)
	assert.Equal(t, "MultiRecord", DefaultBatchStrategy)
	assert.Equal(t, "Line", DefaultSplitType)
	assert.Equal(t, "text/csv", DefaultContentType)
	assert.Equal(t, "text/csv", DefaultAccept)
	assert.Equal(t, "Line", DefaultAssembleWith)
	assert.Equal(t, "None", DefaultJoinSource)
	assert.Equal(t, 3, trigger.DefaultObjectCreatedRetryAttempts)
	assert.Equal(t, 3600.0, trigger.DefaultObjectCreatedMaxEventAge.Seconds())
	assert.Equal(t, 26, sagemaker.MaxJobNamePrefix)

	// The defaults are what a minimal workflow gets.
	plan := run(t, "mini", &BatchWorkflowArgs{Steps: []Step{
		{Name: "score", Transform: &TransformJob{ModelName: pulumi.String("m"), InputS3Uri: "s3://in-bucket/x/", OutputS3Uri: "s3://out-bucket/y/"}},
	}})
	def := definitionOf(t, plan, "mini-workflow")
	assert.Equal(t, 86400, def.TimeoutSeconds)
	score := def.States["score"]
	assert.Equal(t, "States.Format('mini-{}', States.UUID())", score.Parameters["TransformJobName.$"], "the prefix defaults to the name")
	assert.NotContains(t, score.Parameters["TransformOutput"], "KmsKeyId")
	assert.Equal(t, 30.0, synthtest.Find(t, plan, "aws:cloudwatch/logGroup:LogGroup", "mini-workflow-logs").Inputs["retentionInDays"])
}

func TestBatchWorkflow_unknownNetworkIsCheckedAtDeploy(t *testing.T) {
	s := ecsStep("publish")
	s.ECSTask.Subnets = pulumi.StringArray{}.ToStringArrayOutput()
	err := synthtest.RunError(t, synthtest.Program(NewBatchWorkflow, "late", &BatchWorkflowArgs{Steps: []Step{s}}), options)
	assert.Contains(t, err.Error(), "`Steps[0].ECSTask.Subnets` is empty")
}

func TestBatchWorkflow_retainsStatefulChildren(t *testing.T) {
	args := fullArgs()
	args.RetainOnDelete = true
	plan := run(t, "hist", args)
	retained := map[string]bool{}
	for _, r := range plan.Resources {
		if r.RetainOnDelete {
			retained[r.Type+" "+r.Name] = true
		}
	}
	assert.Equal(t, map[string]bool{
		"aws:cloudwatch/logGroup:LogGroup hist-deadline-logs": true,
		"aws:cloudwatch/logGroup:LogGroup hist-workflow-logs": true,
		"aws:sqs/queue:Queue hist-dlq":                        true,
		"aws:sqs/queue:Queue hist-s3-dlq":                     true,
		"aws:sns/topic:Topic hist-alerts":                     true,
		"aws:kms/key:Key hist-alerts-key":                     true,
		// The guards of what is kept: a kept queue or topic stays TLS-only.
		"aws:sqs/queuePolicy:QueuePolicy hist-dlq-policy":    true,
		"aws:sqs/queuePolicy:QueuePolicy hist-s3-dlq-policy": true,
		"aws:sns/topicPolicy:TopicPolicy hist-alerts-policy": true,
	}, retained)
	for _, r := range run(t, "hist", fullArgs()).Resources {
		assert.False(t, r.RetainOnDelete, r.Name)
	}
}

func TestBatchWorkflow_workflowPolicyOverIAMsSizeLimitFailsClearly(t *testing.T) {
	var steps []Step
	for i := range 15 {
		s := ecsStep(fmt.Sprintf("step-%02d", i))
		s.ECSTask.Family = fmt.Sprintf("family-with-a-rather-long-name-%02d", i)
		steps = append(steps, s)
	}
	err := synthtest.RunError(t, synthtest.Program(NewBatchWorkflow, "wide", &BatchWorkflowArgs{Steps: steps}), options)
	// verify's rule and message, naming the component and Steps, the list
	// that grows the workflow role's policy.
	assert.Regexp(t, "^synth [^:]+: batchworkflow \"wide\": `Steps` gives a role inline policies of 15705 characters \\(white space not counted\\); IAM allows 10240 for one role's inline policies together: grant fewer, wider resources \\(a prefix instead of many objects\\)$", err.Error())

	_, err = synth.Run(synthtest.Program(NewBatchWorkflow, "narrow", &BatchWorkflowArgs{Steps: steps[:3]}), options)
	assert.NoError(t, err, "three ECS steps fit")
}

func TestBatchWorkflow_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := fullArgs()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup hist-deadline-logs",
		"aws:cloudwatch/logGroup:LogGroup hist-workflow-logs",
		"aws:kms/key:Key hist-alerts-key",
		"aws:sns/topic:Topic hist-alerts",
		"aws:sqs/queue:Queue hist-dlq",
		"aws:sqs/queue:Queue hist-s3-dlq",
	}, synthtest.Kept(t, run(t, "hist", args)), "the stateful children, each retained and protected; their guards retained")
}

func TestBatchWorkflow_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, run(t, "hist", fullArgs())))
}
