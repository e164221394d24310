package workflow

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/scheduler"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sfn"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/observe"
	"github.com/schedkit/schedkit/components/internal/queues"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/trigger"
)

// A deadline: when no run has succeeded by the time the schedule says one
// should have, plus a grace, an alert goes to the component's topic.
//
// How. A second EventBridge Scheduler schedule, name-deadline-check, fires
// on the pipeline schedule's own expression, time zone, start and end date
// and state (so on exactly the same calendar: time zone, daylight saving,
// weekdays, months, rate()), without a flexible window. Each firing starts
// one execution of the check workflow name-deadline (Step Functions
// standard, JSONata) with the due time (<aws.scheduler.scheduled-time>):
//
//	WaitGrace (Wait grace) → ReadLastSuccess (ssm:getParameter name-last-success)
//	  → Late? ─late→ Alert (sns:publish: component, due, deadline, last success) → Alerted
//	          └─otherwise→ OnTime
//
// Late is Deadline.Late: a success counts when the run was due at or
// after the check's due time, so a later run that has succeeded by the
// time the check reads (grace longer than the interval) satisfies it too:
// the data is as fresh as the schedule asks. For rate() the two schedules
// fire out of phase by the seconds between their creations (the check
// waits for the pipeline's schedule), and the check asks for a run due
// within one interval before its own due time. Every due time gets its own execution, so any
// interval is covered — a yearly cron as well as rate(1 minute) — and
// graces longer than the interval overlap without losing a check; the one
// limit is a standard execution's year (MaxGrace). Nothing here looks back
// over a metric's evaluation range.
//
// A skipped run (CronJob's guard) ends without recording a success, so it
// still owes one. Two runs that start together may both see the other
// running and both skip: neither records, and the deadline alerts at due
// + grace. A disabled schedule disables its check: it raises nothing.
//
// Cost: per due time one scheduler invocation and five state transitions
// (cost counts them from the plan); the parameter is free; the check's
// failure alarm is the fixed cost.

// A check that alerts counts the miss: MissedDeadlines in
// DeadlineMetricNamespace, dimension Component (the component's name).
const (
	DeadlineMetricNamespace = "schedkit/Deadlines"
	MissedDeadlinesMetric   = "MissedDeadlines"
)

// MaxGrace is the longest grace: a check waits it inside one standard
// execution, which lasts at most a year.
const MaxGrace = 364 * 24 * time.Hour

// MinGrace is the shortest grace a caller may set.
const MinGrace = time.Minute

// StartSlack is what a default grace adds to a run's maximum runtime and
// the schedule's flexible window: time for Scheduler to deliver the start.
const StartSlack = 5 * time.Minute

// DefaultGrace is a schedule's grace when none is set: the workflow's
// maximum runtime, plus its flexible window, plus StartSlack, at most
// MaxGrace.
func DefaultGrace(maxRuntime time.Duration, flexibleWindowMinutes int) time.Duration {
	g := maxRuntime + time.Duration(flexibleWindowMinutes)*time.Minute + StartSlack
	if g > MaxGrace {
		g = MaxGrace
	}
	return g
}

// Deadline is one check's rule.
type Deadline struct {
	// Grace is how long after a due time the check reads the record.
	Grace time.Duration
	// Lookback is 0 when the check fires at exactly the pipeline's due
	// times (cron and at schedules: same expression, same zone), so a
	// success counts when it was due at or after the check's due time.
	// For rate(every) it is every: the two schedules were created at
	// different instants and fire out of phase, but the pipeline's latest
	// due time at or before a check's lies in (due - every, due], so a
	// success counts when it was due after due - every. For a maximum
	// age it is that age.
	Lookback time.Duration
}

// Late reports whether the check of due time due alerts when the record
// says the last success was due at lastDue.
func (d Deadline) Late(due, lastDue time.Time) bool {
	if d.Lookback == 0 {
		return lastDue.Before(due)
	}
	return !lastDue.After(due.Add(-d.Lookback))
}

