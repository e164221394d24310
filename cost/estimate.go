// Package cost estimates what a plan costs a month, per component and in
// total, split into fixed (what it costs idle) and variable (its runs and
// data at assumed usage):
//
//	plan ─ schedules (internal/cron) → runs/month ─┐
//	usage file (runtimes, volumes) ────────────────┼→ lines × prices (prices.go) → Report
//	resources (keys, alarms, streams, …) ──────────┘
//
// Runs come from the plan: EventBridge Scheduler expressions in their time
// zone (DISABLED: none), Snowflake root task schedules (suspended: none),
// dynamic table target lags. Everything else is a usage assumption with a
// default, printed beside the result. Prices missing for a region are
// reported as unknown and left out of every sum, never counted as zero.
package cost

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/schedkit/schedkit/plan"
)

// Estimate prices a plan under usage.
func Estimate(p *plan.Plan, u Usage) (*Report, error) {
	if p == nil {
		return nil, fmt.Errorf("cost: no plan")
	}
	if err := u.validate(); err != nil {
		return nil, fmt.Errorf("cost: usage: %w", err)
	}
	e := newEstimator(p, u)
	credit, set := u.creditUSD()
	r := &Report{
		Project: p.Project, Stack: p.Stack, Region: e.region, PriceDate: e.prices.Date,
		CreditUSD: credit, CreditFrom: "default", NotEstimated: notEstimated,
	}
	if set {
		r.CreditFrom = "usage"
	}
	for _, g := range e.groups() {
		c, err := e.component(g)
		if err != nil {
			return nil, err
		}
		r.Components = append(r.Components, c)
		r.FixedUSD += c.FixedUSD
		r.VariableUSD += c.VariableUSD
		r.Unknown += len(c.Unknown)
	}
	r.TotalUSD = r.Total()
	return r, nil
}

// notEstimated is what no line prices: small or per-account items.
var notEstimated = []string{
	"free tiers (per account)",
	"CloudWatch Logs ingestion and storage",
	"S3 storage and requests",
	"SNS, SQS and EventBridge event requests",
	"KMS requests",
	"data transfer",
	"Container Insights and custom CloudWatch metrics",
	"Lambda functions a workflow invokes",
	"SageMaker ML storage volumes",
	"Snowflake storage and cloud services",
}

type estimator struct {
	plan    *plan.Plan
	usage   Usage
	region  string
	prices  PriceTable
	byARN   map[string]plan.Resource
	byURN   map[string]plan.Resource
	credit  float64
	sfnRuns map[string][]runDriver // state machine URN → what starts it
}

type runDriver struct {
	resource string
	what     string
	runs     float64
}

var arnRegion = regexp.MustCompile(`^arn:aws:[a-z0-9-]+:([a-z]{2}(-[a-z]+)+-\d):`)

func newEstimator(p *plan.Plan, u Usage) *estimator {
	e := &estimator{plan: p, usage: u, byARN: map[string]plan.Resource{}, byURN: map[string]plan.Resource{}, sfnRuns: map[string][]runDriver{}}
	e.credit, _ = u.creditUSD()
	for _, r := range p.Resources {
		e.byURN[r.URN] = r
		if arn := r.Output("arn"); arn != "" {
			e.byARN[arn] = r
			if e.region == "" {
				if m := arnRegion.FindStringSubmatch(arn); m != nil {
					e.region = m[1]
				}
			}
		}
	}
	if region := p.Config["aws:region"]; region != "" {
		e.region = region
	}
	e.prices = priceTables[e.region]
	return e
}

// group is a top-level component and every resource under it.
type group struct {
	name, typ string
	members   []member
}

// member is a resource and the names of the components it sits in,
// outermost first.
type member struct {
	res  plan.Resource
	path []string
}

