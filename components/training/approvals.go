package training

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/components/trigger"
)

// newApprovalRule creates name-approvals, the EventBridge rule on a package
// of group becoming Approved or Rejected. It names no target, so the alert
// topic can grant it before the target (newApprovalTarget) exists.
func newApprovalRule(ctx *pulumi.Context, name string, group pulumi.StringOutput, tags pulumi.StringMap, parent pulumi.ResourceOption) (*cloudwatch.EventRule, error) {
	return cloudwatch.NewEventRule(ctx, naming.Child(name, "approvals"), &cloudwatch.EventRuleArgs{
		Description:  pulumi.String("Tells the alert topic of the schedkit training pipeline " + name + " when a package of its model package group is approved or rejected"),
		EventPattern: sagemaker.PackageStateChangePattern(group, sagemaker.Approved, sagemaker.Rejected),
		Tags:         tags,
	}, parent)
}

// newApprovalTarget creates name-approvals-target: the alert topic, with the
// event turned into one line of text, a retry policy and a dead-letter
// queue (name-approvals-dlq, with its depth alarm), so a notice the topic
// refuses is kept and alarmed, not lost. EventBridge publishes with the
// topic's policy, so the target has no role; it waits for a created
// topic's policy, which holds the grant to the rule.
func newApprovalTarget(ctx *pulumi.Context, name string, a TrainingPipelineArgs, rule *cloudwatch.EventRule, topic *alerting.Topic, tags pulumi.StringMap, parent pulumi.Resource) error {
	template, err := approvalMessage(name)
	if err != nil {
		return err
	}
	dlq, err := workflow.NewRuleDeadLetters(ctx, name, "approvals", rule.Arn, topic, tags, keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect},
		"Approval notices EventBridge could not publish to the alert topic", parent)
	if err != nil {
		return fmt.Errorf("approval notices: %w", err)
	}
	deps := []pulumi.Resource{dlq.Policy}
	if topic.Policy != nil {
		deps = append(deps, topic.Policy)
	}
	_, err = cloudwatch.NewEventTarget(ctx, naming.Child(name, "approvals-target"), &cloudwatch.EventTargetArgs{
		Rule: rule.Name,
		Arn:  topic.Arn,
		InputTransformer: cloudwatch.EventTargetInputTransformerArgs{
			InputPaths:    pulumi.ToStringMap(approvalPaths),
			InputTemplate: pulumi.String(template),
		},
		RetryPolicy: cloudwatch.EventTargetRetryPolicyArgs{
			MaximumRetryAttempts:     pulumi.Int(trigger.DefaultObjectCreatedRetryAttempts),
			MaximumEventAgeInSeconds: pulumi.Int(int(trigger.DefaultObjectCreatedMaxEventAge.Seconds())),
		},
		DeadLetterConfig: cloudwatch.EventTargetDeadLetterConfigArgs{Arn: dlq.Queue.Arn},
	}, pulumi.Parent(parent), pulumi.DependsOn(deps))
	return err
}

// approvalPaths are the event's fields the message quotes (see
// sagemaker.PackageArnPath for their source).
var approvalPaths = map[string]string{
	"arn":     sagemaker.PackageArnPath,
	"group":   sagemaker.PackageGroupPath,
	"version": sagemaker.PackageVersionPath,
	"status":  sagemaker.PackageApprovalStatusPath,
}

// approvalMessage is the input template: a JSON string (so SNS gets plain
// text) with the placeholders of approvalPaths, e.g.
//
//	"schedkit training churn: model package arn:…/churn/3 (version 3) in group churn is now Approved"
func approvalMessage(name string) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep <arn> and the other placeholders literal
	msg := fmt.Sprintf("schedkit training %s: model package <arn> (version <version>) in group <group> is now <status>", name)
	if err := enc.Encode(msg); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