// condition is Late in JSONata over the check's state input.
func (d Deadline) condition() string {
	last, due := "$toMillis($states.input.lastDue)", "$toMillis($states.input.due)"
	if d.Lookback == 0 {
		return "{% " + last + " < " + due + " %}"
	}
	return fmt.Sprintf("{%% %s <= %s - %d %%}", last, due, d.Lookback.Milliseconds())
}

// Names of the check's states.
const (
	StateWaitGrace       = "WaitGrace"
	StateReadLastSuccess = "ReadLastSuccess"
	StateLate            = "Late"
	StateAlert           = "Alert"
	StateCountMiss       = "CountMiss"
	StateAlerted         = "Alerted"
	StateOnTime          = "OnTime"
)

// checkDefinition is the check workflow (JSONata). Its input is
// {"component", "name", "due"}; the alert is that object with the
// deadline, the last success's due time and its execution added.
func checkDefinition(d Deadline, paramName, topicArn, subject string) (string, error) {
	retry := []map[string]any{{"ErrorEquals": []string{"States.ALL"}, "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"}}
	start := StateReadLastSuccess
	states := map[string]any{}
	if d.Grace > 0 {
		start = StateWaitGrace
		states[StateWaitGrace] = map[string]any{
			"Type": "Wait", "Comment": "Give the run due now its grace", "Seconds": int(d.Grace / time.Second), "Next": StateReadLastSuccess,
		}
	}
	states[StateReadLastSuccess] = map[string]any{
		"Type": "Task", "Comment": "Read when the workflow last succeeded",
		"Resource":  getParameterResource,
		"Arguments": map[string]any{"Name": paramName},
		"Output": map[string]any{
			"component":     "{% $states.input.component %}",
			"name":          "{% $states.input.name %}",
			"due":           "{% $states.input.due %}",
			"deadline":      fmt.Sprintf("{%% $fromMillis($toMillis($states.input.due) + %d) %%}", d.Grace.Milliseconds()),
			"lastDue":       "{% $substringBefore($states.result.Parameter.Value, ' ') %}",
			"lastExecution": "{% $substringAfter($states.result.Parameter.Value, ' ') %}",
		},
		"Retry": retry,
		"Next":  StateLate,
	}
	states[StateLate] = map[string]any{
		"Type":    "Choice",
		"Choices": []map[string]any{{"Condition": d.condition(), "Next": StateAlert}},
		"Default": StateOnTime,
	}
	states[StateAlert] = map[string]any{
		"Type": "Task", "Comment": "No run due at or after this due time has succeeded: alert",
		"Resource": "arn:aws:states:::sns:publish",
		"Arguments": map[string]any{
			"TopicArn": topicArn,
			"Subject":  truncate(subject, 100),
			"Message":  "{% $string($states.input) %}",
		},
		"Retry": retry,
		"Next":  StateCountMiss,
	}
	states[StateCountMiss] = map[string]any{
		"Type": "Task", "Comment": "Count the miss for the dashboard; a failure here still ends the check as alerted",
		"Resource": "arn:aws:states:::aws-sdk:cloudwatch:putMetricData",
		"Arguments": map[string]any{
			"Namespace": DeadlineMetricNamespace,
			"MetricData": []map[string]any{{
				"MetricName": MissedDeadlinesMetric, "Value": 1, "Unit": "Count",
				"Dimensions": []map[string]any{{"Name": "Component", "Value": "{% $states.input.name %}"}},
			}},
		},
		"Output": "{% $states.input %}",
		"Retry":  retry,
		"Catch":  []map[string]any{{"ErrorEquals": []string{"States.ALL"}, "Next": StateAlerted}},
		"Next":   StateAlerted,
	}
	states[StateAlerted] = map[string]any{"Type": "Succeed"}
	states[StateOnTime] = map[string]any{"Type": "Succeed"}
	def := map[string]any{
		"Comment":        "schedkit deadline check: alert when the run due has not succeeded within its grace",
		"QueryLanguage":  "JSONata",
		"StartAt":        start,
		"TimeoutSeconds": int((d.Grace + 15*time.Minute) / time.Second),
		"States":         states,
	}
	b, err := json.Marshal(def)
	return string(b), err
}

