package cron

// The grammar of schedules: what EventBridge Scheduler's cron(...),
// rate(...) and at(...), Snowflake's five-field USING CRON and IANA time
// zones accept, with errors that say what is wrong in terms of the
// services' rules. Components validate with it before anything is
// registered; EventBridge and SnowflakeCron accept exactly what it accepts
// before they compile a schedule for counting, so a schedule the
// components take is one cost can count and the other way round.

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Kind is the form of an EventBridge Scheduler expression.
type Kind string

// The three forms EventBridge Scheduler accepts.
const (
	Cron Kind = "cron"
	Rate Kind = "rate"
	At   Kind = "at"
)

// Expression is a parsed EventBridge Scheduler expression.
type Expression struct {
	Kind Kind
	// Fields holds the six cron fields, for Cron.
	Fields []string
	// Every is the interval, for Rate.
	Every time.Duration
	// When is the one-time instant, for At (interpreted in the schedule's time zone).
	When time.Time
	raw  string
}

// String is the expression as given.
func (e Expression) String() string { return e.raw }

// Parse validates an EventBridge Scheduler expression. The error says what is
// wrong in terms of the AWS rules.
func Parse(expr string) (Expression, error) {
	open := strings.IndexByte(expr, '(')
	if open < 0 || !strings.HasSuffix(expr, ")") {
		return Expression{}, fmt.Errorf("%q is not cron(...), rate(...) or at(...)", expr)
	}
	body := expr[open+1 : len(expr)-1]
	switch Kind(expr[:open]) {
	case Cron:
		fields := strings.Fields(body)
		if len(fields) != 6 {
			return Expression{}, fmt.Errorf("%q has %d cron fields; EventBridge needs 6 (minutes hours day-of-month month day-of-week year)", expr, len(fields))
		}
		if err := checkFields(fields, awsFields); err != nil {
			return Expression{}, fmt.Errorf("%q: %w", expr, err)
		}
		dom, dow := fields[2], fields[4]
		if (dom == "?") == (dow == "?") {
			return Expression{}, fmt.Errorf("%q: exactly one of day-of-month (%s) and day-of-week (%s) must be ?", expr, dom, dow)
		}
		return Expression{Kind: Cron, Fields: fields, raw: expr}, nil
	case Rate:
		return parseRate(expr, body)
	case At:
		when, err := time.Parse("2006-01-02T15:04:05", body)
		if err != nil {
			return Expression{}, fmt.Errorf("%q: at() takes yyyy-mm-ddThh:mm:ss", expr)
		}
		return Expression{Kind: At, When: when, raw: expr}, nil
	default:
		return Expression{}, fmt.Errorf("%q is not cron(...), rate(...) or at(...)", expr)
	}
}

func parseRate(expr, body string) (Expression, error) {
	parts := strings.Fields(body)
	if len(parts) != 2 {
		return Expression{}, fmt.Errorf("%q: rate() takes a value and a unit, e.g. rate(5 minutes)", expr)
	}
	n, err := number(parts[0])
	if err != nil || n < 1 {
		return Expression{}, fmt.Errorf("%q: rate value %q is not a positive whole number", expr, parts[0])
	}
	units := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}
	unit := parts[1]
	singular := strings.TrimSuffix(unit, "s")
	d, ok := units[singular]
	if !ok {
		return Expression{}, fmt.Errorf("%q: rate unit %q is not minute(s), hour(s) or day(s)", expr, unit)
	}
	if int64(n) > int64(math.MaxInt64/d) {
		return Expression{}, fmt.Errorf("%q: rate interval is too long", expr)
	}
	if (n == 1) != (unit == singular) {
		return Expression{}, fmt.Errorf("%q: rate unit must be singular for 1 and plural otherwise", expr)
	}
	return Expression{Kind: Rate, Every: time.Duration(n) * d, raw: expr}, nil
}

// TimeZone validates an IANA time zone name such as "Europe/Berlin".
func TimeZone(tz string) error {
	if tz == "" || tz == "Local" {
		return fmt.Errorf("%q is not an IANA time zone", tz)
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return fmt.Errorf("%q is not an IANA time zone", tz)
	}
	return nil
}

