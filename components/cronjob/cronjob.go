// Package cronjob runs a long-running, single-process container job on a
// schedule, with the guarantees EventBridge alone cannot give:
//
//	EventBridge Scheduler ─(retries, DLQ)→ Step Functions guard ─runTask.sync→ ECS Fargate task
//	                                             └─ failure/timeout → SNS alert
//
// The workflow skips a run while a task of the job still runs, fails on the
// container's real exit code, stops the task past MaxRuntime, retries
// transient start failures, and alerts on every failure.
package cronjob

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/scheduler"
	awssfn "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sfn"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/queues"
	"github.com/schedkit/schedkit/components/internal/tags"
)

// Type is the CronJob's Pulumi type token.
const Type = "schedkit:aws:CronJob"

// CronJob is a scheduled ECS Fargate job launched through a Step Functions guard.
type CronJob struct {
	pulumi.ResourceState

	// TaskDefinitionArn is the job's task definition (with revision).
	TaskDefinitionArn pulumi.StringOutput `pulumi:"taskDefinitionArn"`
	// StateMachineArn is the guard workflow.
	StateMachineArn pulumi.StringOutput `pulumi:"stateMachineArn"`
	// ScheduleArn is the EventBridge Scheduler schedule.
	ScheduleArn pulumi.StringOutput `pulumi:"scheduleArn"`
	// LogGroupName is the task's log group.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// WorkflowLogGroupName is the workflow's log group.
	WorkflowLogGroupName pulumi.StringOutput `pulumi:"workflowLogGroupName"`
	// ClusterArn is the cluster the task runs on (given or created).
	ClusterArn pulumi.StringOutput `pulumi:"clusterArn"`
	// TaskRoleArn is the role the container runs as.
	TaskRoleArn pulumi.StringOutput `pulumi:"taskRoleArn"`
	// ExecutionRoleArn is the role ECS uses to start the container.
	ExecutionRoleArn pulumi.StringOutput `pulumi:"executionRoleArn"`
	// AlertTopicArn receives failure alerts and alarms.
	AlertTopicArn pulumi.StringOutput `pulumi:"alertTopicArn"`
	// DeadLetterQueueUrl holds schedule starts Scheduler could not deliver.
	DeadLetterQueueUrl pulumi.StringOutput `pulumi:"deadLetterQueueUrl"`
	// DeadLetterQueueArn is that queue's ARN.
	DeadLetterQueueArn pulumi.StringOutput `pulumi:"deadLetterQueueArn"`
}

type child struct {
	logical string
	kind    naming.Kind
}

// childNames are the auto-named children whose names AWS limits.
func childNames(name string) []child {
	return []child{
		{naming.Child(name, "execution-role"), naming.IAMRole},
		{naming.Child(name, "task-role"), naming.IAMRole},
		{naming.Child(name, "workflow-role"), naming.IAMRole},
		{naming.Child(name, "scheduler-role"), naming.IAMRole},
		{naming.Child(name, "workflow"), naming.StateMachine},
		{naming.Child(name, "schedule"), naming.Schedule},
		{naming.Child(name, "dlq"), naming.SQSQueue},
		{naming.Child(name, "cluster"), naming.ECSCluster},
		{naming.Child(name, "alerts"), naming.SNSTopic},
	}
}

