package snowflake

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Alert is a Snowflake alert (snowflake:index/alert:Alert): on a schedule it
// runs a condition and, when the condition returns rows, an action. Preview
// feature snowflake_alert_resource.
type Alert struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."ALERT" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the alert.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the alert.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the alert name.
	Name pulumi.StringOutput `pulumi:"name"`
}

// AlertArgs are the inputs of [NewAlert]. Required: Database, Schema,
// Warehouse, Condition, Action.
type AlertArgs struct {
	// Database that holds the alert. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the alert. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the alert name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Warehouse evaluates the condition. Required (the provider creates no
	// serverless alerts).
	Warehouse pulumi.StringInput `wire:"warehouse,required"`
	// Condition is a bare SELECT; the alert fires when it returns rows (the
	// provider wraps it in IF (EXISTS (...))). Required.
	Condition pulumi.StringInput `wire:"condition,required"`
	// Action is the SQL statement run when the alert fires, e.g. a CALL of
	// SYSTEM$SEND_SNOWFLAKE_NOTIFICATION. Required.
	Action pulumi.StringInput `wire:"action,required"`
	// AlertSchedule says when the condition is evaluated; set exactly one field.
	AlertSchedule *AlertSchedule `wire:"alertSchedule"`
	// Enabled resumes the alert (the provider's default is false: suspended).
	Enabled pulumi.BoolPtrInput `wire:"enabled"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// AlertSchedule says when an alert's condition is evaluated (the
// AlertAlertSchedule shape). Set exactly one field.
type AlertSchedule struct {
	// Interval evaluates the condition every N minutes.
	Interval pulumi.IntPtrInput `wire:"interval"`
	// Cron evaluates the condition on a cron schedule in a time zone.
	Cron *AlertScheduleCron `wire:"cron"`
}

// AlertScheduleCron is a cron schedule (the AlertAlertScheduleCron shape).
type AlertScheduleCron struct {
	// Expression is the five-field cron expression. Required.
	Expression pulumi.StringInput `wire:"expression,required"`
	// TimeZone is the IANA time zone the expression is read in. Required.
	TimeZone pulumi.StringInput `wire:"timeZone,required"`
}

// NewAlert registers an alert. Database, Schema, Warehouse, Condition and
// Action are required; a schedule, when given, sets exactly one of Interval
// and Cron. The provider must enable snowflake_alert_resource.
func NewAlert(ctx *pulumi.Context, name string, args *AlertArgs, opts ...pulumi.ResourceOption) (*Alert, error) {
	if args != nil && args.AlertSchedule != nil {
		if err := exactlyOne([]string{"AlertSchedule.Interval", "AlertSchedule.Cron"},
			args.AlertSchedule.Interval, args.AlertSchedule.Cron); err != nil {
			return nil, fmt.Errorf("%s %q: %w", label(AlertType), name, err)
		}
	}
	return create[Alert](ctx, AlertType, name, args, opts)
}