// DeadlineChildNames are the auto-named children of a deadline check.
func DeadlineChildNames(name string) map[string]naming.Kind {
	return map[string]naming.Kind{
		naming.Child(name, "deadline-role"):  naming.IAMRole,
		naming.Child(name, "deadline"):       naming.StateMachine,
		naming.Child(name, "deadline-check"): naming.Schedule,
	}
}

// checkArgs configure a deadline check's workflow.
type checkArgs struct {
	// Prefix names the children: name-<Prefix>, -<Prefix>-role, ...
	Prefix string
	// GraceSeconds is Deadline.Grace; Lookback Deadline.Lookback.
	GraceSeconds pulumi.IntOutput
	Lookback     time.Duration
	// Kind names the component in the alert ("cronjob", ...).
	Kind        string
	LastSuccess *ssm.Parameter
	Alerts      *alerting.Topic
	// LogRetentionDays of the check's log group.
	LogRetentionDays int
	Tags             pulumi.StringMap
	Keep             keep.Policy
	// StableName is what the log group's name prefix derives from; empty means name.
	StableName string
}

// newDeadlineWorkflow creates the check workflow name-deadline with its
// log group name-deadline-logs, its role name-deadline-role (read the
// record, publish alerts, deliver logs) and policy name-deadline-policy,
// and the alarm name-deadline-failed on its failed executions (a check
// that cannot read or publish must not stay silent).
func newDeadlineWorkflow(ctx *pulumi.Context, name string, env awsenv.Env, p pulumi.ResourceOption, a checkArgs) (*sfn.StateMachine, error) {
	child := func(suffix string) string { return naming.Child(name, a.Prefix+suffix) }
	group, err := logs.NewGroup(ctx, child("-logs"), logs.GroupArgs{
		NamePrefix: "/aws/vendedlogs/states/schedkit-" + naming.Stable(name, a.StableName) + "-" + a.Prefix + "-", RetentionDays: a.LogRetentionDays, Tags: a.Tags,
	}, a.Keep.Stateful(p)...)
	if err != nil {
		return nil, fmt.Errorf("creating deadline log group: %w", err)
	}
	role, err := iam.NewRole(ctx, child("-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("The deadline check of %s runs as this role", name),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("states.amazonaws.com", env.Account).Render(),
		Tags:             a.Tags,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating deadline role: %w", err)
	}
	stmts := []iampolicy.Statement{{Sid: "ReadLastSuccess", Actions: []string{"ssm:GetParameter"}, Resources: iampolicy.Inputs(a.LastSuccess.Arn)}}
	stmts = append(stmts, iampolicy.Statement{
		Sid: "CountMissedDeadlines", Actions: []string{"cloudwatch:PutMetricData"}, Resources: iampolicy.Strings("*"),
		Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "cloudwatch:namespace", Values: iampolicy.Strings(DeadlineMetricNamespace)}},
	})
	stmts = append(stmts, a.Alerts.PublishStatements()...)
	stmts = append(stmts, ObservabilityStatements()...)
	policy, err := iam.NewRolePolicy(ctx, child("-policy"), &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: iampolicy.Document{Statements: stmts}.Render(),
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating deadline policy: %w", err)
	}
	subject := "schedkit " + a.Kind + " " + name + " missed its deadline"
	if a.Lookback > 0 && a.Prefix == maxAgePrefix {
		subject = "schedkit " + a.Kind + " " + name + " has not succeeded for too long"
	}
	def := pulumi.All(a.LastSuccess.Name, a.Alerts.Arn, a.GraceSeconds).ApplyT(func(v []any) (string, error) {
		d := Deadline{Grace: time.Duration(v[2].(int)) * time.Second, Lookback: a.Lookback}
		return checkDefinition(d, v[0].(string), v[1].(string), subject)
	}).(pulumi.StringOutput)
	machine, err := sfn.NewStateMachine(ctx, child(""), &sfn.StateMachineArgs{
		Type:       pulumi.String("STANDARD"),
		RoleArn:    role.Arn,
		Definition: def,
		LoggingConfiguration: sfn.StateMachineLoggingConfigurationArgs{
			Level:                pulumi.String("ERROR"),
			IncludeExecutionData: pulumi.Bool(true),
			LogDestination:       logs.AllARN(group),
		},
		TracingConfiguration: sfn.StateMachineTracingConfigurationArgs{Enabled: pulumi.Bool(true)},
		Tags:                 a.Tags,
	}, p, pulumi.DependsOn([]pulumi.Resource{policy}))
	if err != nil {
		return nil, fmt.Errorf("creating deadline check: %w", err)
	}
	dims := pulumi.StringMap{"StateMachineArn": machine.Arn}
	observe.Add(ctx, observe.Graph{Component: name, Title: "Deadlines", Metrics: []observe.Metric{
		{Namespace: "AWS/States", Name: "ExecutionsStarted", Dimensions: map[string]pulumi.StringInput{"StateMachineArn": machine.Arn}, Stat: "Sum", Label: "checks"},
		{Namespace: DeadlineMetricNamespace, Name: MissedDeadlinesMetric, Dimensions: map[string]pulumi.StringInput{"Component": pulumi.String(name)}, Stat: "Sum", Label: "missed"},
	}})
	if _, err := alerting.NewAlarms(ctx, name, a.Alerts, a.Tags, []alerting.Alarm{{
		Suffix: a.Prefix + "-failed", Description: "A deadline check failed: it could not read the last success or publish its alert.",
		Namespace: "AWS/States", Metric: "ExecutionsFailed", Dimensions: dims, Threshold: 1,
	}}, p); err != nil {
		return nil, err
	}
	return machine, nil
}

