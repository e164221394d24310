package stream

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	planpkg "github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	streamT   = "aws:kinesis/stream:Stream"
	consumerT = "aws:kinesis/streamConsumer:StreamConsumer"
	functionT = "aws:lambda/function:Function"
	mappingT  = "aws:lambda/eventSourceMapping:EventSourceMapping"
	logGroupT = "aws:cloudwatch/logGroup:LogGroup"
	alarmT    = "aws:cloudwatch/metricAlarm:MetricAlarm"
	queueT    = "aws:sqs/queue:Queue"
	roleT     = "aws:iam/role:Role"
)

// coreChildren are the children every processor has, without a sink.
var coreChildren = []string{
	"aws:cloudwatch/logGroup:LogGroup clicks-function-logs",
	"aws:cloudwatch/metricAlarm:MetricAlarm clicks-errors",
	"aws:cloudwatch/metricAlarm:MetricAlarm clicks-failures-depth",
	"aws:cloudwatch/metricAlarm:MetricAlarm clicks-iterator-age",
	"aws:cloudwatch/metricAlarm:MetricAlarm clicks-read-throughput-exceeded",
	"aws:cloudwatch/metricAlarm:MetricAlarm clicks-throttles",
	"aws:iam/role:Role clicks-function-role",
	"aws:iam/rolePolicy:RolePolicy clicks-function-policy",
	"aws:kms/key:Key clicks-alerts-key",
	"aws:lambda/eventSourceMapping:EventSourceMapping clicks-mapping",
	"aws:lambda/function:Function clicks-function",
	"aws:sns/topic:Topic clicks-alerts",
	"aws:sns/topicPolicy:TopicPolicy clicks-alerts-policy",
	"aws:sqs/queue:Queue clicks-failures",
	"aws:sqs/queuePolicy:QueuePolicy clicks-failures-policy",
	"schedkit:keep:DeleteLock clicks-delete-lock",
}

func with(base []string, more ...string) []string {
	return append(append([]string(nil), base...), more...)
}

func TestStreamProcessor_createsExactChildrenUnderComponent(t *testing.T) {
	plan := mustSynth(t, validArgs())
	assert.ElementsMatch(t, with(coreChildren, "aws:kinesis/stream:Stream clicks-stream"), synthtest.ChildrenOf(t, plan, Type, "clicks"))
	for _, r := range plan.Resources {
		if r.Type == Type {
			assert.Contains(t, r.Parent, "pulumi:pulumi:Stack")
			continue
		}
		assert.Equalf(t, componentURN, r.Parent, "%s %s is not parented to the component", r.Type, r.Name)
	}
}

func TestStreamProcessor_createsExactChildrenWithOptions(t *testing.T) {
	a := validArgs()
	a.StreamArn = pulumi.String(testStreamARN)
	a.EnhancedFanOut = true
	a.FunctionPolicyStatements = []iampolicy.Statement{{
		Sid: "WriteTable", Actions: []string{"dynamodb:PutItem"},
		Resources: iampolicy.Strings("arn:aws:dynamodb:us-east-1:123456789012:table/clicks"),
	}}
	a.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")
	plan := mustSynth(t, a)

	want := []string{
		"aws:cloudwatch/logGroup:LogGroup clicks-function-logs",
		"aws:cloudwatch/metricAlarm:MetricAlarm clicks-errors",
		"aws:cloudwatch/metricAlarm:MetricAlarm clicks-failures-depth",
		"aws:cloudwatch/metricAlarm:MetricAlarm clicks-iterator-age",
		"aws:cloudwatch/metricAlarm:MetricAlarm clicks-read-throughput-exceeded",
		"aws:cloudwatch/metricAlarm:MetricAlarm clicks-throttles",
		"aws:iam/role:Role clicks-function-role",
		"aws:iam/rolePolicy:RolePolicy clicks-function-extra-policy",
		"aws:iam/rolePolicy:RolePolicy clicks-function-policy",
		"aws:kinesis/streamConsumer:StreamConsumer clicks-consumer",
		"aws:lambda/eventSourceMapping:EventSourceMapping clicks-mapping",
		"aws:lambda/function:Function clicks-function",
		"aws:sqs/queue:Queue clicks-failures",
		"aws:sqs/queuePolicy:QueuePolicy clicks-failures-policy",
		"schedkit:keep:DeleteLock clicks-delete-lock",
	}
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "clicks"), "an existing stream and topic are not created")

	extra := synthtest.Policy(t, plan, "clicks-function-extra-policy")
	assert.Equal(t, []string{"dynamodb:PutItem"}, synthtest.Statement(t, extra, "WriteTable").Action)
	fn := synthtest.Find(t, plan, functionT, "clicks-function")
	assert.Contains(t, fn.Dependencies, "urn:pulumi:dev::test::schedkit:aws:StreamProcessor$aws:iam/rolePolicy:RolePolicy::clicks-function-extra-policy",
		"the function waits for its own permissions")
}

