package taskgraph

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	roleType        = "aws:iam/role:Role"
	rolePolicyType  = "aws:iam/rolePolicy:RolePolicy"
	keyType         = "aws:kms/key:Key"
	topicType       = "aws:sns/topic:Topic"
	topicPolicyType = "aws:sns/topicPolicy:TopicPolicy"
)

// nightly is a cron graph: EXTRACT → {TRANSFORM, AUDIT} → PUBLISH, plus a finalizer.
func nightly() *TaskGraphArgs {
	return &TaskGraphArgs{
		Database: pulumi.String("ANALYTICS"),
		Schema:   pulumi.String("CORE"),
		Cron:     "0 2 * * *",
		Timezone: "Europe/Berlin",
		Tasks: []TaskSpec{
			{Name: "EXTRACT", SQL: "CALL extract()"},
			{Name: "TRANSFORM", SQL: "CALL transform()", After: []string{"EXTRACT"}, Timeout: 2 * time.Hour},
			{Name: "AUDIT", SQL: "CALL audit()", After: []string{"EXTRACT"}, When: "1 = 1"},
			{Name: "PUBLISH", SQL: "CALL publish()", After: []string{"TRANSFORM", "AUDIT"}},
		},
		Finalizer: &TaskSpec{Name: "CLEANUP", SQL: "CALL cleanup()"},
	}
}

// options is the project and stack every test runs as.
var options = synth.Options{Project: "proj", Stack: "dev"}

// program creates one TaskGraph named "nightly" and exports its outputs.
func program(args *TaskGraphArgs) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		g, err := NewTaskGraph(ctx, "nightly", args)
		if err != nil {
			return err
		}
		ctx.Export("root", g.RootTaskFullyQualifiedName)
		ctx.Export("tasks", g.TaskFullyQualifiedNames)
		ctx.Export("integration", g.ErrorIntegrationName)
		ctx.Export("topic", g.ErrorTopicArn)
		ctx.Export("role", g.NotificationRoleArn)
		return nil
	}
}

// mustRun runs program(args) in project proj, stack dev, and returns the plan.
func mustRun(t *testing.T, args *TaskGraphArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, program(args), options)
}

func task(t *testing.T, plan *synth.Plan, name string) synth.Resource {
	t.Helper()
	return synthtest.Find(t, plan, snowflake.TaskType, "nightly-task-"+name)
}

func TestTaskGraph_defaults(t *testing.T) {
	assert.Equal(t, "schedkit:snowflake:TaskGraph", Type)
	assert.Equal(t, "UTC", DefaultTimezone)
	assert.Equal(t, "XSMALL", DefaultInitialWarehouseSize)
	assert.Equal(t, 3, DefaultSuspendAfterFailures)
	assert.Equal(t, 0, DefaultRetryAttempts)
	assert.Equal(t, time.Hour, DefaultTaskTimeout)
	assert.Equal(t, 1000, MaxTasks)
	assert.Equal(t, 100, MaxPredecessors)
	assert.Equal(t, 11520, MaxEveryMinutes)
	assert.Equal(t, 30, MaxRetryAttempts)
	assert.Equal(t, 7*24*time.Hour, MaxTaskTimeout)
	assert.Equal(t, []string{"XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE"}, ServerlessSizes)
	assert.Equal(t, []string{"snowflake_notification_integration_resource"}, PreviewFeatures())
	assert.Equal(t, []string{snowflake.TaskType, snowflake.NotificationIntegrationType}, Tokens())

	a := withDefaults(TaskGraphArgs{Cron: "0 2 * * *", Tasks: []TaskSpec{{Name: "A"}}})
	assert.Equal(t, "UTC", a.Timezone)
	assert.Equal(t, "XSMALL", a.InitialWarehouseSize)
	assert.Equal(t, 3, *a.SuspendAfterFailures)
	assert.Equal(t, 0, *a.RetryAttempts)
	assert.Equal(t, time.Hour, a.Tasks[0].Timeout)
}

