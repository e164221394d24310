package workflow

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/scheduler"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sfn"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/queues"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/internal/cron"
)

// ValidateSchedule records every problem of s, resolved (its defaults
// applied once, by the component's withDefaults); field prefixes the field
// names ("Schedule" gives `Schedule.Timezone`).
func ValidateSchedule(errs *check.Errors, field string, s trigger.Schedule) {
	f := func(n string) string {
		if field == "" {
			return n
		}
		return field + "." + n
	}
	if s.Expression == "" {
		errs.Addf(f("Expression"), "is required, e.g. cron(0 2 * * ? *) or rate(1 hour)")
	} else if _, err := cron.Parse(s.Expression); err != nil {
		errs.Field(f("Expression"), err)
	}
	errs.Field(f("Timezone"), cron.TimeZone(s.Timezone))
	var start, end time.Time
	var err error
	if s.StartDate != "" {
		if start, err = time.Parse(time.RFC3339, s.StartDate); err != nil {
			errs.Addf(f("StartDate"), "%q is not an RFC 3339 time", s.StartDate)
		}
	}
	if s.EndDate != "" {
		if end, err = time.Parse(time.RFC3339, s.EndDate); err != nil {
			errs.Addf(f("EndDate"), "%q is not an RFC 3339 time", s.EndDate)
		}
	}
	if !start.IsZero() && !end.IsZero() && !end.After(start) {
		errs.Addf(f("EndDate"), "%s is not after `%s` %s", s.EndDate, f("StartDate"), s.StartDate)
	}
	if s.FlexibleWindowMinutes != 0 {
		errs.Range(f("FlexibleWindowMinutes"), s.FlexibleWindowMinutes, 1, trigger.MaxFlexibleWindowBound)
	}
	validateDelivery(errs, f("RetryAttempts"), *s.RetryAttempts, f("MaxEventAge"), s.MaxEventAge)
	if g := s.DeadlineGrace; g != 0 {
		window := time.Duration(s.FlexibleWindowMinutes) * time.Minute
		switch {
		case g < MinGrace || g > MaxGrace || g%time.Second != 0:
			errs.Addf(f("DeadlineGrace"), "%s is outside %s–%s in whole seconds (a deadline check waits the grace within one Step Functions standard execution)", g, MinGrace, MaxGrace)
		case g <= window:
			errs.Addf(f("DeadlineGrace"), "%s is not longer than `%s` (%d minutes): a run Scheduler starts late within its window would be reported missed", g, f("FlexibleWindowMinutes"), s.FlexibleWindowMinutes)
		}
	}
}

// validateDelivery checks a target's retry policy, the same for a schedule
// and a rule: 0–185 retries, events dropped after 1m–24h in whole seconds.
func validateDelivery(errs *check.Errors, attemptsField string, attempts int, ageField string, age time.Duration) {
	errs.Range(attemptsField, attempts, 0, trigger.MaxRetryAttemptsBound)
	if age < trigger.MaxEventAgeLowerBound || age > trigger.MaxEventAgeUpperBound || age%time.Second != 0 {
		errs.Addf(ageField, "%s is outside 1m0s–24h0m0s in whole seconds", age)
	}
}

// TriggerChildNames are the auto-named children NewSchedule creates.
func TriggerChildNames(name string) map[string]naming.Kind {
	names := map[string]naming.Kind{
		naming.Child(name, "scheduler-role"): naming.IAMRole,
		naming.Child(name, "schedule"):       naming.Schedule,
		naming.Child(name, "dlq"):            naming.SQSQueue,
	}
	for n, k := range DeadlineChildNames(name) {
		names[n] = k
	}
	return names
}

// Trigger is a created schedule with its dead-letter queue and its
// deadline check.
type Trigger struct {
	Schedule *scheduler.Schedule
	Queue    *queues.Queue
	Role     *iam.Role
	// DeadlineCheck fires on the schedule's calendar and starts Deadline.
	DeadlineCheck *scheduler.Schedule
	Deadline      *sfn.StateMachine
}

