package cron

import (
	"fmt"
	"strings"
	"time"
)

// cronSpec is a cron expression as sets of allowed values plus the
// calendar-relative forms (L, W, #) that depend on the month.
type cronSpec struct {
	minutes [60]bool
	hours   [24]bool
	months  [13]bool
	years   map[int]bool // nil: any year
	dom     daysOfMonth
	dow     daysOfWeek
	dialect Dialect
}

// daysOfMonth is the day-of-month field: any (* or ?), listed days, the
// last day (L), the last weekday (LW) and the weekday nearest a day (nW).
type daysOfMonth struct {
	any, question   bool
	days            [32]bool
	last, lastWork  bool
	nearestWeekdays []int
}

// daysOfWeek is the day-of-week field: any (* or ?), listed weekdays, the
// last given weekday of the month (nL) and the n-th one (d#n).
type daysOfWeek struct {
	any, question bool
	days          [7]bool
	lastOf        []time.Weekday
	nth           []nthWeekday
}

type nthWeekday struct {
	day time.Weekday
	n   int
}

type bounds struct {
	name   string
	lo, hi int
	names  []string // symbolic names; names[i] has value i+base
	base   int
}

var monthNames = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
var dayNames = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

func parseCron(fields []string, dialect Dialect) (*cronSpec, error) {
	want := 6
	if dialect == Snowflake {
		want = 5
	}
	if len(fields) != want {
		return nil, fmt.Errorf("has %d fields, want %d", len(fields), want)
	}
	c := &cronSpec{dialect: dialect}
	if err := setValues(fields[0], bounds{name: "minutes", lo: 0, hi: 59}, c.minutes[:]); err != nil {
		return nil, err
	}
	if err := setValues(fields[1], bounds{name: "hours", lo: 0, hi: 23}, c.hours[:]); err != nil {
		return nil, err
	}
	if err := setValues(fields[3], bounds{name: "month", lo: 1, hi: 12, names: monthNames, base: 1}, c.months[:]); err != nil {
		return nil, err
	}
	var err error
	if c.dom, err = parseDaysOfMonth(fields[2], dialect); err != nil {
		return nil, err
	}
	if c.dow, err = parseDaysOfWeek(fields[4], dialect); err != nil {
		return nil, err
	}
	if dialect == AWS { // Parse has checked that exactly one day field is ?
		if fields[5] != "*" {
			years := make([]bool, 2200)
			if err := setValues(fields[5], bounds{name: "year", lo: 1970, hi: 2199}, years); err != nil {
				return nil, err
			}
			c.years = map[int]bool{}
			for y, ok := range years {
				if ok {
					c.years[y] = true
				}
			}
		}
	}
	return c, nil
}

// day reports whether the schedule fires on a calendar day.
func (c *cronSpec) day(y int, m time.Month, d int) bool {
	if !c.months[m] || (c.years != nil && !c.years[y]) {
		return false
	}
	domMatch, dowMatch := c.dom.match(y, m, d), c.dow.match(y, m, d)
	domAny, dowAny := c.dom.any || c.dom.question, c.dow.any || c.dow.question
	switch {
	case c.dialect == AWS && c.dom.question:
		return dowMatch
	case c.dialect == AWS:
		return domMatch
	case domAny && dowAny:
		return true
	case domAny:
		return dowMatch
	case dowAny:
		return domMatch
	default: // Unix cron: both restricted, either matches
		return domMatch || dowMatch
	}
}

func (f daysOfMonth) match(y int, m time.Month, d int) bool {
	if f.any || f.question || f.days[d] {
		return true
	}
	last := daysIn(y, m)
	if f.last && d == last {
		return true
	}
	if f.lastWork && d == nearestWeekday(y, m, last) {
		return true
	}
	for _, n := range f.nearestWeekdays {
		if n <= last && d == nearestWeekday(y, m, n) {
			return true
		}
	}
	return false
}

func (f daysOfWeek) match(y int, m time.Month, d int) bool {
	wd := time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday()
	if f.any || f.question || f.days[wd] {
		return true
	}
	for _, l := range f.lastOf {
		if wd == l && d+7 > daysIn(y, m) {
			return true
		}
	}
	for _, n := range f.nth {
		if wd == n.day && (d-1)/7+1 == n.n {
			return true
		}
	}
	return false
}