// CheckSnowflakeCron validates the value of a Snowflake task's USING CRON
// schedule: five cron fields (minute hour day-of-month month day-of-week)
// followed by an IANA time zone, e.g. "0 2 * * * UTC".
func CheckSnowflakeCron(spec string) error {
	parts := strings.Fields(spec)
	if len(parts) != 6 {
		return fmt.Errorf("%q: Snowflake cron needs 5 fields and a time zone (e.g. \"0 2 * * * UTC\"), got %d parts", spec, len(parts))
	}
	if err := checkFields(parts[:5], snowflakeFields); err != nil {
		return fmt.Errorf("%q: %w", spec, err)
	}
	if err := TimeZone(parts[5]); err != nil {
		return fmt.Errorf("%q: %w", spec, err)
	}
	return nil
}

type field struct {
	name    string
	lo, hi  int
	names   []string // symbolic values, index+base = number
	base    int
	special string // characters allowed besides , - * /
}

var awsFields = []field{
	{name: "minutes", lo: 0, hi: 59},
	{name: "hours", lo: 0, hi: 23},
	{name: "day-of-month", lo: 1, hi: 31, special: "?LW"},
	{name: "month", lo: 1, hi: 12, names: monthNames, base: 1},
	{name: "day-of-week", lo: 1, hi: 7, names: dayNames, base: 1, special: "?L#"},
	{name: "year", lo: 1970, hi: 2199},
}

var snowflakeFields = []field{
	{name: "minute", lo: 0, hi: 59},
	{name: "hour", lo: 0, hi: 23},
	{name: "day-of-month", lo: 1, hi: 31, special: "L"},
	{name: "month", lo: 1, hi: 12, names: monthNames, base: 1},
	{name: "day-of-week", lo: 0, hi: 7, names: dayNames, base: 0, special: "L"},
}

func checkFields(values []string, spec []field) error {
	for i, f := range spec {
		if err := f.check(values[i]); err != nil {
			return fmt.Errorf("%s field %q: %w", f.name, values[i], err)
		}
	}
	return nil
}

func (f field) check(v string) error {
	if v == "?" {
		if !strings.Contains(f.special, "?") {
			return fmt.Errorf("? is not allowed in the %s field", f.name)
		}
		return nil
	}
	for _, part := range strings.Split(v, ",") {
		if err := f.checkPart(part); err != nil {
			return err
		}
	}
	return nil
}

func (f field) checkPart(p string) error {
	if p == "" {
		return fmt.Errorf("empty list item")
	}
	if strings.Contains(f.special, "L") {
		switch {
		case p == "L" || p == "LW" && strings.Contains(f.special, "W"):
			return nil
		case strings.HasSuffix(p, "L") && f.name == "day-of-week":
			return f.number(strings.TrimSuffix(p, "L"))
		}
	}
	if strings.Contains(f.special, "W") && strings.HasSuffix(p, "W") {
		return f.number(strings.TrimSuffix(p, "W"))
	}
	if strings.Contains(f.special, "#") && strings.Contains(p, "#") {
		day, nth, _ := strings.Cut(p, "#")
		if err := f.number(day); err != nil {
			return err
		}
		if n, err := number(nth); err != nil || n < 1 || n > 5 {
			return fmt.Errorf("%q: the n-th weekday must be 1–5", p)
		}
		return nil
	}
	base, step, hasStep := strings.Cut(p, "/")
	if hasStep {
		if n, err := number(step); err != nil || n < 1 {
			return fmt.Errorf("%q: step %q is not a positive number", p, step)
		}
	}
	if base == "*" {
		return nil
	}
	if lo, hi, isRange := strings.Cut(base, "-"); isRange {
		a, err := f.value(lo)
		if err != nil {
			return err
		}
		b, err := f.value(hi)
		if err != nil {
			return err
		}
		if a > b {
			return fmt.Errorf("%q: range start is after its end", p)
		}
		return nil
	}
	return f.number(base)
}

func (f field) number(s string) error {
	_, err := f.value(s)
	return err
}

func (f field) value(s string) (int, error) {
	for i, n := range f.names {
		if strings.EqualFold(s, n) {
			return i + f.base, nil
		}
	}
	n, err := number(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number or name", s)
	}
	if n < f.lo || n > f.hi {
		return 0, fmt.Errorf("%d is outside %d–%d", n, f.lo, f.hi)
	}
	return n, nil
}