func TestTaskGraph_createsExactChildren(t *testing.T) {
	plan := mustRun(t, nightly())
	assert.Equal(t, []string{
		roleType + " nightly-errors-role",
		rolePolicyType + " nightly-errors-role-policy",
		topicType + " nightly-errors",
		topicPolicyType + " nightly-errors-policy",
		"schedkit:keep:DeleteLock nightly-delete-lock",
		snowflake.NotificationIntegrationType + " nightly-errors-integration",
		snowflake.TaskType + " nightly-deadline",
		snowflake.TaskType + " nightly-task-audit",
		snowflake.TaskType + " nightly-task-cleanup",
		snowflake.TaskType + " nightly-task-extract",
		snowflake.TaskType + " nightly-task-publish",
		snowflake.TaskType + " nightly-task-transform",
	}, synthtest.ChildrenOf(t, plan, Type, "nightly"))
	// Nothing else is registered (every resource is the component or its child).
	assert.Len(t, plan.Resources, 13)
}

func TestTaskGraph_rootCarriesTheGuards(t *testing.T) {
	plan := mustRun(t, nightly())
	root := task(t, plan, "extract")
	integration := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration")

	assert.Equal(t, "EXTRACT", root.String("name"))
	assert.Equal(t, "ANALYTICS", root.String("database"))
	assert.Equal(t, "CORE", root.String("schema"))
	assert.Equal(t, "CALL extract()", root.String("sqlStatement"))
	assert.Equal(t, map[string]any{"usingCron": "0 2 * * * Europe/Berlin"}, root.Inputs["schedule"])
	assert.Equal(t, "false", root.String("allowOverlappingExecution"))
	assert.Equal(t, float64(3), root.Inputs["suspendTaskAfterNumFailures"])
	assert.Equal(t, float64(0), root.Inputs["taskAutoRetryAttempts"])
	assert.Equal(t, float64(3600000), root.Inputs["userTaskTimeoutMs"])
	assert.Equal(t, "XSMALL", root.String("userTaskManagedInitialWarehouseSize"))
	assert.Nil(t, root.Inputs["warehouse"])
	assert.Equal(t, false, root.Inputs["started"])
	assert.Equal(t, integration.Output("name"), root.String("errorIntegration"))
	assert.NotEmpty(t, root.String("errorIntegration"))
	for _, k := range []string{"afters", "finalize", "when", "targetCompletionInterval"} {
		assert.Nil(t, root.Inputs[k], k)
	}
}

func TestTaskGraph_childrenHaveExactParents(t *testing.T) {
	plan := mustRun(t, nightly())
	fqn := func(n string) string { return task(t, plan, n).Output("fullyQualifiedName") }
	assert.Equal(t, `"ANALYTICS"."CORE"."EXTRACT"`, fqn("extract"))

	parents := map[string][]any{
		"transform": {fqn("extract")},
		"audit":     {fqn("extract")},
		"publish":   {fqn("transform"), fqn("audit")},
	}
	integration := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration").Output("name")
	for n, want := range parents {
		child := task(t, plan, n)
		assert.Equal(t, want, child.Inputs["afters"], n)
		for _, k := range []string{"schedule", "allowOverlappingExecution", "suspendTaskAfterNumFailures", "taskAutoRetryAttempts", "finalize", "targetCompletionInterval"} {
			assert.Nil(t, child.Inputs[k], "%s has root-only %s", n, k)
		}
		assert.Equal(t, integration, child.String("errorIntegration"), n)
		assert.Equal(t, "XSMALL", child.String("userTaskManagedInitialWarehouseSize"), n)
		// Pulumi creates a child after its predecessors: the afters are their outputs.
		for _, p := range want {
			for _, cand := range plan.ByType(snowflake.TaskType) {
				if cand.Output("fullyQualifiedName") == p {
					assert.Contains(t, child.Dependencies, cand.URN, "%s depends on %s", n, cand.Name)
				}
			}
		}
	}
	assert.Equal(t, float64(7200000), task(t, plan, "transform").Inputs["userTaskTimeoutMs"])
	assert.Equal(t, float64(3600000), task(t, plan, "publish").Inputs["userTaskTimeoutMs"])
	assert.Equal(t, "1 = 1", task(t, plan, "audit").String("when"))

	fin := task(t, plan, "cleanup")
	assert.Equal(t, fqn("extract"), fin.String("finalize"))
	assert.Nil(t, fin.Inputs["afters"])
	assert.Nil(t, fin.Inputs["schedule"])
	assert.Equal(t, integration, fin.String("errorIntegration"))
	assert.Contains(t, fin.Dependencies, task(t, plan, "extract").URN)
}

