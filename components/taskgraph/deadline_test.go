package taskgraph

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/internal/cron"
	schedplan "github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// fields parses a USING CRON value into its fields.
func fields(t *testing.T, spec string) cron.Fields {
	t.Helper()
	s, err := cron.SnowflakeCron(spec)
	require.NoError(t, err)
	f, ok := s.SnowflakeFields()
	require.True(t, ok)
	return f
}

// dueInstants is what the check's SQL computes: every UTC minute in
// [from, to) whose wall clock in the zone the condition allows.
func dueInstants(allows func(wall time.Time) bool, loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	for e := from.UTC().Truncate(time.Minute); e.Before(to); e = e.Add(time.Minute) {
		if !e.Before(from) && allows(e.In(loc)) {
			out = append(out, e)
		}
	}
	return out
}

// condition is the generated SQL condition of a USING CRON value's
// fields, interpreted (sqlPredicate).
func condition(t *testing.T, spec string) func(wall time.Time) bool {
	t.Helper()
	return sqlPredicate(t, dueCondition(fields(t, spec)))
}

// sqlPredicate interprets the SQL text dueCondition generates, giving its
// functions their documented Snowflake meaning ("Date & time functions"):
// MINUTE, HOUR, DAYOFMONTH and MONTH of the timestamp, DAYOFWEEKISO 1 =
// Monday … 7 = Sunday, LAST_DAY the month's last day; AND binds tighter
// than OR. So the calendar tests hold the SQL itself, not a Go model of
// it, against internal/cron; any text outside that grammar fails the test.
func sqlPredicate(t *testing.T, sql string) func(wall time.Time) bool {
	t.Helper()
	token := regexp.MustCompile(`\d+|[A-Z_]+|[(),=>-]`)
	require.Empty(t, strings.TrimSpace(token.ReplaceAllString(sql, "")), "unexpected characters in %q", sql)
	p := &sqlParser{toks: token.FindAllString(sql, -1)}
	pred := p.or()
	require.NoError(t, p.err, sql)
	require.Empty(t, p.toks, "unparsed tokens in %q", sql)
	return pred
}

type sqlParser struct {
	toks []string
	err  error
}

func (p *sqlParser) peek() string {
	if len(p.toks) == 0 {
		return ""
	}
	return p.toks[0]
}

func (p *sqlParser) next() string {
	tok := p.peek()
	if len(p.toks) > 0 {
		p.toks = p.toks[1:]
	}
	return tok
}

func (p *sqlParser) fail(want, got string) {
	if p.err == nil {
		p.err = fmt.Errorf("want %s, got %q", want, got)
	}
}

func (p *sqlParser) expect(tok string) {
	if got := p.next(); got != tok {
		p.fail(strconv.Quote(tok), got)
	}
}

func (p *sqlParser) or() func(time.Time) bool {
	l := p.and()
	for p.peek() == "OR" {
		p.next()
		a, b := l, p.and()
		l = func(w time.Time) bool { return a(w) || b(w) }
	}
	return l
}

func (p *sqlParser) and() func(time.Time) bool {
	l := p.atom()
	for p.peek() == "AND" {
		p.next()
		a, b := l, p.atom()
		l = func(w time.Time) bool { return a(w) && b(w) }
	}
	return l
}

func (p *sqlParser) atom() func(time.Time) bool {
	switch p.peek() {
	case "TRUE":
		p.next()
		return func(time.Time) bool { return true }
	case "(":
		p.next()
		e := p.or()
		p.expect(")")
		return e
	}
	l := p.number()
	switch op := p.next(); op {
	case "=":
		r := p.number()
		return func(w time.Time) bool { return l(w) == r(w) }
	case ">":
		r := p.number()
		return func(w time.Time) bool { return l(w) > r(w) }
	case "IN":
		p.expect("(")
		var vals []int
		for {
			v, err := strconv.Atoi(p.next())
			if err != nil {
				p.fail("a number", err.Error())
			}
			vals = append(vals, v)
			if p.peek() != "," {
				break
			}
			p.next()
		}
		p.expect(")")
		return func(w time.Time) bool { return slices.Contains(vals, l(w)) }
	default:
		p.fail("=, > or IN", op)
		return func(time.Time) bool { return false }
	}
}

// snowflakeDateParts are the date part functions the condition may use.
var snowflakeDateParts = map[string]func(time.Time) int{
	"MINUTE":       time.Time.Minute,
	"HOUR":         time.Time.Hour,
	"DAYOFMONTH":   time.Time.Day,
	"MONTH":        func(t time.Time) int { return int(t.Month()) },
	"DAYOFWEEKISO": func(t time.Time) int { return (int(t.Weekday())+6)%7 + 1 },
}

// number is an integer, or a date part of a timestamp, either less an integer.
func (p *sqlParser) number() func(time.Time) int {
	var v func(time.Time) int
	tok := p.next()
	if n, err := strconv.Atoi(tok); err == nil {
		v = func(time.Time) int { return n }
	} else if part, ok := snowflakeDateParts[tok]; ok {
		p.expect("(")
		ts := p.timestamp()
		p.expect(")")
		v = func(w time.Time) int { return part(ts(w)) }
	} else {
		p.fail("a number or a date part", tok)
		return func(time.Time) int { return -1 }
	}
	if p.peek() == "-" {
		p.next()
		n, err := strconv.Atoi(p.next())
		if err != nil {
			p.fail("a number", err.Error())
		}
		a := v
		v = func(w time.Time) int { return a(w) - n }
	}
	return v
}

