// Package cronjob runs a long-running, single-process container job on a
// schedule, with the guarantees EventBridge alone cannot give:
//
//	EventBridge Scheduler ─(retries, DLQ)→ Step Functions guard ─runTask.sync→ ECS Fargate task
//	                                             └─ failure/timeout → SNS alert
//
// The workflow skips a run while another run of it is still running
// (counting only its own executions, never other tasks of the family), and
// counts and alarms on skips; it fails on the container's real exit code,
// stops the task past MaxRuntime, retries transient start failures, and
// alerts on every failure.
package cronjob

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/images"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/internal/verify"
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
	// AlertTopicKmsKeyArn is the key encrypting the alert topic ("" for a
	// given topic without AlertTopicKmsKeyArn); pass both to another component
	// that should alert to the same topic.
	AlertTopicKmsKeyArn pulumi.StringOutput `pulumi:"alertTopicKmsKeyArn"`
	// DeadLetterQueueUrl holds schedule starts Scheduler could not deliver.
	DeadLetterQueueUrl pulumi.StringOutput `pulumi:"deadLetterQueueUrl"`
	// DeadLetterQueueArn is that queue's ARN.
	DeadLetterQueueArn pulumi.StringOutput `pulumi:"deadLetterQueueArn"`
}

// childNames are the auto-named children whose names AWS limits.
func childNames(name string) map[string]naming.Kind {
	names := map[string]naming.Kind{
		naming.Child(name, "execution-role"): naming.IAMRole,
		naming.Child(name, "task-role"):      naming.IAMRole,
		naming.Child(name, "cluster"):        naming.ECSCluster,
		naming.Child(name, "alerts"):         naming.SNSTopic,
	}
	maps.Copy(names, workflow.ChildNames(name))
	maps.Copy(names, workflow.TriggerChildNames(name))
	return names
}