func TestTaskGraph_exportsNames(t *testing.T) {
	plan := mustRun(t, nightly())
	assert.Equal(t, `"ANALYTICS"."CORE"."EXTRACT"`, plan.Outputs["root"])
	assert.Equal(t, map[string]any{
		"EXTRACT":   `"ANALYTICS"."CORE"."EXTRACT"`,
		"TRANSFORM": `"ANALYTICS"."CORE"."TRANSFORM"`,
		"AUDIT":     `"ANALYTICS"."CORE"."AUDIT"`,
		"PUBLISH":   `"ANALYTICS"."CORE"."PUBLISH"`,
		"CLEANUP":   `"ANALYTICS"."CORE"."CLEANUP"`,
	}, plan.Outputs["tasks"])
	integration := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration")
	topic := synthtest.Find(t, plan, topicType, "nightly-errors")
	assert.Equal(t, integration.Output("name"), plan.Outputs["integration"])
	assert.Equal(t, topic.Output("arn"), plan.Outputs["topic"])
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-proj-dev-nightly-sf-notify", plan.Outputs["role"])
}

func TestTaskGraph_notificationWiringBreaksTheCycle(t *testing.T) {
	plan := mustRun(t, nightly())
	integration := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration")
	role := synthtest.Find(t, plan, roleType, "nightly-errors-role")
	policy := synthtest.Find(t, plan, rolePolicyType, "nightly-errors-role-policy")
	topic := synthtest.Find(t, plan, topicType, "nightly-errors")

	// The integration gets the role's ARN computed from the account and the fixed name …
	const roleArn = "arn:aws:iam::123456789012:role/schedkit-proj-dev-nightly-sf-notify"
	assert.Equal(t, "AWS_SNS", integration.String("notificationProvider"))
	assert.Equal(t, roleArn, integration.String("awsSnsRoleArn"))
	assert.Equal(t, topic.Output("arn"), integration.String("awsSnsTopicArn"))
	assert.Equal(t, true, integration.Inputs["enabled"])
	assert.NotContains(t, integration.Dependencies, role.URN, "the integration does not wait for the role")
	// … and the role, created afterwards under exactly that name, has that ARN.
	assert.Equal(t, "schedkit-proj-dev-nightly-sf-notify", role.String("name"))
	assert.Equal(t, roleArn, role.Output("arn"))
	assert.Contains(t, role.Dependencies, integration.URN)

	// The trust policy names the integration's IAM user and external id.
	trust := synthtest.ParsePolicy(t, role.String("assumeRolePolicy"))
	require.Len(t, trust.Statement, 1)
	st := trust.Statement[0]
	assert.Equal(t, []string{"sts:AssumeRole"}, st.Action)
	assert.Equal(t, map[string][]string{"AWS": {integration.Output("awsSnsIamUserArn")}}, st.Principal)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"sts:ExternalId": {integration.Output("awsSnsExternalId")}}}, st.Condition)
	assert.Contains(t, integration.Output("awsSnsIamUserArn"), ":999999999999:")

	// The role may publish to that topic, nothing else.
	doc := synthtest.ParsePolicy(t, policy.String("policy"))
	assert.Equal(t, schedkitRole(role), policy.String("role"))
	pub := synthtest.Statement(t, doc, "PublishErrorNotifications")
	assert.Equal(t, []string{"sns:Publish"}, pub.Action)
	assert.Equal(t, []string{topic.Output("arn")}, pub.Resource)
	assert.Equal(t, []string{"sns:Publish"}, doc.Actions())

	// A standard topic, TLS only, encrypted with the AWS-managed key: only
	// the account's own role publishes, and that key's policy lets the
	// account's principals use it through SNS. No alarm publishes here, so
	// no customer-managed key ($1 a month) is needed.
	assert.Equal(t, false, topic.Inputs["fifoTopic"])
	assert.Equal(t, "alias/aws/sns", topic.String("kmsMasterKeyId"))
	assert.Empty(t, plan.ByType(keyType))
	tp := synthtest.ParsePolicy(t, synthtest.Find(t, plan, topicPolicyType, "nightly-errors-policy").String("policy"))
	deny := synthtest.Statement(t, tp, "DenyInsecureTransport")
	assert.Equal(t, iampolicy.Deny, deny.Effect)
	assert.Equal(t, []string{topic.Output("arn")}, deny.Resource)

	// Tasks reference the integration only once the role and its policy exist.
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Contains(t, tk.Dependencies, policy.URN, tk.Name)
		assert.Contains(t, tk.Dependencies, role.URN, tk.Name)
	}
}

