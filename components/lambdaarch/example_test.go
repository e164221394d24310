package lambdaarch_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/synth"
)

// Order events on Kinesis: a function consumes them in real time, Firehose
// streams them into a speed table and archives them to S3, Snowpipe loads
// the archive, an hourly task recomputes the batch table, and one view
// serves both.
func ExampleNewLambdaArchitecture() {
	program := func(ctx *pulumi.Context) error {
		_, err := lambdaarch.NewLambdaArchitecture(ctx, "orders", &lambdaarch.LambdaArchitectureArgs{
			Processor: stream.StreamProcessorArgs{
				CodeArchivePath: "testdata/handler", // the folder with the function's code
				Runtime:         "python3.12",
				Handler:         "index.handler",
			},
			Database: "ANALYTICS", Schema: "ORDERS", Name: "ORDER_EVENTS",
			Columns: []lambdaarch.Column{
				{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
				{Name: "STATUS", Type: "VARCHAR(32)"},
				{Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"},
			},
			Watermark:           "EVENT_TIME",
			DedupeKey:           []string{"ORDER_ID"},
			SnowflakeAccountUrl: "https://acme-analytics.snowflakecomputing.com",
			PrivateKeySecretArn: pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake/firehose-AbCdEf"),
			AlertEmail:          "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	arch, _ := plan.Find(lambdaarch.Type, "orders")
	for _, child := range plan.Children(arch.URN) {
		if !child.Custom {
			fmt.Println("part:", child.Type, child.Name)
		}
	}
	for _, table := range plan.ByType("snowflake:index/table:Table") {
		fmt.Println("table:", table.String("name"))
	}
	view, _ := plan.Find("snowflake:index/view:View", "orders-view")
	fmt.Println("view:", view.String("name"))
	// Output:
	// part: schedkit:aws:StreamProcessor orders-events
	// part: schedkit:keep:DeleteLock orders-delete-lock
	// part: schedkit:snowflake:SnowpipeIngest orders-raw
	// part: schedkit:snowflake:TaskGraph orders-tasks
	// table: ORDER_EVENTS_BATCH
	// table: ORDER_EVENTS_RAW
	// table: ORDER_EVENTS_SPEED
	// view: ORDER_EVENTS
}
