package stream

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	testStreamARN = "arn:aws:kinesis:us-east-1:123456789012:stream/orders"
	testKeyARN    = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	testKey2ARN   = "arn:aws:kms:us-east-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab"
	testBucketARN = "arn:aws:s3:::acme-landing"
	testSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake/firehose-AbCdEf"
	testImage     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/clicks:1.0"
	componentURN  = "urn:pulumi:dev::test::schedkit:aws:StreamProcessor::clicks"
	// testFunctionName is defaultFunctionName("test", "dev", "clicks").
	testFunctionName = "clicks-617beb2"
)

// validArgs is a complete, minimal processor; tests change one thing at a time.
func validArgs() *StreamProcessorArgs {
	return &StreamProcessorArgs{
		CodeArchivePath: "testdata/handler",
		Runtime:         "python3.12",
		Handler:         "index.handler",
	}
}

// s3Sink is validArgs with a created-bucket S3 sink.
func s3Sink() *StreamProcessorArgs {
	a := validArgs()
	a.Sink = &SinkArgs{S3: &S3SinkArgs{}}
	return a
}

// snowflakeSink is validArgs with a Snowflake sink.
func snowflakeSink() *StreamProcessorArgs {
	a := validArgs()
	a.Sink = &SinkArgs{Snowflake: &SnowflakeSinkArgs{
		AccountUrl: "https://acme-analytics.snowflakecomputing.com",
		Database:   "RAW", Schema: "EVENTS", Table: "CLICKS", Role: "FIREHOSE_LOADER",
		PrivateKeySecretArn: pulumi.String(testSecretARN),
	}}
	return a
}

// options is the project and stack every test runs as.
var options = synth.Options{Project: "test", Stack: "dev"}

// program creates one StreamProcessor named "clicks" and exports its outputs.
func program(args *StreamProcessorArgs) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		p, err := NewStreamProcessor(ctx, "clicks", args)
		if err != nil {
			return err
		}
		// synth collects exports asynchronously and awaits only outputs tied
		// to the run; pairing each with the function's ARN ties it, so that
		// constant outputs ("" without a sink) are collected too.
		export := func(key string, v pulumi.StringOutput) {
			ctx.Export(key, pulumi.All(p.FunctionArn, v).ApplyT(func(x []any) string { return x[1].(string) }))
		}
		export("streamArn", p.StreamArn)
		export("streamName", p.StreamName)
		export("streamConsumerArn", p.StreamConsumerArn)
		export("functionArn", p.FunctionArn)
		export("functionName", p.FunctionName)
		export("functionRoleArn", p.FunctionRoleArn)
		export("logGroupName", p.LogGroupName)
		export("eventSourceMappingUuid", p.EventSourceMappingUuid)
		export("failureQueueUrl", p.FailureQueueUrl)
		export("failureQueueArn", p.FailureQueueArn)
		export("alertTopicArn", p.AlertTopicArn)
		export("deliveryStreamArn", p.DeliveryStreamArn)
		export("sinkBucketName", p.SinkBucketName)
		exportMap := func(key string, v pulumi.StringMapOutput) {
			ctx.Export(key, pulumi.All(p.FunctionArn, v).ApplyT(func(x []any) map[string]string { return x[1].(map[string]string) }))
		}
		exportMap("deliveryStreamArns", p.DeliveryStreamArns)
		exportMap("sinkBucketNames", p.SinkBucketNames)
		return nil
	}
}

// mustSynth runs program(args) in project test, stack dev, and returns the plan.
func mustSynth(t *testing.T, args *StreamProcessorArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, program(args), options)
}
