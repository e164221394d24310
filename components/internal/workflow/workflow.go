// Package workflow creates the parts every schedkit workflow shares: a
// Step Functions standard state machine with its own least-privilege role,
// ERROR-level logging to a log group with retention, X-Ray tracing and
// alarms; its triggers — an EventBridge Scheduler schedule, or an
// EventBridge rule on an event pattern (NewRuleStart: S3 objects created
// under a prefix, a model package approved, ...) — each with a retry
// policy, an encrypted dead-letter queue and a depth alarm; and the states
// that date a run and report its failure.
//
//	Schedule / EventBridge rule ─(retry, DLQ)→ StateMachine ─(role: caller's statements + logs + traces)→
//	  RunContext → … ─any error→ DescribeFailure → NotifyFailure → Failed
package workflow

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
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
	"github.com/schedkit/schedkit/components/keep"
)

// StateMachineArgs configures a workflow.
type StateMachineArgs struct {
	// Description of the role, e.g. "The nightly job's guard workflow runs as this role".
	Description string
	// Definition is the rendered States Language JSON.
	Definition pulumi.StringInput
	// Statements are the role's service permissions; logging and tracing are added.
	Statements []iampolicy.Statement
	// SelfStatements, when set, are permissions that name the state machine
	// itself (e.g. states:ListExecutions on it). The role's first policy
	// must exist before the machine, which cannot then be named in it
	// without a cycle; these go into a second inline policy,
	// name-workflow-self-policy, created after the machine. Whatever starts
	// the workflow should wait for it (TriggerArgs.DependsOn with
	// StateMachine.SelfPolicy). With SizedBy, both policies together are
	// held to IAM's limit for a role's inline policies.
	SelfStatements func(machineArn pulumi.StringOutput) []iampolicy.Statement
	// Kind and SizedBy name, in the error of a role policy past IAM's
	// limit for one role's inline policies (check.RoleInlinePolicies), the
	// component ("batchworkflow") and the argument whose list grows
	// Statements ("Steps"). An empty SizedBy checks nothing: the
	// statements are a fixed set, far under the limit (as
	// alerting.PolicyOwner).
	Kind, SizedBy string
	// LogRetentionDays of the workflow's log group.
	LogRetentionDays int
	// Alerts receives the failed / timed-out / aborted alarms.
	Alerts *alerting.Topic
	Tags   pulumi.StringMap
	// Keep retains (and protects) the log group when the component is deleted.
	Keep keep.Policy
	// StableName is the name the log groups' name prefixes derive from (the
	// component's StableName); empty means name.
	StableName string
}

// StateMachine is a created workflow and its supporting children.
type StateMachine struct {
	Machine  *sfn.StateMachine
	Role     *iam.Role
	Policy   *iam.RolePolicy
	LogGroup *cloudwatch.LogGroup
	// SelfPolicy holds the SelfStatements; nil without them.
	SelfPolicy *iam.RolePolicy
	// LastSuccess is the record of the last success the workflow writes
	// and a deadline check reads (see NeverSucceeded).
	LastSuccess *ssm.Parameter
	// maxRuntime is the definition's TimeoutSeconds (MaxRuntime when it has
	// none): a deadline's default grace derives from it.
	maxRuntime pulumi.IntOutput
	// logRetentionDays is the retention a deadline check's log group gets too.
	logRetentionDays int
	keep             keep.Policy
	// stableName is what a deadline check's log group prefix derives from.
	stableName string
}

