package lambdaarch

import (
	"fmt"
	"strings"
	"time"

	"github.com/schedkit/schedkit/components/snowflake"
)

// The SQL of the three layers. Table names are the quoted fully qualified
// names the provider reports ("DB"."SCHEMA"."TABLE"); column names are
// upper-case identifiers, written unquoted. With columns A, B and the
// watermark TS (TIMESTAMP_NTZ):
//
//	batch   (TASK)          INSERT OVERWRITE INTO <BATCH> SELECT A, B, TS FROM <RAW>
//	batch   (DYNAMIC_TABLE) SELECT A, B, TS FROM <RAW>
//	        with DedupeKey A, both end in QUALIFY ROW_NUMBER() OVER (PARTITION BY A ORDER BY TS DESC) = 1
//	serving SELECT A, B, TS FROM <BATCH> WHERE TS <= (SELECT MAX(TS) FROM <BATCH>)
//	        UNION ALL
//	        SELECT A, B, TS FROM <SPEED> WHERE TS > (SELECT COALESCE(MAX(TS), CAST('1970-01-01' AS TIMESTAMP_NTZ)) FROM <BATCH>)
//	cleanup DELETE FROM <SPEED> WHERE TS < DATEADD(MINUTE, -<CleanupMargin>, (SELECT MAX(TS) FROM <BATCH>))
//
// The view and the cleanup meet at the batch watermark, MAX(TS) over the
// batch table: a speed row is served only while the batch layer has not
// covered its time, and deleted only CleanupMargin after it has. An empty
// batch table has no watermark: the view serves every speed row (the epoch)
// and the cleanup deletes nothing (a comparison with NULL is never true).
// An event older than the watermark that reaches the raw table late is not
// served until the next cycle puts it in the batch table.

// objects names the Snowflake objects of one LambdaArchitecture.
type objects struct{ database, schema, base string }

func (o objects) speed() string { return o.base + SpeedSuffix }
func (o objects) raw() string   { return o.base + RawSuffix }
func (o objects) batch() string { return o.base + BatchSuffix }
func (o objects) view() string  { return o.base }

func (o objects) recomputeTask() string { return o.base + RecomputeSuffix }
func (o objects) cleanupTask() string   { return o.base + CleanupSuffix }

// fqn is the quoted fully qualified name of an object of the schema.
func (o objects) fqn(name string) string { return snowflake.QuoteFQN(o.database, o.schema, name) }

// layers holds what the SQL needs about the columns.
type layers struct {
	columns   []Column
	watermark string
	// watermarkType is the watermark column's declared type.
	watermarkType string
	dedupeKey     []string
}

func newLayers(a LambdaArchitectureArgs) layers {
	l := layers{columns: a.Columns, watermark: a.Watermark, dedupeKey: a.DedupeKey}
	for _, c := range a.Columns {
		if c.Name == a.Watermark {
			l.watermarkType = c.Type
		}
	}
	return l
}

// list is the columns as a SELECT lists them.
func (l layers) list() string {
	names := make([]string, len(l.columns))
	for i, c := range l.columns {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// batchQuery is the SELECT that computes the batch rows from the raw table.
func (l layers) batchQuery(raw string) string {
	q := fmt.Sprintf("SELECT %s FROM %s", l.list(), raw)
	if len(l.dedupeKey) > 0 {
		q += fmt.Sprintf(" QUALIFY ROW_NUMBER() OVER (PARTITION BY %s ORDER BY %s DESC) = 1", strings.Join(l.dedupeKey, ", "), l.watermark)
	}
	return q
}

// recompute replaces the batch table's rows with the batch query's, in one
// statement: a failed run leaves the previous rows in place.
func (l layers) recompute(batch, raw string) string {
	return fmt.Sprintf("INSERT OVERWRITE INTO %s %s", batch, l.batchQuery(raw))
}

// view is the serving view: batch rows up to the batch watermark, speed rows after it.
func (l layers) view(batch, speed string) string {
	cols, wm := l.list(), l.watermark
	return fmt.Sprintf("SELECT %s FROM %s WHERE %s <= (SELECT MAX(%s) FROM %s)", cols, batch, wm, wm, batch) +
		" UNION ALL " +
		fmt.Sprintf("SELECT %s FROM %s WHERE %s > (SELECT COALESCE(MAX(%s), CAST('%s' AS %s)) FROM %s)", cols, speed, wm, wm, Epoch, l.watermarkType, batch)
}

// cleanup deletes the speed rows the batch layer has covered for longer than margin.
func (l layers) cleanup(speed, batch string, margin time.Duration) string {
	wm := l.watermark
	return fmt.Sprintf("DELETE FROM %s WHERE %s < DATEADD(MINUTE, -%d, (SELECT MAX(%s) FROM %s))", speed, wm, int(margin.Minutes()), wm, batch)
}

// targetLag is a dynamic table's lag as Snowflake writes it.
func targetLag(d time.Duration) string { return fmt.Sprintf("%d minutes", int(d.Minutes())) }
