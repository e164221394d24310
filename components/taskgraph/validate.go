package taskgraph

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/cron"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "taskgraph"

// validate checks every argument before anything is registered and returns
// all problems at once, together with the graph's checked shape.
func validate(name string, raw *TaskGraphArgs) (TaskGraphArgs, dag, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Database, Schema, Tasks and a schedule (Cron, EveryMinutes or TriggerStream) are required")
		return TaskGraphArgs{}, dag{}, errs.Err()
	}
	a := withDefaults(*raw)

	for _, f := range []struct {
		field string
		in    pulumi.StringInput
	}{{"Database", a.Database}, {"Schema", a.Schema}} {
		if f.in == nil {
			errs.Addf(f.field, "is required")
		}
		errs.Plain(f.field, f.in, verify.SnowflakeIdentifier)
	}
	tags.Validate(errs, a.Tags)

	// Tasks.
	total := len(a.Tasks)
	if a.Finalizer != nil {
		total++
	}
	switch {
	case len(a.Tasks) == 0:
		errs.Addf("Tasks", "is empty; a graph needs at least its root task")
	case total > MaxTasks:
		errs.Addf("Tasks", "has %d tasks (with the finalizer); Snowflake allows at most %d in one graph", total, MaxTasks)
	}
	for i, t := range a.Tasks {
		checkTask(errs, fmt.Sprintf("Tasks[%d]", i), t)
	}
	finalizer := ""
	if a.Finalizer != nil {
		checkTask(errs, "Finalizer", *a.Finalizer)
		if len(a.Finalizer.After) > 0 {
			errs.Addf("Finalizer.After", "is set; a finalizer runs after the whole graph and takes no predecessors")
		}
		finalizer = a.Finalizer.Name
	}
	g, probs := analyze(a.Tasks, finalizer)
	for _, p := range probs {
		errs.Addf(p.field, "%s", p.message)
	}

	// Schedule: exactly one of Cron, EveryMinutes, TriggerStream.
	var set []string
	if a.Cron != "" {
		set = append(set, "`Cron`")
	}
	if a.EveryMinutes != 0 {
		set = append(set, "`EveryMinutes`")
	}
	if a.TriggerStream != nil {
		set = append(set, "`TriggerStream`")
	}
	switch len(set) {
	case 0:
		errs.Addf("Cron", "is empty, as are `EveryMinutes` and `TriggerStream`; the root needs exactly one of them")
	case 1:
	default:
		errs.Addf("Cron", "schedule settings %s are all set; give exactly one of `Cron`, `EveryMinutes` and `TriggerStream`", strings.Join(set, ", "))
	}
	if a.Cron != "" {
		errs.Field("Cron", cron.CheckSnowflakeCron(a.Cron+" "+a.Timezone))
	} else if raw.Timezone != "" {
		errs.Addf("Timezone", "%q is set without `Cron`; a time zone applies only to a cron schedule", raw.Timezone)
	}
	if a.EveryMinutes != 0 {
		errs.Range("EveryMinutes", a.EveryMinutes, 1, MaxEveryMinutes)
	}
	if a.TriggerStream != nil {
		errs.Plain("TriggerStream", a.TriggerStream, verify.SnowflakeName)
		if root := rootSpec(a.Tasks); root != nil && root.When != "" {
			errs.Addf("Tasks", "root %q has `When` %q with `TriggerStream`; a triggered root's condition is SYSTEM$STREAM_HAS_DATA", root.Name, root.When)
		}
	}

	// Deadline.
	validateDeadline(errs, &a, g)

	// Compute.
	serverless := a.Warehouse == nil
	if !serverless {
		if raw.InitialWarehouseSize != "" {
			errs.Addf("InitialWarehouseSize", "%q is set with `Warehouse`; an initial size applies only to serverless tasks", raw.InitialWarehouseSize)
		}
		if a.TargetCompletionInterval != 0 {
			errs.Addf("TargetCompletionInterval", "%s is set with `Warehouse`; it applies only to serverless tasks", a.TargetCompletionInterval)
		}
		errs.Plain("Warehouse", a.Warehouse, checkWarehouse)
	} else {
		errs.OneOf("InitialWarehouseSize", a.InitialWarehouseSize, ServerlessSizes...)
		if a.TriggerStream != nil && a.TargetCompletionInterval == 0 {
			errs.Addf("TargetCompletionInterval", "is not set; a serverless triggered task needs a target completion interval (or give a `Warehouse`)")
		}
	}
	if d := a.TargetCompletionInterval; d != 0 && (d < time.Minute || d%time.Minute != 0) {
		errs.Addf("TargetCompletionInterval", "%s is not a whole number of minutes of at least 1m0s", d)
	}

	// Failure handling.
	if *a.SuspendAfterFailures < 0 {
		errs.Addf("SuspendAfterFailures", "%d is negative; use 0 to never suspend", *a.SuspendAfterFailures)
	}
	errs.Range("RetryAttempts", *a.RetryAttempts, 0, MaxRetryAttempts)

	// Notifications.
	snowaws.NotificationSettings{
		ErrorIntegration: a.ErrorIntegration, NotificationRoleName: a.NotificationRoleName,
		AlertTopicArn: a.AlertTopicArn, AlertTopicKmsKeyArn: a.AlertTopicKmsKeyArn, AlertEmail: a.AlertEmail,
	}.Validate(errs)
	return a, g, errs.Err()
}

