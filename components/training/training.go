// Package training is the ML product lifecycle on AWS: a SageMaker
// training job per run, each trained model registered as a package of a
// model package group (the registry), approved by hand (or automatically in
// dev), and served by an inference.BatchInference that follows the group's
// latest approved package:
//
//	Schedule / new data under s3://… ─(retries, DLQ)→ Step Functions
//	  createTrainingJob.sync → createModelPackage (PendingManualApproval)
//	  ─approve→ BatchInference{ModelPackageGroupName} ─failure→ SNS alert
//	package Approved / Rejected ─EventBridge→ SNS alert topic (one line of text)
package training

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
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

// Type is the TrainingPipeline's Pulumi type token.
const Type = "schedkit:aws:TrainingPipeline"

// TrainingPipeline trains a model per run and registers it.
type TrainingPipeline struct {
	pulumi.ResourceState

	// StateMachineArn is the workflow.
	StateMachineArn pulumi.StringOutput `pulumi:"stateMachineArn"`
	// ModelPackageGroupName is the registry; give it to
	// inference.BatchInferenceArgs.ModelPackageGroupName.
	ModelPackageGroupName pulumi.StringOutput `pulumi:"modelPackageGroupName"`
	// ModelPackageGroupArn is the registry's ARN.
	ModelPackageGroupArn pulumi.StringOutput `pulumi:"modelPackageGroupArn"`
	// OutputS3Uri is where model artifacts go; give it to
	// inference.BatchInferenceArgs.ModelArtifactsS3Uri.
	OutputS3Uri pulumi.StringOutput `pulumi:"outputS3Uri"`
	// OutputKmsKeyArn encrypts the artifacts (given or created); give it to
	// inference.BatchInferenceArgs.ModelArtifactsKmsKeyArn.
	OutputKmsKeyArn pulumi.StringOutput `pulumi:"outputKmsKeyArn"`
	// TrainingRoleArn is the role SageMaker trains with.
	TrainingRoleArn pulumi.StringOutput `pulumi:"trainingRoleArn"`
	// InferenceImageRepositoryArn is the ECR repository of InferenceImage
	// (which defaults to Image): EcrRepositoryArn when InferenceImage is
	// Image and EcrRepositoryArn is given, else derived from an ECR image
	// URI, else "". Give it to
	// inference.BatchInferenceArgs.EcrRepositoryArns so each run's model may
	// pull the packages' image.
	InferenceImageRepositoryArn pulumi.StringOutput `pulumi:"inferenceImageRepositoryArn"`
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
	// EventRuleArn is the new-data rule; empty without NewData.
	EventRuleArn pulumi.StringOutput `pulumi:"eventRuleArn"`
	// ApprovalRuleArn is the rule that announces approvals and rejections
	// on the alert topic; empty when ApprovalNotifications is false. A
	// given AlertTopicArn must let it publish.
	ApprovalRuleArn pulumi.StringOutput `pulumi:"approvalRuleArn"`
}

