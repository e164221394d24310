package cron

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse_acceptsValidCronAndKeepsItsSixFields(t *testing.T) {
	cases := []struct {
		name   string
		expr   string
		fields []string
	}{
		{"every day at 02:00", "cron(0 2 * * ? *)", []string{"0", "2", "*", "*", "?", "*"}},
		{"every 15 minutes in office hours on weekdays", "cron(0/15 8-17 ? * MON-FRI *)", []string{"0/15", "8-17", "?", "*", "MON-FRI", "*"}},
		{"last day of the month", "cron(0 12 L * ? *)", []string{"0", "12", "L", "*", "?", "*"}},
		{"first Monday of the month", "cron(0 9 ? * 2#1 *)", []string{"0", "9", "?", "*", "2#1", "*"}},
		{"weekday nearest the 15th in 2030", "cron(30 1 15W * ? 2030)", []string{"30", "1", "15W", "*", "?", "2030"}},
		{"last Friday of the month", "cron(0 0 ? * 6L *)", []string{"0", "0", "?", "*", "6L", "*"}},
		{"last weekday of the month", "cron(0 0 LW * ? *)", []string{"0", "0", "LW", "*", "?", "*"}},
		{"lists, month names and a year range", "cron(0,30 6,18 1,15 JAN-MAR ? 2026-2030)", []string{"0,30", "6,18", "1,15", "JAN-MAR", "?", "2026-2030"}},
		{"day names in lower case", "cron(0 8 ? * mon,wed,fri *)", []string{"0", "8", "?", "*", "mon,wed,fri", "*"}},
		{"bounds of every field", "cron(59 23 31 12 ? 2199)", []string{"59", "23", "31", "12", "?", "2199"}},
		{"extra spaces between fields", "cron(0  2 * *  ? *)", []string{"0", "2", "*", "*", "?", "*"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Parse(tc.expr)
			require.NoError(t, err)
			assert.Equal(t, Cron, e.Kind)
			assert.Equal(t, tc.fields, e.Fields)
			assert.Zero(t, e.Every)
			assert.True(t, e.When.IsZero())
			assert.Equal(t, tc.expr, e.String())
		})
	}
}

func TestParse_rejectsInvalidCronNamingTheField(t *testing.T) {
	cases := []struct {
		name string
		expr string
		want []string // substrings the error must contain
	}{
		{"five fields", "cron(0 2 * * ?)", []string{"cron(0 2 * * ?)", "has 5 cron fields", "needs 6"}},
		{"seven fields", "cron(0 0 2 * * ? *)", []string{"has 7 cron fields", "needs 6"}},
		{"both day fields are ?", "cron(0 2 ? * ? *)", []string{"exactly one of day-of-month (?) and day-of-week (?) must be ?"}},
		{"neither day field is ?", "cron(0 2 * * * *)", []string{"exactly one of day-of-month (*) and day-of-week (*) must be ?"}},
		{"minute 60", "cron(60 2 * * ? *)", []string{`minutes field "60"`, "60 is outside 0–59"}},
		{"hour 24", "cron(0 24 * * ? *)", []string{`hours field "24"`, "24 is outside 0–23"}},
		{"day of month 0", "cron(0 2 0 * ? *)", []string{`day-of-month field "0"`, "0 is outside 1–31"}},
		{"month 13", "cron(0 2 * 13 ? *)", []string{`month field "13"`, "13 is outside 1–12"}},
		{"day of week 8", "cron(0 2 ? * 8 *)", []string{`day-of-week field "8"`, "8 is outside 1–7"}},
		{"day of week 0", "cron(0 2 ? * 0 *)", []string{`day-of-week field "0"`, "0 is outside 1–7"}},
		{"step of 0", "cron(0/0 2 * * ? *)", []string{`minutes field "0/0"`, `step "0" is not a positive number`}},
		{"step that is not a number", "cron(*/x 2 * * ? *)", []string{`minutes field "*/x"`, `step "x"`}},
		{"range start after its end", "cron(0 17-8 * * ? *)", []string{`hours field "17-8"`, "range start is after its end"}},
		{"day-name range backwards", "cron(0 8 ? * FRI-MON *)", []string{`day-of-week field "FRI-MON"`, "range start is after its end"}},
		{"? in minutes", "cron(? 2 * * ? *)", []string{`minutes field "?"`, "? is not allowed in the minutes field"}},
		{"? in month", "cron(0 2 * ? ? *)", []string{`month field "?"`}},
		{"year 2300", "cron(0 2 * * ? 2300)", []string{`year field "2300"`, "2300 is outside 1970–2199"}},
		{"year 1969", "cron(0 2 * * ? 1969)", []string{`year field "1969"`}},
		{"empty list item", "cron(0 1,,2 * * ? *)", []string{`hours field "1,,2"`, "empty list item"}},
		{"trailing comma", "cron(0 2 1, * ? *)", []string{`day-of-month field "1,"`, "empty list item"}},
		{"unknown month name", "cron(0 2 * JANUARY ? *)", []string{`month field "JANUARY"`, "not a number or name"}},
		{"plus sign on a number", "cron(+5 2 * * ? *)", []string{`minutes field "+5"`, "not a number or name"}},
		{"W in day-of-week", "cron(0 2 ? * 2W *)", []string{`day-of-week field "2W"`}},
		{"L with a day in day-of-month", "cron(0 2 15L * ? *)", []string{`day-of-month field "15L"`}},
		{"sixth weekday of the month", "cron(0 9 ? * 2#6 *)", []string{`day-of-week field "2#6"`, "the n-th weekday must be 1–5"}},
		{"# with day 9", "cron(0 9 ? * 9#1 *)", []string{`day-of-week field "9#1"`, "9 is outside 1–7"}},
		{"W with day 32", "cron(0 9 32W * ? *)", []string{`day-of-month field "32W"`, "32 is outside 1–31"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.expr)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Contains(t, err.Error(), tc.expr, "the error quotes the expression")
		})
	}
}

