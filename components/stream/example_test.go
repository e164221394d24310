package stream_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/stream"
)

// A stream consumed by a Python function, copied to S3 under clicks/.
func ExampleNewStreamProcessor() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		clicks, err := stream.NewStreamProcessor(ctx, "clicks", &stream.StreamProcessorArgs{
			CodeArchivePath: "./handler",
			Runtime:         "python3.12",
			Handler:         "index.handler",
			Sink:            &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail:      "data-oncall@example.com",
		})
		if err != nil {
			return err
		}
		ctx.Export("streamName", clicks.StreamName)
		return nil
	})
}