// NewTrainingPipeline validates args and registers the children: the
// output key (unless given), the training role and policy, the model
// package group, the approvals rule and its target (unless
// ApprovalNotifications is false), the alert topic, the workflow and the
// triggers.
func NewTrainingPipeline(ctx *pulumi.Context, name string, args *TrainingPipelineArgs, opts ...pulumi.ResourceOption) (*TrainingPipeline, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	a = deployed(name, a, args.InferenceImage == nil)

	tp := &TrainingPipeline{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, tp, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("trainingpipeline %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(tp)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	stateful := kept.Stateful(parent)
	env := awsenv.Lookup(ctx, tp)
	tagMap := tags.For(Type, name, a.Tags)

	keyArn, err := sagemaker.OutputKey(ctx, naming.Child(name, "key"), a.OutputKmsKeyArn, "schedkit training output of "+name, env, tagMap, stateful...)
	if err != nil {
		return nil, wrap("creating output key", err)
	}
	role, err := iam.NewRole(ctx, naming.Child(name, "training-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("SageMaker trains the %s pipeline's models with this role", name),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("sagemaker.amazonaws.com", env.Account).Render(),
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating training role", err)
	}
	if _, err := iam.NewRolePolicy(ctx, naming.Child(name, "training-policy"), &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: trainingPolicy(name, a, env, keyArn),
	}, parent); err != nil {
		return nil, wrap("creating training policy", err)
	}
	group, err := awssagemaker.NewModelPackageGroup(ctx, naming.Child(name, "registry"), &awssagemaker.ModelPackageGroupArgs{
		ModelPackageGroupName:        pulumi.String(a.ModelPackageGroupName),
		ModelPackageGroupDescription: pulumi.Sprintf("Models trained by the schedkit training pipeline %s", a.StableName),
		Tags:                         tagMap,
	}, stateful...)
	if err != nil {
		return nil, wrap("creating model package group", err)
	}

	// The approvals rule comes first: the topic grants it, and its target
	// (created once the topic exists) names both.
	var approvals *cloudwatch.EventRule
	var publishers []pulumi.StringInput
	if *a.ApprovalNotifications {
		if approvals, err = newApprovalRule(ctx, name, group.ModelPackageGroupName, tagMap, parent); err != nil {
			return nil, wrap("creating approvals rule", err)
		}
		publishers = []pulumi.StringInput{approvals.Arn}
	}
	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), env, alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail, Tags: tagMap,
		EventRuleArns: publishers, Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, wrap("alert topic", err)
	}
	tp.ApprovalRuleArn = pulumi.String("").ToStringOutput()
	if approvals != nil {
		if err := newApprovalTarget(ctx, name, a, approvals, topic, tagMap, tp); err != nil {
			return nil, wrap("creating approvals target", err)
		}
		tp.ApprovalRuleArn = approvals.Arn
	}
	machine, err := workflow.NewStateMachine(ctx, name, env, tp, workflow.StateMachineArgs{
		StableName:       a.StableName,
		Description:      fmt.Sprintf("The %s training pipeline's workflow runs as this role", name),
		Definition:       definitionJSON(name, a, role.Arn, keyArn, group.ModelPackageGroupName, topic.Arn),
		Statements:       workflowStatements(env, a, role.Arn, group.ModelPackageGroupName),
		LogRetentionDays: a.LogRetentionDays,
		Alerts:           topic,
		Tags:             tagMap,
		Keep:             kept,
	})
	if err != nil {
		return nil, wrap("workflow", err)
	}

	empty := pulumi.String("").ToStringOutput()
	tp.ScheduleArn, tp.EventRuleArn = empty, empty
	if a.Schedule != nil {
		trig, err := workflow.NewSchedule(ctx, name, env, tp, workflow.TriggerArgs{
			Schedule:        *a.Schedule,
			StateMachineArn: machine.Machine.Arn,
			Input:           map[string]string{"pipeline": name, "scheduledTime": "<aws.scheduler.scheduled-time>"},
			Description:     "Starts the schedkit training pipeline " + name,
			Kind:            kind,
			Workflow:        machine,
			Alerts:          topic,
			Tags:            tagMap,
			Keep:            kept,
		})
		if err != nil {
			return nil, wrap("schedule", err)
		}
		tp.ScheduleArn = trig.Schedule.Arn
	}
	if a.NewData != nil {
		events, err := workflow.NewObjectCreated(ctx, name, env, tp, workflow.ObjectCreatedArgs{
			Trigger:         *a.NewData,
			StateMachineArn: machine.Machine.Arn,
			Description:     "Starts the schedkit training pipeline " + name + " for new data under " + a.NewData.S3Uri,
			Kind:            kind,
			Workflow:        machine,
			Alerts:          topic,
			Tags:            tagMap,
			Keep:            kept,
		})
		if err != nil {
			return nil, wrap("new-data trigger", err)
		}
		tp.EventRuleArn = events.Rule.Arn
	}

	out, _ := s3uri.Parse(a.OutputS3Uri)
	tp.StateMachineArn = machine.Machine.Arn
	tp.ModelPackageGroupName = group.ModelPackageGroupName
	tp.ModelPackageGroupArn = group.Arn
	tp.OutputS3Uri = pulumi.String(out.Dir()).ToStringOutput()
	tp.OutputKmsKeyArn = keyArn
	tp.TrainingRoleArn = role.Arn
	tp.InferenceImageRepositoryArn = inferenceRepository(a)
	tp.WorkflowLogGroupName = machine.LogGroup.Name
	tp.AlertTopicArn = topic.Arn
	tp.AlertTopicKmsKeyArn = topic.KeyArn
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, tp, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
	if err := ctx.RegisterResourceOutputs(tp, pulumi.Map{
		"stateMachineArn":             tp.StateMachineArn,
		"modelPackageGroupName":       tp.ModelPackageGroupName,
		"modelPackageGroupArn":        tp.ModelPackageGroupArn,
		"outputS3Uri":                 tp.OutputS3Uri,
		"outputKmsKeyArn":             tp.OutputKmsKeyArn,
		"trainingRoleArn":             tp.TrainingRoleArn,
		"inferenceImageRepositoryArn": tp.InferenceImageRepositoryArn,
		"workflowLogGroupName":        tp.WorkflowLogGroupName,
		"alertTopicArn":               tp.AlertTopicArn,
		"alertTopicKmsKeyArn":         tp.AlertTopicKmsKeyArn,
		"scheduleArn":                 tp.ScheduleArn,
		"eventRuleArn":                tp.EventRuleArn,
		"approvalRuleArn":             tp.ApprovalRuleArn,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return tp, nil
}

// trainingPolicyJSON renders the training role's policy once the image is
// known, so an ECR image's repository is derived from it.
func trainingPolicyJSON(name string, a TrainingPipelineArgs, env awsenv.Env, key pulumi.StringOutput) pulumi.StringOutput {
	var repo pulumi.StringInput = pulumi.String("")
	if a.EcrRepositoryArn != nil {
		repo = a.EcrRepositoryArn
	}
	return pulumi.All(a.Image, repo).ApplyT(func(v []any) (pulumi.StringOutput, error) {
		img, repoArn := v[0].(string), v[1].(string)
		if repoArn == "" {
			repoArn, _ = images.ECRRepositoryARN(img)
		}
		var r pulumi.StringInput
		if repoArn != "" {
			r = pulumi.String(repoArn)
		}
		return iampolicy.Document{Statements: trainingStatements(env, a, key, r)}.Render(), nil
	}).(pulumi.StringOutput)
}

// inferenceRepository is the ECR repository of the inference image:
// EcrRepositoryArn names Image's repository, so it answers when the
// inference image is Image; otherwise the repository is derived from an ECR
// image URI, and is "" for an image outside ECR.
func inferenceRepository(a TrainingPipelineArgs) pulumi.StringOutput {
	var repo pulumi.StringInput = pulumi.String("")
	if a.EcrRepositoryArn != nil {
		repo = a.EcrRepositoryArn
	}
	return pulumi.All(a.Image, a.InferenceImage, repo).ApplyT(func(v []any) string {
		img, infer, given := v[0].(string), v[1].(string), v[2].(string)
		if infer == img && given != "" {
			return given
		}
		derived, _ := images.ECRRepositoryARN(infer)
		return derived
	}).(pulumi.StringOutput)
}

// definitionJSON renders the workflow once the images, role, key, group and
// topic are known.
func definitionJSON(name string, a TrainingPipelineArgs, role, key, group, topic pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.All(a.Image, a.InferenceImage, role, key, group, topic).ApplyT(func(v []any) (string, error) {
		in := workflowInput{
			Name: name, Args: a, Image: v[0].(string), InferenceImage: v[1].(string),
			RoleArn: v[2].(string), KmsKeyArn: v[3].(string), Group: v[4].(string), TopicArn: v[5].(string),
		}
		return definition(in).JSON()
	}).(pulumi.StringOutput)
}

// deployed returns a with every input a rule applies to re-checked once its
// value is known (see check.Deployed): the images, the repository and the
// keys. validate has checked the plain ones. a is resolved; when
// InferenceImage was left to its default (inferenceIsImage) it is the
// checked Image, so a bad value is reported as the Image it copies.
func deployed(name string, a TrainingPipelineArgs, inferenceIsImage bool) TrainingPipelineArgs {
	d := func(field string, in pulumi.StringInput, rule verify.Rule) pulumi.StringInput {
		return check.Deployed(kind, name, field, in, rule)
	}
	a.Image = d("Image", a.Image, verify.Image)
	if inferenceIsImage {
		a.InferenceImage = a.Image // its default: a bad value is the Image's
	} else {
		a.InferenceImage = d("InferenceImage", a.InferenceImage, verify.Image)
	}
	a.EcrRepositoryArn = d("EcrRepositoryArn", a.EcrRepositoryArn, verify.ECRRepositoryARN)
	a.InputKmsKeyArn = d("InputKmsKeyArn", a.InputKmsKeyArn, verify.KMSKeyARN)
	a.OutputKmsKeyArn = d("OutputKmsKeyArn", a.OutputKmsKeyArn, verify.KMSKeyARN)
	return a
}