func TestStreamProcessor_streamIsEncryptedOnDemandByDefault(t *testing.T) {
	plan := mustSynth(t, validArgs())
	s := synthtest.Find(t, plan, streamT, "clicks-stream")
	assert.Equal(t, "KMS", s.String("encryptionType"))
	assert.Equal(t, "alias/aws/kinesis", s.String("kmsKeyId"))
	assert.Equal(t, 24.0, s.Inputs["retentionPeriod"])
	assert.Equal(t, "ON_DEMAND", s.Get("streamModeDetails", "streamMode"))
	assert.Nil(t, s.Inputs["shardCount"], "on-demand streams scale their own shards")

	doc := synthtest.Policy(t, plan, "clicks-function-policy")
	_, decrypts := doc.FindSid("DecryptStream")
	assert.False(t, decrypts, "the AWS-managed key needs no grant")
}

func TestStreamProcessor_provisionedStreamWithCustomerKey(t *testing.T) {
	a := validArgs()
	a.Stream = &StreamArgs{Mode: "PROVISIONED", ShardCount: 4, RetentionHours: 168, KmsKeyArn: pulumi.String(testKeyARN)}
	plan := mustSynth(t, a)
	s := synthtest.Find(t, plan, streamT, "clicks-stream")
	assert.Equal(t, "PROVISIONED", s.Get("streamModeDetails", "streamMode"))
	assert.Equal(t, 4.0, s.Inputs["shardCount"])
	assert.Equal(t, 168.0, s.Inputs["retentionPeriod"])
	assert.Equal(t, "KMS", s.String("encryptionType"))
	assert.Equal(t, testKeyARN, s.String("kmsKeyId"))

	dec := synthtest.Statement(t, synthtest.Policy(t, plan, "clicks-function-policy"), "DecryptStream")
	assert.Equal(t, []string{"kms:Decrypt"}, dec.Action)
	assert.Equal(t, []string{testKeyARN}, dec.Resource)
}

func TestStreamProcessor_existingStreamIsConsumedNotCreated(t *testing.T) {
	a := validArgs()
	a.StreamArn = pulumi.String(testStreamARN)
	a.StreamKmsKeyArn = pulumi.String(testKeyARN)
	plan := mustSynth(t, a)
	assert.Empty(t, plan.ByType(streamT))
	assert.Equal(t, testStreamARN, synthtest.Find(t, plan, mappingT, "clicks-mapping").String("eventSourceArn"))
	doc := synthtest.Policy(t, plan, "clicks-function-policy")
	assert.Equal(t, []string{testStreamARN}, synthtest.Statement(t, doc, "ReadStream").Resource)
	assert.Equal(t, []string{testKeyARN}, synthtest.Statement(t, doc, "DecryptStream").Resource)
	assert.Equal(t, "orders", synthtest.Find(t, plan, alarmT, "clicks-read-throughput-exceeded").Get("dimensions", "StreamName"))
	assert.Equal(t, "orders", plan.Outputs["streamName"])
	assert.Equal(t, testStreamARN, plan.Outputs["streamArn"])
}