// timestamp is WALL or LAST_DAY of a timestamp.
func (p *sqlParser) timestamp() func(time.Time) time.Time {
	switch tok := p.next(); tok {
	case "WALL":
		return func(w time.Time) time.Time { return w }
	case "LAST_DAY":
		p.expect("(")
		ts := p.timestamp()
		p.expect(")")
		return func(w time.Time) time.Time {
			t := ts(w)
			return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, t.Location())
		}
	default:
		p.fail("WALL or LAST_DAY", tok)
		return func(w time.Time) time.Time { return w }
	}
}

// The interpreter itself: each function as documented, so a generator bug
// cannot hide behind a matching bug here.
func TestDeadline_sqlPredicateReadsSnowflakeFunctions(t *testing.T) {
	// Sunday 31 October 2027, 02:30, the last Sunday of a 31-day month.
	wall := time.Date(2027, 10, 31, 2, 30, 0, 0, time.UTC)
	for sql, want := range map[string]bool{
		"MINUTE(WALL) = 30":                                 true,
		"HOUR(WALL) IN (1, 2)":                              true,
		"MONTH(WALL) = 10":                                  true,
		"DAYOFMONTH(WALL) = 31":                             true,
		"DAYOFWEEKISO(WALL) = 7":                            true,
		"DAYOFWEEKISO(WALL) = 0":                            false,
		"DAYOFMONTH(WALL) = DAYOFMONTH(LAST_DAY(WALL))":     true,
		"DAYOFMONTH(WALL) > DAYOFMONTH(LAST_DAY(WALL)) - 7": true,
		"DAYOFMONTH(WALL) > DAYOFMONTH(LAST_DAY(WALL)) - 0": false,
		"TRUE": true,
		"MINUTE(WALL) = 0 OR HOUR(WALL) = 2 AND MONTH(WALL) = 10":   true,
		"(MINUTE(WALL) = 0 OR HOUR(WALL) = 2) AND MONTH(WALL) = 11": false,
	} {
		assert.Equal(t, want, sqlPredicate(t, sql)(wall), sql)
	}
	assert.False(t, sqlPredicate(t, "DAYOFMONTH(WALL) = DAYOFMONTH(LAST_DAY(WALL))")(time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)))
	assert.True(t, sqlPredicate(t, "DAYOFMONTH(WALL) = DAYOFMONTH(LAST_DAY(WALL))")(time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)), "leap year")
	assert.True(t, sqlPredicate(t, "DAYOFWEEKISO(WALL) = 1")(time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC)), "a Monday is 1")
}

// The SQL's calendar is internal/cron's, the one cost uses, for every kind
// of schedule: same instants, daylight-saving changes included (a skipped
// wall-clock time never, a repeated one twice, as Snowflake runs them).
func TestDeadline_calendarMatchesCron(t *testing.T) {
	// The reference year in the schedule's zone.
	year := func(loc *time.Location) (time.Time, time.Time) {
		y := cron.ReferenceYear
		return time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y+1, 1, 1, 0, 0, 0, 0, loc)
	}
	cases := []struct {
		name, spec string
		want       int // firings in 2027, from internal/cron as well
	}{
		{"daily", "0 2 * * * UTC", 365},
		{"weekdays", "30 6 * * 1-5 America/New_York", 261},
		{"weekly by name", "0 9 * * MON Europe/Berlin", 52},
		{"monthly", "0 3 1 * * Europe/Berlin", 12},
		{"last day of the month", "0 23 L * * UTC", 12},
		{"last Friday", "0 18 * * 5L Europe/London", 12},
		{"day of month or weekday", "0 12 1,15 * FRI UTC", 24 + 53 - 4}, // 2027 has 53 Fridays, 4 of them a 1st or 15th
		{"quarterly", "0 0 1 1,4,7,10 * UTC", 4},
		{"months by name, Sunday as 7", "0 8 * JAN-MAR 7 Asia/Tokyo", 13},
		{"skipped and repeated hour", "30 2 * * * Europe/Berlin", 365},
		{"every 15 minutes", "*/15 * * * * UTC", 365 * 96},
		{"steps and ranges in a DST zone", "*/7 9-17 * * 1-5 Australia/Sydney", 261 * 9 * 9},
		{"southern DST, hourly", "0 * * * * Australia/Sydney", 365 * 24},
		{"days of the month and the last", "0 2 1,15,L * * UTC", 36},
		{"Mondays and the last Sunday", "0 2 * * MON,0L America/New_York", 52 + 12},
		{"L alone in day-of-week is Saturday", "0 2 * * L UTC", 52},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := cron.SnowflakeCron(c.spec)
			require.NoError(t, err)
			f := fields(t, c.spec)
			from, to := year(f.Location)
			want := s.Instants(from, to)
			got := dueInstants(condition(t, c.spec), f.Location, from, to)
			require.Equal(t, len(want), len(got))
			for i := range want {
				require.True(t, want[i].Equal(got[i]), "firing %d: cron %s, SQL %s", i, want[i], got[i])
			}
			assert.Equal(t, c.want, len(got), "firings in %d", cron.ReferenceYear)
		})
	}
	// Daylight saving, both directions, in Berlin 2027: 02:30 does not exist
	// on 28 March and exists twice on 31 October.
	f := fields(t, "30 2 * * * Europe/Berlin")
	march := dueInstants(condition(t, "30 2 * * * Europe/Berlin"), f.Location, time.Date(2027, 3, 27, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 30, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, []time.Time{time.Date(2027, 3, 27, 1, 30, 0, 0, time.UTC), time.Date(2027, 3, 29, 0, 30, 0, 0, time.UTC)}, march)
	october := dueInstants(condition(t, "30 2 * * * Europe/Berlin"), f.Location, time.Date(2027, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, []time.Time{time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC), time.Date(2027, 10, 31, 1, 30, 0, 0, time.UTC)}, october)
}

