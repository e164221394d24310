package cron

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Counts are by hand for 2027: it starts on a Friday and has 365 days, so
// every weekday occurs 52 times except Friday (53); the first days of its
// months fall on Fri Mon Mon Thu Sat Tue Thu Sun Wed Fri Mon Wed. Europe
// changes clocks on 28 March (02:00→03:00) and 31 October (03:00→02:00),
// New York on 14 March (02:00→03:00) and 7 November (02:00→01:00).
func TestEventBridge_runsPerMonth(t *testing.T) {
	cases := []struct {
		name, expr, tz string
		perYear        float64
	}{
		{"daily in UTC", "cron(0 2 * * ? *)", "", 365},
		{"every 15 minutes", "cron(0/15 * * * ? *)", "UTC", 96 * 365},
		{"stepped range of hours", "cron(0 8-18/2 * * ? *)", "UTC", 6 * 365},
		{"weekdays by name", "cron(0 12 ? * MON-FRI *)", "UTC", 52*4 + 53},
		{"weekdays by number (2-6 is MON-FRI)", "cron(0 12 ? * 2-6 *)", "UTC", 52*4 + 53},
		{"weekly on Monday", "cron(0 2 ? * MON *)", "UTC", 52},
		{"list of days of the month", "cron(0 0 1,15 * ? *)", "UTC", 24},
		{"months by name", "cron(0 0 1 JAN,JUL ? *)", "UTC", 2},
		{"last day of the month (L)", "cron(0 9 L * ? *)", "UTC", 12},
		{"last weekday of the month (LW)", "cron(0 9 LW * ? *)", "UTC", 12},
		{"weekday nearest the 15th (15W)", "cron(0 9 15W * ? *)", "UTC", 12},
		{"third Friday (6#3)", "cron(0 9 ? * 6#3 *)", "UTC", 12},
		{"fifth Friday (6#5) only in months that have one", "cron(0 9 ? * 6#5 *)", "UTC", 5},
		{"last Monday (2L)", "cron(0 9 ? * 2L *)", "UTC", 12},
		{"only another year", "cron(0 0 1 1 ? 2030)", "UTC", 0},
		{"only the reference year", "cron(0 0 1 1 ? 2026-2028)", "UTC", 1},
		{"01:30 exists every day in Berlin", "cron(30 1 * * ? *)", "Europe/Berlin", 365},
		{"02:30 Berlin: skipped in spring, once in autumn", "cron(30 2 * * ? *)", "Europe/Berlin", 364},
		{"01:30 New York: repeated hour runs once", "cron(30 1 * * ? *)", "America/New_York", 365},
		{"hourly Berlin: 23 hours in spring, 24 firings in autumn", "cron(0 * * * ? *)", "Europe/Berlin", 365*24 - 1},
		{"rate in minutes", "rate(5 minutes)", "", 12 * 8760},
		{"rate of one day is 24 hours", "rate(1 day)", "Europe/Berlin", 365},
		{"rate in hours", "rate(6 hours)", "UTC", 4 * 365},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := EventBridge(c.expr, c.tz)
			require.NoError(t, err)
			assert.InDelta(t, c.perYear/12, s.RunsPerMonth(), 1e-9)
		})
	}
}

func TestEventBridge_atFiresOnce(t *testing.T) {
	s, err := EventBridge("at(2027-05-01T10:00:00)", "Europe/Berlin")
	require.NoError(t, err)
	assert.True(t, s.OneTime())
	assert.Equal(t, 1.0, s.RunsPerMonth())
}

