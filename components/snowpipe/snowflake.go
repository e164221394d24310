package snowpipe

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/snowflake"
)

// fileFormatArgs describes the pipe's named file format <Name>_FORMAT,
// setting only the options that apply to its type.
func fileFormatArgs(database, schema pulumi.StringInput, p PipeSpec, comment pulumi.StringInput) *snowflake.FileFormatArgs {
	f := p.Format
	args := &snowflake.FileFormatArgs{
		Database:   database,
		Schema:     schema,
		Name:       pulumi.String(p.Name + FormatSuffix),
		FormatType: pulumi.String(f.Type),
		Comment:    comment,
	}
	if f.Compression != "" {
		args.Compression = pulumi.String(f.Compression)
	}
	if f.SkipHeader != 0 {
		args.SkipHeader = pulumi.Int(f.SkipHeader)
	}
	if f.FieldDelimiter != "" {
		args.FieldDelimiter = pulumi.String(f.FieldDelimiter)
	}
	if f.FieldOptionallyEnclosedBy != "" {
		args.FieldOptionallyEnclosedBy = pulumi.String(f.FieldOptionallyEnclosedBy)
	}
	if f.StripOuterArray {
		args.StripOuterArray = pulumi.Bool(true)
	}
	return args
}

// tableColumns turns column specs into the binding's columns.
func tableColumns(cols []Column) []snowflake.TableColumn {
	out := make([]snowflake.TableColumn, len(cols))
	for i, c := range cols {
		out[i] = snowflake.TableColumn{Name: pulumi.String(c.Name), Type: pulumi.String(c.Type)}
		if c.Nullable != nil {
			out[i].Nullable = pulumi.Bool(*c.Nullable)
		}
	}
	return out
}

// copyStatement is the pipe's COPY INTO <table> FROM @<stage>, plus the
// caller's copy options. Both names are fully qualified; the provider
// reports them already quoted ("DB"."SCHEMA"."NAME"), so they are used as
// they are. The stage carries the file format.
func copyStatement(table, stage pulumi.StringOutput, options string) pulumi.StringOutput {
	return pulumi.All(table, stage).ApplyT(func(v []any) string {
		stmt := fmt.Sprintf("COPY INTO %s FROM @%s", v[0], v[1])
		if o := strings.TrimSpace(options); o != "" {
			stmt += " " + o
		}
		return stmt
	}).(pulumi.StringOutput)
}