// The generated text, pinned for each form: a single value, a list, steps,
// names, L, nL, L alone (Saturday), and both day fields restricted.
func TestDeadline_conditionSQL(t *testing.T) {
	cases := []struct{ spec, want string }{
		{"0 2 * * * UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 2"},
		{"* * * * * UTC", "TRUE"},
		{"30 6 * * 1-5 UTC", "MINUTE(WALL) = 30\n      AND HOUR(WALL) = 6\n      AND DAYOFWEEKISO(WALL) IN (1, 2, 3, 4, 5)"},
		{"0 0 * * SUN,SAT UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 0\n      AND DAYOFWEEKISO(WALL) IN (6, 7)"},
		{"0 23 L 1,7 * UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 23\n      AND MONTH(WALL) IN (1, 7)\n      AND DAYOFMONTH(WALL) = DAYOFMONTH(LAST_DAY(WALL))"},
		{"0 18 1,15 * 5L UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 18\n      AND (DAYOFMONTH(WALL) IN (1, 15) OR (DAYOFWEEKISO(WALL) = 5 AND DAYOFMONTH(WALL) > DAYOFMONTH(LAST_DAY(WALL)) - 7))"},
		{"*/15 * * * * UTC", "MINUTE(WALL) IN (0, 15, 30, 45)"},
		{"0 9-17/4 * * * UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) IN (9, 13, 17)"},
		{"0 2 1,15,L * * UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 2\n      AND (DAYOFMONTH(WALL) IN (1, 15) OR DAYOFMONTH(WALL) = DAYOFMONTH(LAST_DAY(WALL)))"},
		{"0 2 * * MON,0L UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 2\n      AND (DAYOFWEEKISO(WALL) = 1 OR (DAYOFWEEKISO(WALL) = 7 AND DAYOFMONTH(WALL) > DAYOFMONTH(LAST_DAY(WALL)) - 7))"},
		{"0 2 * * L UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 2\n      AND DAYOFWEEKISO(WALL) = 6"},
		{"0 2 * JAN-MAR 7 UTC", "MINUTE(WALL) = 0\n      AND HOUR(WALL) = 2\n      AND MONTH(WALL) IN (1, 2, 3)\n      AND DAYOFWEEKISO(WALL) = 7"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, dueCondition(fields(t, c.spec)), c.spec)
	}
}

// The check runs on the graph's cron shifted by the grace; every deadline
// (a due time's wall clock plus the grace) is one of its firings.
func TestDeadline_checkCron(t *testing.T) {
	cases := []struct {
		spec  string
		grace time.Duration
		want  string
	}{
		{"0 2 * * * Europe/Berlin", 65 * time.Minute, "5 3 * * *"},
		{"30 6 * * 1-5 UTC", 65 * time.Minute, "35 7 * * 1,2,3,4,5"},
		{"0,30 2 * * * UTC", 45 * time.Minute, "15,45 2,3 * * *"},
		{"30 23 * * 1-5 UTC", 65 * time.Minute, "35 0 * * 2,3,4,5,6"},
		{"30 23 * * 5,6 UTC", 65 * time.Minute, "35 0 * * 0,6"},
		{"0 23 L * * UTC", 2 * time.Hour, "0 1 * * *"},
		{"0 3 1 * * UTC", 65 * time.Minute, "5 4 1 * *"},
		{"0 2 * * MON UTC", 5 * 24 * time.Hour, "0 2 * * 6"},
		{"*/15 * * * * UTC", 20 * time.Minute, "5,20,35,50 * * * *"},
		{"0 12 1,15 * FRI UTC", 13 * time.Hour, "0 1 * * *"},
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			f := fields(t, c.spec)
			got := checkCron(f, c.grace)
			assert.Equal(t, c.want, got)
			check := condition(t, got+" UTC")
			from := time.Date(cron.ReferenceYear, 1, 1, 0, 0, 0, 0, time.UTC)
			for _, due := range dueInstants(condition(t, c.spec), f.Location, from, from.AddDate(1, 0, 0)) {
				wall := due.In(f.Location)
				naive := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, time.UTC).Add(c.grace)
				require.True(t, check(naive), "deadline of %s (%s local) is no check firing", due, wall)
			}
		})
	}
}