func TestParse_rate(t *testing.T) {
	valid := []struct {
		name  string
		expr  string
		every time.Duration
	}{
		{"one minute is singular", "rate(1 minute)", time.Minute},
		{"five minutes is plural", "rate(5 minutes)", 5 * time.Minute},
		{"one hour", "rate(1 hour)", time.Hour},
		{"twelve hours", "rate(12 hours)", 12 * time.Hour},
		{"one day", "rate(1 day)", 24 * time.Hour},
		{"seven days", "rate(7 days)", 7 * 24 * time.Hour},
	}
	for _, tc := range valid {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Parse(tc.expr)
			require.NoError(t, err)
			assert.Equal(t, Rate, e.Kind)
			assert.Equal(t, tc.every, e.Every)
			assert.Nil(t, e.Fields)
			assert.Equal(t, tc.expr, e.String())
		})
	}

	invalid := []struct {
		name string
		expr string
		want string
	}{
		{"plural unit for 1", "rate(1 minutes)", "singular for 1 and plural otherwise"},
		{"singular unit for 5", "rate(5 minute)", "singular for 1 and plural otherwise"},
		{"zero", "rate(0 hours)", `rate value "0" is not a positive whole number`},
		{"negative", "rate(-1 hours)", `rate value "-1" is not a positive whole number`},
		{"plus sign", "rate(+5 minutes)", `rate value "+5" is not a positive whole number`},
		{"fraction", "rate(1.5 hours)", `rate value "1.5" is not a positive whole number`},
		{"weeks are not a unit", "rate(2 weeks)", `rate unit "weeks" is not minute(s), hour(s) or day(s)`},
		{"seconds are not a unit", "rate(30 seconds)", `rate unit "seconds"`},
		{"value that is not a number", "rate(x hours)", `rate value "x" is not a positive whole number`},
		{"missing unit", "rate(5)", "rate() takes a value and a unit"},
		{"too many words", "rate(5 minutes please)", "rate() takes a value and a unit"},
		{"empty", "rate()", "rate() takes a value and a unit"},
		{"overflowing interval", "rate(9223372036854775807 days)", "too long"},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.expr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), tc.expr)
		})
	}
}

func TestParse_at(t *testing.T) {
	e, err := Parse("at(2026-12-01T10:00:00)")
	require.NoError(t, err)
	assert.Equal(t, At, e.Kind)
	assert.Equal(t, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), e.When)
	assert.Zero(t, e.Every)
	assert.Nil(t, e.Fields)

	for _, expr := range []string{
		"at(2026-12-01)",
		"at(2026-12-01 10:00:00)",
		"at(2026-13-01T10:00:00)",
		"at(2026-12-01T10:00:00Z)",
		"at()",
	} {
		t.Run(expr, func(t *testing.T) {
			_, err := Parse(expr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "at() takes yyyy-mm-ddThh:mm:ss")
			assert.Contains(t, err.Error(), expr)
		})
	}
}

func TestParse_rejectsWhatIsNotAnExpression(t *testing.T) {
	for _, expr := range []string{
		"every day",
		"cron 0 2 * * ? *",
		"",
		"cron(0 2 * * ? *",
		"0 2 * * ? *)",
		"CRON(0 2 * * ? *)",
		"daily(1)",
		" rate(5 minutes)",
	} {
		t.Run(expr, func(t *testing.T) {
			_, err := Parse(expr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "is not cron(...), rate(...) or at(...)")
		})
	}
}