func parseDaysOfMonth(v string, dialect Dialect) (daysOfMonth, error) {
	var f daysOfMonth
	switch {
	case v == "?" && dialect == AWS:
		f.question = true
		return f, nil
	case v == "*":
		f.any = true
		return f, nil
	}
	b := bounds{name: "day-of-month", lo: 1, hi: 31}
	for _, item := range strings.Split(v, ",") {
		switch {
		case item == "L":
			f.last = true
		case item == "LW" && dialect == AWS:
			f.lastWork = true
		case strings.HasSuffix(item, "W") && dialect == AWS:
			n, err := b.value(strings.TrimSuffix(item, "W"))
			if err != nil {
				return f, err
			}
			f.nearestWeekdays = append(f.nearestWeekdays, n)
		default:
			if err := setValues(item, b, f.days[:]); err != nil {
				return f, err
			}
		}
	}
	return f, nil
}

func parseDaysOfWeek(v string, dialect Dialect) (daysOfWeek, error) {
	var f daysOfWeek
	switch {
	case v == "?" && dialect == AWS:
		f.question = true
		return f, nil
	case v == "*":
		f.any = true
		return f, nil
	}
	// AWS numbers days 1–7 from SUN; Snowflake 0–7 with 0 and 7 both SUN.
	b := bounds{name: "day-of-week", lo: 1, hi: 7, names: dayNames, base: 1}
	if dialect == Snowflake {
		b = bounds{name: "day-of-week", lo: 0, hi: 7, names: dayNames, base: 0}
	}
	weekday := func(n int) time.Weekday { return time.Weekday((n - b.base) % 7) }
	for _, item := range strings.Split(v, ",") {
		switch {
		case item == "L": // the last day of the week: Saturday
			f.days[time.Saturday] = true
		case strings.HasSuffix(item, "L"):
			n, err := b.value(strings.TrimSuffix(item, "L"))
			if err != nil {
				return f, err
			}
			f.lastOf = append(f.lastOf, weekday(n))
		case strings.Contains(item, "#") && dialect == AWS:
			day, nth, _ := strings.Cut(item, "#")
			n, err := b.value(day)
			if err != nil {
				return f, err
			}
			k, err := number(nth)
			if err != nil || k < 1 || k > 5 {
				return f, fmt.Errorf("day-of-week %q: the n-th weekday must be 1–5", item)
			}
			f.nth = append(f.nth, nthWeekday{day: weekday(n), n: k})
		default:
			vals := make([]bool, b.hi+1)
			if err := setValues(item, b, vals); err != nil {
				return f, err
			}
			for n, ok := range vals {
				if ok {
					f.days[weekday(n)] = true
				}
			}
		}
	}
	return f, nil
}

// setValues marks in set the values a comma list of n, a-b, *, */s, n/s and
// a-b/s allows.
func setValues(v string, b bounds, set []bool) error {
	for _, item := range strings.Split(v, ",") {
		base, stepText, hasStep := strings.Cut(item, "/")
		step := 1
		if hasStep {
			s, err := number(stepText)
			if err != nil || s < 1 {
				return fmt.Errorf("%s %q: step %q is not a positive number", b.name, item, stepText)
			}
			step = s
		}
		lo, hi := b.lo, b.hi
		switch {
		case base == "*":
		case strings.Contains(base, "-"):
			a, z, _ := strings.Cut(base, "-")
			var err error
			if lo, err = b.value(a); err != nil {
				return err
			}
			if hi, err = b.value(z); err != nil {
				return err
			}
			if lo > hi {
				return fmt.Errorf("%s %q: range start is after its end", b.name, item)
			}
		default:
			n, err := b.value(base)
			if err != nil {
				return err
			}
			lo = n
			if !hasStep {
				hi = n
			}
		}
		for n := lo; n <= hi; n += step {
			set[n] = true
		}
	}
	return nil
}

func (b bounds) value(s string) (int, error) {
	for i, name := range b.names {
		if strings.EqualFold(s, name) {
			return i + b.base, nil
		}
	}
	n, err := number(s)
	if err != nil {
		return 0, fmt.Errorf("%s %q is not a number or name", b.name, s)
	}
	if n < b.lo || n > b.hi {
		return 0, fmt.Errorf("%s %d is outside %d–%d", b.name, n, b.lo, b.hi)
	}
	return n, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// nearestWeekday is the Monday–Friday day nearest day n of the month,
// never crossing into another month (the W rule of EventBridge cron).
func nearestWeekday(y int, m time.Month, n int) int {
	switch time.Date(y, m, n, 12, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday:
		if n == 1 {
			return 3
		}
		return n - 1
	case time.Sunday:
		if n == daysIn(y, m) {
			return n - 2
		}
		return n + 1
	}
	return n
}
