package workflow

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/internal/cron"
)

// success is a run that succeeded: the time it was due (what it records)
// and the time it recorded it.
type success struct{ due, recorded string }

// alertsOn simulates the check on the calendar: the pipeline's schedule and
// the check's schedule fire at checks (the same instants for cron and at();
// for rate() out of phase), each check waits d.Grace, reads the record the
// latest success before then wrote, and alerts when Deadline.Late says so.
// It returns the due times alerted, in UTC.
func alertsOn(t *testing.T, checks []time.Time, d Deadline, runs []success) []string {
	t.Helper()
	out := []string{}
	for _, due := range checks {
		readAt := due.Add(d.Grace)
		last, lastAt := time.Unix(0, 0).UTC(), time.Time{}
		for _, r := range runs {
			rec := mustTime(t, r.recorded)
			if rec.After(readAt) || rec.Before(lastAt) {
				continue
			}
			last, lastAt = mustTime(t, r.due), rec
		}
		if d.Late(due, last) {
			out = append(out, due.UTC().Format(time.RFC3339))
		}
	}
	return out
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

func instants(t *testing.T, expr, tz, from, to string) []time.Time {
	t.Helper()
	s, err := cron.EventBridge(expr, tz)
	require.NoError(t, err)
	return s.Instants(mustTime(t, from), mustTime(t, to))
}

func utc(ts []time.Time) []string {
	out := []string{}
	for _, v := range ts {
		out = append(out, v.UTC().Format(time.RFC3339))
	}
	return out
}

// The calendar a check fires on is the schedule's own: its instants in the
// time zone, across daylight saving, on weekdays only, weekly, on the last
// day of the month, once for at().
func TestDeadline_checksFireOnTheSchedulesOwnCalendar(t *testing.T) {
	for _, tc := range []struct {
		name, expr, tz, from, to string
		want                     []string
	}{
		{"daily in Berlin across the spring change (28 March 2027)", "cron(30 1 * * ? *)", "Europe/Berlin", "2027-03-26T00:00:00Z", "2027-03-29T12:00:00Z",
			[]string{"2027-03-26T00:30:00Z", "2027-03-27T00:30:00Z", "2027-03-28T00:30:00Z", "2027-03-28T23:30:00Z"}},
		{"a time the spring change skips never fires", "cron(30 2 * * ? *)", "Europe/Berlin", "2027-03-27T00:00:00Z", "2027-03-30T00:00:00Z",
			[]string{"2027-03-27T01:30:00Z", "2027-03-29T00:30:00Z"}},
		{"a time the autumn change repeats fires once", "cron(30 2 * * ? *)", "Europe/Berlin", "2027-10-30T00:00:00Z", "2027-11-01T00:00:00Z",
			[]string{"2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z"}},
		{"weekdays only in New York", "cron(0 6 ? * MON-FRI *)", "America/New_York", "2027-01-08T00:00:00Z", "2027-01-12T00:00:00Z",
			[]string{"2027-01-08T11:00:00Z", "2027-01-11T11:00:00Z"}},
		{"weekly", "cron(0 2 ? * MON *)", "UTC", "2027-01-01T00:00:00Z", "2027-01-20T00:00:00Z",
			[]string{"2027-01-04T02:00:00Z", "2027-01-11T02:00:00Z", "2027-01-18T02:00:00Z"}},
		{"monthly on the last day", "cron(0 3 L * ? *)", "UTC", "2027-01-15T00:00:00Z", "2027-04-15T00:00:00Z",
			[]string{"2027-01-31T03:00:00Z", "2027-02-28T03:00:00Z", "2027-03-31T03:00:00Z"}},
		{"once", "at(2027-05-01T09:00:00)", "Europe/Berlin", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z",
			[]string{"2027-05-01T07:00:00Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, utc(instants(t, tc.expr, tc.tz, tc.from, tc.to)))
		})
	}
}

// For each kind of schedule, given the runs that happened, the check alerts
// for exactly the due times no run due at or after them has succeeded
// within the grace.
func TestDeadline_alertsExactlyForTheMissedRuns(t *testing.T) {
	berlin := instants(t, "cron(30 1 * * ? *)", "Europe/Berlin", "2027-03-26T00:00:00Z", "2027-03-29T12:00:00Z")
	weekdays := instants(t, "cron(0 6 ? * MON-FRI *)", "America/New_York", "2027-01-08T00:00:00Z", "2027-01-13T00:00:00Z")
	monthly := instants(t, "cron(0 3 L * ? *)", "UTC", "2027-01-15T00:00:00Z", "2027-04-15T00:00:00Z")
	hour := 2 * time.Hour
	for _, tc := range []struct {
		name   string
		checks []time.Time
		d      Deadline
		runs   []success
		want   []string
	}{
		{"daily across DST, every run on time", berlin, Deadline{Grace: hour}, []success{
			{"2027-03-26T00:30:00Z", "2027-03-26T01:00:00Z"}, {"2027-03-27T00:30:00Z", "2027-03-27T01:00:00Z"},
			{"2027-03-28T00:30:00Z", "2027-03-28T01:10:00Z"}, {"2027-03-28T23:30:00Z", "2027-03-29T00:00:00Z"},
		}, []string{}},
		{"daily across DST, the first summer run missing", berlin, Deadline{Grace: hour}, []success{
			{"2027-03-26T00:30:00Z", "2027-03-26T01:00:00Z"}, {"2027-03-27T00:30:00Z", "2027-03-27T01:00:00Z"},
			{"2027-03-28T00:30:00Z", "2027-03-28T01:10:00Z"},
		}, []string{"2027-03-28T23:30:00Z"}},
		{"a run that succeeds after its grace is reported", berlin[:1], Deadline{Grace: hour}, []success{
			{"2027-03-26T00:30:00Z", "2027-03-26T02:31:00Z"},
		}, []string{"2027-03-26T00:30:00Z"}},
		{"a run that succeeds on the last second of its grace is not", berlin[:1], Deadline{Grace: hour}, []success{
			{"2027-03-26T00:30:00Z", "2027-03-26T02:30:00Z"},
		}, []string{}},
		{"weekdays only: nothing runs or is owed on the weekend, Monday missed", weekdays, Deadline{Grace: hour}, []success{
			{"2027-01-08T11:00:00Z", "2027-01-08T11:20:00Z"}, {"2027-01-12T11:00:00Z", "2027-01-12T11:20:00Z"},
		}, []string{"2027-01-11T11:00:00Z"}},
		{"monthly: February missed, noticed on its own day however long the interval", monthly, Deadline{Grace: 6 * time.Hour}, []success{
			{"2027-01-31T03:00:00Z", "2027-01-31T04:00:00Z"}, {"2027-03-31T03:00:00Z", "2027-03-31T04:00:00Z"},
		}, []string{"2027-02-28T03:00:00Z"}},
		{"a skipped run owes a success: the run it skipped for started earlier and ends after the due time", berlin[:2], Deadline{Grace: hour}, []success{
			{"2027-03-26T00:30:00Z", "2027-03-26T01:00:00Z"}, {"2027-03-26T23:00:00Z", "2027-03-27T00:45:00Z"},
		}, []string{"2027-03-27T00:30:00Z"}},
		{"two runs started together both skip: neither records, the deadline catches it", berlin[1:2], Deadline{Grace: hour}, []success{
			{"2027-03-26T00:30:00Z", "2027-03-26T01:00:00Z"},
		}, []string{"2027-03-27T00:30:00Z"}},
		{"a manual run after the due time counts (dated by its start)", berlin[:1], Deadline{Grace: hour}, []success{
			{"2027-03-26T01:10:00Z", "2027-03-26T01:40:00Z"},
		}, []string{}},
		{"a backfill of an older day does not count", berlin[:1], Deadline{Grace: hour}, []success{
			{"2027-03-20T00:30:00Z", "2027-03-26T01:40:00Z"},
		}, []string{"2027-03-26T00:30:00Z"}},
		{"never succeeded", berlin[:1], Deadline{Grace: hour}, nil, []string{"2027-03-26T00:30:00Z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, alertsOn(t, tc.checks, tc.d, tc.runs))
		})
	}
}

// rate(): the check's schedule was created after the pipeline's and fires
// out of phase; the lookback of one interval still asks for exactly the
// run due last.
func TestDeadline_rateChecksAskForTheRunDueLastWhateverThePhase(t *testing.T) {
	every := 6 * time.Hour
	pipelineStart := mustTime(t, "2027-01-01T00:00:00Z")
	for _, phase := range []time.Duration{0, 3 * time.Second, 17 * time.Minute, 4*time.Hour + 59*time.Minute} {
		sched, err := cron.EventBridge("rate(6 hours)", "")
		require.NoError(t, err)
		checks := sched.Instants(pipelineStart.Add(phase), pipelineStart.Add(24*time.Hour))
		d := Deadline{Grace: time.Hour, Lookback: every}
		due := func(n int) string { return pipelineStart.Add(time.Duration(n) * every).Format(time.RFC3339) }
		rec := func(n int) string {
			return pipelineStart.Add(time.Duration(n)*every + 20*time.Minute).Format(time.RFC3339)
		}
		all := []success{{due(0), rec(0)}, {due(1), rec(1)}, {due(2), rec(2)}, {due(3), rec(3)}}
		assert.Empty(t, alertsOn(t, checks, d, all), "phase %s: every run succeeded", phase)
		missing := []success{{due(0), rec(0)}, {due(1), rec(1)}, {due(3), rec(3)}}
		want := []string{pipelineStart.Add(2*every + phase).Format(time.RFC3339)}
		assert.Equal(t, want, alertsOn(t, checks, d, missing), "phase %s: the check after the 12:00 due time alerts", phase)
	}
	// Out of phase by more than an interval less the grace, the check of a
	// missed run reads after the next run is due: when that one has
	// succeeded by then, the data is as fresh as asked and nothing is
	// reported; two missed runs in a row always are (once: the second one's
	// check again reads after a success).
	sched, err := cron.EventBridge("rate(6 hours)", "")
	require.NoError(t, err)
	phase := 5*time.Hour + 30*time.Minute
	checks := sched.Instants(pipelineStart.Add(phase), pipelineStart.Add(30*time.Hour))
	d := Deadline{Grace: time.Hour, Lookback: every}
	due := func(n int) string { return pipelineStart.Add(time.Duration(n) * every).Format(time.RFC3339) }
	rec := func(n int) string {
		return pipelineStart.Add(time.Duration(n)*every + 20*time.Minute).Format(time.RFC3339)
	}
	assert.Empty(t, alertsOn(t, checks, d, []success{{due(0), rec(0)}, {due(1), rec(1)}, {due(3), rec(3)}, {due(4), rec(4)}}))
	assert.Equal(t, []string{"2027-01-01T17:30:00Z"},
		alertsOn(t, checks, d, []success{{due(0), rec(0)}, {due(1), rec(1)}, {due(4), rec(4)}}))
}

func TestDeadline_defaultGraceIsTheMaximumRuntimeWithTheWindowAndSlack(t *testing.T) {
	assert.Equal(t, 65*time.Minute, DefaultGrace(time.Hour, 0))
	assert.Equal(t, 95*time.Minute, DefaultGrace(time.Hour, 30))
	assert.Equal(t, MaxGrace, DefaultGrace(MaxRuntime, 0), "at most what one check execution can wait")
}

// The check workflow is what Late says, in JSONata: the condition, the
// wait, the record it reads and the alert it publishes.
func TestDeadline_checkDefinitionStateByState(t *testing.T) {
	for _, tc := range []struct {
		d         Deadline
		condition string
	}{
		{Deadline{Grace: 65 * time.Minute}, "{% $toMillis($states.input.lastDue) < $toMillis($states.input.due) %}"},
		{Deadline{Grace: 65 * time.Minute, Lookback: 6 * time.Hour}, "{% $toMillis($states.input.lastDue) <= $toMillis($states.input.due) - 21600000 %}"},
	} {
		js, err := checkDefinition(tc.d, "nightly-last-success-1234567", "arn:aws:sns:us-east-1:123456789012:alerts", "schedkit cronjob nightly missed its deadline")
		require.NoError(t, err)
		var def map[string]any
		require.NoError(t, json.Unmarshal([]byte(js), &def))
		assert.Equal(t, "JSONata", def["QueryLanguage"])
		assert.Equal(t, StateWaitGrace, def["StartAt"])
		assert.Equal(t, float64(65*60+15*60), def["TimeoutSeconds"])
		states := def["States"].(map[string]any)
		assert.Len(t, states, 7)
		assert.Equal(t, map[string]any{"Type": "Wait", "Comment": "Give the run due now its grace", "Seconds": float64(3900), "Next": StateReadLastSuccess}, states[StateWaitGrace])
		read := states[StateReadLastSuccess].(map[string]any)
		assert.Equal(t, "arn:aws:states:::aws-sdk:ssm:getParameter", read["Resource"])
		assert.Equal(t, map[string]any{"Name": "nightly-last-success-1234567"}, read["Arguments"])
		out := read["Output"].(map[string]any)
		assert.Equal(t, "{% $substringBefore($states.result.Parameter.Value, ' ') %}", out["lastDue"])
		assert.Equal(t, "{% $fromMillis($toMillis($states.input.due) + 3900000) %}", out["deadline"])
		late := states[StateLate].(map[string]any)
		assert.Equal(t, []any{map[string]any{"Condition": tc.condition, "Next": StateAlert}}, late["Choices"])
		assert.Equal(t, StateOnTime, late["Default"])
		alert := states[StateAlert].(map[string]any)
		assert.Equal(t, "arn:aws:states:::sns:publish", alert["Resource"])
		assert.Equal(t, map[string]any{
			"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts",
			"Subject":  "schedkit cronjob nightly missed its deadline",
			"Message":  "{% $string($states.input) %}",
		}, alert["Arguments"])
	}
}

func TestDeadline_lateMatchesTheConditionsBoundaries(t *testing.T) {
	due := mustTime(t, "2027-01-01T06:00:00Z")
	exact := Deadline{}
	assert.False(t, exact.Late(due, due), "a success due at the due time counts")
	assert.True(t, exact.Late(due, due.Add(-time.Millisecond)))
	rate := Deadline{Lookback: time.Hour}
	assert.False(t, rate.Late(due, due.Add(-time.Hour+time.Millisecond)))
	assert.True(t, rate.Late(due, due.Add(-time.Hour)), "the run an interval before is the previous one")
}

func TestRecord_splitsDueAndExecution(t *testing.T) {
	due, exec := splitRecord(NeverSucceeded)
	assert.Equal(t, "1970-01-01T00:00:00Z", due)
	assert.Equal(t, "never", exec)
	_, err := time.Parse(time.RFC3339, due)
	assert.NoError(t, err, "the first record is a time the check can read")
}

func TestRecord_refusesADefinitionWithoutItsSucceedState(t *testing.T) {
	_, err := withSuccessRecord(`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`, "p")
	assert.EqualError(t, err, `the workflow definition has no Succeed state "Succeeded" to record`)
	_, err = withSuccessRecord(`{"StartAt":"Succeeded","States":{"Succeeded":{"Type":"Succeed"},"Done":{"Type":"Succeed"}}}`, "p")
	assert.EqualError(t, err, `the workflow definition already has a state "Done"`)
	out, err := withSuccessRecord(`{"StartAt":"Succeeded","States":{"Succeeded":{"Type":"Succeed"}}}`, "p")
	require.NoError(t, err)
	assert.Contains(t, out, `"RecordScheduledSuccess"`)
}

func TestMaxAge_checkedEveryQuarterAtMostHourly(t *testing.T) {
	for age, want := range map[time.Duration]string{
		15 * time.Minute: "rate(3 minutes)", 4 * time.Minute * 1: "rate(1 minute)", 2 * time.Hour: "rate(30 minutes)",
		4 * time.Hour: "rate(1 hour)", 7 * 24 * time.Hour: "rate(1 hour)",
	} {
		assert.Equal(t, want, rateOf(MaxAgeCheckEvery(age)), age)
	}
}

// A maximum age alerts at every check once the last success is older.
func TestMaxAge_alertsOnceTheLastSuccessIsOlderThanTheAge(t *testing.T) {
	s, err := cron.EventBridge("rate(1 hour)", "")
	require.NoError(t, err)
	checks := s.Instants(mustTime(t, "2027-01-01T00:07:00Z"), mustTime(t, "2027-01-02T06:00:00Z"))
	d := Deadline{Lookback: 26 * time.Hour}
	runs := []success{{"2027-01-01T01:00:00Z", "2027-01-01T02:00:00Z"}}
	got := alertsOn(t, checks, d, runs)
	assert.Equal(t, []string{
		"2027-01-01T00:07:00Z", "2027-01-01T01:07:00Z", // before the first success is recorded
		"2027-01-02T03:07:00Z", "2027-01-02T04:07:00Z", "2027-01-02T05:07:00Z", // 26 h after the run due at 01:00
	}, got)
}