func (e *estimator) groups() []group {
	var out []group
	outside := group{name: NoComponent}
	for _, r := range e.plan.Roots() {
		if strings.HasPrefix(r.Type, "pulumi:") {
			continue
		}
		if r.Custom {
			outside.members = append(outside.members, member{res: r})
			continue
		}
		g := group{name: r.Name, typ: r.Type}
		e.walk(r, nil, &g)
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	if len(outside.members) > 0 {
		out = append(out, outside)
	}
	return out
}

func (e *estimator) walk(r plan.Resource, path []string, g *group) {
	if !r.Custom {
		path = append(append([]string(nil), path...), r.Name)
	}
	g.members = append(g.members, member{res: r, path: path})
	for _, c := range e.plan.Children(r.URN) {
		e.walk(c, path, g)
	}
}

// component prices one group: first what starts its workflows, then every
// resource.
func (e *estimator) component(g group) (*ComponentCost, error) {
	c := &ComponentCost{Name: g.name, Type: g.typ, OneRunKnown: true}
	seen := map[string]bool{}
	addAssumptions := func(a *assumptions) {
		for _, x := range a.list() {
			key := x.String()
			if !seen[key] {
				seen[key] = true
				c.Assumptions = append(c.Assumptions, x)
			}
		}
	}
	// Workflows can be started from another component (an approval in one
	// pattern starts another's workflow), so drivers are collected first.
	for _, m := range g.members {
		a := e.usage.forComponent(m.path)
		if err := e.collectDrivers(m.res, a); err != nil {
			return nil, err
		}
		addAssumptions(a)
	}
	for _, m := range g.members {
		a := e.usage.forComponent(m.path)
		lines, runs, err := e.price(m.res, a)
		if err != nil {
			return nil, err
		}
		addAssumptions(a)
		c.Runs = append(c.Runs, runs...)
		for _, l := range lines {
			c.add(l)
		}
	}
	return c, nil
}

func (c *ComponentCost) add(l Line) {
	if l.MonthlyUSD == nil && l.Quantity == 0 && l.Note != "" {
		// None of it a month: whatever its price, it costs nothing.
		l.MonthlyUSD = f(0)
	}
	c.Lines = append(c.Lines, l)
	if l.MonthlyUSD == nil {
		c.Unknown = append(c.Unknown, fmt.Sprintf("%s: %s (%s)", l.Resource, l.Item, l.Note))
	} else if l.Fixed {
		c.FixedUSD += *l.MonthlyUSD
	} else {
		c.VariableUSD += *l.MonthlyUSD
	}
	if l.Per != "run" {
		return
	}
	if c.OneRunUSD == nil {
		c.OneRunUSD = f(0)
	}
	if l.PerUSD == nil {
		c.OneRunKnown = false
		return
	}
	*c.OneRunUSD += *l.PerUSD
}

// line prices quantity units of key; an absent price gives an unknown line
// whose note says why.
func (e *estimator) line(r plan.Resource, item string, fixed bool, key PriceKey, quantity float64, unit string) Line {
	l := Line{Resource: r.Name, Type: r.Type, Item: item, Fixed: fixed, Quantity: quantity, Unit: unit}
	p, ok := e.prices.Lookup(key)
	if !ok {
		l.Note = e.missing(key)
		return l
	}
	l.Price = &p
	l.MonthlyUSD = f(p.Cost(quantity))
	return l
}

func (e *estimator) missing(key PriceKey) string {
	if e.region == "" {
		return "no region in the plan: price unknown"
	}
	if e.prices.Prices == nil {
		return fmt.Sprintf("no price table for region %s: price unknown", e.region)
	}
	return fmt.Sprintf("%s has no %s price in the table: unknown", e.region, key)
}

// perRun turns a line of one run's quantity into the month's: quantity ×
// runs, with the one-run cost kept.
func (e *estimator) perRun(r plan.Resource, item string, key PriceKey, perRun, runs float64, unit string) Line {
	l := e.line(r, item, false, key, perRun*runs, unit)
	l.Per = "run"
	if l.Price != nil {
		l.PerUSD = f(l.Price.Cost(perRun))
	}
	return l
}

// credits prices Snowflake credits at the credit price.
func (e *estimator) credits(r plan.Resource, item string, fixed bool, credits float64) Line {
	p := Price{USD: e.credit, Per: 1, Unit: "credits", Source: "usage: snowflakeCreditUSD"}
	return Line{Resource: r.Name, Type: r.Type, Item: item, Fixed: fixed, Quantity: credits, Unit: "credits", Price: &p, MonthlyUSD: f(p.Cost(credits))}
}