// validateDeadline checks the deadline settings and resolves the grace of
// a scheduled graph (its default needs the checked graph).
func validateDeadline(errs *check.Errors, a *TaskGraphArgs, g dag) {
	scheduled := a.Cron != "" || a.EveryMinutes != 0
	if g := a.DeadlineGrace; g != 0 {
		switch {
		case a.DisableDeadline:
			errs.Addf("DeadlineGrace", "%s is set with `DisableDeadline`; a graph without a deadline check has no grace", g)
		case a.TriggerStream != nil && !scheduled:
			errs.Addf("DeadlineGrace", "%s is set with `TriggerStream`; a triggered graph has no due times: set `MaxAge`", g)
		case g < MinDeadlineGrace || g > MaxDeadlineGrace || g%time.Minute != 0:
			errs.Addf("DeadlineGrace", "%s is outside %s–%s in whole minutes (the deadline check reads TASK_HISTORY, which keeps 7 days)", g, MinDeadlineGrace, MaxDeadlineGrace)
		}
	}
	if age := a.MaxAge; age != 0 {
		switch {
		case a.DisableDeadline:
			errs.Addf("MaxAge", "%s is set with `DisableDeadline`", age)
		case a.TriggerStream == nil:
			errs.Addf("MaxAge", "%s is set without `TriggerStream`; a scheduled graph's deadline follows its schedule (`DeadlineGrace`)", age)
		case age < MinMaxAge || age > MaxMaxAge || age%time.Minute != 0:
			errs.Addf("MaxAge", "%s is outside %s–%s in whole minutes (0 turns the check off)", age, MinMaxAge, MaxMaxAge)
		}
	}
	if a.DisableDeadline || g.root == "" || (!scheduled && a.MaxAge == 0) {
		return
	}
	if scheduled && a.DeadlineGrace == 0 {
		a.DeadlineGrace = defaultDeadlineGrace(*a, g)
	}
	if every := time.Duration(a.EveryMinutes) * time.Minute; every != 0 && every+a.DeadlineGrace > MaxMaxAge {
		errs.Addf("EveryMinutes", "%d (every %s) plus `DeadlineGrace` %s is over %s, the longest age the deadline check can see in TASK_HISTORY's 7 days; set `DisableDeadline`", a.EveryMinutes, time.Duration(a.EveryMinutes)*time.Minute, a.DeadlineGrace, MaxMaxAge)
	}
	tasks, attempts := len(a.Tasks), 1+*a.RetryAttempts
	if a.Finalizer != nil {
		tasks++
	}
	if rows := deadlineFor(*a, g.root).historyRows(tasks, attempts); rows > MaxHistoryRows {
		errs.Addf("DeadlineGrace", "%s lets the deadline check need up to %d TASK_HISTORY rows (every run in the grace and one check period, × %d tasks × %d attempts), over Snowflake's RESULT_LIMIT of %d: past it the check misses runs and alerts wrongly; shorten `DeadlineGrace`, schedule the graph less often, or set `DisableDeadline`",
			a.DeadlineGrace, rows, tasks, attempts, MaxHistoryRows)
	}
	name := deadlineTaskName(g.root)
	for i, t := range a.Tasks {
		if strings.EqualFold(t.Name, name) {
			errs.Addf(fmt.Sprintf("Tasks[%d].Name", i), "%q is the name of the deadline check task the graph creates for root %q (compared case-insensitively); rename the task or set `DisableDeadline`", t.Name, g.root)
		}
		if t.Name == g.root {
			errs.Field(fmt.Sprintf("Tasks[%d].Name", i), checkDeadlineName(name))
		}
	}
	if a.Finalizer != nil && strings.EqualFold(a.Finalizer.Name, name) {
		errs.Addf("Finalizer.Name", "%q is the name of the deadline check task the graph creates for root %q (compared case-insensitively); rename the task or set `DisableDeadline`", a.Finalizer.Name, g.root)
	}
}

