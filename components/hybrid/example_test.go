package hybrid_test

import (
	"fmt"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// An hourly export on ECS lands JSON under orders/; Snowpipe loads it into
// RAW.SALES.ORDERS; the new rows trigger a merge into the mart, and a watch
// graph fails when the mart goes stale.
func ExampleNewHybridPipeline() {
	program := func(ctx *pulumi.Context) error {
		_, err := hybrid.NewHybridPipeline(ctx, "orders", &hybrid.HybridPipelineArgs{
			Producer: cronjob.CronJobArgs{
				Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-export:1.0"),
				Command:        []string{"export-orders", "--last", "1h"},
				Subnets:        pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}),
				SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
				Schedule:       trigger.Schedule{Expression: "rate(1 hour)"},
			},
			LandingPrefix: "orders/",
			Format:        snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
			Database:      "RAW", Schema: "SALES", Table: "ORDERS",
			Columns: []snowpipe.Column{
				{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
				{Name: "UPDATED_AT", Type: "TIMESTAMP_NTZ"},
			},
			CopyOptions: "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE",
			Transform: []taskgraph.TaskSpec{{
				Name: "MERGE_ORDERS",
				SQL: "MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ORDER_ID = s.ORDER_ID" +
					" WHEN NOT MATCHED THEN INSERT (ORDER_ID, UPDATED_AT) VALUES (s.ORDER_ID, s.UPDATED_AT)",
			}},
			TargetCompletionInterval: 15 * time.Minute,
			Freshness:                hybrid.Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "UPDATED_AT", MaxAge: 3 * time.Hour},
			AlertEmail:               "data-oncall@example.com",
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	pipeline, _ := plan.Find(hybrid.Type, "orders")
	for _, child := range plan.Children(pipeline.URN) {
		if !child.Custom {
			fmt.Println("part:", child.Type, child.Name)
		}
	}
	merge, _ := plan.Find("snowflake:index/task:Task", "orders-transform-task-merge_orders")
	fmt.Println("merge runs when:", merge.String("when"))
	// Output:
	// part: schedkit:aws:CronJob orders-producer
	// part: schedkit:keep:DeleteLock orders-delete-lock
	// part: schedkit:snowflake:SnowpipeIngest orders-ingest
	// part: schedkit:snowflake:TaskGraph orders-transform
	// part: schedkit:snowflake:TaskGraph orders-watch
	// merge runs when: SYSTEM$STREAM_HAS_DATA('"RAW"."SALES"."ORDERS_STREAM"')
}
