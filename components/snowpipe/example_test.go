package snowpipe_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/synth"
)

// CSV files under orders/ in a bucket of its own, loaded into a table by
// Snowpipe as they arrive, with a stream on the table for a triggered graph.
func ExampleNewSnowpipeIngest() {
	program := func(ctx *pulumi.Context) error {
		_, err := snowpipe.NewSnowpipeIngest(ctx, "events", &snowpipe.SnowpipeIngestArgs{
			Database: pulumi.String("RAW"),
			Schema:   pulumi.String("EVENTS"),
			Pipes: []snowpipe.PipeSpec{{
				Name: "ORDERS", Prefix: "orders/", Suffix: ".csv",
				Format: snowpipe.FileFormat{Type: "CSV", SkipHeader: 1},
				Columns: []snowpipe.Column{
					{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
					{Name: "AMOUNT", Type: "NUMBER(12,2)"},
				},
				Stream: true,
			}},
			AlertEmail: "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	pipe, _ := plan.Find("snowflake:index/pipe:Pipe", "events-orders-pipe")
	fmt.Println("pipe:", pipe.String("copyStatement"))
	fmt.Println("auto ingest:", pipe.Get("autoIngest"))
	stream, _ := plan.Find("snowflake:index/streamOnTable:StreamOnTable", "events-orders-stream")
	fmt.Println("stream:", stream.String("name"), "append only:", stream.Get("appendOnly"))
	// Output:
	// pipe: COPY INTO "RAW"."EVENTS"."ORDERS" FROM @"RAW"."EVENTS"."ORDERS_STAGE"
	// auto ingest: true
	// stream: ORDERS_STREAM append only: true
}