func TestDeadline_defaultGraceIsTheLongestRunPlusSlack(t *testing.T) {
	a, g, err := validate("nightly", nightly())
	require.NoError(t, err)
	// EXTRACT 1h → TRANSFORM 2h → PUBLISH 1h, then CLEANUP 1h, plus 5 minutes.
	assert.Equal(t, 5*time.Hour, maxRuntime(a, g))
	assert.Equal(t, 5*time.Hour+5*time.Minute, a.DeadlineGrace)

	args := nightly()
	args.Tasks[0].Timeout = 90*time.Second + time.Millisecond
	args.Finalizer = nil
	a, _, err = validate("nightly", args)
	require.NoError(t, err)
	assert.Equal(t, 3*time.Hour+7*time.Minute, a.DeadlineGrace, "rounded up to a whole minute")

	args = nightly()
	args.Tasks[1].Timeout = MaxTaskTimeout
	a, _, err = validate("nightly", args)
	require.NoError(t, err)
	assert.Equal(t, MaxDeadlineGrace, a.DeadlineGrace, "at most MaxDeadlineGrace")

	args = nightly()
	args.DeadlineGrace = 20 * time.Minute
	a, _, err = validate("nightly", args)
	require.NoError(t, err)
	assert.Equal(t, 20*time.Minute, a.DeadlineGrace, "a set grace is kept")

	assert.Equal(t, 5*time.Minute, DeadlineSlack)
	assert.Equal(t, "_DEADLINE", DeadlineTaskSuffix)
	assert.Equal(t, 10, DeadlineSuspendAfterFailures)
	assert.Equal(t, 10*time.Minute, DeadlineTimeout)
	assert.Equal(t, "XSMALL", DeadlineSize)
	assert.Equal(t, time.Hour, MinMaxAgeCheckEvery)
}

// run is one graph run the history holds: its scheduled time and whether it succeeded.
type run struct {
	due time.Time
	ok  bool
}

// late is the check's decision, step for step as its SQL takes it, with
// the numbers, zone and condition read from the SQL the check runs: the
// window since the previous successful check (at most maxGap back, its
// own minute on a first check), the due times in it after the root was
// created, and those no successful run due at or after has satisfied.
func late(t *testing.T, d *deadline, prev *time.Time, s, created time.Time, runs []run) []time.Time {
	t.Helper()
	sql := d.sql(checkTarget{component: "c", database: "D", schema: "S", root: "R", integration: "I"})
	seconds := func(pattern string) time.Duration {
		m := regexp.MustCompile(pattern).FindStringSubmatch(sql)
		require.Len(t, m, 2, pattern)
		n, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		return time.Duration(n) * time.Second
	}
	maxGap := seconds(`SELECT GREATEST\(COALESCE\(:prev, :s - 60\), :s - (\d+)\) INTO :win;`)
	grace := seconds(`SELECT :win - (\d+) \+ 60 \* ROW_NUMBER\(\)`)
	require.Equal(t, grace, seconds(`WHERE E <= :s - (\d+) AND E > COALESCE\(:created, 0\)`), "both ends of the window shift by the grace")
	zone := regexp.MustCompile(`CONVERT_TIMEZONE\('UTC', '([^']+)', TO_TIMESTAMP_NTZ\(E\)\)`).FindStringSubmatch(sql)
	require.Len(t, zone, 2)
	loc, err := time.LoadLocation(zone[1])
	require.NoError(t, err)
	_, where, ok := strings.Cut(sql, "    FROM dues, latest\n    WHERE ")
	require.True(t, ok)
	where, _, ok = strings.Cut(where, "\n      AND NOT EXISTS")
	require.True(t, ok)
	allows := sqlPredicate(t, where)

	win := s.Add(-time.Minute)
	if prev != nil {
		win = *prev
	}
	if floor := s.Add(-maxGap); floor.After(win) {
		win = floor
	}
	var out []time.Time
	for _, e := range dueInstants(allows, loc, win.Add(-grace).Add(time.Minute), s.Add(-grace).Add(time.Minute)) {
		if !e.After(created) {
			continue
		}
		satisfied := false
		for _, r := range runs { // a run counts once it has happened by the check
			satisfied = satisfied || (r.ok && !r.due.Before(e) && !r.due.After(s))
		}
		if !satisfied {
			out = append(out, e)
		}
	}
	return out
}