// checkDeadlineName checks the derived check task's name as an identifier.
func checkDeadlineName(name string) error {
	if err := verify.SnowflakeIdentifier(name); err != nil {
		return fmt.Errorf("gives the deadline check task the name %q, which is not a valid identifier (set `DisableDeadline` or shorten the root's name): %w", name, err)
	}
	return nil
}

// checkTask checks one task's own fields (its place in the graph is analyze's).
func checkTask(errs *check.Errors, field string, t TaskSpec) {
	if t.Name == "" {
		errs.Addf(field+".Name", "is empty; every task needs a Snowflake name")
	} else {
		errs.Field(field+".Name", verify.SnowflakeIdentifier(t.Name))
	}
	errs.Field(field+".SQL", verify.SnowflakeTaskStatement(t.SQL))
	if t.When != "" {
		errs.Field(field+".When", verify.SnowflakeTaskCondition(t.When))
	}
	switch {
	case t.Timeout < 0:
		errs.Addf(field+".Timeout", "%s is negative", t.Timeout)
	case t.Timeout%time.Millisecond != 0:
		errs.Addf(field+".Timeout", "%s is not a whole number of milliseconds", t.Timeout)
	case t.Timeout > MaxTaskTimeout:
		errs.Addf(field+".Timeout", "%s is over Snowflake's limit of %s", t.Timeout, MaxTaskTimeout)
	}
}

// checkWarehouse accepts an upper-case identifier: the provider compares a
// task's warehouse with Snowflake's unquoted, upper-case report.
var checkWarehouse verify.Rule = verify.SnowflakeWarehouseName

// rootSpec returns the first task without predecessors, or nil.
func rootSpec(tasks []TaskSpec) *TaskSpec {
	for i := range tasks {
		if len(tasks[i].After) == 0 {
			return &tasks[i]
		}
	}
	return nil
}

// notificationRoleName is the role Snowflake assumes to publish errors: the
// caller's, or one unique to the project, stack and component.
func notificationRoleName(ctx *pulumi.Context, name string, a TaskGraphArgs) string {
	if a.NotificationRoleName != "" {
		return a.NotificationRoleName
	}
	return snowaws.RoleName(ctx.Project(), ctx.Stack(), naming.Stable(name, a.StableName), snowaws.NotificationPurpose)
}

// Validate reports every problem of args for a graph named name, as the
// constructor does, without registering anything: a composite that builds
// a graph calls it before registering any of its own children.
func Validate(name string, args *TaskGraphArgs) error {
	_, _, err := validate(name, args)
	return err
}
