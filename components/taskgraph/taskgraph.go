// Package taskgraph creates a Snowflake task graph (DAG) from a typed spec,
// with the guards Snowflake leaves off by default:
//
//	root (cron + time zone | every N minutes | WHEN SYSTEM$STREAM_HAS_DATA) ─after→ children … ─→ finalizer
//	   └─ any failure → notification integration → SNS topic (KMS) ← IAM role Snowflake assumes
//
// Tasks are serverless (XSMALL to start) unless a warehouse is named; the
// root never overlaps runs, suspends the graph after 3 consecutive failures,
// and every task has a one-hour timeout and reports errors to SNS. The SNS
// side is created in the same `pulumi up` (see internal/snowaws).
//
// Children name their predecessors by the predecessors' fullyQualifiedName
// outputs, so Pulumi creates the graph parents-first. Snowflake changes a
// graph only while its root is suspended; the provider suspends the root
// around each task it creates or changes and resumes it afterwards, so
// Started can stay true across updates.
package taskgraph

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/plan"
)

// Type is the TaskGraph's Pulumi type token.
const Type = "schedkit:snowflake:TaskGraph"

// Tokens are the Snowflake resource tokens a TaskGraph may register.
func Tokens() []string {
	return append([]string{snowflake.TaskType}, snowaws.NotificationTokens()...)
}

// PreviewFeatures are the provider preview features a TaskGraph needs
// (snowflake_notification_integration_resource); enable them on the stack's
// Snowflake provider.
func PreviewFeatures() []string { return snowflake.PreviewFeaturesFor(Tokens()...) }

// TaskGraph is a Snowflake task DAG with error notifications.
type TaskGraph struct {
	pulumi.ResourceState

	// RootTaskFullyQualifiedName is the root task, "DB"."SCHEMA"."NAME".
	RootTaskFullyQualifiedName pulumi.StringOutput `pulumi:"rootTaskFullyQualifiedName"`
	// TaskFullyQualifiedNames maps each task's (and the finalizer's) name to its fully qualified name.
	TaskFullyQualifiedNames pulumi.StringMapOutput `pulumi:"taskFullyQualifiedNames"`
	// ErrorIntegrationName is the notification integration the tasks report errors to.
	ErrorIntegrationName pulumi.StringOutput `pulumi:"errorIntegrationName"`
	// ErrorTopicArn is the SNS topic error notifications arrive on ("" with ErrorIntegration).
	ErrorTopicArn pulumi.StringOutput `pulumi:"errorTopicArn"`
	// NotificationRoleArn is the role Snowflake assumes to publish ("" with ErrorIntegration).
	NotificationRoleArn pulumi.StringOutput `pulumi:"notificationRoleArn"`

	// Tasks are the created tasks by name, finalizer included.
	Tasks map[string]*snowflake.Task
	// DeadlineTask is the deadline check (see deadline.go); nil without one.
	DeadlineTask *snowflake.Task
}

