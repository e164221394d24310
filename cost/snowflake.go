package cost

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/schedkit/schedkit/internal/cron"
	"github.com/schedkit/schedkit/plan"
)

// The Snowflake resource types this file prices.
const (
	taskType         = "snowflake:index/task:Task"
	warehouseType    = "snowflake:index/warehouse:Warehouse"
	dynamicTableType = "snowflake:index/dynamicTable:DynamicTable"
	pipeType         = "snowflake:index/pipe:Pipe"
)

func (e *estimator) snowflake(r plan.Resource, a *assumptions) ([]Line, []Run, error) {
	switch r.Type {
	case taskType:
		return e.task(r, a)
	case dynamicTableType:
		return e.dynamicTable(r, a)
	case warehouseType:
		return e.warehouse(r, a), nil, nil
	case pipeType:
		gb := a.value("gbPerMonth")
		l := e.credits(r, "Snowpipe data loaded", false, gb*snowpipeCreditsPerGB)
		l.Note = fmt.Sprintf("%g GB at %g credits per GB, %s", gb, snowpipeCreditsPerGB, pageSnowpipeCost)
		return []Line{l}, nil, nil
	}
	return nil, nil, nil
}

// task prices one task's runs: the root's runs come from its schedule (or
// are assumed for a triggered root); every task of a graph runs when its
// root does. On a warehouse a run bills its runtime (the root also the
// warehouse's auto-suspend wait, at least 60 s per resume); a serverless run
// bills its runtime at serverlessTaskMultiplier × the credits of a warehouse
// of its initial size.
func (e *estimator) task(r plan.Resource, a *assumptions) ([]Line, []Run, error) {
	root, ok := e.rootTask(r, 0)
	if !ok {
		return nil, nil, fmt.Errorf("cost: task %q: its root task is not in the plan", r.Name)
	}
	runs, what, err := rootRuns(root, a)
	if err != nil {
		return nil, nil, err
	}
	var driver []Run
	if root.URN == r.URN {
		driver = []Run{{Resource: r.Name, What: what, RunsPerMonth: runs}}
	}
	// A deadline check reads metadata, not the graph's data: its own
	// runtime assumption (plan.IsDeadlineCheck, the one marker the
	// taskgraph component writes).
	seconds, runtime := 0.0, ""
	if plan.IsDeadlineCheck(r) {
		seconds = a.value("deadlineCheckSeconds")
		runtime = fmt.Sprintf("a deadline check, %g s a run (deadlineCheckSeconds); ", seconds)
	} else {
		seconds = a.value("queryMinutes") * 60
	}
	name := r.String("name")
	wh := r.String("warehouse")
	if wh == "" {
		size := r.String("userTaskManagedInitialWarehouseSize")
		if size == "" {
			size = "XSMALL"
		}
		item := fmt.Sprintf("serverless task %s (%s)", name, size)
		perHour, sizeOK := warehouseCredits[strings.ToUpper(size)]
		if !sizeOK {
			return []Line{{Resource: r.Name, Type: r.Type, Item: item, Quantity: runs * seconds / 3600, Unit: size + " compute-hours", Per: "run",
				Note: "warehouse size not in the credit table: unknown"}}, driver, nil
		}
		perRun := seconds / 3600 * perHour * serverlessTaskMultiplier
		l := e.credits(r, item, false, perRun*runs)
		l.Per, l.PerUSD = "run", f(perRun*e.credit)
		l.Note = fmt.Sprintf("%s%g × the credits of a warehouse of its initial size %s (Snowflake may resize it), %s; its cloud services are not estimated",
			runtime, serverlessTaskMultiplier, size, pageSnowflakeConsumption)
		return []Line{l}, driver, nil
	}
	w, ok := e.warehouseNamed(wh)
	if !ok {
		l := Line{Resource: r.Name, Type: r.Type, Item: "task " + name + " on warehouse " + wh, Per: "run",
			Note: fmt.Sprintf("warehouse %s is not in the plan: unknown", wh)}
		return []Line{l}, driver, nil
	}
	perHour, sizeOK := warehouseCredits[strings.ToUpper(w.String("warehouseSize"))]
	if root.URN == r.URN {
		seconds = math.Max(60, seconds+autoSuspend(w))
	}
	item := fmt.Sprintf("task %s on %s (%s)", name, wh, w.String("warehouseSize"))
	if !sizeOK {
		return []Line{{Resource: r.Name, Type: r.Type, Item: item, Per: "run", Note: "warehouse size not in the credit table: unknown"}}, driver, nil
	}
	perRun := seconds / 3600 * perHour
	l := e.credits(r, item, false, perRun*runs)
	l.Per, l.PerUSD = "run", f(perRun*e.credit)
	if runtime != "" {
		l.Note = strings.TrimSuffix(runtime, "; ")
	}
	return []Line{l}, driver, nil
}

// rootTask follows AFTER and FINALIZE to the graph's root.
func (e *estimator) rootTask(t plan.Resource, depth int) (plan.Resource, bool) {
	if depth > 1000 {
		return plan.Resource{}, false
	}
	var next string
	if afters, ok := t.Get("afters").([]any); ok && len(afters) > 0 {
		next, _ = afters[0].(string)
	} else if fin := t.String("finalize"); fin != "" {
		next = fin
	} else {
		return t, true
	}
	want := normalizeName(next)
	for _, other := range e.plan.ByType(taskType) {
		fqn := other.String("database") + "." + other.String("schema") + "." + other.String("name")
		if normalizeName(fqn) == want || (!strings.Contains(want, ".") && normalizeName(other.String("name")) == want) {
			return e.rootTask(other, depth+1)
		}
	}
	return plan.Resource{}, false
}