// schedkitRole is the value a RolePolicy's role input takes: the role's id (its name).
func schedkitRole(role synth.Resource) string { return role.Output("id") }

func TestTaskGraph_triggeredByStream(t *testing.T) {
	args := nightly()
	args.Cron, args.Timezone = "", ""
	args.TriggerStream = pulumi.String(`"RAW"."EVENTS"."ORDERS_STREAM"`)
	args.TargetCompletionInterval = 15 * time.Minute
	plan := mustRun(t, args)
	root := task(t, plan, "extract")
	assert.Equal(t, `SYSTEM$STREAM_HAS_DATA('"RAW"."EVENTS"."ORDERS_STREAM"')`, root.String("when"))
	assert.Nil(t, root.Inputs["schedule"], "a triggered task has no schedule")
	assert.Equal(t, map[string]any{"minutes": float64(15)}, root.Inputs["targetCompletionInterval"])
	assert.Equal(t, "XSMALL", root.String("userTaskManagedInitialWarehouseSize"))
	assert.Nil(t, task(t, plan, "transform").Inputs["targetCompletionInterval"])
	assert.Nil(t, task(t, plan, "transform").Inputs["when"])
}

func TestTaskGraph_triggerStreamFromAnOutput(t *testing.T) {
	args := nightly()
	args.Cron, args.Timezone = "", ""
	args.TriggerStream = pulumi.String(`"RAW"."EVENTS"."S"`).ToStringOutput()
	args.TargetCompletionInterval = time.Hour
	plan := mustRun(t, args)
	assert.Equal(t, `SYSTEM$STREAM_HAS_DATA('"RAW"."EVENTS"."S"')`, task(t, plan, "extract").String("when"))
	assert.Equal(t, map[string]any{"minutes": float64(60)}, task(t, plan, "extract").Inputs["targetCompletionInterval"])

	args.TriggerStream = pulumi.String("x'; DROP TABLE t; --").ToStringOutput()
	err := synthtest.RunError(t, program(args), options)
	assert.Contains(t, err.Error(), "taskgraph \"nightly\": `TriggerStream`")
}

func TestTaskGraph_everyMinutes(t *testing.T) {
	args := nightly()
	args.Cron, args.Timezone = "", ""
	args.EveryMinutes = 30
	plan := mustRun(t, args)
	assert.Equal(t, map[string]any{"minutes": float64(30)}, task(t, plan, "extract").Inputs["schedule"])
}

func TestTaskGraph_cronDefaultsToUTC(t *testing.T) {
	args := nightly()
	args.Timezone = ""
	plan := mustRun(t, args)
	assert.Equal(t, map[string]any{"usingCron": "0 2 * * * UTC"}, task(t, plan, "extract").Inputs["schedule"])
}

func TestTaskGraph_namedWarehouse(t *testing.T) {
	args := nightly()
	args.Warehouse = pulumi.String("TRANSFORM_WH")
	plan := mustRun(t, args)
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, "TRANSFORM_WH", tk.String("warehouse"), tk.Name)
		assert.Nil(t, tk.Inputs["userTaskManagedInitialWarehouseSize"], tk.Name)
	}
}