// NewTaskGraph validates args and registers the graph's tasks and its error
// notification wiring.
func NewTaskGraph(ctx *pulumi.Context, name string, args *TaskGraphArgs, opts ...pulumi.ResourceOption) (*TaskGraph, error) {
	a, g, err := validate(name, args)
	if err != nil {
		return nil, err
	}

	graph := &TaskGraph{Tasks: map[string]*snowflake.Task{}}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, graph, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("taskgraph %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(graph)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}

	// Error notifications.
	integration := pulumi.String(a.ErrorIntegration).ToStringOutput()
	topicArn := pulumi.String("").ToStringOutput()
	roleArn := pulumi.String("").ToStringOutput()
	if a.ErrorIntegration == "" {
		n, err := snowaws.NewErrorNotifications(ctx, naming.Child(name, "errors"), awsenv.Lookup(ctx, graph), snowaws.NotificationArgs{
			Kind: kind, Component: name,
			RoleName: notificationRoleName(ctx, name, a),
			Email:    a.AlertEmail,
			Topic:    check.Deployed(kind, name, "AlertTopicArn", a.AlertTopicArn, verify.SNSTopicARN),
			TopicKey: check.Deployed(kind, name, "AlertTopicKmsKeyArn", a.AlertTopicKmsKeyArn, verify.KMSKeyARN),
			Comment:  fmt.Sprintf("schedkit TaskGraph %s: task error notifications", name),
			Tags:     tags.For(Type, name, a.Tags),
			Keep:     kept,
		}, parent)
		if err != nil {
			return nil, wrap("error notifications", err)
		}
		integration, topicArn, roleArn = n.IntegrationName, n.TopicArn, n.RoleArn
	}

	database := check.Deployed(kind, name, "Database", a.Database, verify.SnowflakeIdentifier).ToStringOutput()
	schema := check.Deployed(kind, name, "Schema", a.Schema, verify.SnowflakeIdentifier).ToStringOutput()
	var warehouse pulumi.StringOutput
	if a.Warehouse != nil {
		warehouse = check.Deployed(kind, name, "Warehouse", a.Warehouse, checkWarehouse).ToStringOutput()
	}
	newTask := func(spec TaskSpec, shape func(*snowflake.TaskArgs)) (*snowflake.Task, error) {
		ta := &snowflake.TaskArgs{
			Database:          database,
			Schema:            schema,
			Name:              pulumi.String(spec.Name),
			SqlStatement:      pulumi.String(spec.SQL),
			Started:           pulumi.Bool(a.Started),
			ErrorIntegration:  integration,
			UserTaskTimeoutMs: pulumi.Int(int(spec.Timeout.Milliseconds())),
			Comment:           pulumi.String("schedkit TaskGraph " + name),
		}
		if a.Warehouse != nil {
			ta.Warehouse = warehouse
		} else {
			ta.UserTaskManagedInitialWarehouseSize = pulumi.String(a.InitialWarehouseSize)
		}
		if spec.When != "" {
			ta.When = pulumi.String(spec.When)
		}
		shape(ta)
		return snowflake.NewTask(ctx, taskLogicalName(name, spec.Name), ta, parent)
	}

	specs := map[string]TaskSpec{}
	for _, t := range a.Tasks {
		specs[t.Name] = t
	}
	fqns := pulumi.StringMap{}
	// Parents first: a child's afters are its predecessors' fullyQualifiedName
	// outputs, so Pulumi creates the root, then each level of children.
	for _, n := range g.order {
		spec := specs[n]
		task, err := newTask(spec, func(ta *snowflake.TaskArgs) {
			if n == g.root {
				rootSettings(name, a, ta)
				return
			}
			afters := pulumi.StringArray{}
			for _, p := range spec.After {
				afters = append(afters, graph.Tasks[p].FullyQualifiedName)
			}
			ta.Afters = afters
		})
		if err != nil {
			return nil, wrap("creating task "+n, err)
		}
		graph.Tasks[n] = task
		fqns[n] = task.FullyQualifiedName
	}
	root := graph.Tasks[g.root]
	if a.Finalizer != nil {
		fin, err := newTask(*a.Finalizer, func(ta *snowflake.TaskArgs) { ta.Finalize = root.FullyQualifiedName })
		if err != nil {
			return nil, wrap("creating finalizer "+a.Finalizer.Name, err)
		}
		graph.Tasks[a.Finalizer.Name] = fin
		fqns[a.Finalizer.Name] = fin.FullyQualifiedName
	}

	if d := deadlineFor(a, g.root); d != nil {
		finalizer := ""
		if a.Finalizer != nil {
			finalizer = a.Finalizer.Name
		}
		check, err := newDeadlineTask(ctx, name, a, d, deadlineTaskInputs{
			database: database, schema: schema, integration: integration,
			root: g.root, finalizer: finalizer, warehouse: warehouse,
		}, parent, pulumi.DependsOn([]pulumi.Resource{root}))
		if err != nil {
			return nil, wrap("creating deadline check", err)
		}
		graph.DeadlineTask = check
	}

	graph.RootTaskFullyQualifiedName = root.FullyQualifiedName
	graph.TaskFullyQualifiedNames = fqns.ToStringMapOutput()
	graph.ErrorIntegrationName = integration
	graph.ErrorTopicArn = topicArn
	graph.NotificationRoleArn = roleArn
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, graph, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(graph, pulumi.Map{
		"rootTaskFullyQualifiedName": graph.RootTaskFullyQualifiedName,
		"taskFullyQualifiedNames":    graph.TaskFullyQualifiedNames,
		"errorIntegrationName":       graph.ErrorIntegrationName,
		"errorTopicArn":              graph.ErrorTopicArn,
		"notificationRoleArn":        graph.NotificationRoleArn,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return graph, nil
}

// rootSettings gives the root its trigger and the graph-wide guards, which
// Snowflake reads from the root only.
func rootSettings(name string, a TaskGraphArgs, ta *snowflake.TaskArgs) {
	ta.AllowOverlappingExecution = pulumi.String("false")
	ta.SuspendTaskAfterNumFailures = pulumi.Int(*a.SuspendAfterFailures)
	ta.TaskAutoRetryAttempts = pulumi.Int(*a.RetryAttempts)
	switch {
	case a.Cron != "":
		ta.Schedule = &snowflake.TaskSchedule{UsingCron: pulumi.String(a.Cron + " " + a.Timezone)}
	case a.EveryMinutes != 0:
		ta.Schedule = &snowflake.TaskSchedule{Minutes: pulumi.Int(a.EveryMinutes)}
	case a.TriggerStream != nil:
		ta.When = check.Deployed(kind, name, "TriggerStream", a.TriggerStream, verify.SnowflakeName).ToStringOutput().ApplyT(streamHasData).(pulumi.StringOutput)
	}
	if a.TargetCompletionInterval != 0 {
		ta.TargetCompletionInterval = &snowflake.TaskTargetCompletionInterval{
			Minutes: pulumi.Int(int(a.TargetCompletionInterval.Minutes())),
		}
	}
}

// streamHasData is the trigger condition of a stream-triggered root.
func streamHasData(stream string) string {
	return "SYSTEM$STREAM_HAS_DATA('" + strings.ReplaceAll(stream, "'", "''") + "')"
}

// taskLogicalName is the Pulumi name of a task child.
func taskLogicalName(component, task string) string {
	return naming.Child(component, "task-"+strings.ToLower(task))
}

// deadlineTaskInputs are what the check task takes from the graph.
type deadlineTaskInputs struct {
	database, schema, integration, warehouse pulumi.StringOutput
	root, finalizer                          string
}

// newDeadlineTask registers the standalone check task <ROOT>_DEADLINE: on
// the graph's warehouse, else serverless at DeadlineSize; started with the
// graph; reporting its own failures to the graph's integration; never
// overlapping; suspended after DeadlineSuspendAfterFailures failures in a
// row (policy rule snowflake-root-task-guarded).
func newDeadlineTask(ctx *pulumi.Context, name string, a TaskGraphArgs, d *deadline, in deadlineTaskInputs, opts ...pulumi.ResourceOption) (*snowflake.Task, error) {
	sql := pulumi.All(in.database, in.schema, in.integration).ApplyT(func(v []any) string {
		return d.sql(checkTarget{
			component: name, database: v[0].(string), schema: v[1].(string),
			root: in.root, finalizer: in.finalizer, integration: v[2].(string),
		})
	}).(pulumi.StringOutput)
	ta := &snowflake.TaskArgs{
		Database:                    in.database,
		Schema:                      in.schema,
		Name:                        pulumi.String(d.task),
		SqlStatement:                sql,
		Started:                     pulumi.Bool(a.Started),
		ErrorIntegration:            in.integration,
		AllowOverlappingExecution:   pulumi.String("false"),
		SuspendTaskAfterNumFailures: pulumi.Int(DeadlineSuspendAfterFailures),
		UserTaskTimeoutMs:           pulumi.Int(int(DeadlineTimeout.Milliseconds())),
		Comment:                     pulumi.String("schedkit TaskGraph " + name + plan.DeadlineCheckComment),
	}
	if d.calendar != nil {
		ta.Schedule = &snowflake.TaskSchedule{UsingCron: pulumi.String(d.checkCron)}
	} else {
		ta.Schedule = &snowflake.TaskSchedule{Minutes: pulumi.Int(int(d.checkEvery / time.Minute))}
	}
	if a.Warehouse != nil {
		ta.Warehouse = in.warehouse
	} else {
		ta.UserTaskManagedInitialWarehouseSize = pulumi.String(DeadlineSize)
	}
	return snowflake.NewTask(ctx, naming.Child(name, "deadline"), ta, opts...)
}