// A maximum age, for a workflow that events start (new data, an
// approval), where no calendar says when a run is due: when no run has
// succeeded for longer than the age, an alert goes to the topic. The same
// check workflow, name-max-age, reads the same record without waiting; a
// schedule name-max-age-check starts it every MaxAgeCheckEvery(age) with
// the role name-age-start-role, and a failed start lands in the
// trigger's dead-letter queue. Every check past the age alerts again, so a
// stale pipeline is reported about four times an age until it succeeds;
// before the first success every check alerts. Off (0) by default.
const maxAgePrefix = "max-age"

// MinMaxAge and MaxMaxAge bound a maximum age.
const (
	MinMaxAge = 15 * time.Minute
	MaxMaxAge = MaxGrace
)

// MaxAgeCheckEvery is how often a maximum age is checked: a quarter of the
// age in whole minutes, at most hourly.
func MaxAgeCheckEvery(age time.Duration) time.Duration {
	every := (age / 4).Truncate(time.Minute)
	if every > time.Hour {
		every = time.Hour
	}
	return every
}

// rateOf is EventBridge Scheduler's rate() for a whole number of minutes.
func rateOf(every time.Duration) string {
	n := int(every / time.Minute)
	if n%60 == 0 {
		if n == 60 {
			return "rate(1 hour)"
		}
		return fmt.Sprintf("rate(%d hours)", n/60)
	}
	if n == 1 {
		return "rate(1 minute)"
	}
	return fmt.Sprintf("rate(%d minutes)", n)
}

// MaxAgeChildNames are the auto-named children of a maximum-age check.
func MaxAgeChildNames(name string) map[string]naming.Kind {
	return map[string]naming.Kind{
		naming.Child(name, maxAgePrefix+"-role"):  naming.IAMRole,
		naming.Child(name, "age-start-role"):      naming.IAMRole,
		naming.Child(name, maxAgePrefix):          naming.StateMachine,
		naming.Child(name, maxAgePrefix+"-check"): naming.Schedule,
	}
}