func TestTaskGraph_settings(t *testing.T) {
	args := nightly()
	zero, five := 0, 5
	args.SuspendAfterFailures = &zero
	args.RetryAttempts = &five
	args.InitialWarehouseSize = "MEDIUM"
	args.Started = true
	args.AlertEmail = "ops@example.com"
	args.NotificationRoleName = "nightly-prod-sf-notify"
	args.RetainOnDelete = true
	plan := mustRun(t, args)
	root := task(t, plan, "extract")
	assert.Equal(t, float64(0), root.Inputs["suspendTaskAfterNumFailures"])
	assert.Equal(t, float64(5), root.Inputs["taskAutoRetryAttempts"])
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, true, tk.Inputs["started"], tk.Name)
		if tk.Name == "nightly-deadline" {
			// The check is small whatever the graph's size.
			assert.Equal(t, "XSMALL", tk.String("userTaskManagedInitialWarehouseSize"), tk.Name)
			continue
		}
		assert.Equal(t, "MEDIUM", tk.String("userTaskManagedInitialWarehouseSize"), tk.Name)
	}
	sub := synthtest.Find(t, plan, "aws:sns/topicSubscription:TopicSubscription", "nightly-errors-email")
	assert.Equal(t, "email", sub.String("protocol"))
	assert.Equal(t, "ops@example.com", sub.String("endpoint"))
	assert.Equal(t, "nightly-prod-sf-notify", synthtest.Find(t, plan, roleType, "nightly-errors-role").String("name"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/nightly-prod-sf-notify",
		synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration").String("awsSnsRoleArn"))
	assert.True(t, synthtest.Find(t, plan, topicType, "nightly-errors").RetainOnDelete)
	assert.False(t, synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration").RetainOnDelete)
}

func TestTaskGraph_existingErrorIntegration(t *testing.T) {
	args := nightly()
	args.ErrorIntegration = "OPS_ERRORS"
	plan := mustRun(t, args)
	assert.Equal(t, []string{
		"schedkit:keep:DeleteLock nightly-delete-lock",
		snowflake.TaskType + " nightly-deadline",
		snowflake.TaskType + " nightly-task-audit",
		snowflake.TaskType + " nightly-task-cleanup",
		snowflake.TaskType + " nightly-task-extract",
		snowflake.TaskType + " nightly-task-publish",
		snowflake.TaskType + " nightly-task-transform",
	}, synthtest.ChildrenOf(t, plan, Type, "nightly"), "no AWS side and no integration for a given integration")
	for _, tk := range plan.ByType(snowflake.TaskType) {
		assert.Equal(t, "OPS_ERRORS", tk.String("errorIntegration"), tk.Name)
	}
	assert.Equal(t, "OPS_ERRORS", plan.Outputs["integration"])
	assert.Equal(t, "", plan.Outputs["topic"])
	assert.Equal(t, "", plan.Outputs["role"])
}

func TestTaskGraph_recheckOutputsWhenKnown(t *testing.T) {
	cases := []struct {
		field string
		set   func(a *TaskGraphArgs, v pulumi.StringInput)
		bad   string
	}{
		{"Database", func(a *TaskGraphArgs, v pulumi.StringInput) { a.Database = v }, "RAW-DB"},
		{"Schema", func(a *TaskGraphArgs, v pulumi.StringInput) { a.Schema = v }, "1ETL"},
		{"Warehouse", func(a *TaskGraphArgs, v pulumi.StringInput) { a.Warehouse = v }, "small_wh"},
		{"TriggerStream", func(a *TaskGraphArgs, v pulumi.StringInput) {
			a.Cron, a.Timezone, a.TriggerStream, a.TargetCompletionInterval = "", "", v, time.Hour
		}, "x'; DROP TABLE t; --"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := nightly(), nightly()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, program(plain), program(output), options)
			assert.Contains(t, msg, "taskgraph \"nightly\": `"+c.field+"`")
		})
	}
}

