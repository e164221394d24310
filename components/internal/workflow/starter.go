package workflow

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/naming"
)

// starter is the service a trigger starts the workflow through.
type starter struct {
	// prefix names the children name-<prefix>-role and name-<prefix>-policy.
	prefix string
	// what names them in errors ("scheduler", "S3 trigger").
	what string
	// service assumes the role, e.g. scheduler.amazonaws.com.
	service     string
	description pulumi.StringInput
	// more follow StartThisWorkflow in the role's policy.
	more []iampolicy.Statement
}

// newStarterRole creates the role s.service assumes to start the workflow
// machineArn, and its policy: start only that workflow, and s.more.
func newStarterRole(ctx *pulumi.Context, name string, env awsenv.Env, machineArn pulumi.StringOutput, tags pulumi.StringMap, s starter, p pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	role, err := iam.NewRole(ctx, naming.Child(name, s.prefix+"-role"), &iam.RoleArgs{
		Description:      s.description,
		AssumeRolePolicy: iampolicy.AssumeRoleFor(s.service, env.Account).Render(),
		Tags:             tags,
	}, p)
	if err != nil {
		return nil, nil, fmt.Errorf("creating %s role: %w", s.what, err)
	}
	stmts := append([]iampolicy.Statement{
		{Sid: "StartThisWorkflow", Actions: []string{"states:StartExecution"}, Resources: iampolicy.Inputs(machineArn)},
	}, s.more...)
	policy, err := iam.NewRolePolicy(ctx, naming.Child(name, s.prefix+"-policy"), &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: iampolicy.Document{Statements: stmts}.Render(),
	}, p)
	if err != nil {
		return nil, nil, fmt.Errorf("creating %s policy: %w", s.what, err)
	}
	return role, policy, nil
}

// newDeadLetterAlarm alarms on the depth of a trigger's dead-letter queue
// (name-<suffix>), when there is an alert topic.
func newDeadLetterAlarm(ctx *pulumi.Context, name string, alerts *alerting.Topic, tags pulumi.StringMap, suffix, description string, queueName pulumi.StringInput, p pulumi.ResourceOption) error {
	if alerts == nil {
		return nil
	}
	alarm := alerting.QueueDepthAlarm(suffix, description, queueName)
	_, err := alerting.NewAlarms(ctx, name, alerts, tags, []alerting.Alarm{alarm}, p)
	return err
}

// stateOf is a schedule's or a rule's State: ENABLED or DISABLED.
func stateOf(enabled bool) string {
	if enabled {
		return "ENABLED"
	}
	return "DISABLED"
}