func TestTimeZone(t *testing.T) {
	for _, tz := range []string{"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Etc/GMT+1"} {
		t.Run("accepts "+tz, func(t *testing.T) {
			assert.NoError(t, TimeZone(tz))
		})
	}
	for _, tz := range []string{"", "Local", "Mars/Base", "utc+1", "Europe/berlin/x", "../etc/passwd"} {
		t.Run("rejects "+tz, func(t *testing.T) {
			err := TimeZone(tz)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "is not an IANA time zone")
			assert.Contains(t, err.Error(), `"`+tz+`"`)
		})
	}
}

func TestCheckSnowflakeCron(t *testing.T) {
	for _, spec := range []string{
		"0 2 * * * UTC",
		"*/5 * * * * America/New_York",
		"0 9-17 * * MON-FRI Europe/Berlin",
		"0 0 L * * UTC",
		"0 0 * * 0 UTC",
		"0 0 * * 7 UTC",
		"0 0 * * 5L UTC",
		"15,45 1 1-7 JAN,JUL * Asia/Tokyo",
	} {
		t.Run("accepts "+spec, func(t *testing.T) {
			assert.NoError(t, CheckSnowflakeCron(spec))
		})
	}

	invalid := []struct {
		name string
		spec string
		want []string
	}{
		{"EventBridge's six fields with ?", "0 2 * * ? *", []string{`day-of-week field "?"`, "? is not allowed in the day-of-week field"}},
		{"? in day-of-month", "0 2 ? * MON UTC", []string{`day-of-month field "?"`, "? is not allowed"}},
		{"EventBridge's six fields with ? and a zone", "0 2 * * ? * UTC", []string{"needs 5 fields and a time zone", "got 7 parts"}},
		{"missing time zone", "0 2 * * *", []string{"needs 5 fields and a time zone", "got 5 parts"}},
		{"unknown time zone", "0 2 * * * Mars/Base", []string{`"Mars/Base" is not an IANA time zone`}},
		{"four fields and a time zone", "0 2 * * UTC", []string{"got 5 parts"}},
		{"minute 61", "61 2 * * * UTC", []string{`minute field "61"`, "61 is outside 0–59"}},
		{"hour 24", "0 24 * * * UTC", []string{`hour field "24"`}},
		{"day of week 8", "0 0 * * 8 UTC", []string{`day-of-week field "8"`, "8 is outside 0–7"}},
		{"W is not Snowflake's", "0 0 15W * * UTC", []string{`day-of-month field "15W"`}},
		{"# is not Snowflake's", "0 0 * * 1#2 UTC", []string{`day-of-week field "1#2"`}},
		{"empty", "", []string{"got 0 parts"}},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSnowflakeCron(tc.spec)
			require.Error(t, err)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			assert.Contains(t, err.Error(), `"`+tc.spec+`"`, "the error quotes the spec")
		})
	}
}

// One grammar: what components accept (Parse, CheckSnowflakeCron) is what
// cost can count (EventBridge, SnowflakeCron), and what they refuse it
// refuses with the same message.
func TestGrammar_componentsAndCostAgree(t *testing.T) {
	for _, expr := range []string{
		"cron(0 2 * * ? *)", "cron(0 9 ? * 2#1 *)", "cron(30 1 15W * ? 2030)", "cron(0 0 LW * ? *)",
		"rate(1 minute)", "rate(5 minutes)", "at(2026-12-01T10:00:00)",
		"rate(1 minutes)", "rate(2 weeks)", "cron(0 2 ? * ? *)", "cron(60 2 * * ? *)", "cron(0 2 * *)", "daily(1)",
	} {
		t.Run(expr, func(t *testing.T) {
			_, perr := Parse(expr)
			_, eerr := EventBridge(expr, "Europe/Berlin")
			if perr == nil {
				assert.NoError(t, eerr)
			} else if assert.Error(t, eerr) {
				assert.Equal(t, perr.Error(), eerr.Error())
			}
		})
	}
	for _, spec := range []string{"0 2 * * * UTC", "0 0 * * 5L UTC", "0 2 * * ? * UTC", "61 2 * * * UTC", "0 0 15W * * UTC", "0 2 * * * Mars/Base"} {
		t.Run(spec, func(t *testing.T) {
			cerr := CheckSnowflakeCron(spec)
			_, serr := SnowflakeCron(spec)
			if cerr == nil {
				assert.NoError(t, serr)
			} else if assert.Error(t, serr) {
				assert.Equal(t, cerr.Error(), serr.Error())
			}
		})
	}
}
