package cost

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Usage is what the plan cannot say: how long runs take, how much data
// flows, how often triggered work runs, and what a Snowflake credit costs.
// Every value has a default (DefaultAssumptions); a usage file overrides
// them for every component (defaults) or per component by name (the
// top-level component's name, or a nested one's, which wins):
//
//	snowflakeCreditUSD: 3.0
//	defaults:
//	  taskMinutes: 15
//	components:
//	  nightly-report: {taskMinutes: 40}
//	  clickstream: {gbPerMonth: 200, eventsPerMonth: 2.0e8}
type Usage struct {
	// SnowflakeCreditUSD is the price of one Snowflake credit. Defaults to
	// DefaultCreditUSD.
	SnowflakeCreditUSD *float64 `yaml:"snowflakeCreditUSD" json:"snowflakeCreditUSD,omitempty"`
	// Defaults apply to every component.
	Defaults Assumptions `yaml:"defaults" json:"defaults"`
	// Components apply to the component of that name and everything in it.
	Components map[string]Assumptions `yaml:"components" json:"components,omitempty"`
}

// DefaultCreditUSD is the assumed price of a Snowflake credit: Enterprise
// edition on demand in AWS US East, from https://www.snowflake.com/pricing/
// (recorded 2026-12-03). Set your contract's price in the usage file.
const DefaultCreditUSD = 3.00

// Assumptions are the usage figures of one component. A nil field is not
// set here.
type Assumptions struct {
	// RunsPerMonth replaces the runs the plan's schedules give, for every
	// scheduled or triggered workflow and task graph of the component.
	RunsPerMonth *float64 `yaml:"runsPerMonth" json:"runsPerMonth,omitempty"`
	// TriggeredRunsPerMonth is how often event-triggered work runs (a
	// workflow started by an EventBridge rule, a task graph started when its
	// stream has data).
	TriggeredRunsPerMonth *float64 `yaml:"triggeredRunsPerMonth" json:"triggeredRunsPerMonth,omitempty"`
	// TaskMinutes is how long one ECS task runs.
	TaskMinutes *float64 `yaml:"taskMinutes" json:"taskMinutes,omitempty"`
	// MapItems is how many items one run of a Map workflow processes.
	MapItems *float64 `yaml:"mapItems" json:"mapItems,omitempty"`
	// JobMinutes is how long one SageMaker training or transform job runs.
	JobMinutes *float64 `yaml:"jobMinutes" json:"jobMinutes,omitempty"`
	// QueryMinutes is how long one Snowflake task or refresh runs.
	QueryMinutes *float64 `yaml:"queryMinutes" json:"queryMinutes,omitempty"`
	// DeadlineCheckSeconds is how long one run of a task graph's deadline
	// check task (plan.IsDeadlineCheck) computes, in seconds: it reads
	// metadata (SHOW TASKS, one TASK_HISTORY read of at most 10,000 rows)
	// and walks a generator of at most ~10,000 minutes, not the graph's
	// data, so queryMinutes would price it like the graph's own work.
	DeadlineCheckSeconds *float64 `yaml:"deadlineCheckSeconds" json:"deadlineCheckSeconds,omitempty"`
	// GBPerMonth is the data written into a stream or loaded by a pipe.
	GBPerMonth *float64 `yaml:"gbPerMonth" json:"gbPerMonth,omitempty"`
	// EventsPerMonth is the records written into a stream.
	EventsPerMonth *float64 `yaml:"eventsPerMonth" json:"eventsPerMonth,omitempty"`
	// InvocationMillis is how long one stream batch takes in the function.
	InvocationMillis *float64 `yaml:"invocationMillis" json:"invocationMillis,omitempty"`
	// ActiveHoursPerMonth is a warehouse's running hours besides the tasks
	// and refreshes the plan schedules on it (ad-hoc queries).
	ActiveHoursPerMonth *float64 `yaml:"activeHoursPerMonth" json:"activeHoursPerMonth,omitempty"`
}

// DefaultAssumptions are the usage figures used when a usage file sets none.
func DefaultAssumptions() Assumptions {
	return Assumptions{
		TriggeredRunsPerMonth: f(30),
		TaskMinutes:           f(10),
		MapItems:              f(10),
		JobMinutes:            f(30),
		QueryMinutes:          f(1),
		DeadlineCheckSeconds:  f(DefaultDeadlineCheckSeconds),
		GBPerMonth:            f(1),
		EventsPerMonth:        f(1e6),
		InvocationMillis:      f(200),
		ActiveHoursPerMonth:   f(0),
	}
}