// NewCronJob validates args and registers the job's children.
func NewCronJob(ctx *pulumi.Context, name string, args *CronJobArgs, opts ...pulumi.ResourceOption) (*CronJob, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	family := a.Family
	if family == "" {
		family = a.StableName
	}
	if err := naming.CheckExact(kind, name, "Family", naming.TaskFamily, family); err != nil {
		return nil, err
	}

	job := &CronJob{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, job, children.Options(opts)...); err != nil {
		return nil, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("cronjob %q: %s: %w", name, what, err) }
	parent := pulumi.Parent(job)
	kept := keep.Policy{Retain: a.RetainOnDelete, Protect: a.Protect}
	stateful := kept.Stateful(parent)
	env := awsenv.Lookup(ctx, job)
	tagMap := tags.For(Type, name, a.Tags)

	taskLogs, err := logs.NewGroup(ctx, naming.Child(name, "task-logs"), logs.GroupArgs{
		NamePrefix: "/schedkit/cronjob/" + a.StableName + "/", RetentionDays: a.LogRetentionDays, Tags: tagMap,
	}, stateful...)
	if err != nil {
		return nil, wrap("creating task log group", err)
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
		Policy: check.RoleInlinePolicies(kind, name, "Secrets", executionPolicy(name, a, env, logs.StreamsARN(taskLogs))),
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
			Policy: check.RoleInlinePolicies(kind, name, "TaskPolicyStatements", iampolicy.Document{Statements: a.TaskPolicyStatements}.Render()),
		}, parent); err != nil {
			return nil, wrap("creating task policy", err)
		}
	}

	// Cluster.
	var clusterArn pulumi.StringOutput
	if a.ClusterArn != nil {
		clusterArn = check.Deployed(kind, name, "ClusterArn", a.ClusterArn, verify.ECSClusterARN).ToStringOutput()
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
		// RunTask with a FARGATE_SPOT strategy needs the provider on the cluster.
		if _, err := ecs.NewClusterCapacityProviders(ctx, naming.Child(name, "capacity"), &ecs.ClusterCapacityProvidersArgs{
			ClusterName:       cluster.Name,
			CapacityProviders: pulumi.ToStringArray([]string{"FARGATE", "FARGATE_SPOT"}),
			DefaultCapacityProviderStrategies: ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArray{
				ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs{CapacityProvider: pulumi.String("FARGATE"), Weight: pulumi.Int(1)},
			},
		}, parent); err != nil {
			return nil, wrap("adding capacity providers", err)
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
		Keep: kept,
	}.Deployed(kind, name), parent)
	if err != nil {
		return nil, wrap("alert topic", err)
	}

	// Workflow.
	stmts := workflow.ECSRunTaskStatements("", env, workflow.ECSTask{
		ClusterArn: clusterArn, Family: family, TaskRoleArn: taskRole.Arn, ExecutionRoleArn: execRole.Arn,
	})
	stmts = append(stmts, skipMetricStatement())
	machine, err := workflow.NewStateMachine(ctx, name, env, job, workflow.StateMachineArgs{
		StableName:       a.StableName,
		Description:      fmt.Sprintf("The %s job's guard workflow runs as this role", name),
		Definition:       workflowJSON(name, a, family, clusterArn, taskDef.Arn, topic.Arn),
		Statements:       stmts,
		SelfStatements:   guardStatements,
		LogRetentionDays: a.LogRetentionDays,
		Alerts:           topic,
		Tags:             tagMap,
		Keep:             kept,
	})
	if err != nil {
		return nil, wrap("workflow", err)
	}
	if _, err := alerting.NewAlarms(ctx, name, topic, tagMap, []alerting.Alarm{skippedRunsAlarm(name, a)}, parent); err != nil {
		return nil, wrap("skipped-runs alarm", err)
	}

	// Schedule: the first run may list executions only once the self policy exists.
	trig, err := workflow.NewSchedule(ctx, name, env, job, workflow.TriggerArgs{
		Schedule:        a.Schedule,
		StateMachineArn: machine.Machine.Arn,
		Input:           map[string]string{"job": name, "scheduledTime": "<aws.scheduler.scheduled-time>"},
		Description:     "Starts the schedkit cronjob " + name,
		Kind:            kind,
		Workflow:        machine,
		Alerts:          topic,
		Tags:            tagMap,
		Keep:            kept,
		DependsOn:       []pulumi.Resource{machine.SelfPolicy},
	})
	if err != nil {
		return nil, wrap("schedule", err)
	}

	job.TaskDefinitionArn = taskDef.Arn
	job.StateMachineArn = machine.Machine.Arn
	job.ScheduleArn = trig.Schedule.Arn
	job.LogGroupName = taskLogs.Name
	job.WorkflowLogGroupName = machine.LogGroup.Name
	job.ClusterArn = clusterArn
	job.TaskRoleArn = taskRole.Arn
	job.ExecutionRoleArn = execRole.Arn
	job.AlertTopicArn = topic.Arn
	job.AlertTopicKmsKeyArn = topic.KeyArn
	job.DeadLetterQueueUrl = trig.Queue.Queue.Url
	job.DeadLetterQueueArn = trig.Queue.Queue.Arn
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := kept.Lock(ctx, job, name, &children); err != nil {
		return nil, wrap("registering the delete lock", err)
	}
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
		"alertTopicKmsKeyArn":  job.AlertTopicKmsKeyArn,
		"deadLetterQueueUrl":   job.DeadLetterQueueUrl,
		"deadLetterQueueArn":   job.DeadLetterQueueArn,
	}); err != nil {
		return nil, wrap("registering outputs", err)
	}
	return job, nil
}

// skippedRunsAlarm fires after SkipAlarmRuns consecutive skipped runs.
// Consecutive skips are all blocked by the same run, which lasts at most
// the workflow's timeout (MaxRuntime + WorkflowSlack), so they all fall
// inside one such window: the alarm looks at that window in one-minute
// periods and fires when SkipAlarmRuns of them hold a skip. CloudWatch
// caps an alarm with periods under an hour at one day of periods
// (PutMetricAlarm: Period × EvaluationPeriods ≤ 86,400 s), so for a
// MaxRuntime over 23h30m the window is one day.
func skippedRunsAlarm(name string, a CronJobArgs) alerting.Alarm {
	const period = 60
	window := min(int(math.Ceil((a.MaxRuntime+WorkflowSlack).Seconds()/period)), maxAlarmWindow/period)
	return alerting.Alarm{
		Suffix:            "skipped-runs",
		Description:       "Consecutive runs of the cronjob were skipped because an earlier run was still running.",
		Namespace:         SkipMetricNamespace,
		Metric:            SkippedRunsMetric,
		Dimensions:        pulumi.StringMap{"CronJob": pulumi.String(name)},
		Statistic:         "Sum",
		PeriodSeconds:     period,
		EvaluationPeriods: window,
		// At most 10 (validated) and window is at least 31 (WorkflowSlack).
		DatapointsToAlarm: a.SkipAlarmRuns,
		Threshold:         1,
		Comparison:        "GreaterThanOrEqualToThreshold",
	}
}

