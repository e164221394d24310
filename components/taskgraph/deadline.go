package taskgraph

// A deadline for a task graph: when no graph run has succeeded by the time
// the schedule says one should have, plus a grace, a JSON alert goes out
// through the graph's own notification integration (so to its SNS topic),
// naming the component, the run that was due and the last success. It is
// Snowflake-native: a standalone task <ROOT>_DEADLINE in the graph's schema
// checks, so no credentials cross clouds.
//
// What the check reads (Snowflake docs, each named where used):
//   - its own scheduled time and that of its previous successful run,
//     SYSTEM$TASK_RUNTIME_INFO('CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP')
//     and ('LAST_SUCCESSFUL_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP') (a
//     standalone task is a graph of one);
//   - the graph's runs from INFORMATION_SCHEMA.TASK_HISTORY(ROOT_TASK_ID =>
//     ...), which keeps 7 days ("TASK_HISTORY", Information Schema table
//     functions); the root's id and the range start are Snowflake Scripting
//     bind variables, which a built-in table function receives as its
//     arguments (behaviour change bundle 2023_08, BCR-1410: "Bind
//     variables: No longer ignored as parameters for some built-in table
//     functions"). Not COMPLETE_TASK_GRAPHS: that function returns only the
//     graph runs completed in the past 60 minutes, so a check an hour or more
//     after a run could not see its success; the ACCOUNT_USAGE view of the
//     same name keeps a year but needs the SNOWFLAKE database's privileges,
//     more than the task owner has. A run (GRAPH_RUN_GROUP_ID) succeeded
//     when its root SUCCEEDED, the last attempt of each of its task runs
//     SUCCEEDED or was SKIPPED (retries are attempts of the same group), and,
//     with a finalizer, the finalizer has run: the definition of SUCCEEDED in
//     COMPLETE_TASK_GRAPHS ("all tasks ran successfully, or the root succeeded
//     and children were skipped"). A run whose root was SKIPPED (overlap, a
//     false WHEN) is no success, so its due time still owes one.
//   - the root's id and creation time from SHOW TASKS.
//
// Exact calendar. For a cron graph the check computes the due times itself,
// in SQL, from the cron's fields: it walks the UTC minutes of its window,
// converts each to the graph's time zone (CONVERT_TIMEZONE) and keeps those
// the fields allow (dueCondition, whose SQL text the tests evaluate
// against internal/cron's calendar). Walking instants gives Snowflake's
// daylight-saving behaviour: a wall-clock time the change skips is no
// instant, so never due (Snowflake never runs it), and one the change
// repeats is two instants, so due twice (Snowflake runs it twice; CREATE
// TASK, usage notes; internal/cron.Snowflake). The window is the deadlines
// (due + grace) since the previous successful check, so while checks
// succeed each due is alerted exactly once. It reaches at most one check
// period (maxGap) back, so that a check resumed after days suspended
// reports no more than one period of the past; the cost is that a failed
// check's deadlines are checked again only as far as they fall within the
// next check's period, which for evenly spaced checks is none of them (the
// failure itself is reported through the error integration). The check's
// own schedule is the
// graph's cron shifted by the grace (checkCron): it only sets how soon an
// alert comes, never which dues are checked.
//
// Interval and triggered graphs have no calendar to compute: a maximum age
// instead, the last success's scheduled time plus EveryMinutes and the grace
// (or MaxAge). EveryMinutes alerts once when a graph crosses it; MaxAge, as
// ObjectCreated.MaxAge on the AWS side, at every check past it.

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schedkit/schedkit/internal/cron"
)