// DefaultDeadlineCheckSeconds is the assumed compute time of one deadline
// check run: a handful of metadata queries and a generator of at most
// ~10,000 rows take seconds on an XSMALL warehouse. Warehouses bill by the
// second after a 60-second minimum per resume (Snowflake docs,
// "Understanding compute cost"), so a warehouse-run check still pays that
// minimum and the auto-suspend wait, as every root task does here. A
// serverless task bills the compute its runs use (SERVERLESS_TASK_HISTORY,
// CREDITS_USED); no Snowflake page found here states its billing
// granularity or a per-run minimum, so the 10 s is an assumption, not a
// measurement: no Snowflake account ran the check. Set it from
// SERVERLESS_TASK_HISTORY once one has.
const DefaultDeadlineCheckSeconds = 10

func f(v float64) *float64 { return &v }

// LoadUsage reads a usage file (YAML or JSON). Unknown keys are an error, so
// a misspelt assumption is not silently ignored.
func LoadUsage(path string) (Usage, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Usage{}, fmt.Errorf("usage file: %w", err)
	}
	var u Usage
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&u); err != nil && err.Error() != "EOF" {
		return Usage{}, fmt.Errorf("usage file %s: %w", path, err)
	}
	if err := u.validate(); err != nil {
		return Usage{}, fmt.Errorf("usage file %s: %w", path, err)
	}
	return u, nil
}

func (u Usage) validate() error {
	var problems []string
	check := func(where string, a Assumptions) {
		for _, field := range a.fields() {
			if field.value != nil && *field.value < 0 {
				problems = append(problems, fmt.Sprintf("%s: %s is %g; it cannot be negative", where, field.name, *field.value))
			}
		}
	}
	check("defaults", u.Defaults)
	names := make([]string, 0, len(u.Components))
	for n := range u.Components {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		check("components."+n, u.Components[n])
	}
	if u.SnowflakeCreditUSD != nil && *u.SnowflakeCreditUSD < 0 {
		problems = append(problems, fmt.Sprintf("snowflakeCreditUSD is %g; it cannot be negative", *u.SnowflakeCreditUSD))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// creditUSD is the price of a credit and whether the usage file set it.
func (u Usage) creditUSD() (float64, bool) {
	if u.SnowflakeCreditUSD != nil {
		return *u.SnowflakeCreditUSD, true
	}
	return DefaultCreditUSD, false
}

type assumptionField struct {
	name  string
	value *float64
}

func (a *Assumptions) fields() []assumptionField {
	return []assumptionField{
		{"runsPerMonth", a.RunsPerMonth},
		{"triggeredRunsPerMonth", a.TriggeredRunsPerMonth},
		{"taskMinutes", a.TaskMinutes},
		{"mapItems", a.MapItems},
		{"jobMinutes", a.JobMinutes},
		{"queryMinutes", a.QueryMinutes},
		{"deadlineCheckSeconds", a.DeadlineCheckSeconds},
		{"gbPerMonth", a.GBPerMonth},
		{"eventsPerMonth", a.EventsPerMonth},
		{"invocationMillis", a.InvocationMillis},
		{"activeHoursPerMonth", a.ActiveHoursPerMonth},
	}
}

// Assumption is one usage figure an estimate used, and where it came from.
type Assumption struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	// From is "default", "usage defaults" or "usage components.<name>".
	From string `json:"from"`
}

func (a Assumption) String() string {
	s := a.Name + "=" + formatNumber(a.Value)
	if a.From == "default" {
		return s + " (default)"
	}
	return s
}

// assumptions resolves the figures for one component (its name and the
// names of the components it sits in, outermost first) and records each one
// read, for the report.
type assumptions struct {
	layers []layer
	used   map[string]Assumption
	order  []string
}

type layer struct {
	from   string
	values Assumptions
}

func (u Usage) forComponent(path []string) *assumptions {
	a := &assumptions{used: map[string]Assumption{}}
	a.layers = append(a.layers, layer{"default", DefaultAssumptions()}, layer{"usage defaults", u.Defaults})
	for _, name := range path {
		if c, ok := u.Components[name]; ok {
			a.layers = append(a.layers, layer{"usage components." + name, c})
		}
	}
	return a
}

// get returns the named figure (the innermost layer that sets it); ok is
// false when no layer does (only runsPerMonth has no default).
func (a *assumptions) get(name string) (float64, bool) {
	for i := len(a.layers) - 1; i >= 0; i-- {
		for _, field := range a.layers[i].values.fields() {
			if field.name == name && field.value != nil {
				if _, seen := a.used[name]; !seen {
					a.order = append(a.order, name)
				}
				a.used[name] = Assumption{Name: name, Value: *field.value, From: a.layers[i].from}
				return *field.value, true
			}
		}
	}
	return 0, false
}

func (a *assumptions) value(name string) float64 {
	v, _ := a.get(name)
	return v
}

func (a *assumptions) list() []Assumption {
	out := make([]Assumption, 0, len(a.order))
	for _, n := range a.order {
		out = append(out, a.used[n])
	}
	return out
}