// ValidateMaxAge checks a maximum age under field: 0 (off), or 15m–364d
// in whole minutes.
func ValidateMaxAge(errs *check.Errors, field string, age time.Duration) {
	if age != 0 && (age < MinMaxAge || age > MaxMaxAge || age%time.Minute != 0) {
		errs.Addf(field, "%s is outside %s–%s in whole minutes (0 turns the check off)", age, MinMaxAge, MaxMaxAge)
	}
}

// maxAgeArgs configure a maximum-age check.
type maxAgeArgs struct {
	Age      time.Duration
	Kind     string
	Workflow *StateMachine
	Alerts   *alerting.Topic
	// Queue is the trigger's dead-letter queue, where a failed start lands.
	Queue   *queues.Queue
	Enabled bool
	Tags    pulumi.StringMap
}

// newMaxAgeCheck creates the maximum-age check (see maxAgePrefix).
func newMaxAgeCheck(ctx *pulumi.Context, name string, env awsenv.Env, p pulumi.ResourceOption, a maxAgeArgs) (*scheduler.Schedule, error) {
	if a.Workflow == nil || a.Alerts == nil {
		return nil, fmt.Errorf("maximum age of %s: the check needs the workflow and an alert topic", name)
	}
	check, err := newDeadlineWorkflow(ctx, name, env, p, checkArgs{
		Prefix: maxAgePrefix, GraceSeconds: pulumi.Int(0).ToIntOutput(), Lookback: a.Age, Kind: a.Kind,
		LastSuccess: a.Workflow.LastSuccess, Alerts: a.Alerts,
		LogRetentionDays: a.Workflow.logRetentionDays, Tags: a.Tags, Keep: a.Workflow.keep, StableName: a.Workflow.stableName,
	})
	if err != nil {
		return nil, err
	}
	role, policy, err := newStarterRole(ctx, name, env, check.Arn, a.Tags, starter{
		prefix: "age-start", what: "maximum-age check", service: "scheduler.amazonaws.com",
		description: pulumi.Sprintf("EventBridge Scheduler starts the maximum-age check of %s with this role", name),
		more:        []iampolicy.Statement{{Sid: "DeadLetterFailedStarts", Actions: []string{"sqs:SendMessage"}, Resources: iampolicy.Inputs(a.Queue.Queue.Arn)}},
	}, p)
	if err != nil {
		return nil, err
	}
	input, err := marshalInput(map[string]string{
		"component": a.Kind, "name": name, "due": "<aws.scheduler.scheduled-time>",
		"rule": fmt.Sprintf("a run succeeds at least every %s", a.Age),
	})
	if err != nil {
		return nil, err
	}
	sched, err := scheduler.NewSchedule(ctx, naming.Child(name, maxAgePrefix+"-check"), &scheduler.ScheduleArgs{
		Description:                pulumi.Sprintf("Checks that %s has succeeded within the last %s", name, a.Age),
		ScheduleExpression:         pulumi.String(rateOf(MaxAgeCheckEvery(a.Age))),
		ScheduleExpressionTimezone: pulumi.String("UTC"),
		State:                      pulumi.String(stateOf(a.Enabled)),
		FlexibleTimeWindow:         scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")},
		Target: scheduler.ScheduleTargetArgs{
			Arn: check.Arn, RoleArn: role.Arn, Input: pulumi.String(input),
			RetryPolicy: scheduler.ScheduleTargetRetryPolicyArgs{
				MaximumRetryAttempts:     pulumi.Int(trigger.DefaultRetryAttempts),
				MaximumEventAgeInSeconds: pulumi.Int(int(trigger.DefaultMaxEventAge.Seconds())),
			},
			DeadLetterConfig: scheduler.ScheduleTargetDeadLetterConfigArgs{Arn: a.Queue.Queue.Arn},
		},
	}, p, pulumi.DependsOn([]pulumi.Resource{policy}))
	if err != nil {
		return nil, fmt.Errorf("creating maximum-age check schedule: %w", err)
	}
	return sched, nil
}