// Deadline settings, each documented on its field.
const (
	// DeadlineTaskSuffix names the check task: <ROOT>_DEADLINE.
	DeadlineTaskSuffix = "_DEADLINE"
	// DeadlineSlack is what a default grace adds to the graph's maximum runtime.
	DeadlineSlack = 5 * time.Minute
	// MinDeadlineGrace and MaxDeadlineGrace bound DeadlineGrace: a check
	// reads TASK_HISTORY, which keeps 7 days, and needs the due time's runs
	// in it with room for one check period.
	MinDeadlineGrace = time.Minute
	MaxDeadlineGrace = 5 * 24 * time.Hour
	// MinMaxAge and MaxMaxAge bound MaxAge, and EveryMinutes plus the grace.
	MinMaxAge = 15 * time.Minute
	MaxMaxAge = 5 * 24 * time.Hour
	// DeadlineSuspendAfterFailures suspends a check that itself fails this
	// often in a row (each failure notifies through the error integration);
	// Snowflake's own default.
	DeadlineSuspendAfterFailures = 10
	// DeadlineTimeout limits one check.
	DeadlineTimeout = 10 * time.Minute
	// DeadlineSize is a serverless check's initial size.
	DeadlineSize = "XSMALL"
	// MinMaxAgeCheckEvery is the shortest period of a maximum-age check:
	// every check run is billed whatever it finds (docs/deadlines.md,
	// Cost), and checking more often than hourly would multiply that for
	// alerts at most an hour sooner.
	MinMaxAgeCheckEvery = time.Hour
)

// taskHistory is how far back INFORMATION_SCHEMA.TASK_HISTORY reads, less
// an hour's margin for the check's own lateness ("TASK_HISTORY": "within
// the last 7 days").
const taskHistory = 7*24*time.Hour - time.Hour

// deadlineTaskName is the check task's name for a root task.
func deadlineTaskName(root string) string { return strings.ToUpper(root) + DeadlineTaskSuffix }

// maxRuntime is the longest a graph run can take: the longest path of task
// timeouts through the graph, then the finalizer's.
func maxRuntime(a TaskGraphArgs, g dag) time.Duration {
	specs := map[string]TaskSpec{}
	for _, t := range a.Tasks {
		specs[t.Name] = t
	}
	finish := map[string]time.Duration{}
	var longest time.Duration
	for _, n := range g.order {
		var start time.Duration
		for _, p := range specs[n].After {
			start = max(start, finish[p])
		}
		finish[n] = start + specs[n].Timeout
		longest = max(longest, finish[n])
	}
	if a.Finalizer != nil {
		longest += a.Finalizer.Timeout
	}
	return longest
}

// DefaultDeadlineGrace is a graph's grace when none is set: its maximum
// runtime plus DeadlineSlack, rounded up to a whole minute, at most
// MaxDeadlineGrace.
func defaultDeadlineGrace(a TaskGraphArgs, g dag) time.Duration {
	d := maxRuntime(a, g) + DeadlineSlack
	if r := d % time.Minute; r != 0 {
		d += time.Minute - r
	}
	return min(d, MaxDeadlineGrace)
}

// deadline is a graph's resolved check.
type deadline struct {
	task string
	// calendar: the due times of a cron graph.
	calendar *cron.Fields
	timezone string
	grace    time.Duration
	// checkCron is the check's USING CRON value (calendar), maxGap the
	// longest time between two of its firings.
	checkCron string
	maxGap    time.Duration
	// minGap is the shortest time between two of the graph's own firings
	// (cron), bounding how many runs a check's history holds.
	minGap time.Duration
	// A maximum age (interval and triggered graphs): age, how often it is
	// checked, and whether every check past it alerts (repeat) or only the
	// one it is crossed in.
	age        time.Duration
	checkEvery time.Duration
	repeat     bool
}

// deadlineFor resolves the check of validated args; nil when there is none.
func deadlineFor(a TaskGraphArgs, root string) *deadline {
	if a.DisableDeadline {
		return nil
	}
	d := &deadline{task: deadlineTaskName(root), grace: a.DeadlineGrace}
	switch {
	case a.Cron != "":
		s, err := cron.SnowflakeCron(a.Cron + " " + a.Timezone)
		if err != nil {
			return nil // validate has refused it
		}
		f, _ := s.SnowflakeFields()
		d.calendar, d.timezone = &f, a.Timezone
		d.checkCron = checkCron(f, d.grace) + " " + a.Timezone
		_, d.maxGap = gaps(d.checkCron)
		d.minGap, _ = gaps(a.Cron + " " + a.Timezone)
	case a.EveryMinutes != 0:
		d.age = time.Duration(a.EveryMinutes)*time.Minute + d.grace
		d.checkEvery = maxAgeCheckEvery(d.age)
	case a.MaxAge != 0:
		d.age, d.grace, d.repeat = a.MaxAge, 0, true
		d.checkEvery = maxAgeCheckEvery(d.age)
	default:
		return nil
	}
	return d
}

