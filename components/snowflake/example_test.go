package snowflake_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/synth"
)

// A database, a schema and a table through the typed bindings, on the
// stack's default Snowflake provider. The table is a preview feature of the
// provider: PreviewFeaturesFor names the gate to enable.
func ExampleNewTable() {
	program := func(ctx *pulumi.Context) error {
		db, err := snowflake.NewDatabase(ctx, "raw", &snowflake.DatabaseArgs{Name: pulumi.String("RAW")})
		if err != nil {
			return err
		}
		schema, err := snowflake.NewSchema(ctx, "events", &snowflake.SchemaArgs{Database: db.Name, Name: pulumi.String("EVENTS")})
		if err != nil {
			return err
		}
		_, err = snowflake.NewTable(ctx, "orders", &snowflake.TableArgs{
			Database: db.Name, Schema: schema.Name, Name: pulumi.String("ORDERS"),
			Columns: []snowflake.TableColumn{
				{Name: pulumi.String("ORDER_ID"), Type: pulumi.String("NUMBER(38,0)")},
				{Name: pulumi.String("AMOUNT"), Type: pulumi.String("NUMBER(12,2)")},
			},
		})
		return err
	}
	plan, err := synth.Run(program, synth.Options{Project: "example", Stack: "dev"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range plan.Resources {
		if r.Custom {
			fmt.Println(r.Type, r.Output("fullyQualifiedName"))
		}
	}
	fmt.Println("preview features:", snowflake.PreviewFeaturesFor("snowflake:index/table:Table"))
	// Output:
	// snowflake:index/database:Database "RAW"
	// snowflake:index/schema:Schema "RAW"."EVENTS"
	// snowflake:index/table:Table "RAW"."EVENTS"."ORDERS"
	// preview features: [snowflake_table_resource]
}