// For each kind of schedule, given the runs that happened, the check of
// each firing alerts exactly the due times that were missed.
func TestDeadline_alertsExactlyTheMissedDueTimes(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		require.NoError(t, err)
		return v
	}
	created := utc("2027-01-01 00:00")
	cases := []struct {
		name, cron, tz string
		grace          time.Duration
		runs           []run
		// from and to bound the checks run; want are the due times alerted.
		from, to string
		want     []string
	}{
		{"daily, every run succeeded", "0 2 * * *", "UTC", 65 * time.Minute,
			[]run{{utc("2027-05-03 02:00"), true}, {utc("2027-05-04 02:00"), true}},
			"2027-05-03 00:00", "2027-05-05 00:00", nil},
		{"daily, one failed", "0 2 * * *", "UTC", 65 * time.Minute,
			[]run{{utc("2027-05-03 02:00"), true}, {utc("2027-05-04 02:00"), false}},
			"2027-05-03 00:00", "2027-05-05 00:00", []string{"2027-05-04 02:00"}},
		{"daily, a skipped run still owes one", "0 2 * * *", "UTC", 65 * time.Minute,
			[]run{{utc("2027-05-03 02:00"), true}},
			"2027-05-03 00:00", "2027-05-05 00:00", []string{"2027-05-04 02:00"}},
		{"a later run within the grace satisfies an earlier due", "0 2 * * *", "UTC", 65 * time.Minute,
			[]run{{utc("2027-05-04 02:40"), true}},
			"2027-05-04 00:00", "2027-05-05 00:00", nil},
		{"weekdays: no alert on the weekend", "0 6 * * 1-5", "America/New_York", 65 * time.Minute,
			[]run{{utc("2027-05-07 10:00"), true}},
			"2027-05-07 00:00", "2027-05-11 00:00", []string{"2027-05-10 10:00"}},
		{"weekly", "0 9 * * MON", "Europe/Berlin", 2 * time.Hour,
			nil, "2027-05-01 00:00", "2027-05-20 00:00", []string{"2027-05-03 07:00", "2027-05-10 07:00", "2027-05-17 07:00"}},
		{"monthly, last day, deadline past midnight", "0 23 L * *", "UTC", 2 * time.Hour,
			[]run{{utc("2027-04-30 23:00"), true}},
			"2027-04-02 00:00", "2027-06-02 00:00", []string{"2027-05-31 23:00"}},
		{"daylight saving starts: the skipped 02:30 is owed nothing", "30 2 * * *", "Europe/Berlin", 65 * time.Minute,
			[]run{{utc("2027-03-27 01:30"), true}, {utc("2027-03-29 00:30"), true}},
			"2027-03-27 00:00", "2027-03-30 00:00", nil},
		{"daylight saving ends: the repeated 02:30 is owed twice", "30 2 * * *", "Europe/Berlin", 65 * time.Minute,
			[]run{{utc("2027-10-31 00:30"), true}},
			"2027-10-30 12:00", "2027-11-01 00:00", []string{"2027-10-31 01:30"}},
		{"every 20 minutes, one missed", "*/20 * * * *", "UTC", 10 * time.Minute,
			[]run{{utc("2027-05-04 10:00"), true}, {utc("2027-05-04 10:40"), true}},
			"2027-05-04 10:00", "2027-05-04 11:00", []string{"2027-05-04 10:20"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := nightly()
			a.Cron, a.Timezone, a.DeadlineGrace = c.cron, c.tz, c.grace
			v, g, err := validate("nightly", a)
			require.NoError(t, err)
			d := deadlineFor(v, g.root)
			require.NotNil(t, d)
			checks, err := cron.SnowflakeCron(d.checkCron)
			require.NoError(t, err)
			var prev *time.Time
			var got []string
			for _, s := range checks.Instants(utc(c.from), utc(c.to)) {
				for _, due := range late(t, d, prev, s, created, c.runs) {
					got = append(got, due.Format("2006-01-02 15:04"))
				}
				s := s
				prev = &s
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// A first check covers only its own minute, and no due time before the
// root was created: deploying a graph raises nothing about the past.
func TestDeadline_firstCheckLooksNoFurtherBack(t *testing.T) {
	a := nightly()
	a.Cron, a.Timezone, a.DeadlineGrace = "0 * * * *", "UTC", 30*time.Minute
	v, g, err := validate("nightly", a)
	require.NoError(t, err)
	d := deadlineFor(v, g.root)
	s := time.Date(2027, 5, 4, 10, 30, 0, 0, time.UTC)
	assert.Equal(t, []time.Time{time.Date(2027, 5, 4, 10, 0, 0, 0, time.UTC)}, late(t, d, nil, s, time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC), nil))
	assert.Empty(t, late(t, d, nil, s, time.Date(2027, 5, 4, 10, 5, 0, 0, time.UTC), nil), "created after the due time")
	prev := s.Add(-48 * time.Hour)
	assert.Len(t, late(t, d, &prev, s, time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC), nil), 1, "at most one check period back: the checks are hourly")
}

// What docs/deadlines.md (Limits) says of a failed check: the next one
// looks back one check period, so with daily checks the failed check's
// due time is not checked again (its failure went to the error
// integration instead).
func TestDeadline_aFailedChecksDueIsNotCheckedAgain(t *testing.T) {
	a := nightly()
	a.Cron, a.Timezone, a.DeadlineGrace = "0 2 * * *", "UTC", 65*time.Minute
	v, g, err := validate("nightly", a)
	require.NoError(t, err)
	d := deadlineFor(v, g.root)
	require.Equal(t, 24*time.Hour, d.maxGap)
	day := func(n int) time.Time { return time.Date(2027, 5, n, 3, 5, 0, 0, time.UTC) }
	prev := day(3) // the check of the 4th failed; nothing ran on the 4th or 5th
	assert.Equal(t, []time.Time{time.Date(2027, 5, 5, 2, 0, 0, 0, time.UTC)},
		late(t, d, &prev, day(5), time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC), nil))
}

func TestTaskGraph_deadlineTask(t *testing.T) {
	plan := mustRun(t, nightly())
	check := synthtest.Find(t, plan, snowflake.TaskType, "nightly-deadline")
	integration := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration")
	assert.Equal(t, "EXTRACT_DEADLINE", check.String("name"))
	assert.Equal(t, "ANALYTICS", check.String("database"))
	assert.Equal(t, "CORE", check.String("schema"))
	// Five hours of the longest run and its finalizer, plus 5 minutes, after 02:00.
	assert.Equal(t, map[string]any{"usingCron": "5 7 * * * Europe/Berlin"}, check.Inputs["schedule"])
	assert.Equal(t, false, check.Inputs["started"])
	assert.Equal(t, integration.Output("name"), check.String("errorIntegration"))
	assert.Equal(t, "false", check.String("allowOverlappingExecution"))
	assert.Equal(t, float64(10), check.Inputs["suspendTaskAfterNumFailures"])
	assert.Equal(t, float64(600000), check.Inputs["userTaskTimeoutMs"])
	assert.Equal(t, "XSMALL", check.String("userTaskManagedInitialWarehouseSize"))
	assert.Equal(t, "schedkit TaskGraph nightly: deadline check", check.String("comment"))
	// The one marker readers of a plan (schedkit cost) tell a check by.
	for _, task := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, task.Name == "nightly-deadline", schedplan.IsDeadlineCheck(task), task.Name)
	}
	for _, k := range []string{"afters", "finalize", "when", "warehouse", "taskAutoRetryAttempts"} {
		assert.Nil(t, check.Inputs[k], k)
	}
	assert.Equal(t, nightlyCheckSQL(integration.Output("name")), check.String("sqlStatement"))

	started := nightly()
	started.Started = true
	started.Warehouse = pulumi.String("TRANSFORM_WH")
	plan = mustRun(t, started)
	check = synthtest.Find(t, plan, snowflake.TaskType, "nightly-deadline")
	assert.Equal(t, true, check.Inputs["started"], "started with the graph")
	assert.Equal(t, "TRANSFORM_WH", check.String("warehouse"), "on the graph's warehouse")
	assert.Nil(t, check.Inputs["userTaskManagedInitialWarehouseSize"])
}

