// Package cron evaluates schedule expressions: how many times a schedule
// really fires. It reads EventBridge Scheduler's cron(...), rate(...) and
// at(...) in a time zone, and Snowflake task schedules (USING CRON with five
// fields and a time zone, or every N minutes, hours or seconds).
//
//	s, _ := cron.EventBridge("cron(30 1 * * ? *)", "Europe/Berlin")
//	s.RunsPerMonth() // 30.42: 365 firings in the reference year / 12
//
// A month is the average month of the reference year 2027 (365 days, so
// 730 hours, the month AWS prices use). Cron schedules are counted firing by
// firing over that whole year in their time zone, so daylight-saving
// changes count as the service treats them (see Dialect).
//
// It is also the one grammar of schedules (grammar.go): components validate
// their schedules with Parse, TimeZone and CheckSnowflakeCron before
// registering anything, and EventBridge and SnowflakeCron accept exactly
// what those accept.
package cron

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the same time zone rules on every machine
)

// ReferenceYear is the calendar year whose firings, divided by 12, make
// RunsPerMonth. 2027 is not a leap year: its average month is 730 hours.
const ReferenceYear = 2027

// HoursPerMonth is the average month of the reference year.
const HoursPerMonth = 365 * 24 / 12.0

// Dialect says whose rules a cron schedule follows.
type Dialect int

const (
	// AWS is EventBridge Scheduler: six fields (minutes hours day-of-month
	// month day-of-week year), day-of-week 1–7 = SUN–SAT, exactly one of the
	// day fields is ?. On daylight-saving changes a firing in the skipped
	// hour is skipped and one in the repeated hour runs once ("EventBridge
	// Scheduler automatically adjusts your schedule for daylight saving
	// time", Schedule types in EventBridge Scheduler, EventBridge Scheduler
	// User Guide).
	AWS Dialect = iota
	// Snowflake is a task's USING CRON: five fields (minute hour
	// day-of-month month day-of-week), day-of-week 0–7 with 0 and 7 = SUN.
	// When both day fields are restricted either may match (Unix cron). A
	// firing in the skipped hour never runs and one in the repeated hour
	// runs twice (CREATE TASK, usage notes on daylight saving time).
	Snowflake
)

// Schedule is a parsed schedule that can be counted.
type Schedule struct {
	text    string
	loc     *time.Location
	every   time.Duration // rate and interval schedules
	at      *time.Time    // one-time schedules
	cron    *cronSpec
	dialect Dialect
}

// String is the schedule as read, with its time zone.
func (s *Schedule) String() string { return s.text }

// EventBridge parses an EventBridge Scheduler expression evaluated in tz
// (an IANA name; "" is UTC, the service's default). It accepts exactly what
// Parse, the grammar components validate with, accepts.
func EventBridge(expr, tz string) (*Schedule, error) {
	loc, err := location(tz)
	if err != nil {
		return nil, err
	}
	text := expr
	if tz != "" {
		text += " " + tz
	}
	e, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	switch e.Kind {
	case Cron:
		spec, err := parseCron(e.Fields, AWS)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", expr, err)
		}
		return &Schedule{text: text, loc: loc, cron: spec, dialect: AWS}, nil
	case Rate:
		return &Schedule{text: text, loc: loc, every: e.Every}, nil
	default: // At: the wall-clock time in the schedule's zone
		w := e.When
		when := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
		return &Schedule{text: text, loc: loc, at: &when}, nil
	}
}

// SnowflakeSchedule parses a Snowflake task's SCHEDULE value: "USING CRON
// <five fields> <time zone>", or "<n> MINUTE[S]", "<n> HOUR[S]", "<n>
// SECOND[S]" (CREATE TASK; provider v2.17.0's schedule block writes these).
func SnowflakeSchedule(value string) (*Schedule, error) {
	v := strings.TrimSpace(value)
	if rest, ok := cutPrefixFold(v, "USING CRON "); ok {
		return SnowflakeCron(rest)
	}
	every, err := interval(strings.ToLower(v), map[string]time.Duration{"second": time.Second, "minute": time.Minute, "hour": time.Hour})
	if err != nil {
		return nil, fmt.Errorf("Snowflake schedule %q: %w", value, err)
	}
	return &Schedule{text: value, loc: time.UTC, every: every}, nil
}

