package lambdaarch

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	testSecretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake/firehose-AbCdEf"
	testKeyARN    = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	componentURN  = "urn:pulumi:dev::test::schedkit:pipelines:LambdaArchitecture::orders"

	// Fully qualified names of the Snowflake objects of validArgs.
	speedFQN = `"ANALYTICS"."EVENTS"."ORDERS_SPEED"`
	rawFQN   = `"ANALYTICS"."EVENTS"."ORDERS_RAW"`
	batchFQN = `"ANALYTICS"."EVENTS"."ORDERS_BATCH"`
	viewFQN  = `"ANALYTICS"."EVENTS"."ORDERS"`

	tableT     = "snowflake:index/table:Table"
	dynamicT   = "snowflake:index/dynamicTable:DynamicTable"
	viewT      = "snowflake:index/view:View"
	taskT      = "snowflake:index/task:Task"
	firehoseT  = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
	bucketT    = "aws:s3/bucket:Bucket"
	processorT = stream.Type
)

// validArgs is a complete, minimal architecture for order events; tests
// change one thing at a time.
func validArgs() *LambdaArchitectureArgs {
	return &LambdaArchitectureArgs{
		Processor: stream.StreamProcessorArgs{CodeArchivePath: "testdata/handler", Runtime: "python3.12", Handler: "index.handler"},
		Database:  "ANALYTICS",
		Schema:    "EVENTS",
		Columns: []Column{
			{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
			{Name: "STATUS", Type: "VARCHAR(32)"},
			{Name: "AMOUNT", Type: "NUMBER(12,2)"},
			{Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ(9)"},
		},
		Watermark:           "EVENT_TIME",
		SnowflakeAccountUrl: "https://acme-analytics.snowflakecomputing.com",
		PrivateKeySecretArn: pulumi.String(testSecretARN),
	}
}

// dynamicArgs is validArgs with the batch layer as a dynamic table.
func dynamicArgs() *LambdaArchitectureArgs {
	a := validArgs()
	a.BatchMode = BatchByDynamicTable
	a.Warehouse = pulumi.String("TRANSFORM")
	return a
}

// options is the project and stack every test runs as.
var options = synth.Options{Project: "test", Stack: "dev"}

// program creates an explicit Snowflake provider with the component's
// preview features and one LambdaArchitecture named "orders" on it, and
// exports its outputs.
func program(args *LambdaArchitectureArgs) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		provider, err := snowflake.NewProvider(ctx, "snowflake", &snowflake.ProviderArgs{PreviewFeaturesEnabled: PreviewFeatures()})
		if err != nil {
			return err
		}
		c, err := NewLambdaArchitecture(ctx, "orders", args, pulumi.Providers(provider))
		if err != nil {
			return err
		}
		// Exports are tied to the stream's ARN so synth awaits them (see the stream tests).
		for key, v := range map[string]pulumi.StringOutput{
			"streamArn": c.StreamArn, "streamName": c.StreamName, "functionName": c.FunctionName,
			"speedDeliveryStreamArn": c.SpeedDeliveryStreamArn, "archiveDeliveryStreamArn": c.ArchiveDeliveryStreamArn,
			"archiveBucketName": c.ArchiveBucketName, "speedTable": c.SpeedTable, "rawTable": c.RawTable,
			"batchTable": c.BatchTable, "view": c.View, "rootTask": c.RootTask,
			"alertTopicArn": c.AlertTopicArn, "alertTopicKmsKeyArn": c.AlertTopicKmsKeyArn,
		} {
			ctx.Export(key, pulumi.All(c.StreamArn, v).ApplyT(func(x []any) string { return x[1].(string) }))
		}
		return nil
	}
}

// alone creates the LambdaArchitecture "orders" and nothing else, for tests
// that expect nothing to be registered.
func alone(args *LambdaArchitectureArgs) pulumi.RunFunc {
	return synthtest.Program(NewLambdaArchitecture, "orders", args)
}

// mustSynth runs program(args) and returns the plan.
func mustSynth(t *testing.T, args *LambdaArchitectureArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, program(args), options)
}