func TestTaskGraph_maxAgeDeadlines(t *testing.T) {
	every := nightly()
	every.Cron, every.Timezone, every.EveryMinutes = "", "", 30
	plan := mustRun(t, every)
	check := synthtest.Find(t, plan, snowflake.TaskType, "nightly-deadline")
	// 30 minutes plus a grace of 5h05: a quarter of 5h35 is 83 minutes.
	assert.Equal(t, map[string]any{"minutes": float64(83)}, check.Inputs["schedule"])
	sql := check.String("sqlStatement")
	assert.Contains(t, sql, "SELECT GREATEST(COALESCE(:prev, :s - 4980), :s - 4980) INTO :win;")
	assert.Contains(t, sql, "SELECT LAST_AT, COALESCE(LAST_AT, :created) + 20100 AS DEADLINE FROM latest")
	assert.Contains(t, sql, "    WHERE DEADLINE > :win AND DEADLINE <= :s);", "alerts once, in the check the age is crossed in")

	hourly := nightly()
	hourly.Cron, hourly.Timezone, hourly.EveryMinutes, hourly.DeadlineGrace = "", "", 5, 10*time.Minute
	check = synthtest.Find(t, mustRun(t, hourly), snowflake.TaskType, "nightly-deadline")
	assert.Equal(t, map[string]any{"minutes": float64(60)}, check.Inputs["schedule"], "at most hourly")

	stream := nightly()
	stream.Cron, stream.Timezone = "", ""
	stream.TriggerStream, stream.TargetCompletionInterval = pulumi.String("RAW.S.ORDERS_STREAM"), time.Hour
	assert.Empty(t, taskNamed(mustRun(t, stream), "nightly-deadline"), "a triggered graph has no check by default")
	stream.MaxAge = 24 * time.Hour
	check = synthtest.Find(t, mustRun(t, stream), snowflake.TaskType, "nightly-deadline")
	assert.Equal(t, map[string]any{"minutes": float64(360)}, check.Inputs["schedule"], "a quarter of the age")
	sql = check.String("sqlStatement")
	assert.Contains(t, sql, "COALESCE(LAST_AT, :created) + 86400 AS DEADLINE")
	assert.Contains(t, sql, "    WHERE DEADLINE <= :s);", "every check past the age alerts, as ObjectCreated.MaxAge")

	off := nightly()
	off.DisableDeadline = true
	assert.Empty(t, taskNamed(mustRun(t, off), "nightly-deadline"))
}