func TestStreamProcessor_mappingNeverBlocksAShard(t *testing.T) {
	plan := mustSynth(t, validArgs())
	m := synthtest.Find(t, plan, mappingT, "clicks-mapping")
	queue := synthtest.Find(t, plan, queueT, "clicks-failures")

	assert.Equal(t, true, m.Inputs["bisectBatchOnFunctionError"])
	assert.Equal(t, 3.0, m.Inputs["maximumRetryAttempts"])
	assert.Equal(t, 3600.0, m.Inputs["maximumRecordAgeInSeconds"])
	assert.Equal(t, []any{"ReportBatchItemFailures"}, m.Inputs["functionResponseTypes"])
	assert.Equal(t, queue.Output("arn"), m.Get("destinationConfig", "onFailure", "destinationArn"))
	assert.Equal(t, "LATEST", m.String("startingPosition"))
	assert.Equal(t, 100.0, m.Inputs["batchSize"])
	assert.Equal(t, 0.0, m.Inputs["maximumBatchingWindowInSeconds"])
	assert.Equal(t, 1.0, m.Inputs["parallelizationFactor"])
	assert.Equal(t, true, m.Inputs["enabled"])
	assert.Nil(t, m.Inputs["filterCriteria"])
	assert.Nil(t, m.Inputs["tumblingWindowInSeconds"])
	assert.Nil(t, m.Inputs["startingPositionTimestamp"])
	assert.Equal(t, "arn:aws:lambda:us-east-1:123456789012:function:"+testFunctionName, m.String("functionName"))
	assert.Contains(t, m.Dependencies, "urn:pulumi:dev::test::schedkit:aws:StreamProcessor$aws:iam/rolePolicy:RolePolicy::clicks-function-policy",
		"Lambda checks the role can read the stream when the mapping is created")

	assert.Equal(t, true, queue.Inputs["sqsManagedSseEnabled"])
	assert.Equal(t, 1209600.0, queue.Inputs["messageRetentionSeconds"], "14 days")
}

func TestStreamProcessor_mappingTakesCallerSettings(t *testing.T) {
	a := validArgs()
	retries := -1
	disabled := false
	a.StartingPosition = "AT_TIMESTAMP"
	a.StartingPositionTimestamp = "2026-01-02T03:04:05Z"
	a.BatchSize = 10000
	a.BatchingWindow = 300 * time.Second
	a.ParallelizationFactor = 10
	a.MaximumRetryAttempts = &retries
	a.MaximumRecordAgeSeconds = -1
	a.FilterPatterns = []string{`{"data":{"type":["click"]}}`, `{"partitionKey":["vip"]}`}
	a.TumblingWindow = 15 * time.Minute
	a.Enabled = &disabled
	plan := mustSynth(t, a)
	m := synthtest.Find(t, plan, mappingT, "clicks-mapping")
	assert.Equal(t, "AT_TIMESTAMP", m.String("startingPosition"))
	assert.Equal(t, "2026-01-02T03:04:05Z", m.String("startingPositionTimestamp"))
	assert.Equal(t, 10000.0, m.Inputs["batchSize"])
	assert.Equal(t, 300.0, m.Inputs["maximumBatchingWindowInSeconds"])
	assert.Equal(t, 10.0, m.Inputs["parallelizationFactor"])
	assert.Equal(t, -1.0, m.Inputs["maximumRetryAttempts"])
	assert.Equal(t, -1.0, m.Inputs["maximumRecordAgeInSeconds"])
	assert.Equal(t, 900.0, m.Inputs["tumblingWindowInSeconds"])
	assert.Equal(t, false, m.Inputs["enabled"])
	assert.Equal(t, `{"data":{"type":["click"]}}`, m.Get("filterCriteria", "filters", 0, "pattern"))
	assert.Equal(t, `{"partitionKey":["vip"]}`, m.Get("filterCriteria", "filters", 1, "pattern"))
	assert.Equal(t, true, m.Inputs["bisectBatchOnFunctionError"], "bisect is not optional")
}

func TestStreamProcessor_enhancedFanOutReadsThroughConsumer(t *testing.T) {
	a := validArgs()
	a.EnhancedFanOut = true
	plan := mustSynth(t, a)
	c := synthtest.Find(t, plan, consumerT, "clicks-consumer")
	s := synthtest.Find(t, plan, streamT, "clicks-stream")
	assert.Equal(t, s.Output("arn"), c.String("streamArn"))
	assert.Equal(t, testFunctionName, c.String("name"))
	consumerArn := c.Output("arn")
	require.NotEmpty(t, consumerArn)
	assert.Equal(t, consumerArn, synthtest.Find(t, plan, mappingT, "clicks-mapping").String("eventSourceArn"))
	assert.Equal(t, consumerArn, plan.Outputs["streamConsumerArn"])

	doc := synthtest.Policy(t, plan, "clicks-function-policy")
	assert.Equal(t, []string{"ReadStream", "ReadThroughConsumer", "WriteOwnLogs", "SendDiscardedBatches", "WriteTraces"}, synthtest.Sids(doc))
	fanOut := synthtest.Statement(t, doc, "ReadThroughConsumer")
	assert.Equal(t, []string{"kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"}, fanOut.Action)
	assert.Equal(t, []string{consumerArn}, fanOut.Resource)
}

