package cron

import "time"

// Fields are the values a Snowflake USING CRON schedule allows, field by
// field, as its parser read them: what a component needs to evaluate the
// same calendar elsewhere (a TaskGraph's deadline check computes its due
// times in SQL from them). Day-of-week values are time.Weekday (0 = SUN,
// Snowflake's 7 read as 0); L in the day-of-week field alone is Saturday.
type Fields struct {
	Minutes, Hours, Months []int
	// AnyDayOfMonth is true for *; otherwise DaysOfMonth and LastDayOfMonth (L).
	AnyDayOfMonth  bool
	DaysOfMonth    []int
	LastDayOfMonth bool
	// AnyDayOfWeek is true for *; otherwise DaysOfWeek and LastWeekdays
	// (nL: the last such weekday of the month).
	AnyDayOfWeek bool
	DaysOfWeek   []time.Weekday
	LastWeekdays []time.Weekday
	// Location is the schedule's time zone.
	Location *time.Location
}

// SnowflakeFields returns the fields of a schedule SnowflakeCron parsed;
// false for any other schedule.
func (s *Schedule) SnowflakeFields() (Fields, bool) {
	if s.cron == nil || s.dialect != Snowflake {
		return Fields{}, false
	}
	c := s.cron
	f := Fields{Location: s.loc, AnyDayOfMonth: c.dom.any, AnyDayOfWeek: c.dow.any, LastDayOfMonth: c.dom.last}
	for m, ok := range c.minutes {
		if ok {
			f.Minutes = append(f.Minutes, m)
		}
	}
	for h, ok := range c.hours {
		if ok {
			f.Hours = append(f.Hours, h)
		}
	}
	for mo, ok := range c.months {
		if ok {
			f.Months = append(f.Months, mo)
		}
	}
	for d, ok := range c.dom.days {
		if ok {
			f.DaysOfMonth = append(f.DaysOfMonth, d)
		}
	}
	for d, ok := range c.dow.days {
		if ok {
			f.DaysOfWeek = append(f.DaysOfWeek, time.Weekday(d))
		}
	}
	f.LastWeekdays = append(f.LastWeekdays, c.dow.lastOf...)
	return f, true
}
