// Package inference runs SageMaker batch transform on a schedule, one job
// per run, on a fixed model or on the latest approved package of a model
// package group (the registry a TrainingPipeline fills):
//
//	EventBridge Scheduler ─(retries, DLQ)→ Step Functions
//	  [latest Approved package → createModel] → createTransformJob.sync
//	  (s3://in/dt=YYYY-MM-DD/ → s3://out/dt=YYYY-MM-DD/, KMS) ─failure→ SNS alert
//	package Approved ─EventBridge rule (RunOnApproval; retries, DLQ)→ the same workflow
package inference

import (
	"fmt"
	"slices"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	awssagemaker "github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sagemaker"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/images"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/internal/verify"
)

// Type is the BatchInference's Pulumi type token.
const Type = "schedkit:aws:BatchInference"

// BatchInference is a scheduled SageMaker batch transform.
type BatchInference struct {
	pulumi.ResourceState

	// StateMachineArn is the workflow.
	StateMachineArn pulumi.StringOutput `pulumi:"stateMachineArn"`
	// ScheduleArn is the EventBridge Scheduler schedule.
	ScheduleArn pulumi.StringOutput `pulumi:"scheduleArn"`
	// ModelName is the created model; empty with ModelPackageGroupName.
	ModelName pulumi.StringOutput `pulumi:"modelName"`
	// ModelRoleArn is the role SageMaker runs the model as.
	ModelRoleArn pulumi.StringOutput `pulumi:"modelRoleArn"`
	// OutputKmsKeyArn encrypts the predictions (given or created).
	OutputKmsKeyArn pulumi.StringOutput `pulumi:"outputKmsKeyArn"`
	// WorkflowLogGroupName is the workflow's log group.
	WorkflowLogGroupName pulumi.StringOutput `pulumi:"workflowLogGroupName"`
	// AlertTopicArn receives failure alerts and alarms.
	AlertTopicArn pulumi.StringOutput `pulumi:"alertTopicArn"`
	// AlertTopicKmsKeyArn is the key encrypting the alert topic ("" for a
	// given topic without AlertTopicKmsKeyArn); pass both to another component
	// that should alert to the same topic.
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`
	// DeadLetterQueueUrl holds schedule starts Scheduler could not deliver.
	DeadLetterQueueUrl pulumi.StringOutput `pulumi:"deadLetterQueueUrl"`
	// ApprovalRuleArn is the rule that starts a run when a package is
	// approved; empty without RunOnApproval.
	ApprovalRuleArn pulumi.StringOutput `pulumi:"approvalRuleArn"`
	// ApprovalDeadLetterQueueUrl holds approval starts EventBridge could not
	// deliver; empty without RunOnApproval.
	ApprovalDeadLetterQueueUrl pulumi.StringOutput `pulumi:"approvalDeadLetterQueueUrl"`
}

// NewBatchInference validates args and registers the children: the output
// key (unless given), the model role and policy, the model (with Image),
// the alert topic, the workflow, the schedule and, with RunOnApproval, the
// approval trigger.
func NewBatchInference(ctx *pulumi.Context, name string, args *BatchInferenceArgs, opts ...pulumi.ResourceOption) (*BatchInference, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	a = deployed(name, a)

	bi := &BatchInference{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, bi, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("batchinference %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(bi)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	stateful := kept.Stateful(parent)
	env := awsenv.Lookup(ctx, bi)
	tagMap := tags.For(Type, name, a.Tags)

	keyArn, err := sagemaker.OutputKey(ctx, naming.Child(name, "key"), a.OutputKmsKeyArn, "schedkit batch inference output of "+name, env, tagMap, stateful...)
	if err != nil {
		return nil, wrap("creating output key", err)
	}

	modelRole, err := iam.NewRole(ctx, naming.Child(name, "model-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("SageMaker runs the %s batch inference model with this role", name),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("sagemaker.amazonaws.com", env.Account).Render(),
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating model role", err)
	}
	modelPolicy, err := iam.NewRolePolicy(ctx, naming.Child(name, "model-policy"), &iam.RolePolicyArgs{
		Role:   modelRole.ID(),
		Policy: modelPolicy(name, a, env, keyArn),
	}, parent)
	if err != nil {
		return nil, wrap("creating model policy", err)
	}

	modelName := pulumi.String("").ToStringOutput()
	if a.Image != nil {
		u, _ := s3uri.Parse(a.ModelDataUrl)
		model, err := awssagemaker.NewModel(ctx, naming.Child(name, "model"), &awssagemaker.ModelArgs{
			ExecutionRoleArn: modelRole.Arn,
			PrimaryContainer: awssagemaker.ModelPrimaryContainerArgs{
				Image:        a.Image,
				ModelDataUrl: pulumi.String(u.String()),
			},
			EnableNetworkIsolation: pulumi.Bool(*a.NetworkIsolation),
			Tags:                   tagMap,
		}, parent, pulumi.DependsOn([]pulumi.Resource{modelPolicy}))
		if err != nil {
			return nil, wrap("creating model", err)
		}
		modelName = model.Name
	}

	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), env, alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail, Tags: tagMap,
		Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, wrap("alert topic", err)
	}
	machine, err := workflow.NewStateMachine(ctx, name, env, bi, workflow.StateMachineArgs{
		StableName:       a.StableName,
		Description:      fmt.Sprintf("The %s batch inference workflow runs as this role", name),
		Definition:       definitionJSON(name, a, modelName, modelRole.Arn, keyArn, topic.Arn),
		Statements:       workflowStatements(env, a, modelRole.Arn),
		LogRetentionDays: a.LogRetentionDays,
		Alerts:           topic,
		Tags:             tagMap,
		Keep:             kept,
	})
	if err != nil {
		return nil, wrap("workflow", err)
	}
	trig, err := workflow.NewSchedule(ctx, name, env, bi, workflow.TriggerArgs{
		Schedule:        a.Schedule,
		StateMachineArn: machine.Machine.Arn,
		Input:           map[string]string{"inference": name, "scheduledTime": "<aws.scheduler.scheduled-time>"},
		Description:     "Starts the schedkit batch inference " + name,
		Kind:            kind,
		Workflow:        machine,
		Alerts:          topic,
		Tags:            tagMap,
		Keep:            kept,
	})
	if err != nil {
		return nil, wrap("schedule", err)
	}
	empty := pulumi.String("").ToStringOutput()
	bi.ApprovalRuleArn, bi.ApprovalDeadLetterQueueUrl = empty, empty
	if a.RunOnApproval {
		start, err := newApprovalStart(ctx, name, env, bi, a, machine, topic, tagMap)
		if err != nil {
			return nil, wrap("approval trigger", err)
		}
		bi.ApprovalRuleArn, bi.ApprovalDeadLetterQueueUrl = start.Rule.Arn, start.Queue.Queue.Url
	}

	bi.StateMachineArn = machine.Machine.Arn
	bi.ScheduleArn = trig.Schedule.Arn
	bi.ModelName = modelName
	bi.ModelRoleArn = modelRole.Arn
	bi.OutputKmsKeyArn = keyArn
	bi.WorkflowLogGroupName = machine.LogGroup.Name
	bi.AlertTopicArn = topic.Arn
	bi.AlertTopicKmsKeyArn = topic.KeyArn
	bi.DeadLetterQueueUrl = trig.Queue.Queue.Url
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, bi, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(bi, pulumi.Map{
		"stateMachineArn":            bi.StateMachineArn,
		"scheduleArn":                bi.ScheduleArn,
		"modelName":                  bi.ModelName,
		"modelRoleArn":               bi.ModelRoleArn,
		"outputKmsKeyArn":            bi.OutputKmsKeyArn,
		"workflowLogGroupName":       bi.WorkflowLogGroupName,
		"alertTopicArn":              bi.AlertTopicArn,
		"alertTopicKmsKeyArn":        bi.AlertTopicKmsKeyArn,
		"deadLetterQueueUrl":         bi.DeadLetterQueueUrl,
		"approvalRuleArn":            bi.ApprovalRuleArn,
		"approvalDeadLetterQueueUrl": bi.ApprovalDeadLetterQueueUrl,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return bi, nil
}

// modelPolicyJSON renders the model role's policy once the image and the
// repositories are known: an ECR image's repository is derived from it, and
// repositories known only now are checked with the messages validate uses.
func modelPolicyJSON(name string, a BatchInferenceArgs, env awsenv.Env, key pulumi.StringOutput) pulumi.StringOutput {
	var image pulumi.StringInput = pulumi.String("")
	if a.Image != nil {
		image = a.Image
	}
	inputs := []any{image}
	for _, r := range a.EcrRepositoryArns {
		inputs = append(inputs, r)
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) (pulumi.StringOutput, error) {
		img := v[0].(string)
		var repos []string
		if a.Image != nil {
			if derived, ok := images.ECRRepositoryARN(img); ok {
				repos = append(repos, derived)
			}
		}
		for _, r := range v[1:] {
			arn := r.(string)
			if !slices.Contains(repos, arn) {
				repos = append(repos, arn)
			}
		}
		var pull []pulumi.StringInput
		for _, r := range repos {
			pull = append(pull, pulumi.String(r))
		}
		return iampolicy.Document{Statements: modelStatements(env, a, key, pull)}.Render(), nil
	}).(pulumi.StringOutput)
}

// definitionJSON renders the workflow once the model, role, key, topic and
// group are known.
func definitionJSON(name string, a BatchInferenceArgs, modelName, roleArn, keyArn, topic pulumi.StringOutput) pulumi.StringOutput {
	var group pulumi.StringInput = pulumi.String("")
	if a.ModelPackageGroupName != nil {
		group = a.ModelPackageGroupName
	}
	attempts := 1 + *a.Retry.MaxAttempts
	limit := time.Duration(attempts)*a.MaxRuntime + WorkflowSlack
	if limit > workflow.MaxRuntime {
		limit = workflow.MaxRuntime
	}
	return pulumi.All(modelName, roleArn, keyArn, topic, group).ApplyT(func(v []any) (string, error) {
		in := workflowInput{
			Name: name, Transform: transformOf(a), ModelName: v[0].(string), ModelRoleArn: v[1].(string),
			KmsKeyArn: v[2].(string), TopicArn: v[3].(string), PackageGroup: v[4].(string),
			Isolation: *a.NetworkIsolation, Retry: *a.Retry,
			RuntimeSec: int(a.MaxRuntime / time.Second), WorkflowLimit: int(limit / time.Second),
		}
		return definition(in).JSON()
	}).(pulumi.StringOutput)
}

// deployed returns a with every input a rule applies to re-checked once its
// value is known (see check.Deployed): the image, the package group, the
// repositories, the keys and the alert topic. validate has checked the
// plain ones.
func deployed(name string, a BatchInferenceArgs) BatchInferenceArgs {
	d := func(field string, in pulumi.StringInput, rule verify.Rule) pulumi.StringInput {
		return check.Deployed(kind, name, field, in, rule)
	}
	a.Image = d("Image", a.Image, verify.Image)
	a.ModelPackageGroupName = d("ModelPackageGroupName", a.ModelPackageGroupName, naming.SageMaker.Exact)
	a.ModelArtifactsKmsKeyArn = d("ModelArtifactsKmsKeyArn", a.ModelArtifactsKmsKeyArn, verify.KMSKeyARN)
	a.InputKmsKeyArn = d("InputKmsKeyArn", a.InputKmsKeyArn, verify.KMSKeyARN)
	a.OutputKmsKeyArn = d("OutputKmsKeyArn", a.OutputKmsKeyArn, verify.KMSKeyARN)
	repos := make([]pulumi.StringInput, len(a.EcrRepositoryArns))
	for i, r := range a.EcrRepositoryArns {
		repos[i] = d(repositoryField(i), r, verify.ECRRepositoryARN)
	}
	a.EcrRepositoryArns = repos
	return a
}