// NewCronJob validates args and registers the job's children.
func NewCronJob(ctx *pulumi.Context, name string, args *CronJobArgs, opts ...pulumi.ResourceOption) (*CronJob, error) {
	if err := validate(name, args); err != nil {
		return nil, err
	}
	a := withDefaults(*args)
	family := a.Family
	if family == "" {
		family = name
	}
	if err := naming.CheckExact(kind, name, "Family", naming.TaskFamily, family); err != nil {
		return nil, err
	}

	job := &CronJob{}
	if err := ctx.RegisterComponentResource(Type, name, job, opts...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("cronjob %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(job)
	stateful := []pulumi.ResourceOption{parent, pulumi.RetainOnDelete(a.RetainOnDelete)}
	env := awsenv.Lookup(ctx, job)
	tagMap := tags.For(Type, name, a.Tags)

	taskLogs, err := logs.NewGroup(ctx, naming.Child(name, "task-logs"), logs.GroupArgs{
		NamePrefix: "/schedkit/cronjob/" + name + "/", RetentionDays: a.LogRetentionDays, Tags: tagMap,
	}, stateful...)
	if err != nil {
		return nil, wrap("creating task log group", err)
	}
	workflowLogs, err := logs.NewGroup(ctx, naming.Child(name, "workflow-logs"), logs.GroupArgs{
		NamePrefix: "/aws/vendedlogs/states/schedkit-" + name + "-", RetentionDays: a.LogRetentionDays, Tags: tagMap,
	}, stateful...)
	if err != nil {
		return nil, wrap("creating workflow log group", err)
	}

	// Roles of the task.
	ecsTrust := iampolicy.AssumeRoleFor("ecs-tasks.amazonaws.com", env.Account).Render()
	execRole, err := iam.NewRole(ctx, naming.Child(name, "execution-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("ECS starts the %s job's container with this role", name),
		AssumeRolePolicy: ecsTrust,
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating execution role", err)
	}
	if _, err := iam.NewRolePolicy(ctx, naming.Child(name, "execution-policy"), &iam.RolePolicyArgs{
		Role:   execRole.ID(),
		Policy: executionPolicy(name, a, env, logs.StreamsARN(taskLogs)),
	}, parent); err != nil {
		return nil, wrap("creating execution policy", err)
	}
	taskRole, err := iam.NewRole(ctx, naming.Child(name, "task-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("The %s job's container runs as this role", name),
		AssumeRolePolicy: ecsTrust,
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating task role", err)
	}
	if len(a.TaskPolicyStatements) > 0 {
		if _, err := iam.NewRolePolicy(ctx, naming.Child(name, "task-policy"), &iam.RolePolicyArgs{
			Role:   taskRole.ID(),
			Policy: iampolicy.Document{Statements: a.TaskPolicyStatements}.Render(),
		}, parent); err != nil {
			return nil, wrap("creating task policy", err)
		}
	}

	// Cluster.
	var clusterArn pulumi.StringOutput
	if a.ClusterArn != nil {
		clusterArn = a.ClusterArn.ToStringOutput()
	} else {
		insights := "disabled"
		if *a.Cluster.ContainerInsights {
			insights = "enabled"
		}
		cluster, err := ecs.NewCluster(ctx, naming.Child(name, "cluster"), &ecs.ClusterArgs{
			Settings: ecs.ClusterSettingArray{ecs.ClusterSettingArgs{Name: pulumi.String("containerInsights"), Value: pulumi.String(insights)}},
			Tags:     tagMap,
		}, parent)
		if err != nil {
			return nil, wrap("creating cluster", err)
		}
		clusterArn = cluster.Arn
	}

	// Task definition.
	taskArgs := &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(family),
		Cpu:                     pulumi.String(strconv.Itoa(a.Cpu)),
		Memory:                  pulumi.String(strconv.Itoa(a.Memory)),
		NetworkMode:             pulumi.String("awsvpc"),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String("FARGATE")},
		RuntimePlatform: ecs.TaskDefinitionRuntimePlatformArgs{
			OperatingSystemFamily: pulumi.String("LINUX"),
			CpuArchitecture:       pulumi.String(a.CpuArchitecture),
		},
		ExecutionRoleArn:     execRole.Arn,
		TaskRoleArn:          taskRole.Arn,
		ContainerDefinitions: containerJSON(name, a, env, taskLogs.Name),
		Tags:                 tagMap,
	}
	if a.EphemeralStorageGiB != 0 {
		taskArgs.EphemeralStorage = ecs.TaskDefinitionEphemeralStorageArgs{SizeInGib: pulumi.Int(a.EphemeralStorageGiB)}
	}
	taskDef, err := ecs.NewTaskDefinition(ctx, naming.Child(name, "task"), taskArgs, parent)
	if err != nil {
		return nil, wrap("creating task definition", err)
	}

	// Alerts.
	topic, err := alerting.NewTopic(ctx, naming.Child(name, "alerts"), env, alerting.TopicArgs{
		ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail, Tags: tagMap,
	}, stateful...)
	if err != nil {
		return nil, wrap("alert topic", err)
	}

	// Workflow.
	workflowRole, err := iam.NewRole(ctx, naming.Child(name, "workflow-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("The %s job's guard workflow runs as this role", name),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("states.amazonaws.com", env.Account).Render(),
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating workflow role", err)
	}
	stmts := workflowStatements(workflowPolicyInput{
		Partition: env.Partition, Region: env.Region, Account: env.Account,
		ClusterArn: clusterArn, Family: family,
		TaskRoleArn: taskRole.Arn, ExecutionRoleArn: execRole.Arn,
	})
	stmts = append(stmts, topic.PublishStatements()...)
	stmts = append(stmts, ObservabilityStatements()...)
	workflowPolicy, err := iam.NewRolePolicy(ctx, naming.Child(name, "workflow-policy"), &iam.RolePolicyArgs{
		Role:   workflowRole.ID(),
		Policy: iampolicy.Document{Statements: stmts}.Render(),
	}, parent)
	if err != nil {
		return nil, wrap("creating workflow policy", err)
	}
	machine, err := awssfn.NewStateMachine(ctx, naming.Child(name, "workflow"), &awssfn.StateMachineArgs{
		Type:       pulumi.String("STANDARD"),
		RoleArn:    workflowRole.Arn,
		Definition: workflowJSON(name, a, family, clusterArn, taskDef.Arn, topic.Arn),
		LoggingConfiguration: awssfn.StateMachineLoggingConfigurationArgs{
			Level:                pulumi.String("ERROR"),
			IncludeExecutionData: pulumi.Bool(true),
			LogDestination:       logs.AllARN(workflowLogs),
		},
		TracingConfiguration: awssfn.StateMachineTracingConfigurationArgs{Enabled: pulumi.Bool(true)},
		Tags:                 tagMap,
	}, parent, pulumi.DependsOn([]pulumi.Resource{workflowPolicy}))
	if err != nil {
		return nil, wrap("creating workflow", err)
	}

	// Schedule.
	dlq, err := queues.NewDeadLetter(ctx, naming.Child(name, "dlq"), tagMap, stateful...)
	if err != nil {
		return nil, wrap("creating dead-letter queue", err)
	}
	schedulerRole, err := iam.NewRole(ctx, naming.Child(name, "scheduler-role"), &iam.RoleArgs{
		Description:      pulumi.Sprintf("EventBridge Scheduler starts the %s job with this role", name),
		AssumeRolePolicy: iampolicy.AssumeRoleFor("scheduler.amazonaws.com", env.Account).Render(),
		Tags:             tagMap,
	}, parent)
	if err != nil {
		return nil, wrap("creating scheduler role", err)
	}
	schedulerPolicy, err := iam.NewRolePolicy(ctx, naming.Child(name, "scheduler-policy"), &iam.RolePolicyArgs{
		Role:   schedulerRole.ID(),
		Policy: iampolicy.Document{Statements: schedulerStatements(machine.Arn, dlq.Queue.Arn)}.Render(),
	}, parent)
	if err != nil {
		return nil, wrap("creating scheduler policy", err)
	}
	sched, err := scheduler.NewSchedule(ctx, naming.Child(name, "schedule"), scheduleArgs(name, a, machine.Arn, schedulerRole.Arn, dlq.Queue.Arn),
		parent, pulumi.DependsOn([]pulumi.Resource{schedulerPolicy}))
	if err != nil {
		return nil, wrap("creating schedule", err)
	}

	// Alarms.
	alarms := alerting.StateMachineAlarms(machine.Arn)
	alarms = append(alarms, alerting.QueueDepthAlarm("dlq-depth", "A scheduled start could not be delivered to the workflow.", dlq.Queue.Name))
	if _, err := alerting.NewAlarms(ctx, name, topic, tagMap, alarms, parent); err != nil {
		return nil, wrap("creating alarms", err)
	}

	job.TaskDefinitionArn = taskDef.Arn
	job.StateMachineArn = machine.Arn
	job.ScheduleArn = sched.Arn
	job.LogGroupName = taskLogs.Name
	job.WorkflowLogGroupName = workflowLogs.Name
	job.ClusterArn = clusterArn
	job.TaskRoleArn = taskRole.Arn
	job.ExecutionRoleArn = execRole.Arn
	job.AlertTopicArn = topic.Arn
	job.DeadLetterQueueUrl = dlq.Queue.Url
	job.DeadLetterQueueArn = dlq.Queue.Arn
	if err := ctx.RegisterResourceOutputs(job, pulumi.Map{
		"taskDefinitionArn":    job.TaskDefinitionArn,
		"stateMachineArn":      job.StateMachineArn,
		"scheduleArn":          job.ScheduleArn,
		"logGroupName":         job.LogGroupName,
		"workflowLogGroupName": job.WorkflowLogGroupName,
		"clusterArn":           job.ClusterArn,
		"taskRoleArn":          job.TaskRoleArn,
		"executionRoleArn":     job.ExecutionRoleArn,
		"alertTopicArn":        job.AlertTopicArn,
		"deadLetterQueueUrl":   job.DeadLetterQueueUrl,
		"deadLetterQueueArn":   job.DeadLetterQueueArn,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return job, nil
}

// containerJSON renders the container definitions once the image, the
// environment, the secrets and the log group are known, re-checking the
// values that were not known at construction.
func containerJSON(name string, a CronJobArgs, env awsenv.Env, logGroup pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.All(a.Image, resolveMap(a.Environment), resolveMap(a.Secrets), logGroup, env.Region).ApplyT(
		func(v []any) (string, error) {
			image := v[0].(string)
			if err := checkImage(image); err != nil {
				return "", fmt.Errorf("cronjob %q: `Image` %w", name, err)
			}
			secrets := v[2].(map[string]string)
			for _, k := range sortedKeys(secrets) {
				if err := checkSecretARN(secrets[k]); err != nil {
					return "", fmt.Errorf("cronjob %q: `Secrets[%q]` %w", name, k, err)
				}
			}
			return containerDefinitions(containerInput{
				Image: image, Command: a.Command,
				Environment: v[1].(map[string]string), Secrets: secrets,
				ReadOnly: a.ReadonlyRootFilesystem, StopTimeout: int(a.StopTimeout.Seconds()),
				LogGroup: v[3].(string), Region: v[4].(string),
			})
		}).(pulumi.StringOutput)
}

// executionPolicy renders the execution role's policy once the image and the
// secret ARNs are known, so each secret lands under the service it belongs to.
func executionPolicy(name string, a CronJobArgs, env awsenv.Env, logStreams pulumi.StringOutput) pulumi.StringOutput {
	var repo pulumi.StringInput = pulumi.String("")
	if a.EcrRepositoryArn != nil {
		repo = a.EcrRepositoryArn
	}
	return pulumi.All(a.Image, resolveMap(a.Secrets), repo).ApplyT(func(v []any) (pulumi.StringOutput, error) {
		image, secrets, repoArn := v[0].(string), v[1].(map[string]string), v[2].(string)
		if repoArn == "" {
			if derived, ok := ecrRepositoryARN(image); ok {
				repoArn = derived
			}
		} else if _, isECR := ecrRepositoryARN(image); !isECR {
			return pulumi.StringOutput{}, fmt.Errorf("cronjob %q: `EcrRepositoryArn` is set but `Image` %q is not an ECR image", name, image)
		}
		var repoInput pulumi.StringInput
		if repoArn != "" {
			repoInput = pulumi.String(repoArn)
		}
		var secretArns, parameterArns []pulumi.StringInput
		seen := map[string]bool{}
		for _, k := range sortedKeys(secrets) {
			arn, isParameter := secretResource(secrets[k])
			if seen[arn] {
				continue
			}
			seen[arn] = true
			if isParameter {
				parameterArns = append(parameterArns, pulumi.String(arn))
			} else {
				secretArns = append(secretArns, pulumi.String(arn))
			}
		}
		stmts := executionStatements(repoInput, logStreams, secretArns, parameterArns, a.SecretsKmsKeyArn)
		return iampolicy.Document{Statements: stmts}.Render(), nil
	}).(pulumi.StringOutput)
}

// workflowJSON renders the guard workflow once the ARNs and the network are known.
func workflowJSON(name string, a CronJobArgs, family string, cluster, taskDef, topic pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.All(cluster, taskDef, topic, a.Subnets, a.SecurityGroups).ApplyT(func(v []any) (string, error) {
		subnets, groups := v[3].([]string), v[4].([]string)
		if len(subnets) == 0 {
			return "", fmt.Errorf("cronjob %q: `Subnets` is empty: give at least one subnet", name)
		}
		if len(groups) == 0 {
			return "", fmt.Errorf("cronjob %q: `SecurityGroups` is empty: give at least one security group", name)
		}
		def := definition(workflowInput{
			Job: name, ClusterArn: v[0].(string), TaskDefinition: v[1].(string), Family: family,
			Subnets: subnets, SecurityGroups: groups, AssignPublicIP: a.AssignPublicIP,
			CapacityProvider: a.CapacityProvider, MaxRuntimeSec: int(a.MaxRuntime.Seconds()),
			StartAttempts: a.StartAttempts, TopicArn: v[2].(string),
		})
		return def.JSON()
	}).(pulumi.StringOutput)
}

// scheduleArgs is the schedule: the caller's expression and zone, a retry
// policy and the dead-letter queue on its target.
func scheduleArgs(name string, a CronJobArgs, machineArn, roleArn, dlqArn pulumi.StringOutput) *scheduler.ScheduleArgs {
	state := "ENABLED"
	if !*a.Enabled {
		state = "DISABLED"
	}
	window := scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("OFF")}
	if a.FlexibleWindowMinutes > 0 {
		window = scheduler.ScheduleFlexibleTimeWindowArgs{Mode: pulumi.String("FLEXIBLE"), MaximumWindowInMinutes: pulumi.Int(a.FlexibleWindowMinutes)}
	}
	input, _ := json.Marshal(map[string]string{"job": name, "scheduledTime": "<aws.scheduler.scheduled-time>"})
	args := &scheduler.ScheduleArgs{
		Description:                pulumi.Sprintf("Starts the schedkit cronjob %s", name),
		ScheduleExpression:         pulumi.String(a.Schedule),
		ScheduleExpressionTimezone: pulumi.String(a.Timezone),
		State:                      pulumi.String(state),
		FlexibleTimeWindow:         window,
		Target: scheduler.ScheduleTargetArgs{
			Arn:     machineArn,
			RoleArn: roleArn,
			Input:   pulumi.String(string(input)),
			RetryPolicy: scheduler.ScheduleTargetRetryPolicyArgs{
				MaximumRetryAttempts:     pulumi.Int(*a.SchedulerRetryAttempts),
				MaximumEventAgeInSeconds: pulumi.Int(int(a.SchedulerMaxEventAge.Seconds())),
			},
			DeadLetterConfig: scheduler.ScheduleTargetDeadLetterConfigArgs{Arn: dlqArn},
		},
	}
	if a.StartDate != "" {
		args.StartDate = pulumi.String(a.StartDate)
	}
	if a.EndDate != "" {
		args.EndDate = pulumi.String(a.EndDate)
	}
	return args
}
