// Package stream processes a Kinesis data stream with a Lambda function that
// never blocks a shard, and optionally copies the stream to S3 or Snowflake:
//
//	producers → Kinesis stream (KMS) ─mapping: bisect, 3 retries, 1 h max age→ Lambda ─discarded batches→ SQS failure queue
//	                 └─ Firehose sinks (optional, any number) → S3 (date-partitioned GZIP) or Snowflake (Snowpipe Streaming; failures → S3)
//	alarms → SNS: iterator age, function errors and throttles, failure-queue depth, read throughput exceeded,
//	and an S3 sink's data freshness
//
// AWS's mapping defaults retry a bad record until it expires and block its
// shard meanwhile; here a failing batch is bisected, retried a few times, and
// handed to the failure queue, and lag raises an alarm.
//
// Encryption at rest: the stream uses KMS (alias/aws/kinesis or a given key),
// the failure queue SSE-SQS, the sink bucket aws:kms or AES256. A Firehose
// delivery stream whose source is a Kinesis stream cannot enable its own
// server-side encryption (Firehose refuses it and stores nothing at rest of
// its own); the stream's and the bucket's encryption cover the sink.
//
// MaximumRetryAttempts accepts -1 (AWS's "until the record expires"), but
// that blocks the shard, and the policy rule esm-finite-retries reports it.
package stream

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kinesis"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/queues"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/internal/verify"
)

// Type is the StreamProcessor's Pulumi type token.
const Type = "schedkit:aws:StreamProcessor"