func TestStreamProcessor_functionIsTracedARM64WithItsOwnLogGroup(t *testing.T) {
	plan := mustSynth(t, validArgs())
	fn := synthtest.Find(t, plan, functionT, "clicks-function")
	group := synthtest.Find(t, plan, logGroupT, "clicks-function-logs")

	assert.Equal(t, testFunctionName, fn.String("name"))
	assert.Equal(t, "/aws/lambda/"+testFunctionName, group.String("name"))
	assert.Equal(t, 30.0, group.Inputs["retentionInDays"])
	assert.Equal(t, "/aws/lambda/"+testFunctionName, fn.Get("loggingConfig", "logGroup"))
	assert.Equal(t, "Text", fn.Get("loggingConfig", "logFormat"))
	assert.Equal(t, "Active", fn.Get("tracingConfig", "mode"))
	assert.Equal(t, []any{"arm64"}, fn.Inputs["architectures"])
	assert.Equal(t, 256.0, fn.Inputs["memorySize"])
	assert.Equal(t, 60.0, fn.Inputs["timeout"])
	assert.Equal(t, "Zip", fn.String("packageType"))
	assert.Equal(t, "python3.12", fn.String("runtime"))
	assert.Equal(t, "index.handler", fn.String("handler"))
	assert.Equal(t, map[string]any{"path": "testdata/handler"}, fn.Inputs["code"])
	assert.Equal(t, synthtest.Find(t, plan, roleT, "clicks-function-role").Output("arn"), fn.String("role"))
	assert.Nil(t, fn.Inputs["environment"])
	assert.Nil(t, fn.Inputs["reservedConcurrentExecutions"])
}

func TestStreamProcessor_functionTakesCallerSettings(t *testing.T) {
	a := validArgs()
	n := 5
	a.Architecture = "x86_64"
	a.MemoryMB = 10240
	a.Timeout = 15 * time.Minute
	a.Environment = map[string]pulumi.StringInput{"TABLE": pulumi.String("clicks")}
	a.ReservedConcurrency = &n
	a.FunctionName = "clicks-consumer-prod"
	a.LogFormat = "JSON"
	a.LogRetentionDays = 90
	plan := mustSynth(t, a)
	fn := synthtest.Find(t, plan, functionT, "clicks-function")
	assert.Equal(t, "clicks-consumer-prod", fn.String("name"))
	assert.Equal(t, []any{"x86_64"}, fn.Inputs["architectures"])
	assert.Equal(t, 10240.0, fn.Inputs["memorySize"])
	assert.Equal(t, 900.0, fn.Inputs["timeout"])
	assert.Equal(t, "clicks", fn.Get("environment", "variables", "TABLE"))
	assert.Equal(t, 5.0, fn.Inputs["reservedConcurrentExecutions"])
	assert.Equal(t, "JSON", fn.Get("loggingConfig", "logFormat"))
	group := synthtest.Find(t, plan, logGroupT, "clicks-function-logs")
	assert.Equal(t, "/aws/lambda/clicks-consumer-prod", group.String("name"))
	assert.Equal(t, 90.0, group.Inputs["retentionInDays"])
}

func TestStreamProcessor_functionCodeFromS3OrImage(t *testing.T) {
	fromS3 := validArgs()
	fromS3.CodeArchivePath = ""
	fromS3.CodeS3Bucket, fromS3.CodeS3Key = "acme-artifacts", "clicks/1.0.zip"
	fn := synthtest.Find(t, mustSynth(t, fromS3), functionT, "clicks-function")
	assert.Equal(t, "acme-artifacts", fn.String("s3Bucket"))
	assert.Equal(t, "clicks/1.0.zip", fn.String("s3Key"))
	assert.Equal(t, "Zip", fn.String("packageType"))
	assert.Nil(t, fn.Inputs["code"])

	image := &StreamProcessorArgs{ImageUri: pulumi.String(testImage)}
	fn = synthtest.Find(t, mustSynth(t, image), functionT, "clicks-function")
	assert.Equal(t, "Image", fn.String("packageType"))
	assert.Equal(t, testImage, fn.String("imageUri"))
	assert.Empty(t, fn.String("runtime"))
	assert.Empty(t, fn.String("handler"))
	assert.Equal(t, []any{"arm64"}, fn.Inputs["architectures"])
}