func TestTaskGraph_rejectsBadDeadlines(t *testing.T) {
	cases := []struct {
		name string
		mod  func(a *TaskGraphArgs)
		want string
	}{
		{"grace too short", func(a *TaskGraphArgs) { a.DeadlineGrace = 30 * time.Second },
			"`DeadlineGrace` 30s is outside 1m0s–120h0m0s in whole minutes (the deadline check reads TASK_HISTORY, which keeps 7 days)"},
		{"grace too long", func(a *TaskGraphArgs) { a.DeadlineGrace = 6 * 24 * time.Hour },
			"`DeadlineGrace` 144h0m0s is outside 1m0s–120h0m0s in whole minutes"},
		{"grace not whole minutes", func(a *TaskGraphArgs) { a.DeadlineGrace = 90 * time.Second },
			"`DeadlineGrace` 1m30s is outside 1m0s–120h0m0s in whole minutes"},
		{"grace without a deadline", func(a *TaskGraphArgs) { a.DeadlineGrace, a.DisableDeadline = time.Hour, true },
			"`DeadlineGrace` 1h0m0s is set with `DisableDeadline`; a graph without a deadline check has no grace"},
		{"grace on a triggered graph", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone, a.TriggerStream, a.TargetCompletionInterval, a.DeadlineGrace = "", "", pulumi.String("D.S.X"), time.Hour, time.Hour
		}, "`DeadlineGrace` 1h0m0s is set with `TriggerStream`; a triggered graph has no due times: set `MaxAge`"},
		{"max age on a scheduled graph", func(a *TaskGraphArgs) { a.MaxAge = time.Hour },
			"`MaxAge` 1h0m0s is set without `TriggerStream`; a scheduled graph's deadline follows its schedule (`DeadlineGrace`)"},
		{"max age out of range", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone, a.TriggerStream, a.TargetCompletionInterval, a.MaxAge = "", "", pulumi.String("D.S.X"), time.Hour, 10*time.Minute
		}, "`MaxAge` 10m0s is outside 15m0s–120h0m0s in whole minutes (0 turns the check off)"},
		{"max age without a deadline", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone, a.TriggerStream, a.TargetCompletionInterval, a.MaxAge, a.DisableDeadline = "", "", pulumi.String("D.S.X"), time.Hour, time.Hour, true
		}, "`MaxAge` 1h0m0s is set with `DisableDeadline`"},
		{"interval too long to see", func(a *TaskGraphArgs) { a.Cron, a.Timezone, a.EveryMinutes = "", "", 7200 },
			"`EveryMinutes` 7200 (every 120h0m0s) plus `DeadlineGrace` 5h5m0s is over 120h0m0s, the longest age the deadline check can see in TASK_HISTORY's 7 days; set `DisableDeadline`"},
		// Every minute for a grace of 9h plus one check period (1m): 542 runs × 5
		// tasks (the finalizer too) × 4 attempts.
		{"history past RESULT_LIMIT, cron", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone, a.DeadlineGrace, a.RetryAttempts = "* * * * *", "UTC", 9*time.Hour, new(3)
		}, "`DeadlineGrace` 9h0m0s lets the deadline check need up to 10840 TASK_HISTORY rows (every run in the grace and one check period, × 5 tasks × 4 attempts), over Snowflake's RESULT_LIMIT of 10000: past it the check misses runs and alerts wrongly; shorten `DeadlineGrace`, schedule the graph less often, or set `DisableDeadline`"},
		// Age 9h01m, checked every 2h15m: 677 runs × 5 tasks × 4 attempts.
		{"history past RESULT_LIMIT, interval", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone, a.EveryMinutes, a.DeadlineGrace, a.RetryAttempts = "", "", 1, 9*time.Hour, new(3)
		}, "`DeadlineGrace` 9h0m0s lets the deadline check need up to 13540 TASK_HISTORY rows"},
		{"a task named like the check", func(a *TaskGraphArgs) { a.Tasks[3].Name = "extract_deadline" },
			"`Tasks[3].Name` \"extract_deadline\" is the name of the deadline check task the graph creates for root \"EXTRACT\" (compared case-insensitively); rename the task or set `DisableDeadline`"},
		{"a finalizer named like the check", func(a *TaskGraphArgs) { a.Finalizer.Name = "EXTRACT_DEADLINE" },
			"`Finalizer.Name` \"EXTRACT_DEADLINE\" is the name of the deadline check task the graph creates for root \"EXTRACT\""},
		{"a root too long for the check's name", func(a *TaskGraphArgs) {
			long := strings.Repeat("R", 250)
			a.Tasks[0].Name = long
			for i := range a.Tasks[1:] {
				for j, p := range a.Tasks[i+1].After {
					if p == "EXTRACT" {
						a.Tasks[i+1].After[j] = long
					}
				}
			}
		}, "`Tasks[0].Name` gives the deadline check task the name \"" + strings.Repeat("R", 250) + "_DEADLINE\", which is not a valid identifier"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := nightly()
			c.mod(a)
			err := Validate("nightly", a)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "taskgraph \"nightly\": "+c.want)
			assert.Error(t, synthtest.RunError(t, program(a), options))
		})
	}
	// Just under the limit: 482 runs × 5 tasks × 4 attempts = 9640 rows.
	a := nightly()
	a.Cron, a.Timezone, a.DeadlineGrace, a.RetryAttempts = "* * * * *", "UTC", 8*time.Hour, new(3)
	assert.NoError(t, Validate("nightly", a))
	// A daily graph reads one run per day of its span, whatever its width.
	a = nightly()
	a.RetryAttempts = new(MaxRetryAttempts)
	assert.NoError(t, Validate("nightly", a))

	// Off, a task may take the name.
	a = nightly()
	a.Tasks[3].Name, a.Tasks[3].After = "EXTRACT_DEADLINE", []string{"TRANSFORM", "AUDIT"}
	a.DisableDeadline = true
	assert.NoError(t, Validate("nightly", a))
}