// SnowflakeCron parses the value of USING CRON: five fields and an IANA
// time zone, e.g. "0 2 * * * Europe/Berlin". It accepts exactly what
// CheckSnowflakeCron accepts.
func SnowflakeCron(spec string) (*Schedule, error) {
	if err := CheckSnowflakeCron(spec); err != nil {
		return nil, err
	}
	parts := strings.Fields(spec)
	loc, err := location(parts[5])
	if err != nil {
		return nil, err
	}
	c, err := parseCron(parts[:5], Snowflake)
	if err != nil {
		return nil, fmt.Errorf("Snowflake cron %q: %w", spec, err)
	}
	return &Schedule{text: "USING CRON " + spec, loc: loc, cron: c, dialect: Snowflake}, nil
}

// Every is a schedule that fires every d (a Snowflake task's minutes,
// hours or seconds block).
func Every(d time.Duration) (*Schedule, error) {
	if d <= 0 {
		return nil, fmt.Errorf("interval %s is not positive", d)
	}
	return &Schedule{text: "every " + d.String(), loc: time.UTC, every: d}, nil
}

// OneTime reports whether the schedule is an at() schedule, which fires once.
func (s *Schedule) OneTime() bool { return s.at != nil }

// RunsPerMonth is the firings of an average month: for a cron schedule its
// firings in the reference year divided by 12; for an interval 730 hours
// divided by the interval; for a one-time schedule 1 (the month it fires).
func (s *Schedule) RunsPerMonth() float64 {
	switch {
	case s.at != nil:
		return 1
	case s.every > 0:
		return HoursPerMonth * float64(time.Hour) / float64(s.every)
	}
	from := time.Date(ReferenceYear, 1, 1, 0, 0, 0, 0, s.loc)
	return float64(s.Firings(from, from.AddDate(1, 0, 0))) / 12
}

// Firings counts the cron schedule's firings in the local days from from
// (inclusive) to to (exclusive), both read in the schedule's time zone. It
// is 0 for rate and one-time schedules, which have no calendar.
func (s *Schedule) Firings(from, to time.Time) int {
	if s.cron == nil {
		return 0
	}
	from, to = from.In(s.loc), to.In(s.loc)
	n := 0
	for d := time.Date(from.Year(), from.Month(), from.Day(), 12, 0, 0, 0, s.loc); d.Before(to); d = d.AddDate(0, 0, 1) {
		if !s.cron.day(d.Year(), d.Month(), d.Day()) {
			continue
		}
		for h := 0; h < 24; h++ {
			if !s.cron.hours[h] {
				continue
			}
			for m := 0; m < 60; m++ {
				if s.cron.minutes[m] {
					n += s.occurrences(d.Year(), d.Month(), d.Day(), h, m)
				}
			}
		}
	}
	return n
}

// occurrences is how many times the service fires at a local wall-clock
// time: 0 when a daylight-saving change skips it, 2 when it repeats and the
// dialect runs it twice, else 1.
func (s *Schedule) occurrences(y int, mo time.Month, d, h, mi int) int {
	// The offsets in force a day and a half either side are the only ones a
	// wall-clock time can have (zones change offset at most twice a year).
	wall := time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
	seen := map[int64]bool{}
	for _, probe := range []time.Duration{-36 * time.Hour, 36 * time.Hour} {
		_, offset := wall.Add(probe).In(s.loc).Zone()
		instant := wall.Add(-time.Duration(offset) * time.Second)
		local := instant.In(s.loc)
		if local.Year() == y && local.Month() == mo && local.Day() == d && local.Hour() == h && local.Minute() == mi {
			seen[instant.Unix()] = true
		}
	}
	if s.dialect == AWS && len(seen) > 1 {
		return 1
	}
	return len(seen)
}