// StreamProcessor is a Kinesis stream consumed by a Lambda function, with a
// failure queue, alarms and an optional Firehose sink.
type StreamProcessor struct {
	pulumi.ResourceState

	// StreamArn is the Kinesis stream (given or created).
	StreamArn pulumi.StringOutput `pulumi:"streamArn"`
	// StreamName is the stream's name.
	StreamName pulumi.StringOutput `pulumi:"streamName"`
	// StreamConsumerArn is the enhanced fan-out consumer; "" when EnhancedFanOut is off.
	StreamConsumerArn pulumi.StringOutput `pulumi:"streamConsumerArn"`
	// FunctionArn is the consumer function.
	FunctionArn pulumi.StringOutput `pulumi:"functionArn"`
	// FunctionName is the consumer function's name.
	FunctionName pulumi.StringOutput `pulumi:"functionName"`
	// FunctionRoleArn is the role the function runs as.
	FunctionRoleArn pulumi.StringOutput `pulumi:"functionRoleArn"`
	// LogGroupName is the function's log group, /aws/lambda/<FunctionName>.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// EventSourceMappingUuid identifies the mapping from the stream to the function.
	EventSourceMappingUuid pulumi.StringOutput `pulumi:"eventSourceMappingUuid"`
	// FailureQueueUrl holds the batches the mapping gave up on.
	FailureQueueUrl pulumi.StringOutput `pulumi:"failureQueueUrl"`
	// FailureQueueArn is that queue's ARN.
	FailureQueueArn pulumi.StringOutput `pulumi:"failureQueueArn"`
	// AlertTopicArn receives the alarms.
	AlertTopicArn pulumi.StringOutput `pulumi:"alertTopicArn"`
	// AlertTopicKmsKeyArn is the key encrypting the alert topic ("" for a
	// given topic without AlertTopicKmsKeyArn); pass both to another component
	// that should alert to the same topic.
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`
	// DeliveryStreamArn is the Firehose sink; "" when there is no Sink.
	DeliveryStreamArn pulumi.StringOutput `pulumi:"deliveryStreamArn"`
	// SinkBucketName is the bucket the sink delivers (or backs up) to, given
	// or created; "" when there is no Sink.
	SinkBucketName pulumi.StringOutput `pulumi:"sinkBucketName"`
	// DeliveryStreamArns maps the name of each of Sinks to its delivery
	// stream (Sink is not in it); empty without Sinks.
	DeliveryStreamArns pulumi.StringMapOutput `pulumi:"deliveryStreamArns"`
	// SinkBucketNames maps the name of each of Sinks to the bucket it
	// delivers (or backs up) to.
	SinkBucketNames pulumi.StringMapOutput `pulumi:"sinkBucketNames"`
}

// childNames are the auto-named children whose names AWS limits.
func childNames(name string, a StreamProcessorArgs) map[string]naming.Kind {
	out := map[string]naming.Kind{
		naming.Child(name, "function-role"):   naming.IAMRole,
		naming.Child(name, "function-policy"): naming.IAMPolicy,
		naming.Child(name, "failures"):        naming.SQSQueue,
		naming.Child(name, "alerts"):          naming.SNSTopic,
	}
	if a.Stream != nil {
		out[naming.Child(name, "stream")] = naming.KinesisStream
	}
	if len(a.FunctionPolicyStatements) > 0 {
		out[naming.Child(name, "function-extra-policy")] = naming.IAMPolicy
	}
	for _, sp := range sinkSpecs(a) {
		out[naming.Child(name, sp.child)] = naming.Firehose
		out[naming.Child(name, sp.child+"-role")] = naming.IAMRole
		out[naming.Child(name, sp.child+"-policy")] = naming.IAMPolicy
		out[strings.TrimSuffix(sp.logGroupPrefix(name), "-")] = naming.LogGroup
		if sp.args.BucketArn == nil {
			out[naming.Child(name, sp.child+"-bucket")] = naming.S3Bucket
		}
	}
	return out
}

// defaultFunctionName is "<component>-<7 hex>", stable for one project,
// stack and component and different between stacks, so that it (and the log
// group named after it) is known before the function exists.
func defaultFunctionName(project, stack, name string) string {
	sum := sha256.Sum256([]byte(project + "/" + stack + "/" + name))
	return name + "-" + hex.EncodeToString(sum[:])[:7]
}

// NewStreamProcessor validates args and registers the processor's children.
func NewStreamProcessor(ctx *pulumi.Context, name string, args *StreamProcessorArgs, opts ...pulumi.ResourceOption) (*StreamProcessor, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	fnName := a.FunctionName
	if fnName == "" {
		fnName = defaultFunctionName(ctx.Project(), ctx.Stack(), a.StableName)
	}

	proc := &StreamProcessor{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, proc, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("stream %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(proc)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	stateful := kept.Stateful(parent)
	env := awsenv.Lookup(ctx, proc)
	tagMap := tags.For(Type, name, a.Tags)
	empty := pulumi.String("").ToStringOutput()

	// Stream.
	var streamArn, streamName pulumi.StringOutput
	var streamKey pulumi.StringInput // a customer-managed key, nil for alias/aws/kinesis
	if a.StreamArn != nil {
		streamArn = check.Deployed(kind, name, "StreamArn", a.StreamArn, verify.KinesisStreamARN).ToStringOutput()
		streamName = streamArn.ApplyT(verify.KinesisStreamName).(pulumi.StringOutput)
		if a.StreamKmsKeyArn != nil {
			streamKey = check.Deployed(kind, name, "StreamKmsKeyArn", a.StreamKmsKeyArn, verify.KMSKeyARN).ToStringOutput()
		}
	} else {
		s, err := kinesis.NewStream(ctx, naming.Child(name, "stream"), streamArgs(name, *a.Stream, tagMap), stateful...)
		if err != nil {
			return nil, wrap("creating stream", err)
		}
		streamArn, streamName = s.Arn, s.Name
		if a.Stream.KmsKeyArn != nil {
			streamKey = s.KmsKeyId.Elem()
		}
	}
	sourceArn, consumerArn := streamArn, empty
	var consumerInput pulumi.StringInput
	if a.EnhancedFanOut {
		c, err := kinesis.NewStreamConsumer(ctx, naming.Child(name, "consumer"), &kinesis.StreamConsumerArgs{
			Name:      pulumi.String(fnName),
			StreamArn: streamArn,
		}, parent)
		if err != nil {
			return nil, wrap("registering stream consumer", err)
		}
		sourceArn, consumerArn, consumerInput = c.Arn, c.Arn, c.Arn
	}

	// Failure queue and logs.
	failures, err := queues.NewDeadLetter(ctx, naming.Child(name, "failures"), tagMap, kept, parent)
	if err != nil {
		return nil, wrap("creating failure queue", err)
	}
	fnLogs, err := cloudwatch.NewLogGroup(ctx, naming.Child(name, "function-logs"), &cloudwatch.LogGroupArgs{
		Name:            pulumi.String("/aws/lambda/" + fnName),
		RetentionInDays: pulumi.Int(a.LogRetentionDays),
		Tags:            tagMap,
	}, stateful...)
	if err != nil {
		return nil, wrap("creating function log group", err)
	}

	// Function role.
	role, err := iam.NewRole(ctx, naming.Child(name, "function-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("The %s stream processor's function runs as this role", name),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("lambda.amazonaws.com", env.Account).Render(),
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating function role", err)
	}
	fnDoc := iampolicy.Document{Statements: functionStatements(functionPolicyInput{
		StreamArn: streamArn, ConsumerArn: consumerInput, StreamKeyArn: streamKey,
		LogStreams: pulumi.Sprintf("%s:log-stream:*", fnLogs.Arn), FailureQueueArn: failures.Queue.Arn,
	})}.Render()
	fnPolicy, err := iam.NewRolePolicy(ctx, naming.Child(name, "function-policy"), &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: fnDoc,
	}, parent)
	if err != nil {
		return nil, wrap("creating function policy", err)
	}
	rolePolicies := []pulumi.Resource{fnPolicy}
	if len(a.FunctionPolicyStatements) > 0 {
		extra, err := iam.NewRolePolicy(ctx, naming.Child(name, "function-extra-policy"), &iam.RolePolicyArgs{
			Role:   role.ID(),
			Policy: check.RoleInlinePolicies(kind, name, "FunctionPolicyStatements", iampolicy.Document{Statements: a.FunctionPolicyStatements}.Render(), fnDoc),
		}, parent)
		if err != nil {
			return nil, wrap("creating function's own policy", err)
		}
		rolePolicies = append(rolePolicies, extra)
	}

	// Function and mapping. Both wait for the role's permissions: the
	// function logs from its first invocation, and Lambda checks that the
	// role can read the stream when the mapping is created.
	fn, err := lambda.NewFunction(ctx, naming.Child(name, "function"), functionArgs(name, fnName, a, role.Arn, fnLogs.Name, tagMap),
		parent, pulumi.DependsOn(rolePolicies))
	if err != nil {
		return nil, wrap("creating function", err)
	}
	mapping, err := lambda.NewEventSourceMapping(ctx, naming.Child(name, "mapping"), mappingArgs(a, sourceArn, fn.Arn, failures.Queue.Arn, tagMap),
		parent, pulumi.DependsOn([]pulumi.Resource{fnPolicy}))
	if err != nil {
		return nil, wrap("creating event source mapping", err)
	}

	// Sinks.
	deliveryArn, bucketName := empty, empty
	deliveryArns, bucketNames := pulumi.StringMap{}, pulumi.StringMap{}
	var freshness []alerting.Alarm
	for _, sp := range sinkSpecs(a) {
		arn, bucket, err := newSink(ctx, name, sp, a, env, tagMap, streamArn, streamKey, parent, kept)
		if err != nil {
			return nil, wrap(strings.TrimPrefix(sp.name+" sink", " "), err)
		}
		if sp.name == "" {
			deliveryArn, bucketName = arn, bucket
		} else {
			deliveryArns[sp.name], bucketNames[sp.name] = arn, bucket
		}
		if sp.args.S3 != nil {
			freshness = append(freshness, sinkFreshnessAlarm(sp, arn))
		}
	}

	// Alerts.
	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), env, alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail, Tags: tagMap,
		Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, wrap("alert topic", err)
	}
	all := append(alarms(a, fn.Name, streamName, failures.Queue.Name), freshness...)
	if _, err := alerting.NewAlarms(ctx, name, topic, tagMap, all, parent); err != nil {
		return nil, wrap("creating alarms", err)
	}

	proc.StreamArn = streamArn
	proc.StreamName = streamName
	proc.StreamConsumerArn = consumerArn
	proc.FunctionArn = fn.Arn
	proc.FunctionName = fn.Name
	proc.FunctionRoleArn = role.Arn
	proc.LogGroupName = fnLogs.Name
	proc.EventSourceMappingUuid = mapping.Uuid
	proc.FailureQueueUrl = failures.Queue.Url
	proc.FailureQueueArn = failures.Queue.Arn
	proc.AlertTopicArn = topic.Arn
	proc.AlertTopicKmsKeyArn = topic.KeyArn
	proc.DeliveryStreamArn = deliveryArn
	proc.SinkBucketName = bucketName
	proc.DeliveryStreamArns = deliveryArns.ToStringMapOutput()
	proc.SinkBucketNames = bucketNames.ToStringMapOutput()
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, proc, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(proc, pulumi.Map{
		"streamArn":              proc.StreamArn,
		"streamName":             proc.StreamName,
		"streamConsumerArn":      proc.StreamConsumerArn,
		"functionArn":            proc.FunctionArn,
		"functionName":           proc.FunctionName,
		"functionRoleArn":        proc.FunctionRoleArn,
		"logGroupName":           proc.LogGroupName,
		"eventSourceMappingUuid": proc.EventSourceMappingUuid,
		"failureQueueUrl":        proc.FailureQueueUrl,
		"failureQueueArn":        proc.FailureQueueArn,
		"alertTopicArn":          proc.AlertTopicArn,
		"alertTopicKmsKeyArn":    proc.AlertTopicKmsKeyArn,
		"deliveryStreamArn":      proc.DeliveryStreamArn,
		"sinkBucketName":         proc.SinkBucketName,
		"deliveryStreamArns":     proc.DeliveryStreamArns,
		"sinkBucketNames":        proc.SinkBucketNames,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return proc, nil
}

// streamArgs is the created stream: encrypted with KMS (the AWS-managed key
// unless one is given), in the chosen capacity mode and retention.
func streamArgs(name string, s StreamArgs, tagMap pulumi.StringMap) *kinesis.StreamArgs {
	var key pulumi.StringInput = pulumi.String(AWSManagedStreamKey)
	if s.KmsKeyArn != nil {
		key = check.Deployed(kind, name, "Stream.KmsKeyArn", s.KmsKeyArn, verify.KMSKeyARN)
	}
	args := &kinesis.StreamArgs{
		EncryptionType:    pulumi.String("KMS"),
		KmsKeyId:          key,
		RetentionPeriod:   pulumi.Int(s.RetentionHours),
		StreamModeDetails: kinesis.StreamStreamModeDetailsArgs{StreamMode: pulumi.String(s.Mode)},
		Tags:              tagMap,
	}
	if s.Mode == "PROVISIONED" {
		args.ShardCount = pulumi.Int(s.ShardCount)
	}
	return args
}

// functionArgs is the consumer function: its code, ARM64 by default, traced
// with X-Ray, logging to its own log group.
func functionArgs(name, fnName string, a StreamProcessorArgs, roleArn, logGroup pulumi.StringOutput, tagMap pulumi.StringMap) *lambda.FunctionArgs {
	args := &lambda.FunctionArgs{
		Name:          pulumi.String(fnName),
		Description:   pulumi.Sprintf("Consumes the schedkit stream processor %s", name),
		Role:          roleArn,
		Architectures: pulumi.StringArray{pulumi.String(a.Architecture)},
		MemorySize:    pulumi.Int(a.MemoryMB),
		Timeout:       pulumi.Int(int(a.Timeout.Seconds())),
		LoggingConfig: lambda.FunctionLoggingConfigArgs{
			LogFormat: pulumi.String(a.LogFormat),
			LogGroup:  logGroup,
		},
		TracingConfig: lambda.FunctionTracingConfigArgs{Mode: pulumi.String("Active")},
		Tags:          tagMap,
	}
	switch {
	case a.ImageUri != nil:
		args.PackageType = pulumi.String("Image")
		args.ImageUri = check.Deployed(kind, name, "ImageUri", a.ImageUri, verify.Image)
	case a.CodeArchivePath != "":
		args.PackageType = pulumi.String("Zip")
		args.Code = pulumi.NewFileArchive(a.CodeArchivePath)
	default:
		args.PackageType = pulumi.String("Zip")
		args.S3Bucket = pulumi.String(a.CodeS3Bucket)
		args.S3Key = pulumi.String(a.CodeS3Key)
	}
	if a.ImageUri == nil {
		args.Runtime = pulumi.String(a.Runtime)
		args.Handler = pulumi.String(a.Handler)
	}
	if len(a.Environment) > 0 {
		vars := pulumi.StringMap{}
		maps.Copy(vars, a.Environment)
		// Values known only at deploy time count towards Lambda's 4 KB there.
		sized := vars.ToStringMapOutput().ApplyT(func(m map[string]string) (map[string]string, error) {
			if err := verify.LambdaEnvironmentSize(m); err != nil {
				return nil, &verify.Problem{Kind: kind, Name: name, Field: "Environment", Err: err}
			}
			return m, nil
		}).(pulumi.StringMapOutput)
		args.Environment = lambda.FunctionEnvironmentArgs{Variables: sized}
	}
	if a.ReservedConcurrency != nil {
		args.ReservedConcurrentExecutions = pulumi.Int(*a.ReservedConcurrency)
	}
	return args
}

// mappingArgs is the event source mapping with defaults that never block a
// shard: bisect on error, finite retries, a maximum record age, partial
// batch responses and an on-failure destination.
func mappingArgs(a StreamProcessorArgs, sourceArn, functionArn, queueArn pulumi.StringOutput, tagMap pulumi.StringMap) *lambda.EventSourceMappingArgs {
	args := &lambda.EventSourceMappingArgs{
		EventSourceArn:                 sourceArn,
		FunctionName:                   functionArn,
		Enabled:                        pulumi.Bool(*a.Enabled),
		StartingPosition:               pulumi.String(a.StartingPosition),
		BatchSize:                      pulumi.Int(a.BatchSize),
		MaximumBatchingWindowInSeconds: pulumi.Int(int(a.BatchingWindow.Seconds())),
		ParallelizationFactor:          pulumi.Int(a.ParallelizationFactor),
		BisectBatchOnFunctionError:     pulumi.Bool(true),
		MaximumRetryAttempts:           pulumi.Int(*a.MaximumRetryAttempts),
		MaximumRecordAgeInSeconds:      pulumi.Int(a.MaximumRecordAgeSeconds),
		FunctionResponseTypes:          pulumi.StringArray{pulumi.String(ReportBatchItemFailures)},
		DestinationConfig: lambda.EventSourceMappingDestinationConfigArgs{
			OnFailure: lambda.EventSourceMappingDestinationConfigOnFailureArgs{DestinationArn: queueArn},
		},
		Tags: tagMap,
	}
	if a.StartingPositionTimestamp != "" {
		args.StartingPositionTimestamp = pulumi.String(a.StartingPositionTimestamp)
	}
	if len(a.FilterPatterns) > 0 {
		var filters lambda.EventSourceMappingFilterCriteriaFilterArray
		for _, p := range a.FilterPatterns {
			filters = append(filters, lambda.EventSourceMappingFilterCriteriaFilterArgs{Pattern: pulumi.String(p)})
		}
		args.FilterCriteria = lambda.EventSourceMappingFilterCriteriaArgs{Filters: filters}
	}
	if a.TumblingWindow > 0 {
		args.TumblingWindowInSeconds = pulumi.Int(int(a.TumblingWindow.Seconds()))
	}
	return args
}

// SinkFreshnessThreshold is how old the oldest undelivered record of an S3
// sink may get before its alarm fires: Firehose's longest buffering interval,
// the threshold AWS recommends.
const SinkFreshnessThreshold = 15 * time.Minute

// sinkFreshnessAlarm fires when an S3 sink falls behind: a record has
// waited in Firehose longer than any buffering explains.
func sinkFreshnessAlarm(sp sinkSpec, deliveryArn pulumi.StringOutput) alerting.Alarm {
	deliveryName := deliveryArn.ApplyT(func(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }).(pulumi.StringOutput)
	which := "The S3 sink"
	if sp.name != "" {
		which = fmt.Sprintf("The %s S3 sink", sp.name)
	}
	return alerting.Alarm{
		Suffix: sp.child + "-data-freshness", Description: which + " is not delivering: its oldest record is older than Firehose's buffering allows.",
		Namespace: "AWS/Firehose", Metric: "DeliveryToS3.DataFreshness", Dimensions: pulumi.StringMap{"DeliveryStreamName": deliveryName},
		Statistic: "Maximum", Threshold: SinkFreshnessThreshold.Seconds(), Comparison: "GreaterThanThreshold",
	}
}

// alarms watch lag, function failures, discarded batches and read contention.
func alarms(a StreamProcessorArgs, functionName, streamName, queueName pulumi.StringOutput) []alerting.Alarm {
	fnDims := pulumi.StringMap{"FunctionName": functionName}
	return []alerting.Alarm{
		{
			Suffix: "iterator-age", Description: fmt.Sprintf("The stream's oldest unprocessed record is older than %s: the consumer lags.", a.IteratorAgeAlarmThreshold),
			Namespace: "AWS/Lambda", Metric: "IteratorAge", Dimensions: fnDims,
			Statistic: "Maximum", Threshold: float64(a.IteratorAgeAlarmThreshold.Milliseconds()), Comparison: "GreaterThanThreshold",
		},
		{
			Suffix: "errors", Description: "The stream consumer function failed.",
			Namespace: "AWS/Lambda", Metric: "Errors", Dimensions: fnDims, Statistic: "Sum", Threshold: 1,
		},
		{
			Suffix: "throttles", Description: "The stream consumer function was throttled.",
			Namespace: "AWS/Lambda", Metric: "Throttles", Dimensions: fnDims, Statistic: "Sum", Threshold: 1,
		},
		alerting.QueueDepthAlarm("failures-depth", "The mapping gave up on a batch; its records are described in the failure queue.", queueName),
		{
			Suffix: "read-throughput-exceeded", Description: "Reads of the stream were throttled: its consumers exceed the shards' read throughput.",
			Namespace: "AWS/Kinesis", Metric: "ReadProvisionedThroughputExceeded", Dimensions: pulumi.StringMap{"StreamName": streamName},
			Statistic: "Sum", Threshold: 0, Comparison: "GreaterThanThreshold",
		},
	}
}