func TestTaskGraph_rejectsBadInput(t *testing.T) {
	type mod func(a *TaskGraphArgs)
	intp := func(n int) *int { return &n }
	tooMany := func(a *TaskGraphArgs) {
		a.Finalizer = &TaskSpec{Name: "FIN", SQL: "SELECT 1"}
		a.Tasks = []TaskSpec{{Name: "ROOT", SQL: "SELECT 1"}}
		for i := 1; i < MaxTasks; i++ {
			a.Tasks = append(a.Tasks, TaskSpec{Name: fmt.Sprintf("T%d", i), SQL: "SELECT 1", After: []string{fmt.Sprintf("T%d", i-1)}})
		}
		a.Tasks[1].After = []string{"ROOT"}
	}
	cases := []struct {
		name   string
		mod    mod
		field  string
		detail string
	}{
		{"no database", func(a *TaskGraphArgs) { a.Database = nil }, "Database", "is required"},
		{"bad database", func(a *TaskGraphArgs) { a.Database = pulumi.String("my-db") }, "Database", "contains '-'"},
		{"no schema", func(a *TaskGraphArgs) { a.Schema = nil }, "Schema", "is required"},
		{"bad schema", func(a *TaskGraphArgs) { a.Schema = pulumi.String(`"CORE"`) }, "Schema", "must start with a letter"},
		{"no tasks", func(a *TaskGraphArgs) { a.Tasks = nil; a.Finalizer = nil }, "Tasks", "is empty"},
		{"over 1000 tasks", tooMany, "Tasks", "has 1001 tasks (with the finalizer); Snowflake allows at most 1000"},
		{"empty task name", func(a *TaskGraphArgs) { a.Tasks[1].Name = "" }, "Tasks[1].Name", "is empty"},
		{"bad task name", func(a *TaskGraphArgs) { a.Tasks[1].Name = "1ST" }, "Tasks[1].Name", "must start with a letter"},
		{"empty SQL", func(a *TaskGraphArgs) { a.Tasks[2].SQL = "  " }, "Tasks[2].SQL", "is empty"},
		{"two statements", func(a *TaskGraphArgs) { a.Tasks[2].SQL = "DELETE FROM T; INSERT INTO T SELECT 1" }, "Tasks[2].SQL",
			`"DELETE FROM T; INSERT INTO T SELECT 1" is more than one statement: a task runs one statement, a CALL, or several inside a Snowflake Scripting block (BEGIN ... END;)`},
		{"when is a statement", func(a *TaskGraphArgs) { a.Tasks[1].When = "SELECT COUNT(*) > 0 FROM T" }, "Tasks[1].When",
			`"SELECT COUNT(*) > 0 FROM T" is a statement (SELECT), not a Boolean expression: a task's WHEN takes an expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')`},
		{"when with ;", func(a *TaskGraphArgs) { a.Finalizer.When = "1 = 1; DROP TABLE T" }, "Finalizer.When",
			`"1 = 1; DROP TABLE T" contains ;, which would end the CREATE TASK statement: a task's WHEN takes one Boolean expression`},
		{"negative timeout", func(a *TaskGraphArgs) { a.Tasks[0].Timeout = -time.Second }, "Tasks[0].Timeout", "is negative"},
		{"sub-millisecond timeout", func(a *TaskGraphArgs) { a.Tasks[0].Timeout = time.Microsecond }, "Tasks[0].Timeout", "not a whole number of milliseconds"},
		{"timeout over 7 days", func(a *TaskGraphArgs) { a.Tasks[0].Timeout = 8 * 24 * time.Hour }, "Tasks[0].Timeout", "over Snowflake's limit"},
		{"cycle", func(a *TaskGraphArgs) { a.Tasks[1].After = []string{"EXTRACT", "PUBLISH"} }, "Tasks", "has a cycle: TRANSFORM → PUBLISH → TRANSFORM"},
		{"two roots", func(a *TaskGraphArgs) { a.Tasks[2].After = nil }, "Tasks", "has 2 roots (EXTRACT, AUDIT)"},
		{"missing predecessor", func(a *TaskGraphArgs) { a.Tasks[3].After = []string{"TRANSFORM", "LOAD"} }, "Tasks[3].After", `names "LOAD", which is not a task of the graph`},
		{"duplicate task", func(a *TaskGraphArgs) { a.Tasks[2].Name = "Transform" }, "Tasks[2].Name", `"Transform" duplicates Tasks[1] "TRANSFORM"`},
		{"finalizer with after", func(a *TaskGraphArgs) { a.Finalizer.After = []string{"PUBLISH"} }, "Finalizer.After", "takes no predecessors"},
		{"finalizer without SQL", func(a *TaskGraphArgs) { a.Finalizer.SQL = "" }, "Finalizer.SQL", "is empty"},
		{"no schedule", func(a *TaskGraphArgs) { a.Cron, a.Timezone = "", "" }, "Cron", "the root needs exactly one of them"},
		{"cron and minutes", func(a *TaskGraphArgs) { a.EveryMinutes = 5 }, "Cron", "`Cron`, `EveryMinutes` are all set"},
		{"cron and stream", func(a *TaskGraphArgs) {
			a.TriggerStream = pulumi.String(`"A"."B"."C"`)
			a.TargetCompletionInterval = time.Hour
		}, "Cron", "`Cron`, `TriggerStream` are all set"},
		{"six-field cron", func(a *TaskGraphArgs) { a.Cron = "0 0 2 * * ?" }, "Cron", "needs 5 fields and a time zone"},
		{"cron with bad hour", func(a *TaskGraphArgs) { a.Cron = "0 25 * * *" }, "Cron", "hour field"},
		{"bad time zone", func(a *TaskGraphArgs) { a.Timezone = "Mars/Olympus" }, "Cron", `"Mars/Olympus" is not an IANA time zone`},
		{"time zone without cron", func(a *TaskGraphArgs) { a.Cron = ""; a.EveryMinutes = 5 }, "Timezone", "is set without `Cron`"},
		{"minutes out of range", func(a *TaskGraphArgs) { a.Cron, a.Timezone = "", ""; a.EveryMinutes = 20000 }, "EveryMinutes", "20000 is outside 1–11520"},
		{"negative minutes", func(a *TaskGraphArgs) { a.Cron, a.Timezone = "", ""; a.EveryMinutes = -1 }, "EveryMinutes", "-1 is outside 1–11520"},
		{"empty stream", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone = "", ""
			a.TriggerStream = pulumi.String("")
			a.TargetCompletionInterval = time.Hour
		}, "TriggerStream", "is empty"},
		{"serverless trigger without interval", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone = "", ""
			a.TriggerStream = pulumi.String(`"A"."B"."C"`)
		}, "TargetCompletionInterval", "a serverless triggered task needs a target completion interval"},
		{"triggered root with when", func(a *TaskGraphArgs) {
			a.Cron, a.Timezone = "", ""
			a.TriggerStream = pulumi.String(`"A"."B"."C"`)
			a.TargetCompletionInterval = time.Hour
			a.Tasks[0].When = "1 = 1"
		}, "Tasks", `root "EXTRACT" has `},
		{"interval not whole minutes", func(a *TaskGraphArgs) { a.TargetCompletionInterval = 90 * time.Second }, "TargetCompletionInterval", "1m30s is not a whole number of minutes"},
		{"interval with warehouse", func(a *TaskGraphArgs) {
			a.Warehouse = pulumi.String("WH")
			a.TargetCompletionInterval = time.Hour
		}, "TargetCompletionInterval", "applies only to serverless tasks"},
		{"size with warehouse", func(a *TaskGraphArgs) { a.Warehouse = pulumi.String("WH"); a.InitialWarehouseSize = "SMALL" }, "InitialWarehouseSize", "applies only to serverless tasks"},
		{"lower-case warehouse", func(a *TaskGraphArgs) { a.Warehouse = pulumi.String("wh") }, "Warehouse", "not upper case"},
		{"unknown size", func(a *TaskGraphArgs) { a.InitialWarehouseSize = "X4LARGE" }, "InitialWarehouseSize", `"X4LARGE" is not one of XSMALL`},
		{"negative suspend-after", func(a *TaskGraphArgs) { a.SuspendAfterFailures = intp(-1) }, "SuspendAfterFailures", "-1 is negative"},
		{"retries over 30", func(a *TaskGraphArgs) { a.RetryAttempts = intp(31) }, "RetryAttempts", "31 is outside 0–30"},
		{"negative retries", func(a *TaskGraphArgs) { a.RetryAttempts = intp(-1) }, "RetryAttempts", "-1 is outside 0–30"},
		{"bad integration name", func(a *TaskGraphArgs) { a.ErrorIntegration = "ops errors" }, "ErrorIntegration", "contains ' '"},
		{"email with integration", func(a *TaskGraphArgs) { a.ErrorIntegration = "OPS"; a.AlertEmail = "a@b.c" }, "AlertEmail", "is set with `ErrorIntegration`"},
		{"alert address that is none", func(a *TaskGraphArgs) { a.AlertEmail = "data-oncall" }, "AlertEmail", `"data-oncall" is not an email address`},
		{"reserved tag key", func(a *TaskGraphArgs) { a.Tags = map[string]string{"AWS:owner": "x"} }, "Tags", `key "AWS:owner" starts with "aws:"`},
		{"tag value too long", func(a *TaskGraphArgs) { a.Tags = map[string]string{"team": strings.Repeat("v", 257)} }, "Tags", "a tag value has at most 256"},
		{"task name too long", func(a *TaskGraphArgs) { a.Tasks[0].Name = strings.Repeat("T", 256) }, "Tasks[0].Name", "the maximum is 255"},
		{"role name with integration", func(a *TaskGraphArgs) { a.ErrorIntegration = "OPS"; a.NotificationRoleName = "r" }, "NotificationRoleName", "is set with `ErrorIntegration`"},
		{"role name too long", func(a *TaskGraphArgs) { a.NotificationRoleName = strings.Repeat("r", 65) }, "NotificationRoleName", "a IAM role name has at most 64"},
		{"role name bad characters", func(a *TaskGraphArgs) { a.NotificationRoleName = "role/with/slash" }, "NotificationRoleName", "is not a valid IAM role name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := nightly()
			c.mod(args)
			err := synthtest.Reject(t, program(args), options)
			assert.Contains(t, err.Error(), "taskgraph \"nightly\": `"+c.field+"`")
			assert.Contains(t, err.Error(), c.detail)
		})
	}
}