// maxAlarmWindow is how many seconds an alarm with periods under an hour
// may look back (CloudWatch API Reference, PutMetricAlarm).
const maxAlarmWindow = 86400

// containerJSON renders the container definitions once the image, the
// environment, the secrets and the log group are known, re-checking the
// values that were not known at construction.
func containerJSON(name string, a CronJobArgs, env awsenv.Env, logGroup pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.All(a.Image, resolveMap(a.Environment), resolveMap(a.Secrets), logGroup, env.Region).ApplyT(
		func(v []any) (string, error) {
			image := v[0].(string)
			if err := verify.Image(image); err != nil {
				return "", &verify.Problem{Kind: kind, Name: name, Field: "Image", Err: err}
			}
			secrets := v[2].(map[string]string)
			for _, k := range slices.Sorted(maps.Keys(secrets)) {
				if err := verify.ECSSecretARN(secrets[k]); err != nil {
					return "", &verify.Problem{Kind: kind, Name: name, Field: fmt.Sprintf("Secrets[%q]", k), Err: err}
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
		repo = check.Deployed(kind, name, "EcrRepositoryArn", a.EcrRepositoryArn, verify.ECRRepositoryARN)
	}
	return pulumi.All(a.Image, resolveMap(a.Secrets), repo).ApplyT(func(v []any) (pulumi.StringOutput, error) {
		image, secrets, repoArn := v[0].(string), v[1].(map[string]string), v[2].(string)
		if repoArn == "" {
			if derived, ok := images.ECRRepositoryARN(image); ok {
				repoArn = derived
			}
		} else if _, isECR := images.ECRRepositoryARN(image); !isECR {
			return pulumi.StringOutput{}, &verify.Problem{Kind: kind, Name: name, Field: "EcrRepositoryArn", Err: fmt.Errorf("is set but `Image` %q is not an ECR image", image)}
		}
		var repoInput pulumi.StringInput
		if repoArn != "" {
			repoInput = pulumi.String(repoArn)
		}
		var secretArns, parameterArns []pulumi.StringInput
		seen := map[string]bool{}
		for _, k := range slices.Sorted(maps.Keys(secrets)) {
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
		stmts := executionStatements(repoInput, logStreams, secretArns, parameterArns, check.Deployed(kind, name, "SecretsKmsKeyArn", a.SecretsKmsKeyArn, verify.KMSKeyARN))
		return iampolicy.Document{Statements: stmts}.Render(), nil
	}).(pulumi.StringOutput)
}

// workflowJSON renders the guard workflow once the ARNs and the network are known.
func workflowJSON(name string, a CronJobArgs, family string, cluster, taskDef, topic pulumi.StringOutput) pulumi.StringOutput {
	subnets := check.DeployedList(kind, name, "Subnets", a.Subnets, verify.RunTaskSubnets, verify.SubnetID)
	groups := check.DeployedList(kind, name, "SecurityGroups", a.SecurityGroups, verify.RunTaskSecurityGroups, verify.SecurityGroupID)
	return pulumi.All(cluster, taskDef, topic, subnets, groups).ApplyT(func(v []any) (string, error) {
		subnets, groups := v[3].([]string), v[4].([]string)
		def := definition(workflowInput{
			Job: name, ClusterArn: v[0].(string), TaskDefinition: v[1].(string), Family: family,
			Subnets: subnets, SecurityGroups: groups, AssignPublicIP: a.AssignPublicIP,
			CapacityProvider: a.CapacityProvider, MaxRuntimeSec: int(a.MaxRuntime.Seconds()),
			StartAttempts: a.StartAttempts, TopicArn: v[2].(string),
		})
		return def.JSON()
	}).(pulumi.StringOutput)
}