func TestStreamProcessor_functionNameDiffersPerStack(t *testing.T) {
	assert.Equal(t, testFunctionName, defaultFunctionName("test", "dev", "clicks"))
	assert.NotEqual(t, defaultFunctionName("test", "dev", "clicks"), defaultFunctionName("test", "prod", "clicks"))
	assert.Len(t, defaultFunctionName("test", "dev", "clicks"), len("clicks")+8)

	plan := synthtest.Run(t, synthtest.Program(NewStreamProcessor, "clicks", validArgs()), synth.Options{Project: "test", Stack: "prod"})
	fn := synthtest.Find(t, plan, functionT, "clicks-function")
	assert.Equal(t, defaultFunctionName("test", "prod", "clicks"), fn.String("name"))
}

func TestStreamProcessor_functionRoleIsLeastPrivilege(t *testing.T) {
	plan := mustSynth(t, validArgs())
	streamArn := synthtest.Find(t, plan, streamT, "clicks-stream").Output("arn")
	queueArn := synthtest.Find(t, plan, queueT, "clicks-failures").Output("arn")
	groupArn := synthtest.Find(t, plan, logGroupT, "clicks-function-logs").Output("arn")

	trust := synthtest.TrustPolicy(t, plan, "clicks-function-role")
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, []string{"lambda.amazonaws.com"}, trust.Statement[0].Principal["Service"])
	assert.Equal(t, []string{"123456789012"}, trust.Statement[0].Condition["StringEquals"]["aws:SourceAccount"])

	doc := synthtest.Policy(t, plan, "clicks-function-policy")
	assert.Equal(t, []string{"ReadStream", "WriteOwnLogs", "SendDiscardedBatches", "WriteTraces"}, synthtest.Sids(doc))

	read := synthtest.Statement(t, doc, "ReadStream")
	assert.Equal(t, []string{"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"}, read.Action)
	assert.Equal(t, []string{streamArn}, read.Resource)
	assert.NotContains(t, doc.Actions(), "kinesis:ListStreams", "the mapping does not list the account's streams")

	logsStmt := synthtest.Statement(t, doc, "WriteOwnLogs")
	assert.Equal(t, []string{"logs:CreateLogStream", "logs:PutLogEvents"}, logsStmt.Action)
	assert.Equal(t, []string{groupArn + ":log-stream:*"}, logsStmt.Resource)
	assert.NotContains(t, doc.Actions(), "logs:CreateLogGroup", "the group is created up front")

	send := synthtest.Statement(t, doc, "SendDiscardedBatches")
	assert.Equal(t, []string{"sqs:SendMessage"}, send.Action)
	assert.Equal(t, []string{queueArn}, send.Resource)

	traces := synthtest.Statement(t, doc, "WriteTraces")
	assert.Equal(t, []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"}, traces.Action)
	assert.Equal(t, []string{"*"}, traces.Resource)
}