func TestTaskGraph_longComponentNameStillGetsARoleWithinIAMsLimit(t *testing.T) {
	name := "a-very-long-task-graph-name-that-does-not-fit-an-iam-role"
	plan := synthtest.Run(t, synthtest.Program(NewTaskGraph, name, nightly()), options)
	role := synthtest.Find(t, plan, "aws:iam/role:Role", name+"-errors-role")
	assert.Len(t, role.String("name"), 64)
	assert.Regexp(t, `^schedkit-proj-dev-a-very-long-.*-[0-9a-f]{8}-sf-notify$`, role.String("name"))
}

func TestTaskGraph_nilArgs(t *testing.T) {
	err := synthtest.Reject(t, synthtest.Program(NewTaskGraph, "g", nil), synth.Options{})
	assert.Contains(t, err.Error(), "taskgraph \"g\": `args` is nil")
}

func TestTaskGraph_errorsToAGivenAlertTopic(t *testing.T) {
	const topic, key = "arn:aws:sns:us-east-1:123456789012:oncall", "arn:aws:kms:us-east-1:123456789012:key/oncall"
	args := nightly()
	args.AlertTopicArn, args.AlertTopicKmsKeyArn = pulumi.String(topic), pulumi.String(key)
	plan := mustRun(t, args)
	assert.Empty(t, plan.ByType("aws:sns/topic:Topic"), "the given topic is used")
	integ := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "nightly-errors-integration")
	assert.Equal(t, topic, integ.String("awsSnsTopicArn"))
	assert.Equal(t, integ.Output("name"), task(t, plan, "extract").String("errorIntegration"))
	doc := synthtest.Policy(t, plan, "nightly-errors-role-policy")
	assert.Equal(t, []string{topic}, synthtest.Statement(t, doc, "PublishErrorNotifications").Resource)
	assert.Equal(t, []string{key}, synthtest.Statement(t, doc, "EncryptErrorNotifications").Resource)

	for _, c := range []struct {
		mod  func(a *TaskGraphArgs)
		want string
	}{
		{func(a *TaskGraphArgs) { a.AlertEmail = "ops@example.com" }, "`AlertEmail` \"ops@example.com\" is set with `AlertTopicArn`"},
		{func(a *TaskGraphArgs) { a.ErrorIntegration = "OPS" }, "`AlertTopicArn` is set with `ErrorIntegration`"},
		{func(a *TaskGraphArgs) { a.AlertTopicArn = pulumi.String("oncall") }, "`AlertTopicArn` \"oncall\" is not an SNS topic ARN"},
	} {
		bad := nightly()
		bad.AlertTopicArn = pulumi.String(topic)
		c.mod(bad)
		assert.Contains(t, synthtest.Reject(t, program(bad), options).Error(), c.want)
	}
	noTopic := nightly()
	noTopic.AlertTopicKmsKeyArn = pulumi.String(key)
	assert.Contains(t, synthtest.Reject(t, program(noTopic), options).Error(), "`AlertTopicKmsKeyArn` is set without `AlertTopicArn`")
}

func TestTaskGraph_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := nightly()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:sns/topic:Topic nightly-errors",
	}, synthtest.Kept(t, mustRun(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestTaskGraph_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, mustRun(t, nightly())))
}
