// Package batch runs historical and batch processing as a Step Functions
// standard workflow built from typed steps — ECS tasks, Lambda invocations,
// SageMaker batch transforms and Distributed Maps over S3 — with retries,
// timeouts, alerts and least-privilege IAM derived from the steps:
//
//	Schedule ─(retries, DLQ)┐
//	S3 Object Created ─(EventBridge rule: retries, DLQ)┴→ RunContext → step 1 → … → step n
//	                                                    any failure → SNS alert → Failed
package batch

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/internal/verify"
)

// Type is the BatchWorkflow's Pulumi type token.
const Type = "schedkit:aws:BatchWorkflow"

// BatchWorkflow is a Step Functions workflow of typed batch steps.
type BatchWorkflow struct {
	pulumi.ResourceState

	// StateMachineArn is the workflow.
	StateMachineArn pulumi.StringOutput `pulumi:"stateMachineArn"`
	// WorkflowRoleArn is the role the workflow runs as.
	WorkflowRoleArn pulumi.StringOutput `pulumi:"workflowRoleArn"`
	// WorkflowLogGroupName is the workflow's log group.
	WorkflowLogGroupName pulumi.StringOutput `pulumi:"workflowLogGroupName"`
	// AlertTopicArn receives failure alerts and alarms.
	AlertTopicArn pulumi.StringOutput `pulumi:"alertTopicArn"`
	// AlertTopicKmsKeyArn is the key encrypting the alert topic ("" for a
	// given topic without AlertTopicKmsKeyArn); pass both to another component
	// that should alert to the same topic.
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`
	// ScheduleArn is the schedule; empty without Schedule.
	ScheduleArn pulumi.StringOutput `pulumi:"scheduleArn"`
	// DeadLetterQueueUrl holds schedule starts Scheduler could not deliver; empty without Schedule.
	DeadLetterQueueUrl pulumi.StringOutput `pulumi:"deadLetterQueueUrl"`
	// EventRuleArn is the S3 trigger's rule; empty without S3Trigger.
	EventRuleArn pulumi.StringOutput `pulumi:"eventRuleArn"`
	// S3DeadLetterQueueUrl holds S3 events EventBridge could not deliver; empty without S3Trigger.
	S3DeadLetterQueueUrl pulumi.StringOutput `pulumi:"s3DeadLetterQueueUrl"`
}

// NewBatchWorkflow validates args and registers the workflow's children:
// the alert topic, the workflow (role, policy, log group, state machine,
// alarms), for a Distributed Map the policy name-map-policy, and the triggers.
func NewBatchWorkflow(ctx *pulumi.Context, name string, args *BatchWorkflowArgs, opts ...pulumi.ResourceOption) (*BatchWorkflow, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	a = deployed(name, a)

	wf := &BatchWorkflow{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, wf, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("batchworkflow %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(wf)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	env := awsenv.Lookup(ctx, wf)
	tagMap := tags.For(Type, name, a.Tags)

	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), env, alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail, Tags: tagMap,
		Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, wrap("alert topic", err)
	}
	machine, err := workflow.NewStateMachine(ctx, name, env, wf, workflow.StateMachineArgs{
		StableName:  a.StableName,
		Description: fmt.Sprintf("The %s batch workflow runs as this role", name),
		Definition:  definitionJSON(name, a, topic.Arn),
		Statements:  workflowStatements(env, a.Steps),
		Kind:        kind, SizedBy: "Steps", // each step adds its grants
		LogRetentionDays: a.LogRetentionDays,
		Alerts:           topic,
		Tags:             tagMap,
		Keep:             kept,
	})
	if err != nil {
		return nil, wrap("workflow", err)
	}

	// A Distributed Map starts child executions of this very workflow: its
	// permissions name the workflow's ARN, so they go in a second policy
	// created after it, and the triggers wait for that policy.
	startArn := machine.Machine.Arn
	if hasMap(a.Steps) {
		mapPolicy, err := iam.NewRolePolicy(ctx, naming.Child(name, "map-policy"), &iam.RolePolicyArgs{
			Role:   machine.Role.ID(),
			Policy: iampolicy.Document{Statements: mapStatements(env, machine.Machine.Arn, machine.Machine.Name)}.Render(),
		}, parent)
		if err != nil {
			return nil, wrap("creating Distributed Map policy", err)
		}
		startArn = pulumi.All(machine.Machine.Arn, mapPolicy.ID()).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
	}

	empty := pulumi.String("").ToStringOutput()
	wf.ScheduleArn, wf.DeadLetterQueueUrl, wf.EventRuleArn, wf.S3DeadLetterQueueUrl = empty, empty, empty, empty
	if a.Schedule != nil {
		trig, err := workflow.NewSchedule(ctx, name, env, wf, workflow.TriggerArgs{
			Schedule:        *a.Schedule,
			StateMachineArn: startArn,
			Input:           map[string]string{"workflow": name, "scheduledTime": "<aws.scheduler.scheduled-time>"},
			Description:     "Starts the schedkit batch workflow " + name,
			Kind:            kind,
			Workflow:        machine,
			Alerts:          topic,
			Tags:            tagMap,
			Keep:            kept,
		})
		if err != nil {
			return nil, wrap("schedule", err)
		}
		wf.ScheduleArn, wf.DeadLetterQueueUrl = trig.Schedule.Arn, trig.Queue.Queue.Url
	}
	if a.S3Trigger != nil {
		events, err := workflow.NewObjectCreated(ctx, name, env, wf, workflow.ObjectCreatedArgs{
			Trigger:         *a.S3Trigger,
			StateMachineArn: startArn,
			Description:     "Starts the schedkit batch workflow " + name + " for new objects under " + a.S3Trigger.S3Uri,
			Kind:            kind,
			Workflow:        machine,
			Alerts:          topic,
			Tags:            tagMap,
			Keep:            kept,
		})
		if err != nil {
			return nil, wrap("S3 trigger", err)
		}
		wf.EventRuleArn, wf.S3DeadLetterQueueUrl = events.Rule.Arn, events.Queue.Queue.Url
	}

	wf.StateMachineArn = machine.Machine.Arn
	wf.WorkflowRoleArn = machine.Role.Arn
	wf.WorkflowLogGroupName = machine.LogGroup.Name
	wf.AlertTopicArn = topic.Arn
	wf.AlertTopicKmsKeyArn = topic.KeyArn
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, wf, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(wf, pulumi.Map{
		"stateMachineArn":      wf.StateMachineArn,
		"workflowRoleArn":      wf.WorkflowRoleArn,
		"workflowLogGroupName": wf.WorkflowLogGroupName,
		"alertTopicArn":        wf.AlertTopicArn,
		"alertTopicKmsKeyArn":  wf.AlertTopicKmsKeyArn,
		"scheduleArn":          wf.ScheduleArn,
		"deadLetterQueueUrl":   wf.DeadLetterQueueUrl,
		"eventRuleArn":         wf.EventRuleArn,
		"s3DeadLetterQueueUrl": wf.S3DeadLetterQueueUrl,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return wf, nil
}

// definitionJSON renders the workflow once every ARN and network setting
// is known, re-checking the values that were not known at construction.
func definitionJSON(name string, a BatchWorkflowArgs, topic pulumi.StringOutput) pulumi.StringOutput {
	var b binder
	var topicArn string
	b.str(topic, &topicArn)
	res := make([]*resolved, len(a.Steps))
	var bind func(s Step) *resolved
	bind = func(s Step) *resolved {
		r := &resolved{}
		switch {
		case s.ECSTask != nil:
			e := s.ECSTask
			b.str(e.ClusterArn, &r.Cluster)
			b.str(e.TaskDefinitionArn, &r.TaskDefinition)
			b.strs(e.Subnets, &r.Subnets)
			b.strs(e.SecurityGroups, &r.SecurityGroups)
		case s.Lambda != nil:
			b.str(s.Lambda.FunctionArn, &r.FunctionArn)
		case s.Transform != nil:
			b.str(s.Transform.ModelName, &r.ModelName)
			if s.Transform.OutputKmsKeyArn != nil {
				b.str(s.Transform.OutputKmsKeyArn, &r.KmsKeyArn)
			}
		case s.Map != nil:
			r.Child = bind(s.Map.Step)
		}
		return r
	}
	for i, s := range a.Steps {
		res[i] = bind(s)
	}
	return b.render(func() (string, error) {
		return definition(definitionInput{
			Name: name, Steps: a.Steps, Resolved: res, TopicArn: topicArn,
			MaxRuntimeSec: seconds(a.MaxRuntime),
		}).JSON()
	})
}

// deployed returns a with every input a rule applies to re-checked once its
// value is known (see check.Deployed): the step ARNs, networks, keys and
// the alert topic. validate has checked the plain ones.
func deployed(name string, a BatchWorkflowArgs) BatchWorkflowArgs {
	var step func(field string, s Step) Step
	step = func(field string, s Step) Step {
		d := func(sub string, in pulumi.StringInput, rule verify.Rule) pulumi.StringInput {
			return check.Deployed(kind, name, field+"."+sub, in, rule)
		}
		switch {
		case s.ECSTask != nil:
			e := *s.ECSTask
			e.ClusterArn = d("ECSTask.ClusterArn", e.ClusterArn, verify.ECSClusterARN)
			e.TaskDefinitionArn = d("ECSTask.TaskDefinitionArn", e.TaskDefinitionArn, verify.TaskDefinitionARN)
			e.TaskRoleArn = d("ECSTask.TaskRoleArn", e.TaskRoleArn, verify.IAMRoleARN)
			e.ExecutionRoleArn = d("ECSTask.ExecutionRoleArn", e.ExecutionRoleArn, verify.IAMRoleARN)
			e.Subnets = check.DeployedList(kind, name, field+".ECSTask.Subnets", e.Subnets, verify.RunTaskSubnets, verify.SubnetID)
			e.SecurityGroups = check.DeployedList(kind, name, field+".ECSTask.SecurityGroups", e.SecurityGroups, verify.RunTaskSecurityGroups, verify.SecurityGroupID)
			s.ECSTask = &e
		case s.Lambda != nil:
			l := *s.Lambda
			l.FunctionArn = d("Lambda.FunctionArn", l.FunctionArn, verify.LambdaFunctionARN)
			s.Lambda = &l
		case s.Transform != nil:
			t := *s.Transform
			t.OutputKmsKeyArn = d("Transform.OutputKmsKeyArn", t.OutputKmsKeyArn, verify.KMSKeyARN)
			s.Transform = &t
		case s.Map != nil:
			m := *s.Map
			m.Step = step(field+".Map.Step", m.Step)
			s.Map = &m
		}
		return s
	}
	steps := make([]Step, len(a.Steps))
	for i, s := range a.Steps {
		steps[i] = step(fmt.Sprintf("Steps[%d]", i), s)
	}
	a.Steps = steps
	return a
}

// binder gathers inputs and where their resolved values go, so a definition
// can be rendered once from plain values.
type binder struct {
	inputs []any
	sets   []func(any)
}

func (b *binder) str(in pulumi.StringInput, dst *string) {
	b.inputs = append(b.inputs, in)
	b.sets = append(b.sets, func(v any) { *dst = v.(string) })
}

func (b *binder) strs(in pulumi.StringArrayInput, dst *[]string) {
	b.inputs = append(b.inputs, in)
	b.sets = append(b.sets, func(v any) { *dst = v.([]string) })
}

func (b *binder) render(fn func() (string, error)) pulumi.StringOutput {
	return pulumi.All(b.inputs...).ApplyT(func(vs []any) (string, error) {
		for i, v := range vs {
			b.sets[i](v)
		}
		return fn()
	}).(pulumi.StringOutput)
}
