package stream_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/synth"
)

// A Kinesis stream consumed by a Python function that never blocks a shard,
// copied to S3 under clicks/ by Firehose.
func ExampleNewStreamProcessor() {
	program := func(ctx *pulumi.Context) error {
		_, err := stream.NewStreamProcessor(ctx, "clicks", &stream.StreamProcessorArgs{
			CodeArchivePath: "testdata/handler", // the folder with the function's code
			Runtime:         "python3.12",
			Handler:         "index.handler",
			Sink:            &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail:      "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := plan.Find("aws:kinesis/stream:Stream", "clicks-stream")
	fmt.Println("stream:", s.Get("streamModeDetails", "streamMode"), s.String("encryptionType"), s.Get("retentionPeriod"), "hours")
	m, _ := plan.Find("aws:lambda/eventSourceMapping:EventSourceMapping", "clicks-mapping")
	fmt.Println("mapping: bisect on error", m.Get("bisectBatchOnFunctionError"), "retries", m.Get("maximumRetryAttempts"),
		"max record age", m.Get("maximumRecordAgeInSeconds"), "s")
	sink, _ := plan.Find("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-sink")
	fmt.Println("sink:", sink.String("destination"), sink.Get("extendedS3Configuration", "prefix"))
	for _, alarm := range plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		fmt.Println("alarm:", alarm.Name)
	}
	// Output:
	// stream: ON_DEMAND KMS 24 hours
	// mapping: bisect on error true retries 3 max record age 3600 s
	// sink: extended_s3 clicks/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/
	// alarm: clicks-errors
	// alarm: clicks-failures-depth
	// alarm: clicks-iterator-age
	// alarm: clicks-read-throughput-exceeded
	// alarm: clicks-sink-data-freshness
	// alarm: clicks-throttles
}