func TestStreamProcessor_alarmsOnLagFailuresAndThrottling(t *testing.T) {
	plan := mustSynth(t, validArgs())
	topicArn := synthtest.Find(t, plan, "aws:sns/topic:Topic", "clicks-alerts").Output("arn")
	streamName := synthtest.Find(t, plan, streamT, "clicks-stream").Output("name")
	queueName := synthtest.Find(t, plan, queueT, "clicks-failures").Output("name")

	cases := []struct {
		alarm, namespace, metric, statistic, comparison string
		threshold                                       float64
		dimension, value                                string
	}{
		{"clicks-iterator-age", "AWS/Lambda", "IteratorAge", "Maximum", "GreaterThanThreshold", 900000, "FunctionName", testFunctionName},
		{"clicks-errors", "AWS/Lambda", "Errors", "Sum", "GreaterThanOrEqualToThreshold", 1, "FunctionName", testFunctionName},
		{"clicks-throttles", "AWS/Lambda", "Throttles", "Sum", "GreaterThanOrEqualToThreshold", 1, "FunctionName", testFunctionName},
		{"clicks-failures-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", "GreaterThanOrEqualToThreshold", 1, "QueueName", queueName},
		{"clicks-read-throughput-exceeded", "AWS/Kinesis", "ReadProvisionedThroughputExceeded", "Sum", "GreaterThanThreshold", 0, "StreamName", streamName},
	}
	for _, c := range cases {
		t.Run(c.alarm, func(t *testing.T) {
			r := synthtest.Find(t, plan, alarmT, c.alarm)
			assert.Equal(t, c.namespace, r.String("namespace"))
			assert.Equal(t, c.metric, r.String("metricName"))
			assert.Equal(t, c.statistic, r.String("statistic"))
			assert.Equal(t, c.comparison, r.String("comparisonOperator"))
			assert.Equal(t, c.threshold, r.Inputs["threshold"])
			assert.Equal(t, map[string]any{c.dimension: c.value}, r.Inputs["dimensions"])
			assert.Equal(t, []any{topicArn}, r.Inputs["alarmActions"])
		})
	}

	a := validArgs()
	a.IteratorAgeAlarmThreshold = time.Hour
	assert.Equal(t, 3600000.0, synthtest.Find(t, mustSynth(t, a), alarmT, "clicks-iterator-age").Inputs["threshold"])
}

func TestStreamProcessor_alertsGoToGivenTopic(t *testing.T) {
	a := validArgs()
	a.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")
	plan := mustSynth(t, a)
	assert.Empty(t, plan.ByType("aws:sns/topic:Topic"))
	assert.Equal(t, []any{"arn:aws:sns:us-east-1:123456789012:ops"}, synthtest.Find(t, plan, alarmT, "clicks-errors").Inputs["alarmActions"])
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops", plan.Outputs["alertTopicArn"])
}

// TestStreamProcessor_retainsStatefulChildrenOnly: stateful children, their
// guards and what the kept Firehose needs to keep delivering (its role, the
// role's policy, the log stream it writes errors to) are retained; nothing
// else. Before, the role and policy were deleted with the component and a
// kept Firehose stopped delivering.
func TestStreamProcessor_retainsStatefulChildrenOnly(t *testing.T) {
	a := s3Sink()
	a.RetainOnDelete = true
	plan := mustSynth(t, a)
	retained := map[string]bool{
		"clicks-stream": true, "clicks-failures": true, "clicks-function-logs": true, "clicks-sink-logs": true,
		"clicks-alerts": true, "clicks-alerts-key": true,
		"clicks-sink-bucket": true, "clicks-sink-bucket-versioning": true, "clicks-sink-bucket-encryption": true,
		"clicks-sink-bucket-public-access": true, "clicks-sink-bucket-policy": true, "clicks-sink-bucket-lifecycle": true,
		// The delivery stream buffers records; a kept queue or topic stays TLS-only.
		"clicks-sink": true, "clicks-failures-policy": true, "clicks-alerts-policy": true,
		// What the kept delivery stream needs to keep delivering.
		"clicks-sink-role": true, "clicks-sink-policy": true, "clicks-sink-delivery-log": true,
	}
	for _, r := range plan.Resources {
		if r.Type == Type {
			continue
		}
		assert.Equalf(t, retained[r.Name], r.RetainOnDelete, "%s %s", r.Type, r.Name)
	}

	for _, r := range mustSynth(t, s3Sink()).Resources {
		assert.Falsef(t, r.RetainOnDelete, "%s %s is retained although RetainOnDelete is off", r.Type, r.Name)
	}

	// What plan.Needed finds the kept Firehose needs is what is retained
	// beside the stateful children and guards.
	urnOf := func(typ, name string) string { return synthtest.Find(t, plan, typ, name).URN }
	assert.Equal(t, map[string]string{
		urnOf("aws:iam/role:Role", "clicks-sink-role"):                          "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink",
		urnOf("aws:iam/rolePolicy:RolePolicy", "clicks-sink-policy"):            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink",
		urnOf("aws:cloudwatch/logStream:LogStream", "clicks-sink-delivery-log"): "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink",
	}, planpkg.Needed(plan))
}

