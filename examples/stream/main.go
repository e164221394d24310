// Command stream-example deploys two schedkit StreamProcessors: "clicks",
// a Kinesis stream consumed by a Python function and copied to S3 by
// Firehose, and — when Snowflake settings are configured — "orders", a
// provisioned stream read through an enhanced fan-out consumer and loaded
// into Snowflake with Snowpipe Streaming.
//
//	go run . synth --stack dev   # the dev stack (Pulumi.dev.yaml), planned offline
//	pulumi config set snowflakeAccountUrl https://myorg-myaccount.snowflakecomputing.com
//	pulumi config set snowflakeKeySecretArn arn:aws:secretsmanager:...:secret:snowflake/firehose-AbCdEf
//	pulumi up --stack dev
package main

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/stream"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	retain, protect := cfg.GetBool("retain"), cfg.GetBool("protect")
	email := cfg.Get("alertEmail")
	tags := map[string]string{"team": "analytics", "stack": ctx.Stack()}

	clicks, err := stream.NewStreamProcessor(ctx, "clicks", &stream.StreamProcessorArgs{
		CodeArchivePath: "./handler",
		Runtime:         "python3.12",
		Handler:         "index.handler",
		Environment:     map[string]pulumi.StringInput{"LOG_LEVEL": pulumi.String("INFO")},
		BatchSize:       500,
		BatchingWindow:  5 * time.Second,
		FilterPatterns:  []string{`{"data":{"type":["click","view"]}}`},
		Sink: &stream.SinkArgs{
			S3:     &stream.S3SinkArgs{},
			Prefix: "clicks/",
		},
		AlertEmail:     email,
		RetainOnDelete: retain,
		Protect:        protect,
		Tags:           tags,
	})
	if err != nil {
		return err
	}
	ctx.Export("clicksStreamName", clicks.StreamName)
	ctx.Export("clicksFunctionName", clicks.FunctionName)
	ctx.Export("clicksFailureQueueUrl", clicks.FailureQueueUrl)
	ctx.Export("clicksBucket", clicks.SinkBucketName)

	accountURL, secretArn := cfg.Get("snowflakeAccountUrl"), cfg.Get("snowflakeKeySecretArn")
	if accountURL == "" || secretArn == "" {
		return nil
	}
	orders, err := stream.NewStreamProcessor(ctx, "orders", &stream.StreamProcessorArgs{
		Stream:                &stream.StreamArgs{Mode: "PROVISIONED", ShardCount: 2, RetentionHours: 168},
		CodeArchivePath:       "./handler",
		Runtime:               "python3.12",
		Handler:               "index.handler",
		MemoryMB:              512,
		EnhancedFanOut:        true,
		ParallelizationFactor: 2,
		StartingPosition:      "TRIM_HORIZON",
		Sink: &stream.SinkArgs{
			Snowflake: &stream.SnowflakeSinkArgs{
				AccountUrl:          accountURL,
				Database:            "RAW",
				Schema:              "EVENTS",
				Table:               "ORDERS",
				Role:                "FIREHOSE_LOADER",
				PrivateKeySecretArn: pulumi.String(secretArn),
			},
		},
		AlertEmail:     email,
		RetainOnDelete: retain,
		Protect:        protect,
		Tags:           tags,
	})
	if err != nil {
		return err
	}
	ctx.Export("ordersStreamName", orders.StreamName)
	ctx.Export("ordersDeliveryStreamArn", orders.DeliveryStreamArn)
	return nil
}