// maxAgeCheckEvery is how often a maximum age is checked: a quarter of it
// in whole minutes, at least MinMaxAgeCheckEvery.
func maxAgeCheckEvery(age time.Duration) time.Duration {
	return max((age / 4).Truncate(time.Minute), MinMaxAgeCheckEvery)
}

// checkCron is the five cron fields of the check's schedule: the graph's
// fields shifted by the grace, so the check runs as each deadline passes.
// Minutes and hours are shifted exactly (their sets are the projections of
// the shifted times, a superset when the grace carries differently for
// different minutes). When a shifted time falls on a later day, a
// day-of-week list is shifted with it; any other day restriction widens to
// `*`: a check with no deadline in its window does nothing.
func checkCron(f cron.Fields, grace time.Duration) string {
	g := int(grace / time.Minute)
	minutes, hours, days := map[int]bool{}, map[int]bool{}, map[int]bool{}
	for _, h := range f.Hours {
		for _, m := range f.Minutes {
			t := h*60 + m + g
			minutes[t%60], hours[(t/60)%24], days[t/1440] = true, true, true
		}
	}
	fields := []string{list(slices.Sorted(maps.Keys(minutes)), 60), list(slices.Sorted(maps.Keys(hours)), 24)}
	dom, month, dow := domField(f), list(f.Months, 12), dowField(f)
	if len(days) > 1 || !days[0] {
		switch {
		case f.AnyDayOfMonth && !f.AnyDayOfWeek && len(f.LastWeekdays) == 0:
			shifted := map[int]bool{}
			for _, w := range f.DaysOfWeek {
				for k := range days {
					shifted[(int(w)+k)%7] = true
				}
			}
			dom, month, dow = "*", "*", list(slices.Sorted(maps.Keys(shifted)), 7)
		default:
			dom, month, dow = "*", "*", "*"
		}
	}
	return strings.Join(append(fields, dom, month, dow), " ")
}

// gaps are the shortest and the longest time between two firings of a
// Snowflake cron schedule in the reference year (and the first days of
// the next), each at most taskHistory.
func gaps(spec string) (shortest, longest time.Duration) {
	s, err := cron.SnowflakeCron(spec)
	if err != nil {
		return taskHistory, taskHistory
	}
	from := time.Date(cron.ReferenceYear, 1, 1, 0, 0, 0, 0, time.UTC)
	at := s.Instants(from, from.AddDate(1, 1, 0))
	if len(at) < 2 {
		return taskHistory, taskHistory
	}
	shortest = taskHistory
	for i := 1; i < len(at); i++ {
		gap := at[i].Sub(at[i-1])
		shortest, longest = min(shortest, gap), max(longest, gap)
	}
	return shortest, min(longest, taskHistory)
}

// MaxHistoryRows is the most TASK_HISTORY rows one check can read:
// Snowflake's largest RESULT_LIMIT ("TASK_HISTORY", Information Schema
// table functions: 1 to 10000; past it the most recent rows are returned).
const MaxHistoryRows = 10000

// historyRows is the most TASK_HISTORY rows a check may need: every graph
// run scheduled in the span it reads (from one check period and the grace
// before its own time, or an EveryMinutes graph's age and one check period,
// to now), one row per task (finalizer included) and attempt. 0 for a
// triggered graph, whose runs no schedule bounds.
func (d *deadline) historyRows(tasks, attempts int) int {
	var span, every time.Duration
	switch {
	case d == nil: // no check, or a schedule validate refuses
		return 0
	case d.calendar != nil:
		span, every = d.maxGap+d.grace, d.minGap
	case !d.repeat:
		span, every = d.checkEvery+d.age, d.age-d.grace
	default:
		return 0
	}
	return (int(span/every) + 1) * tasks * attempts
}