// NewStateMachine creates, as children of parent, the role name-workflow-role,
// its policy name-workflow-policy, the log group name-workflow-logs, the
// record of its last success name-last-success, the state machine
// name-workflow, with SelfStatements the policy name-workflow-self-policy,
// and the machine's three alarms. The definition's Succeed state
// StateSucceeded records the success (see withSuccessRecord).
func NewStateMachine(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, args StateMachineArgs) (*StateMachine, error) {
	p := pulumi.Parent(parent)
	group, err := logs.NewGroup(ctx, naming.Child(name, "workflow-logs"), logs.GroupArgs{
		NamePrefix: "/aws/vendedlogs/states/schedkit-" + naming.Stable(name, args.StableName) + "-", RetentionDays: args.LogRetentionDays, Tags: args.Tags,
	}, args.Keep.Stateful(p)...)
	if err != nil {
		return nil, fmt.Errorf("creating workflow log group: %w", err)
	}
	role, err := iam.NewRole(ctx, naming.Child(name, "workflow-role"), &iam.RoleArgs{
		Description:      pulumi.String(args.Description),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("states.amazonaws.com", env.Account).Render(),
		Tags:             args.Tags,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating workflow role: %w", err)
	}
	lastSuccess, err := newLastSuccess(ctx, name, args.Tags, p)
	if err != nil {
		return nil, err
	}
	stmts := append([]iampolicy.Statement{}, args.Statements...)
	stmts = append(stmts, recordSuccessStatement(lastSuccess))
	if args.Alerts != nil {
		stmts = append(stmts, args.Alerts.PublishStatements()...)
	}
	stmts = append(stmts, ObservabilityStatements()...)
	policyJSON := iampolicy.Document{Statements: stmts}.Render()
	if args.SizedBy != "" {
		policyJSON = check.RoleInlinePolicies(args.Kind, name, args.SizedBy, policyJSON)
	}
	policy, err := iam.NewRolePolicy(ctx, naming.Child(name, "workflow-policy"), &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: policyJSON,
	}, p)
	if err != nil {
		return nil, fmt.Errorf("creating workflow policy: %w", err)
	}
	maxRuntime := args.Definition.ToStringOutput().ApplyT(func(d string) (int, error) {
		var def struct{ TimeoutSeconds int }
		if err := json.Unmarshal([]byte(d), &def); err != nil {
			return 0, fmt.Errorf("reading the workflow definition: %w", err)
		}
		if def.TimeoutSeconds == 0 {
			return int(MaxRuntime / time.Second), nil
		}
		return def.TimeoutSeconds, nil
	}).(pulumi.IntOutput)
	machine, err := sfn.NewStateMachine(ctx, naming.Child(name, "workflow"), &sfn.StateMachineArgs{
		Type:    pulumi.String("STANDARD"),
		RoleArn: role.Arn,
		Definition: pulumi.All(args.Definition, lastSuccess.Name).ApplyT(func(v []any) (string, error) {
			return withSuccessRecord(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput),
		LoggingConfiguration: sfn.StateMachineLoggingConfigurationArgs{
			Level:                pulumi.String("ERROR"),
			IncludeExecutionData: pulumi.Bool(true),
			LogDestination:       logs.AllARN(group),
		},
		TracingConfiguration: sfn.StateMachineTracingConfigurationArgs{Enabled: pulumi.Bool(true)},
		Tags:                 args.Tags,
	}, p, pulumi.DependsOn([]pulumi.Resource{policy}))
	if err != nil {
		return nil, fmt.Errorf("creating workflow: %w", err)
	}
	runs := map[string]pulumi.StringInput{"StateMachineArn": machine.Arn}
	observe.Add(ctx,
		observe.Graph{Component: name, Title: "Runs", Metrics: []observe.Metric{
			{Namespace: "AWS/States", Name: "ExecutionsStarted", Dimensions: runs, Stat: "Sum", Label: "started"},
			{Namespace: "AWS/States", Name: "ExecutionsSucceeded", Dimensions: runs, Stat: "Sum", Label: "succeeded"},
			{Namespace: "AWS/States", Name: "ExecutionsFailed", Dimensions: runs, Stat: "Sum", Label: "failed"},
		}},
		observe.Graph{Component: name, Title: "Run duration (ms)", Metrics: []observe.Metric{
			{Namespace: "AWS/States", Name: "ExecutionTime", Dimensions: runs, Stat: "Average", Label: "average"},
			{Namespace: "AWS/States", Name: "ExecutionTime", Dimensions: runs, Stat: "Maximum", Label: "maximum"},
		}},
	)
	sm := &StateMachine{Machine: machine, Role: role, Policy: policy, LogGroup: group, LastSuccess: lastSuccess, maxRuntime: maxRuntime, logRetentionDays: args.LogRetentionDays, keep: args.Keep, stableName: naming.Stable(name, args.StableName)}
	if args.SelfStatements != nil {
		// The policy names the machine's ARN, so it is created after the machine.
		self := iampolicy.Document{Statements: args.SelfStatements(machine.Arn)}.Render()
		if args.SizedBy != "" {
			self = check.RoleInlinePolicies(args.Kind, name, args.SizedBy, self, policyJSON)
		}
		sm.SelfPolicy, err = iam.NewRolePolicy(ctx, naming.Child(name, "workflow-self-policy"), &iam.RolePolicyArgs{
			Role:   role.ID(),
			Policy: self,
		}, p)
		if err != nil {
			return nil, fmt.Errorf("creating workflow self policy: %w", err)
		}
	}
	if args.Alerts != nil {
		if _, err := alerting.NewAlarms(ctx, name, args.Alerts, args.Tags, alerting.StateMachineAlarms(machine.Arn), p); err != nil {
			return nil, err
		}
	}
	return sm, nil
}

// ChildNames are the auto-named children NewStateMachine creates, for
// validation before registration.
func ChildNames(name string) map[string]naming.Kind {
	return map[string]naming.Kind{
		naming.Child(name, "workflow-role"): naming.IAMRole,
		naming.Child(name, "workflow"):      naming.StateMachine,
	}
}