func TestStreamProcessor_exportsOutputs(t *testing.T) {
	plan := mustSynth(t, validArgs())
	fn := synthtest.Find(t, plan, functionT, "clicks-function")
	queue := synthtest.Find(t, plan, queueT, "clicks-failures")
	s := synthtest.Find(t, plan, streamT, "clicks-stream")
	assert.Equal(t, s.Output("arn"), plan.Outputs["streamArn"])
	assert.Regexp(t, `^arn:aws:kinesis:us-east-1:123456789012:stream/clicks-stream-[0-9a-f]{7}$`, plan.Outputs["streamArn"])
	assert.Equal(t, s.Output("name"), plan.Outputs["streamName"])
	assert.Equal(t, fn.Output("arn"), plan.Outputs["functionArn"])
	assert.Equal(t, testFunctionName, plan.Outputs["functionName"])
	assert.Equal(t, synthtest.Find(t, plan, roleT, "clicks-function-role").Output("arn"), plan.Outputs["functionRoleArn"])
	assert.Equal(t, "/aws/lambda/"+testFunctionName, plan.Outputs["logGroupName"])
	assert.Equal(t, synthtest.Find(t, plan, mappingT, "clicks-mapping").Output("uuid"), plan.Outputs["eventSourceMappingUuid"])
	assert.NotEmpty(t, plan.Outputs["eventSourceMappingUuid"])
	assert.Equal(t, queue.Output("url"), plan.Outputs["failureQueueUrl"])
	assert.Equal(t, queue.Output("arn"), plan.Outputs["failureQueueArn"])
	assert.Equal(t, synthtest.Find(t, plan, "aws:sns/topic:Topic", "clicks-alerts").Output("arn"), plan.Outputs["alertTopicArn"])
	// Without a sink or a consumer, their outputs are empty strings.
	assert.Equal(t, "", plan.Outputs["deliveryStreamArn"])
	assert.Equal(t, "", plan.Outputs["sinkBucketName"])
	assert.Equal(t, "", plan.Outputs["streamConsumerArn"])
	assert.Equal(t, map[string]any{}, plan.Outputs["deliveryStreamArns"])
	assert.Equal(t, map[string]any{}, plan.Outputs["sinkBucketNames"])
}

func TestStreamProcessor_defaults(t *testing.T) {
	assert.Equal(t, "ON_DEMAND", DefaultStreamMode)
	assert.Equal(t, 24, DefaultRetentionHours)
	assert.Equal(t, "arm64", DefaultArchitecture)
	assert.Equal(t, 256, DefaultMemoryMB)
	assert.Equal(t, time.Minute, DefaultTimeout)
	assert.Equal(t, "Text", DefaultLogFormat)
	assert.Equal(t, 30, DefaultLogRetentionDays)
	assert.Equal(t, "LATEST", DefaultStartingPosition)
	assert.Equal(t, 100, DefaultBatchSize)
	assert.Equal(t, time.Duration(0), DefaultBatchingWindow)
	assert.Equal(t, 1, DefaultParallelizationFactor)
	assert.Equal(t, 3, DefaultMaximumRetryAttempts)
	assert.Equal(t, 3600, DefaultMaximumRecordAgeSeconds)
	assert.Equal(t, 15*time.Minute, DefaultIteratorAgeThreshold)
	assert.Equal(t, "aws:kms", DefaultBucketEncryption)
	assert.Equal(t, 5, DefaultS3BufferingSizeMB)
	assert.Equal(t, 300*time.Second, DefaultS3BufferingInterval)
	assert.Equal(t, 1, DefaultSnowflakeBufferingSizeMB)
	assert.Equal(t, time.Duration(0), DefaultSnowflakeBufferingInterval)
	assert.Equal(t, 60*time.Second, DefaultSnowflakeRetryDuration)
	assert.Equal(t, "JSON_MAPPING", DefaultSnowflakeDataLoading)
	assert.Equal(t, "alias/aws/kinesis", AWSManagedStreamKey)
	assert.Equal(t, 90, NoncurrentToGlacierDays)

	a := withDefaults(StreamProcessorArgs{Sink: &SinkArgs{S3: &S3SinkArgs{}, Snowflake: &SnowflakeSinkArgs{}}})
	require.NotNil(t, a.Stream)
	assert.Equal(t, StreamArgs{Mode: "ON_DEMAND", RetentionHours: 24}, *a.Stream)
	assert.Equal(t, "arm64", a.Architecture)
	assert.Equal(t, 256, a.MemoryMB)
	assert.Equal(t, time.Minute, a.Timeout)
	assert.Equal(t, "Text", a.LogFormat)
	assert.Equal(t, 30, a.LogRetentionDays)
	assert.Equal(t, "LATEST", a.StartingPosition)
	assert.Equal(t, 100, a.BatchSize)
	assert.Equal(t, time.Duration(0), a.BatchingWindow)
	assert.Equal(t, 1, a.ParallelizationFactor)
	assert.Equal(t, 3, *a.MaximumRetryAttempts)
	assert.Equal(t, 3600, a.MaximumRecordAgeSeconds)
	assert.True(t, *a.Enabled)
	assert.Equal(t, 15*time.Minute, a.IteratorAgeAlarmThreshold)
	assert.False(t, a.EnhancedFanOut)
	assert.Equal(t, "aws:kms", a.Sink.BucketEncryption)
	assert.Equal(t, S3SinkArgs{BufferingSizeMB: 5, BufferingInterval: 300 * time.Second}, *a.Sink.S3)
	assert.Equal(t, SnowflakeSinkArgs{DataLoadingOption: "JSON_MAPPING", BufferingSizeMB: 1, RetryDuration: time.Minute}, *a.Sink.Snowflake)

	given := withDefaults(StreamProcessorArgs{StreamArn: pulumi.String(testStreamARN), Sink: &SinkArgs{BucketArn: pulumi.String(testBucketARN)}})
	assert.Nil(t, given.Stream, "an existing stream gets no stream settings")
	assert.Empty(t, given.Sink.BucketEncryption, "an existing bucket keeps its own encryption")
}