// list renders a set of values as a cron list, `*` when it holds all n.
func list(vals []int, n int) string {
	if len(vals) == n {
		return "*"
	}
	return strings.Join(itoa(vals), ",")
}

// domField and dowField render the day fields back as cron text.
func domField(f cron.Fields) string {
	if f.AnyDayOfMonth {
		return "*"
	}
	s := itoa(f.DaysOfMonth)
	if f.LastDayOfMonth {
		s = append(s, "L")
	}
	return strings.Join(s, ",")
}

func dowField(f cron.Fields) string {
	if f.AnyDayOfWeek {
		return "*"
	}
	var s []string
	for _, w := range f.DaysOfWeek {
		s = append(s, strconv.Itoa(int(w)))
	}
	for _, w := range f.LastWeekdays {
		s = append(s, strconv.Itoa(int(w))+"L")
	}
	return strings.Join(s, ",")
}

// dueCondition is the SQL test of a due time's wall clock, over the column
// WALL (a TIMESTAMP_NTZ in the graph's zone), generated from the cron's
// fields. The date parts are Snowflake's functions MINUTE, HOUR,
// DAYOFMONTH, MONTH and DAYOFWEEKISO (1 = Monday … 7 = Sunday, not
// governed by the WEEK_START parameter: "Date & time functions", calendar
// weeks and weekdays) and LAST_DAY. When both day fields are restricted
// either may match (Unix cron, as Snowflake reads them:
// internal/cron.Snowflake). The tests evaluate this text itself, with
// those functions' documented meaning, against internal/cron's calendar.
func dueCondition(f cron.Fields) string {
	var all, days []string
	if len(f.Minutes) < 60 {
		all = append(all, inSet("MINUTE", f.Minutes))
	}
	if len(f.Hours) < 24 {
		all = append(all, inSet("HOUR", f.Hours))
	}
	if len(f.Months) < 12 {
		all = append(all, inSet("MONTH", f.Months))
	}
	if !f.AnyDayOfMonth {
		if len(f.DaysOfMonth) > 0 {
			days = append(days, inSet("DAYOFMONTH", f.DaysOfMonth))
		}
		if f.LastDayOfMonth {
			days = append(days, "DAYOFMONTH(WALL) = DAYOFMONTH(LAST_DAY(WALL))")
		}
	}
	if !f.AnyDayOfWeek {
		var iso []int
		for _, w := range f.DaysOfWeek {
			iso = append(iso, isoWeekday(w))
		}
		slices.Sort(iso)
		if len(iso) > 0 {
			days = append(days, inSet("DAYOFWEEKISO", iso))
		}
		for _, w := range f.LastWeekdays {
			days = append(days, fmt.Sprintf("(DAYOFWEEKISO(WALL) = %d AND DAYOFMONTH(WALL) > DAYOFMONTH(LAST_DAY(WALL)) - 7)", isoWeekday(w)))
		}
	}
	switch len(days) {
	case 0:
	case 1:
		all = append(all, days[0])
	default:
		all = append(all, "("+strings.Join(days, " OR ")+")")
	}
	if len(all) == 0 {
		return "TRUE"
	}
	return strings.Join(all, "\n      AND ")
}

// inSet tests that a date part of WALL is one of vals.
func inSet(part string, vals []int) string {
	if len(vals) == 1 {
		return fmt.Sprintf("%s(WALL) = %d", part, vals[0])
	}
	return part + "(WALL) IN (" + strings.Join(itoa(vals), ", ") + ")"
}

func itoa(vals []int) []string {
	s := make([]string, len(vals))
	for i, v := range vals {
		s[i] = strconv.Itoa(v)
	}
	return s
}

func isoWeekday(w time.Weekday) int {
	if w == time.Sunday {
		return 7
	}
	return int(w)
}