// TriggerArgs say what the schedule starts.
type TriggerArgs struct {
	// Schedule is resolved: its defaults applied by the component.
	Schedule trigger.Schedule
	// StateMachineArn is the workflow to start.
	StateMachineArn pulumi.StringOutput
	// Input is the execution input; "<aws.scheduler.scheduled-time>" is filled in by Scheduler.
	Input map[string]string
	// Description of the schedule.
	Description string
	// Kind names the component in a deadline alert: "cronjob", "batch workflow", ...
	Kind string
	// Workflow is the workflow started: the deadline check reads its
	// last-success record, and the default grace derives from its timeout
	// (DefaultGrace).
	Workflow *StateMachine
	Alerts   *alerting.Topic
	Tags     pulumi.StringMap
	// Keep retains (and protects) the dead-letter queue, and retains its
	// policy, when the component is deleted.
	Keep keep.Policy
	// DependsOn are resources the schedule waits for besides its own role
	// policy, e.g. the workflow's StateMachine.SelfPolicy, so that the first
	// scheduled run has every permission. Nil entries are ignored.
	DependsOn []pulumi.Resource
}

// NewSchedule creates, as children of parent, the dead-letter queue name-dlq
// (with its policy and depth alarm), the deadline check workflow
// name-deadline (see Deadline), the role name-scheduler-role allowed to
// start only these two workflows and send only to that queue, the schedule
// name-schedule with a retry policy and the queue on its target, and the
// schedule name-deadline-check on the same calendar that starts the check.
func NewSchedule(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, args TriggerArgs) (*Trigger, error) {
	p := pulumi.Parent(parent)
	s := args.Schedule
	if args.Workflow == nil || args.Alerts == nil {
		return nil, fmt.Errorf("schedule of %s: a deadline needs the workflow and an alert topic", name)
	}
	expr, err := cron.Parse(s.Expression)
	if err != nil {
		return nil, fmt.Errorf("schedule of %s: %w", name, err)
	}
	var lookback time.Duration
	if expr.Kind == cron.Rate {
		lookback = expr.Every
	}
	grace := pulumi.Int(int(s.DeadlineGrace / time.Second)).ToIntOutput()
	if s.DeadlineGrace == 0 {
		window := s.FlexibleWindowMinutes
		grace = args.Workflow.maxRuntime.ApplyT(func(sec int) int {
			return int(DefaultGrace(time.Duration(sec)*time.Second, window) / time.Second)
		}).(pulumi.IntOutput)
	}
	dlq, err := queues.NewDeadLetter(ctx, naming.Child(name, "dlq"), args.Tags, args.Keep, p)
	if err != nil {
		return nil, fmt.Errorf("creating dead-letter queue: %w", err)
	}
	check, err := newDeadlineWorkflow(ctx, name, env, p, checkArgs{
		Prefix: "deadline", GraceSeconds: grace, Lookback: lookback, Kind: args.Kind, LastSuccess: args.Workflow.LastSuccess, Alerts: args.Alerts,
		LogRetentionDays: args.Workflow.logRetentionDays, Tags: args.Tags, Keep: args.Workflow.keep, StableName: args.Workflow.stableName,
	})
	if err != nil {
		return nil, err
	}
	role, policy, err := newStarterRole(ctx, name, env, args.StateMachineArn, args.Tags, starter{
		prefix: "scheduler", what: "scheduler", service: "scheduler.amazonaws.com",
		description: pulumi.Sprintf("EventBridge Scheduler starts %s and its deadline check with this role", name),
		more: []iampolicy.Statement{
			{Sid: "StartDeadlineCheck", Actions: []string{"states:StartExecution"}, Resources: iampolicy.Inputs(check.Arn)},
			{Sid: "DeadLetterFailedStarts", Actions: []string{"sqs:SendMessage"}, Resources: iampolicy.Inputs(dlq.Queue.Arn)},
		},
	}, p)
	if err != nil {
		return nil, err
	}
	window := scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")}
	if s.FlexibleWindowMinutes > 0 {
		window = scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("FLEXIBLE"), MaximumWindowInMinutes: pulumi.Int(s.FlexibleWindowMinutes)}
	}
	input, err := marshalInput(args.Input)
	if err != nil {
		return nil, err
	}
	sargs := &scheduler.ScheduleArgs{
		Description:                pulumi.String(args.Description),
		ScheduleExpression:         pulumi.String(s.Expression),
		ScheduleExpressionTimezone: pulumi.String(s.Timezone),
		State:                      pulumi.String(stateOf(*s.Enabled)),
		FlexibleTimeWindow:         window,
		Target: scheduler.ScheduleTargetArgs{
			Arn:     args.StateMachineArn,
			RoleArn: role.Arn,
			Input:   pulumi.String(input),
			RetryPolicy: scheduler.ScheduleTargetRetryPolicyArgs{
				MaximumRetryAttempts:     pulumi.Int(*s.RetryAttempts),
				MaximumEventAgeInSeconds: pulumi.Int(int(s.MaxEventAge.Seconds())),
			},
			DeadLetterConfig: scheduler.ScheduleTargetDeadLetterConfigArgs{Arn: dlq.Queue.Arn},
		},
	}
	if s.StartDate != "" {
		sargs.StartDate = pulumi.String(s.StartDate)
	}
	if s.EndDate != "" {
		sargs.EndDate = pulumi.String(s.EndDate)
	}
	after := []pulumi.Resource{policy}
	for _, r := range args.DependsOn {
		if r != nil {
			after = append(after, r)
		}
	}
	sched, err := scheduler.NewSchedule(ctx, naming.Child(name, "schedule"), sargs, p, pulumi.DependsOn(after))
	if err != nil {
		return nil, fmt.Errorf("creating schedule: %w", err)
	}
	checkInput, err := marshalInput(map[string]string{"component": args.Kind, "name": name, "due": "<aws.scheduler.scheduled-time>"})
	if err != nil {
		return nil, err
	}
	cargs := *sargs
	cargs.Description = pulumi.Sprintf("Checks that a run of %s due now succeeds within %d seconds", name, grace)
	cargs.FlexibleTimeWindow = scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")}
	cargs.Target = scheduler.ScheduleTargetArgs{
		Arn:     check.Arn,
		RoleArn: role.Arn,
		Input:   pulumi.String(checkInput),
		RetryPolicy: scheduler.ScheduleTargetRetryPolicyArgs{
			MaximumRetryAttempts:     pulumi.Int(*s.RetryAttempts),
			MaximumEventAgeInSeconds: pulumi.Int(int(s.MaxEventAge.Seconds())),
		},
		DeadLetterConfig: scheduler.ScheduleTargetDeadLetterConfigArgs{Arn: dlq.Queue.Arn},
	}
	checkSched, err := scheduler.NewSchedule(ctx, naming.Child(name, "deadline-check"), &cargs, p, pulumi.DependsOn([]pulumi.Resource{policy, sched}))
	if err != nil {
		return nil, fmt.Errorf("creating deadline check schedule: %w", err)
	}
	if err := newDeadLetterAlarm(ctx, name, args.Alerts, args.Tags, "dlq-depth", "A scheduled start of the workflow or its deadline check could not be delivered.", dlq.Queue.Name, p); err != nil {
		return nil, err
	}
	return &Trigger{Schedule: sched, Queue: dlq, Role: role, DeadlineCheck: checkSched, Deadline: check}, nil
}

// marshalInput renders the execution input without HTML escaping, so
// Scheduler's context attributes such as <aws.scheduler.scheduled-time> stay
// literal for Scheduler to fill in.
func marshalInput(input map[string]string) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(input); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