func TestStreamProcessor_reChecksValuesKnownAtDeployTime(t *testing.T) {
	cases := []struct {
		field string
		set   func(a *StreamProcessorArgs, v pulumi.StringInput)
		bad   string
	}{
		{"StreamArn", func(a *StreamProcessorArgs, v pulumi.StringInput) { a.StreamArn = v }, "arn:aws:sqs:us-east-1:123456789012:not-a-stream"},
		{"StreamKmsKeyArn", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.StreamArn, a.StreamKmsKeyArn = pulumi.String(testStreamARN), v
		}, "alias/mine"},
		{"Stream.KmsKeyArn", func(a *StreamProcessorArgs, v pulumi.StringInput) { a.Stream = &StreamArgs{KmsKeyArn: v} }, "alias/mine"},
		{"ImageUri", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.CodeArchivePath, a.Runtime, a.Handler, a.ImageUri = "", "", "", v
		}, "repo/image :1"},
		{"Sink.BucketArn", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, BucketArn: v}
		}, "acme-landing"},
		{"Sink.BucketKmsKeyArn", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, BucketKmsKeyArn: v}
		}, "alias/landing"},
		{"Sink.Snowflake.PrivateKeySecretArn", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.PrivateKeySecretArn = v
		}, "-----BEGIN PRIVATE KEY-----"},
		{"Sink.Snowflake.SecretKmsKeyArn", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.SecretKmsKeyArn = v
		}, "alias/secrets"},
		{"AlertTopicArn", func(a *StreamProcessorArgs, v pulumi.StringInput) { a.AlertEmail, a.AlertTopicArn = "", v }, "arn:aws:sqs:us-east-1:123456789012:q"},
		{"Environment", func(a *StreamProcessorArgs, v pulumi.StringInput) {
			a.Environment = map[string]pulumi.StringInput{"BIG": v}
		}, strings.Repeat("x", 4096)},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := validArgs(), validArgs()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, program(plain), program(output), options)
			assert.Contains(t, msg, "stream \"clicks\": `"+c.field+"`")
		})
	}
}

func TestStreamProcessor_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := s3Sink()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:cloudwatch/logGroup:LogGroup clicks-function-logs",
		"aws:cloudwatch/logGroup:LogGroup clicks-sink-logs",
		"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink",
		"aws:kinesis/stream:Stream clicks-stream",
		"aws:kms/key:Key clicks-alerts-key",
		"aws:s3/bucket:Bucket clicks-sink-bucket",
		"aws:sns/topic:Topic clicks-alerts",
		"aws:sqs/queue:Queue clicks-failures",
	}, synthtest.Kept(t, mustSynth(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestStreamProcessor_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, mustSynth(t, s3Sink())))
}