// nightlyCheckSQL is the exact check of nightly(): due times of "0 2 * * *"
// in Europe/Berlin, grace 5h05 (18300 s), checks at most 25 hours apart
// (90000 s: the day daylight saving ends), runs succeeded only with the
// finalizer CLEANUP.
func nightlyCheckSQL(integration string) string {
	return `EXECUTE IMMEDIATE $$
DECLARE
  s NUMBER;        -- this check's scheduled time, epoch seconds
  prev NUMBER;     -- the previous successful check's
  win NUMBER;      -- deadlines in (win, s] are checked
  lo NUMBER;       -- runs scheduled from lo on are read
  root_id STRING;
  created NUMBER;  -- when the root task was created
  msg STRING;
  alerts INTEGER DEFAULT 0;
  no_root EXCEPTION (-20002, 'schedkit taskgraph nightly: deadline check: root task EXTRACT not found in ANALYTICS.CORE');
BEGIN
  -- SYSTEM$TASK_RUNTIME_INFO: a standalone task is a graph of one.
  SELECT DATE_PART(EPOCH_SECOND, TO_TIMESTAMP_LTZ(NULLIF(SYSTEM$TASK_RUNTIME_INFO('CURRENT_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP')::STRING, ''))),
         DATE_PART(EPOCH_SECOND, TO_TIMESTAMP_LTZ(NULLIF(SYSTEM$TASK_RUNTIME_INFO('LAST_SUCCESSFUL_TASK_GRAPH_ORIGINAL_SCHEDULED_TIMESTAMP')::STRING, '')))
    INTO :s, :prev;
  SHOW TASKS LIKE 'EXTRACT' IN SCHEMA ANALYTICS.CORE;
  SELECT MAX("id"), MAX(DATE_PART(EPOCH_SECOND, "created_on")) INTO :root_id, :created
    FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE UPPER("name") = 'EXTRACT';
  IF (root_id IS NULL) THEN
    RAISE no_root;
  END IF;
  SELECT GREATEST(COALESCE(:prev, :s - 60), :s - 90000) INTO :win;
  SELECT GREATEST(:win - 18300, DATE_PART(EPOCH_SECOND, CURRENT_TIMESTAMP()) - 601200) INTO :lo;
  LET late RESULTSET := (
    WITH history AS (
      SELECT UPPER(NAME) AS NAME, STATE, GRAPH_RUN_GROUP_ID, DATE_PART(EPOCH_SECOND, SCHEDULED_TIME) AS SCHEDULED
      FROM TABLE(ANALYTICS.INFORMATION_SCHEMA.TASK_HISTORY(
        SCHEDULED_TIME_RANGE_START => TO_TIMESTAMP_LTZ(:lo),
        SCHEDULED_TIME_RANGE_END => CURRENT_TIMESTAMP(),
        RESULT_LIMIT => 10000,
        ROOT_TASK_ID => :root_id))
      QUALIFY ROW_NUMBER() OVER (PARTITION BY GRAPH_RUN_GROUP_ID, NAME ORDER BY ATTEMPT_NUMBER DESC) = 1
    ), runs AS (
      SELECT MIN(IFF(NAME = 'EXTRACT', SCHEDULED, NULL)) AS DUE
      FROM history
      GROUP BY GRAPH_RUN_GROUP_ID
      HAVING COUNT_IF(NAME = 'EXTRACT' AND STATE = 'SUCCEEDED') > 0
         AND COUNT_IF(STATE NOT IN ('SUCCEEDED', 'SKIPPED')) = 0
         AND COUNT_IF(NAME = 'CLEANUP') > 0
    ), latest AS (
      SELECT MAX(DUE) AS LAST_AT FROM runs
    ), dues AS (
      SELECT E, CONVERT_TIMEZONE('UTC', 'Europe/Berlin', TO_TIMESTAMP_NTZ(E)) AS WALL
      FROM (SELECT :win - 18300 + 60 * ROW_NUMBER() OVER (ORDER BY SEQ4()) AS E
            FROM TABLE(GENERATOR(ROWCOUNT => 10080)))
      WHERE E <= :s - 18300 AND E > COALESCE(:created, 0)
    )
    SELECT TO_JSON(OBJECT_CONSTRUCT_KEEP_NULL(
             'component', 'taskgraph', 'name', 'nightly',
             'due', TO_VARCHAR(TO_TIMESTAMP_NTZ(E), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'deadline', TO_VARCHAR(TO_TIMESTAMP_NTZ(E + 18300), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'lastSuccess', TO_VARCHAR(TO_TIMESTAMP_NTZ(latest.LAST_AT), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) AS MSG
    FROM dues, latest
    WHERE MINUTE(WALL) = 0
      AND HOUR(WALL) = 2
      AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.DUE >= dues.E)
    ORDER BY E);
  LET c CURSOR FOR late;
  FOR r IN c DO
    msg := r.MSG;
    CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION(
      SNOWFLAKE.NOTIFICATION.APPLICATION_JSON(:msg),
      SNOWFLAKE.NOTIFICATION.INTEGRATION('` + integration + `'));
    alerts := alerts + 1;
  END FOR;
  RETURN alerts || ' late';
END;
$$`
}

// taskNamed lists the plan's tasks with this logical name.
func taskNamed(plan *synth.Plan, name string) []string {
	var out []string
	for _, tk := range plan.ByType(snowflake.TaskType) {
		if tk.Name == name {
			out = append(out, tk.Name)
		}
	}
	return out
}