func TestSnowflake_runsPerMonth(t *testing.T) {
	cases := []struct {
		name, schedule string
		perYear        float64
	}{
		{"daily cron", "USING CRON 0 3 * * * UTC", 365},
		{"weekdays 1-5", "USING CRON 0 9 * * 1-5 UTC", 52*4 + 53},
		{"weekdays by name", "USING CRON 0 9 * * MON-FRI UTC", 52*4 + 53},
		{"Sunday as 0 and 7", "USING CRON 0 9 * * 0,7 UTC", 52},
		{"both day fields restricted: either matches", "USING CRON 0 0 1 * 1 UTC", 12 + 52 - 3},
		{"last day of the month", "USING CRON 0 0 L * * UTC", 12},
		{"last Friday (5L)", "USING CRON 0 0 * * 5L UTC", 12},
		{"every third month from April", "USING CRON 0 0 1 4/3 * UTC", 3},
		{"02:30 Berlin: never in spring, twice in autumn", "USING CRON 30 2 * * * Europe/Berlin", 365},
		{"01:00 New York: twice on 7 November", "USING CRON 0 1 * * * America/New_York", 366},
		{"02:30 New York: never on 14 March", "USING CRON 30 2 * * * America/New_York", 364},
		{"60 MINUTE", "60 MINUTE", 8760},
		{"5 MINUTES", "5 MINUTES", 12 * 8760},
		{"2 HOURS", "2 HOURS", 4380},
		{"30 SECONDS", "30 SECONDS", 120 * 8760},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := SnowflakeSchedule(c.schedule)
			require.NoError(t, err)
			assert.InDelta(t, c.perYear/12, s.RunsPerMonth(), 1e-9)
		})
	}
}

func TestFirings_daylightSavingDays(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	day := func(m time.Month, d int) (time.Time, time.Time) {
		from := time.Date(2027, m, d, 0, 0, 0, 0, berlin)
		return from, from.AddDate(0, 0, 1)
	}
	aws, err := EventBridge("cron(30 2 * * ? *)", "Europe/Berlin")
	require.NoError(t, err)
	snow, err := SnowflakeCron("30 2 * * * Europe/Berlin")
	require.NoError(t, err)
	assert.Equal(t, 0, aws.Firings(day(time.March, 28)))
	assert.Equal(t, 0, snow.Firings(day(time.March, 28)))
	assert.Equal(t, 1, aws.Firings(day(time.October, 31)))
	assert.Equal(t, 2, snow.Firings(day(time.October, 31)))
	assert.Equal(t, 1, aws.Firings(day(time.June, 1)))
}

func TestEvery(t *testing.T) {
	s, err := Every(time.Hour)
	require.NoError(t, err)
	assert.InDelta(t, 730.0, s.RunsPerMonth(), 1e-9)
	_, err = Every(0)
	assert.Error(t, err)
}

func TestParse_rejects(t *testing.T) {
	for _, c := range []struct{ expr, tz, want string }{
		{"cron(0 2 * * * *)", "UTC", "exactly one of day-of-month"},
		{"cron(0 2 ? * ? *)", "UTC", "exactly one of day-of-month"},
		{"cron(0 2 * *)", "UTC", "has 4 cron fields"},
		{"cron(61 2 * * ? *)", "UTC", `minutes field "61": 61 is outside 0–59`},
		{"cron(0 2 * * ? *)", "Mars/Olympus", "not an IANA time zone"},
		{"cron(0 5-2 * * ? *)", "UTC", "range start is after its end"},
		{"cron(0 2 ? * 6#6 *)", "UTC", "n-th weekday must be 1–5"},
		{"rate(5 weeks)", "UTC", "unit \"weeks\""},
		{"rate(0 minutes)", "UTC", "not a positive whole number"},
		{"at(tomorrow)", "UTC", "at() takes"},
		{"every(5)", "UTC", "is not cron(...)"},
	} {
		_, err := EventBridge(c.expr, c.tz)
		if assert.Error(t, err, c.expr) {
			assert.Contains(t, err.Error(), c.want, c.expr)
		}
	}
	_, err := SnowflakeSchedule("USING CRON 0 2 * * *")
	assert.ErrorContains(t, err, "needs 5 fields and a time zone")
	_, err = SnowflakeSchedule("5 DAYS")
	assert.ErrorContains(t, err, "unit \"days\"")
}