func location(tz string) (*time.Location, error) {
	if tz == "" {
		return time.UTC, nil
	}
	if tz == "Local" {
		return nil, fmt.Errorf("%q is not an IANA time zone", tz)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("%q is not an IANA time zone", tz)
	}
	return loc, nil
}

// interval reads "<n> <unit>" with a singular or plural unit.
func interval(body string, units map[string]time.Duration) (time.Duration, error) {
	parts := strings.Fields(body)
	if len(parts) != 2 {
		return 0, fmt.Errorf("%q is not <number> <unit>", body)
	}
	n, err := number(parts[0])
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%q is not a positive whole number", parts[0])
	}
	unit, ok := units[strings.TrimSuffix(strings.ToLower(parts[1]), "s")]
	if !ok {
		return 0, fmt.Errorf("unit %q is not one of %s", parts[1], unitNames(units))
	}
	return time.Duration(n) * unit, nil
}

func unitNames(units map[string]time.Duration) string {
	names := []string{"second", "minute", "hour", "day"}
	var out []string
	for _, n := range names {
		if _, ok := units[n]; ok {
			out = append(out, n+"(s)")
		}
	}
	return strings.Join(out, ", ")
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return strings.TrimSpace(s[len(prefix):]), true
	}
	return s, false
}

// number reads digits only (no sign).
func number(s string) (int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return strconv.Atoi(s)
}

// Instants are the instants the schedule fires in [from, to), in order. A
// cron schedule fires at its wall-clock times in its time zone: a time a
// daylight-saving change skips never fires, and a repeated one fires once
// for AWS (at its first occurrence) and twice for Snowflake (see Dialect).
// A rate or interval schedule fires every interval counted from from (the
// schedule's start); a one-time schedule at its instant.
func (s *Schedule) Instants(from, to time.Time) []time.Time {
	var out []time.Time
	switch {
	case s.at != nil:
		if !s.at.Before(from) && s.at.Before(to) {
			out = append(out, *s.at)
		}
		return out
	case s.every > 0:
		for t := from; t.Before(to); t = t.Add(s.every) {
			out = append(out, t)
		}
		return out
	}
	lf := from.In(s.loc)
	for d := time.Date(lf.Year(), lf.Month(), lf.Day()-1, 12, 0, 0, 0, s.loc); d.Before(to.Add(24 * time.Hour)); d = d.AddDate(0, 0, 1) {
		if !s.cron.day(d.Year(), d.Month(), d.Day()) {
			continue
		}
		for h := 0; h < 24; h++ {
			if !s.cron.hours[h] {
				continue
			}
			for m := 0; m < 60; m++ {
				if !s.cron.minutes[m] {
					continue
				}
				for _, t := range s.wallInstants(d.Year(), d.Month(), d.Day(), h, m) {
					if !t.Before(from) && t.Before(to) {
						out = append(out, t)
					}
				}
			}
		}
	}
	return out
}

// wallInstants are the instants a local wall-clock time fires at, earliest
// first: none when a daylight-saving change skips it; for a repeated time
// both for Snowflake and the first for AWS (see occurrences).
func (s *Schedule) wallInstants(y int, mo time.Month, d, h, mi int) []time.Time {
	wall := time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
	var out []time.Time
	for _, probe := range []time.Duration{-36 * time.Hour, 36 * time.Hour} {
		_, offset := wall.Add(probe).In(s.loc).Zone()
		instant := wall.Add(-time.Duration(offset) * time.Second)
		local := instant.In(s.loc)
		if local.Year() != y || local.Month() != mo || local.Day() != d || local.Hour() != h || local.Minute() != mi {
			continue
		}
		if len(out) == 1 && out[0].Equal(instant) {
			continue
		}
		out = append(out, instant)
	}
	if len(out) == 2 && out[1].Before(out[0]) {
		out[0], out[1] = out[1], out[0]
	}
	if s.dialect == AWS && len(out) > 1 {
		out = out[:1]
	}
	return out
}

// Interval is the interval of a rate or interval schedule; 0 for cron and
// one-time schedules.
func (s *Schedule) Interval() time.Duration { return s.every }
