package trainingdata

import (
	"fmt"
	"strings"
)

// unloadTaskName is the graph's last task, which writes the snapshot.
func unloadTaskName(dataset string) string { return "UNLOAD_" + sqlName(dataset) }

// stageName is the external stage over <Prefix><Dataset>/.
func stageName(dataset string) string { return sqlName(dataset) + "_SNAPSHOTS" }

// sqlName turns a dataset name into an identifier part: CHURN_FEATURES.
func sqlName(dataset string) string { return strings.ToUpper(strings.ReplaceAll(dataset, "-", "_")) }

// fileFormat is the COPY INTO <location> format of a snapshot: headerless,
// uncompressed CSV (every built-in algorithm reads it; NULL and empty
// strings are written as empty fields, not \N), or Parquet with the column names (HEADER = TRUE: without it
// Snowflake writes col1, col2, ...). Source: "COPY INTO <location>",
// Snowflake docs.
func fileFormat(format string) string {
	if format == "PARQUET" {
		return "FILE_FORMAT = (TYPE = PARQUET) HEADER = TRUE"
	}
	return "FILE_FORMAT = (TYPE = CSV COMPRESSION = NONE NULL_IF = ('') EMPTY_FIELD_AS_NULL = FALSE) HEADER = FALSE"
}

// unloadSQL is the unload task's Snowflake Scripting block. In one run of
// the graph it
//
//  1. names the run's folder run-<time>/ after the graph run's original
//     scheduled time (SYSTEM$TASK_RUNTIME_INFO
//     ('CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP'): a retried graph
//     run keeps it, so a retry rewrites its own folder);
//  2. empties that folder (REMOVE), so a retry leaves no stale part or marker;
//  3. writes the snapshot as part_* files, label first
//     (SELECT <label>, * EXCLUDE (<label>) FROM (<query>)), OVERWRITE = TRUE;
//  4. writes the marker _SUCCESS last (one row, SINGLE = TRUE writes exactly
//     that object name), whose creation starts the training.
//
// stage is the stage's qualified name DB.SCHEMA.STAGE. query has no ';' and
// no '$$' (validate); its quotes are doubled inside the string literal.
func unloadSQL(stage, query, label, format string) string {
	selectSQL := fmt.Sprintf("SELECT %s, * EXCLUDE (%s) FROM (%s)", label, label, strings.TrimSpace(query))
	lit := func(s string) string { return strings.ReplaceAll(s, "'", "''") }
	return strings.Join([]string{
		"EXECUTE IMMEDIATE $$",
		"DECLARE",
		"  run VARCHAR;",
		"  dir VARCHAR;",
		"  stmt VARCHAR;",
		"BEGIN",
		"  SELECT TO_VARCHAR(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ(SYSTEM$TASK_RUNTIME_INFO('CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP'))), 'YYYYMMDD\"T\"HH24MISS\"Z\"') INTO :run;",
		fmt.Sprintf("  dir := '@%s/%s' || run || '/';", stage, RunFolderPrefix),
		"  stmt := 'REMOVE ' || dir;",
		"  EXECUTE IMMEDIATE :stmt;",
		fmt.Sprintf("  stmt := 'COPY INTO ' || dir || '%s FROM (%s) %s OVERWRITE = TRUE';", DataFilePrefix, lit(selectSQL), lit(fileFormat(format))),
		"  EXECUTE IMMEDIATE :stmt;",
		fmt.Sprintf("  stmt := 'COPY INTO ' || dir || '%s FROM (SELECT 1) FILE_FORMAT = (TYPE = CSV COMPRESSION = NONE) SINGLE = TRUE OVERWRITE = TRUE';", MarkerName),
		"  EXECUTE IMMEDIATE :stmt;",
		"  RETURN dir;",
		"END;",
		"$$",
	}, "\n")
}