// quote is a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// iso renders epoch seconds as an RFC 3339 UTC string in SQL.
func iso(epoch string) string {
	return "TO_VARCHAR(TO_TIMESTAMP_NTZ(" + epoch + `), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
}

// checkTarget names what a check reads and where it reports.
type checkTarget struct {
	component, database, schema, root, finalizer, integration string
}

// sql is the check task's Snowflake Scripting block (EXECUTE IMMEDIATE, as
// a task runs a single statement). Epoch seconds throughout, so no session
// time zone or timestamp format enters the arithmetic. Each late due time
// is one SYSTEM$SEND_SNOWFLAKE_NOTIFICATION call with an APPLICATION_JSON
// message through the graph's notification integration, which the docs
// list for Amazon SNS queue integrations ("Using
// SYSTEM$SEND_SNOWFLAKE_NOTIFICATION to send notifications": JSON for
// queues); a root the check cannot find raises, so the check fails and its
// error integration notifies.
func (d *deadline) sql(t checkTarget) string {
	root, schema := quote(strings.ToUpper(t.root)), t.database+"."+t.schema
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("EXECUTE IMMEDIATE $$")
	w("DECLARE")
	w("  s NUMBER;        -- this check's scheduled time, epoch seconds")
	w("  prev NUMBER;     -- the previous successful check's")
	w("  win NUMBER;      -- deadlines in (win, s] are checked")
	w("  lo NUMBER;       -- runs scheduled from lo on are read")
	w("  root_id STRING;")
	w("  created NUMBER;  -- when the root task was created")
	w("  msg STRING;")
	w("  alerts INTEGER DEFAULT 0;")
	w("  no_root EXCEPTION (-20002, %s);", quote(fmt.Sprintf("schedkit taskgraph %s: deadline check: root task %s not found in %s", t.component, strings.ToUpper(t.root), schema)))
	w("BEGIN")
	w("  -- SYSTEM$TASK_RUNTIME_INFO: a standalone task is a graph of one.")
	w("  SELECT DATE_PART(EPOCH_SECOND, TO_TIMESTAMP_LTZ(NULLIF(SYSTEM$TASK_RUNTIME_INFO('CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP')::STRING, ''))),")
	w("         DATE_PART(EPOCH_SECOND, TO_TIMESTAMP_LTZ(NULLIF(SYSTEM$TASK_RUNTIME_INFO('LAST_SUCCESSFUL_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP')::STRING, '')))")
	w("    INTO :s, :prev;")
	w("  SHOW TASKS LIKE %s IN SCHEMA %s;", root, schema)
	w(`  SELECT MAX("id"), MAX(DATE_PART(EPOCH_SECOND, "created_on")) INTO :root_id, :created`)
	w(`    FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE UPPER("name") = %s;`, root)
	w("  IF (root_id IS NULL) THEN")
	w("    RAISE no_root;")
	w("  END IF;")
	grace := int64(d.grace / time.Second)
	if d.calendar != nil {
		w("  SELECT GREATEST(COALESCE(:prev, :s - 60), :s - %d) INTO :win;", int64(d.maxGap/time.Second))
		w("  SELECT GREATEST(:win - %d, DATE_PART(EPOCH_SECOND, CURRENT_TIMESTAMP()) - %d) INTO :lo;", grace, int64(taskHistory/time.Second))
	} else {
		w("  SELECT GREATEST(COALESCE(:prev, :s - %[1]d), :s - %[1]d) INTO :win;", int64(d.checkEvery/time.Second))
		w("  SELECT GREATEST(:win - %d, DATE_PART(EPOCH_SECOND, CURRENT_TIMESTAMP()) - %d) INTO :lo;", int64(d.age/time.Second), int64(taskHistory/time.Second))
	}
	w("  LET late RESULTSET := (")
	w("    WITH history AS (")
	w("      SELECT UPPER(NAME) AS NAME, STATE, GRAPH_RUN_GROUP_ID, DATE_PART(EPOCH_SECOND, SCHEDULED_TIME) AS SCHEDULED")
	w("      FROM TABLE(%s.INFORMATION_SCHEMA.TASK_HISTORY(", t.database)
	w("        SCHEDULED_TIME_RANGE_START => TO_TIMESTAMP_LTZ(:lo),")
	w("        SCHEDULED_TIME_RANGE_END => CURRENT_TIMESTAMP(),")
	// MaxHistoryRows; validate refuses a graph whose check could need more
	// (historyRows).
	w("        RESULT_LIMIT => %d,", MaxHistoryRows)
	w("        ROOT_TASK_ID => :root_id))")
	w("      QUALIFY ROW_NUMBER() OVER (PARTITION BY GRAPH_RUN_GROUP_ID, NAME ORDER BY ATTEMPT_NUMBER DESC) = 1")
	w("    ), runs AS (")
	w("      SELECT MIN(IFF(NAME = %s, SCHEDULED, NULL)) AS DUE", root)
	w("      FROM history")
	w("      GROUP BY GRAPH_RUN_GROUP_ID")
	w("      HAVING COUNT_IF(NAME = %s AND STATE = 'SUCCEEDED') > 0", root)
	w("         AND COUNT_IF(STATE NOT IN ('SUCCEEDED', 'SKIPPED')) = 0")
	if t.finalizer != "" {
		w("         AND COUNT_IF(NAME = %s) > 0", quote(strings.ToUpper(t.finalizer)))
	}
	w("    ), latest AS (")
	w("      SELECT MAX(DUE) AS LAST_AT FROM runs")
	if d.calendar != nil {
		w("    ), dues AS (")
		w("      SELECT E, CONVERT_TIMEZONE('UTC', %s, TO_TIMESTAMP_NTZ(E)) AS WALL", quote(d.timezone))
		w("      FROM (SELECT :win - %d + 60 * ROW_NUMBER() OVER (ORDER BY SEQ4()) AS E", grace)
		w("            FROM TABLE(GENERATOR(ROWCOUNT => %d)))", int64(taskHistory/time.Minute)+60)
		w("      WHERE E <= :s - %d AND E > COALESCE(:created, 0)", grace)
		w("    )")
		w("    SELECT TO_JSON(OBJECT_CONSTRUCT_KEEP_NULL(")
		w("             'component', 'taskgraph', 'name', %s,", quote(t.component))
		w("             'due', %s,", iso("E"))
		w("             'deadline', %s,", iso(fmt.Sprintf("E + %d", grace)))
		w("             'lastSuccess', %s)) AS MSG", iso("latest.LAST_AT"))
		w("    FROM dues, latest")
		w("    WHERE %s", dueCondition(*d.calendar))
		w("      AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.DUE >= dues.E)")
		w("    ORDER BY E);")
	} else {
		age := int64(d.age / time.Second)
		w("    ), stale AS (")
		w("      SELECT LAST_AT, COALESCE(LAST_AT, :created) + %d AS DEADLINE FROM latest", age)
		w("    )")
		w("    SELECT TO_JSON(OBJECT_CONSTRUCT_KEEP_NULL(")
		w("             'component', 'taskgraph', 'name', %s,", quote(t.component))
		w("             'due', %s,", iso(fmt.Sprintf("DEADLINE - %d", grace)))
		w("             'deadline', %s,", iso("DEADLINE"))
		w("             'lastSuccess', %s,", iso("LAST_AT"))
		w("             'maxAgeMinutes', %d)) AS MSG", int64(d.age/time.Minute))
		w("    FROM stale")
		if d.repeat {
			w("    WHERE DEADLINE <= :s);")
		} else {
			w("    WHERE DEADLINE > :win AND DEADLINE <= :s);")
		}
	}
	w("  LET c CURSOR FOR late;")
	w("  FOR r IN c DO")
	w("    msg := r.MSG;")
	w("    CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(")
	w("      SNOWFLAKE.NOTIFICATION.APPLICATION_JSON(:msg),")
	w("      SNOWFLAKE.NOTIFICATION.INTEGRATION(%s));", quote(t.integration))
	w("    alerts := alerts + 1;")
	w("  END FOR;")
	w("  RETURN alerts || ' late';")
	w("END;")
	b.WriteString("$$")
	return b.String()
}
