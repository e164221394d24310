package hybrid

import (
	"fmt"
	"strings"
	"time"
)

// Task names of the watch graph.
func keepaliveTask(table string) string { return "KEEP_" + table + "_STREAM" }
func freshnessTask(table string) string { return "CHECK_" + table + "_FRESHNESS" }

// watchRoot is the watch graph's root task: the keep-alive with Fallback,
// else the freshness check. Its deadline check task is named after it.
func watchRoot(a HybridPipelineArgs) string {
	if *a.Fallback {
		return keepaliveTask(a.Table)
	}
	return freshnessTask(a.Table)
}

// keepaliveSQL selects SYSTEM$STREAM_HAS_DATA on the stream: on an empty
// stream that keeps it from going stale ("Managing streams", Snowflake docs:
// calling SYSTEM$STREAM_HAS_DATA on an empty stream extends its staleness).
func keepaliveSQL(stream string) string {
	return fmt.Sprintf("SELECT SYSTEM$STREAM_HAS_DATA('%s')", stream)
}

// freshnessSQL fails (raising a user exception, so the task's error
// integration notifies) when the newest row of table is older than maxAge;
// an empty table counts as stale.
func freshnessSQL(component, table, column string, maxAge time.Duration) string {
	minutes := int(maxAge / time.Minute)
	message := fmt.Sprintf("schedkit hybridpipeline %s: %s has received no rows for %d minutes", component, table, minutes)
	return strings.Join([]string{
		"EXECUTE IMMEDIATE $$",
		"DECLARE",
		"  newest TIMESTAMP_LTZ;",
		fmt.Sprintf("  stale EXCEPTION (-20001, '%s');", strings.ReplaceAll(message, "'", "''")),
		"BEGIN",
		fmt.Sprintf("  SELECT COALESCE(MAX(%s)::TIMESTAMP_LTZ, '1970-01-01'::TIMESTAMP_LTZ) INTO :newest FROM %s;", column, table),
		fmt.Sprintf("  IF (newest < DATEADD(MINUTE, -%d, CURRENT_TIMESTAMP())) THEN", minutes),
		"    RAISE stale;",
		"  END IF;",
		"  RETURN 'fresh';",
		"END;",
		"$$",
	}, "\n")
}