func normalizeName(s string) string { return strings.ToUpper(strings.ReplaceAll(s, `"`, "")) }

// rootRuns is a root task's runs per month: none while suspended
// (started: false), else from its schedule, else (a triggered task) assumed.
func rootRuns(root plan.Resource, a *assumptions) (float64, string, error) {
	s, what, err := taskSchedule(root)
	if err != nil {
		return 0, "", fmt.Errorf("cost: task %q: %w", root.Name, err)
	}
	if v, ok := a.get("runsPerMonth"); ok {
		return v, what + " (runsPerMonth from usage)", nil
	}
	if started, _ := root.Get("started").(bool); !started {
		return 0, what + " (suspended)", nil
	}
	if s == nil {
		runs, w := triggeredRuns(a, what)
		return runs, w, nil
	}
	return s.RunsPerMonth(), what, nil
}

// taskSchedule reads a task's schedule block as provider v2.17.0 writes it
// (exactly one of usingCron, minutes, hours, seconds); nil for a task
// without one (triggered by WHEN).
func taskSchedule(t plan.Resource) (*cron.Schedule, string, error) {
	block, _ := t.Get("schedule").(map[string]any)
	if c, ok := block["usingCron"].(string); ok {
		s, err := cron.SnowflakeCron(c)
		return s, "USING CRON " + c, err
	}
	for _, u := range []struct {
		key  string
		unit time.Duration
	}{{"minutes", time.Minute}, {"hours", time.Hour}, {"seconds", time.Second}} {
		if n, ok := block[u.key].(float64); ok {
			s, err := cron.Every(time.Duration(n) * u.unit)
			return s, fmt.Sprintf("every %g %s", n, u.key), err
		}
	}
	if w := t.String("when"); w != "" {
		return nil, "WHEN " + w, nil
	}
	return nil, "no schedule", nil
}

func (e *estimator) warehouseNamed(name string) (plan.Resource, bool) {
	for _, w := range e.plan.ByType(warehouseType) {
		if normalizeName(w.String("name")) == normalizeName(name) {
			return w, true
		}
	}
	return plan.Resource{}, false
}

// autoSuspend is the warehouse's idle seconds before it suspends (the
// provider's default when unset is Snowflake's 600).
func autoSuspend(w plan.Resource) float64 {
	if v, ok := w.Get("autoSuspend").(float64); ok {
		return v
	}
	return 600
}

// warehouse prices a warehouse's own running hours: none idle when it
// auto-suspends, else every hour of the month.
func (e *estimator) warehouse(r plan.Resource, a *assumptions) []Line {
	size := r.String("warehouseSize")
	if size == "" {
		size = "XSMALL"
	}
	perHour, ok := warehouseCredits[strings.ToUpper(size)]
	if !ok {
		return []Line{{Resource: r.Name, Type: r.Type, Item: "warehouse " + size, Note: "warehouse size not in the credit table: unknown"}}
	}
	if autoSuspend(r) == 0 {
		return []Line{e.credits(r, fmt.Sprintf("warehouse %s never suspends", size), true, perHour*cron.HoursPerMonth)}
	}
	l := e.credits(r, fmt.Sprintf("warehouse %s active hours", size), false, perHour*a.value("activeHoursPerMonth"))
	l.Per, l.PerUSD = "active hour", f(perHour*e.credit)
	return []Line{l}
}

// dynamicTable prices a dynamic table's refreshes: one per target lag on
// its warehouse, each billing its runtime plus the auto-suspend wait (at
// least 60 s, at most the lag).
func (e *estimator) dynamicTable(r plan.Resource, a *assumptions) ([]Line, []Run, error) {
	lagText, _ := r.Get("targetLag", "maximumDuration").(string)
	lag, err := lagDuration(lagText)
	if err != nil {
		l := Line{Resource: r.Name, Type: r.Type, Item: "dynamic table refreshes", Per: "run", Note: "target lag " + lagText + " gives no refresh count: unknown"}
		return []Line{l}, nil, nil
	}
	runs := cron.HoursPerMonth * float64(time.Hour) / float64(lag)
	what := "target lag " + lagText
	if v, ok := a.get("runsPerMonth"); ok {
		runs, what = v, what+" (runsPerMonth from usage)"
	}
	driver := []Run{{Resource: r.Name, What: what, RunsPerMonth: runs}}
	wh := r.String("warehouse")
	w, ok := e.warehouseNamed(wh)
	perHour, sizeOK := warehouseCredits[strings.ToUpper(w.String("warehouseSize"))]
	if !ok || !sizeOK {
		l := Line{Resource: r.Name, Type: r.Type, Item: "dynamic table refreshes on " + wh, Per: "run", Note: "warehouse or its size not in the plan: unknown"}
		return []Line{l}, driver, nil
	}
	seconds := math.Min(lag.Seconds(), math.Max(60, a.value("queryMinutes")*60+autoSuspend(w)))
	perRun := seconds / 3600 * perHour
	l := e.credits(r, fmt.Sprintf("dynamic table refreshes on %s (%s)", wh, w.String("warehouseSize")), false, perRun*runs)
	l.Per, l.PerUSD = "run", f(perRun*e.credit)
	return []Line{l}, driver, nil
}

// lagDuration reads "<n> seconds|minutes|hours|days".
func lagDuration(s string) (time.Duration, error) {
	parts := strings.Fields(strings.ToLower(s))
	if len(parts) != 2 {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	n, err := number(parts[0])
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	units := map[string]time.Duration{"second": time.Second, "minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}
	u, ok := units[strings.TrimSuffix(parts[1], "s")]
	if !ok {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	return time.Duration(n) * u, nil
}
