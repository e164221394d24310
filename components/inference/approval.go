package inference

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/components/keep"
)

// approvalPrefix names the RunOnApproval children: name-approval-rule,
// -dlq, -role, -policy, -target and -dlq-depth.
const approvalPrefix = "approval"

// newApprovalStart creates the RunOnApproval trigger: the rule start of
// workflow.NewRuleStart on a package of the group becoming Approved. The
// group may be an Output (a TrainingPipeline's), so the pattern is rendered
// once it is known. The execution's input is the SageMaker event: it has no
// scheduledTime, so RunContext dates the run by its start.
//
// With ApprovalMaxAge the rule start also checks the workflow's record of
// its last success (workflow's maximum-age check, the one NewData.MaxAge
// builds for a TrainingPipeline): name-max-age, started by
// name-max-age-check every quarter of the age, at most hourly.
func newApprovalStart(ctx *pulumi.Context, name string, env awsenv.Env, parent pulumi.Resource, a BatchInferenceArgs, machine *workflow.StateMachine, topic *alerting.Topic, tags pulumi.StringMap) (*workflow.RuleStart, error) {
	return workflow.NewRuleStart(ctx, name, env, parent, workflow.RuleStartArgs{
		Prefix:           approvalPrefix,
		What:             "approval trigger",
		Pattern:          sagemaker.PackageStateChangePattern(a.ModelPackageGroupName, sagemaker.Approved),
		Description:      "Starts the schedkit batch inference " + name + " when a package of its model package group is approved",
		RoleDescription:  pulumi.Sprintf("EventBridge starts %s with this role when a package of %s is approved", name, a.ModelPackageGroupName),
		AlarmDescription: "A model package approval could not start the workflow.",
		Enabled:          true,
		RetryAttempts:    ApprovalRetryAttempts,
		MaxEventAge:      ApprovalMaxEventAge,
		StateMachineArn:  machine.Machine.Arn,
		Alerts:           topic,
		Tags:             tags,
		Keep:             keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect},
		MaxAge:           a.ApprovalMaxAge,
		Kind:             kind,
		Workflow:         machine,
	})
}
