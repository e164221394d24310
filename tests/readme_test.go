// Package tests holds cross-cutting tests: the documentation (the README,
// each component's page, docs/) stays true to the code, and every example
// and stack synthesizes cleanly.
package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/components/warehouse"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// componentPage is the reference page of a component package.
func componentPage(pkg string) string { return "components/" + pkg + "/README.md" }

// defaultsTable is the defaults table of a component's page.
func defaultsTable(t *testing.T, pkg string) map[string]string {
	t.Helper()
	return docTable(t, componentPage(pkg), "Defaults")
}

func TestReadme_cronJobDefaultsMatchTheCode(t *testing.T) {
	rows := defaultsTable(t, "cronjob")
	want := map[string]string{
		"`Cpu`":                            fmt.Sprint(cronjob.DefaultCpu),
		"`CpuArchitecture`":                cronjob.DefaultCpuArchitecture,
		"`CapacityProvider`":               cronjob.DefaultCapacityProvider,
		"`MaxRuntime`":                     strings.TrimSuffix(cronjob.DefaultMaxRuntime.String(), "0m0s"),
		"`StartAttempts`":                  fmt.Sprint(cronjob.DefaultStartAttempts),
		"`SkipAlarmRuns`":                  fmt.Sprint(cronjob.DefaultSkipAlarmRuns),
		"`StopTimeout`":                    cronjob.DefaultStopTimeout.String(),
		"`LogRetentionDays`":               fmt.Sprint(cronjob.DefaultLogRetentionDays),
		"`Schedule.Timezone`":              trigger.DefaultTimezone,
		"`Schedule.RetryAttempts`":         fmt.Sprint(trigger.DefaultRetryAttempts),
		"`Schedule.MaxEventAge`":           strings.TrimSuffix(trigger.DefaultMaxEventAge.String(), "0m0s"),
		"`Schedule.Enabled`":               "true",
		"`Schedule.FlexibleWindowMinutes`": "0",
		"`AssignPublicIP`":                 "false",
		"`RetainOnDelete`":                 "false",
		"`Protect`":                        "false",
	}
	checkDefaults(t, "CronJob", rows, want)
}

func TestReadme_streamProcessorDefaultsMatchTheCode(t *testing.T) {
	rows := defaultsTable(t, "stream")
	want := map[string]string{
		"`Stream.Mode`":                  stream.DefaultStreamMode,
		"`Stream.RetentionHours`":        fmt.Sprint(stream.DefaultRetentionHours),
		"`Architecture`":                 stream.DefaultArchitecture,
		"`MemoryMB`":                     fmt.Sprint(stream.DefaultMemoryMB),
		"`Timeout`":                      stream.DefaultTimeout.String(),
		"`LogRetentionDays`":             fmt.Sprint(stream.DefaultLogRetentionDays),
		"`StartingPosition`":             stream.DefaultStartingPosition,
		"`BatchSize`":                    fmt.Sprint(stream.DefaultBatchSize),
		"`BatchingWindow`":               stream.DefaultBatchingWindow.String(),
		"`ParallelizationFactor`":        fmt.Sprint(stream.DefaultParallelizationFactor),
		"`MaximumRetryAttempts`":         fmt.Sprint(stream.DefaultMaximumRetryAttempts),
		"`MaximumRecordAgeSeconds`":      fmt.Sprint(stream.DefaultMaximumRecordAgeSeconds),
		"`IteratorAgeAlarmThreshold`":    stream.DefaultIteratorAgeThreshold.String(),
		"`Sink.BucketEncryption`":        stream.DefaultBucketEncryption,
		"`S3SinkArgs.BufferingSizeMB`":   fmt.Sprint(stream.DefaultS3BufferingSizeMB),
		"`S3SinkArgs.BufferingInterval`": stream.DefaultS3BufferingInterval.String(),
		"`S3SinkArgs.ErrorPrefix`":       stream.DefaultErrorFolder,
		"`EnhancedFanOut`":               "false",
	}
	checkDefaults(t, "StreamProcessor", rows, want)
}

func TestReadme_batchAndMLDefaultsMatchTheCode(t *testing.T) {
	checkDefaults(t, "BatchWorkflow", defaultsTable(t, "batch"), map[string]string{
		"`MaxRuntime`":                 batch.DefaultMaxRuntime.String(),
		"`LogRetentionDays`":           fmt.Sprint(batch.DefaultLogRetentionDays),
		"ECS step timeout":             batch.DefaultECSTimeout.String(),
		"Lambda step timeout":          batch.DefaultLambdaTimeout.String(),
		"transform step timeout":       batch.DefaultTransformTimeout.String(),
		"step retries":                 fmt.Sprint(batch.DefaultRetryAttempts),
		"retry interval":               batch.DefaultRetryInterval.String(),
		"retry backoff rate":           fmt.Sprint(batch.DefaultBackoffRate),
		"retry maximum delay":          batch.DefaultRetryMaxDelay.String(),
		"`MapStep.MaxConcurrency`":     fmt.Sprint(batch.DefaultMapConcurrency),
		"S3 trigger retries":           fmt.Sprint(trigger.DefaultObjectCreatedRetryAttempts),
		"S3 trigger maximum event age": trigger.DefaultObjectCreatedMaxEventAge.String(),
		"transform instance type":      batch.DefaultTransformInstanceType,
	})
	checkDefaults(t, "BatchInference", defaultsTable(t, "inference"), map[string]string{
		"`InstanceType`":                     batch.DefaultTransformInstanceType,
		"`InstanceCount`":                    fmt.Sprint(batch.DefaultInstanceCount),
		"`MaxPayloadMB`":                     fmt.Sprint(batch.DefaultMaxPayloadMB),
		"`BatchStrategy`":                    batch.DefaultBatchStrategy,
		"`SplitType`":                        batch.DefaultSplitType,
		"`ContentType`":                      batch.DefaultContentType,
		"`Accept`":                           batch.DefaultAccept,
		"`AssembleWith`":                     batch.DefaultAssembleWith,
		"`JoinSource`":                       batch.DefaultJoinSource,
		"`MaxRuntime`":                       inference.DefaultMaxRuntime.String(),
		"`LogRetentionDays`":                 fmt.Sprint(inference.DefaultLogRetentionDays),
		"network isolation":                  fmt.Sprint(inference.DefaultNetworkIsolation),
		"`RunOnApproval`":                    fmt.Sprint(inference.DefaultRunOnApproval),
		"approval trigger retries":           fmt.Sprint(inference.ApprovalRetryAttempts),
		"approval trigger maximum event age": inference.ApprovalMaxEventAge.String(),
	})
	checkDefaults(t, "TrainingPipeline", defaultsTable(t, "training"), map[string]string{
		"`InstanceType`":          training.DefaultInstanceType,
		"`InstanceCount`":         fmt.Sprint(training.DefaultInstanceCount),
		"`VolumeSizeGB`":          fmt.Sprint(training.DefaultVolumeSizeGB),
		"`MaxRuntime`":            training.DefaultMaxRuntime.String(),
		"`ModelApprovalStatus`":   training.DefaultModelApprovalStatus,
		"`LogRetentionDays`":      fmt.Sprint(training.DefaultLogRetentionDays),
		"`ApprovalNotifications`": fmt.Sprint(training.DefaultApprovalNotifications),
	})
}

func TestReadme_snowflakeDefaultsMatchTheCode(t *testing.T) {
	checkDefaults(t, "TaskGraph", defaultsTable(t, "taskgraph"), map[string]string{
		"`Timezone`":             taskgraph.DefaultTimezone,
		"`InitialWarehouseSize`": taskgraph.DefaultInitialWarehouseSize,
		"`SuspendAfterFailures`": fmt.Sprint(taskgraph.DefaultSuspendAfterFailures),
		"`RetryAttempts`":        fmt.Sprint(taskgraph.DefaultRetryAttempts),
		"task timeout":           taskgraph.DefaultTaskTimeout.String(),
		"`MaxAge`":               "0",
		"deadline check task":    "`<ROOT>" + taskgraph.DeadlineTaskSuffix + "`,",
	})
	rows := defaultsTable(t, "taskgraph")
	for _, v := range []string{
		"+ " + taskgraph.DeadlineSlack.String(), "at most " + taskgraph.MaxDeadlineGrace.String(),
	} {
		assert.Contains(t, rows["`DeadlineGrace`"], v)
	}
	for _, v := range []string{
		taskgraph.DeadlineSize + " serverless", fmt.Sprint(taskgraph.DeadlineSuspendAfterFailures) + " failures",
		taskgraph.DeadlineTimeout.String() + " timeout", "at least " + taskgraph.MinMaxAgeCheckEvery.String(),
	} {
		assert.Contains(t, rows["deadline check task"], v)
	}
	checkDefaults(t, "Warehouse", defaultsTable(t, "warehouse"), map[string]string{
		"`Size`":               warehouse.DefaultSize,
		"`AutoSuspendSeconds`": fmt.Sprint(warehouse.DefaultAutoSuspendSeconds),
		"resource monitor":     warehouse.MonitorFrequency + ",",
	})
}

func TestReadme_handOffDefaultsMatchTheCode(t *testing.T) {
	checkDefaults(t, "TrainingDataPipeline", defaultsTable(t, "trainingdata"), map[string]string{
		"`Format`":         trainingdata.DefaultFormat,
		"`Prefix`":         trainingdata.DefaultPrefix,
		"run folder":       trainingdata.RunFolderPrefix + "<yyyymmddThhmmssZ>/",
		"data files":       trainingdata.DataFilePrefix + "_*",
		"marker":           trainingdata.MarkerName,
		"training channel": trainingdata.TrainChannel,
	})
	rows := defaultsTable(t, "hybrid")
	checkDefaults(t, "HybridPipeline", rows, map[string]string{
		"`Fallback`":                       fmt.Sprint(hybrid.DefaultFallback),
		"`Freshness.MaxAge`":               hybrid.DefaultFreshnessMaxAge.String(),
		"`Freshness.SuspendAfterFailures`": fmt.Sprint(hybrid.DefaultFreshnessSuspendAfterFailures),
	})
	assert.True(t, strings.HasPrefix(rows["`Freshness.Cron`"], hybrid.DefaultFreshnessCron+" "), "HybridPipeline's page: the default of Freshness.Cron")
}

func TestReadme_lambdaArchitectureDefaultsMatchTheCode(t *testing.T) {
	checkDefaults(t, "LambdaArchitecture", defaultsTable(t, "lambdaarch"), map[string]string{
		"`ArchivePrefix`":  lambdaarch.DefaultArchivePrefix,
		"`BatchMode`":      lambdaarch.DefaultBatchMode,
		"`RecomputeEvery`": lambdaarch.DefaultRecomputeEvery.String(),
		"`TargetLag`":      lambdaarch.DefaultTargetLag.String(),
		"`RefreshMode`":    lambdaarch.DefaultRefreshMode,
		"`CleanupMargin`":  lambdaarch.DefaultCleanupMargin.String(),
		"`CleanupEvery`":   lambdaarch.DefaultCleanupEvery.String(),
		"`Started`":        "false",
		"tasks":            taskgraph.DefaultInitialWarehouseSize,
	})
}

func checkDefaults(t *testing.T, component string, rows, want map[string]string) {
	t.Helper()
	for field, value := range want {
		got, ok := rows[field]
		if assert.Truef(t, ok, "the defaults on %s's page lack %s", component, field) {
			assert.Equalf(t, value, strings.Fields(got)[0], "%s's page: the default of %s", component, field)
		}
	}
}

func TestDocs_policyPageListsEveryPolicyRule(t *testing.T) {
	rows := docTable(t, "docs/policy.md", "Policy rules")
	ids := map[string]bool{}
	for _, r := range policy.All() {
		ids["`"+r.ID+"`"] = true
		sev, ok := rows["`"+r.ID+"`"]
		if assert.Truef(t, ok, "docs/policy.md's table lacks %s", r.ID) {
			assert.Equal(t, string(r.Severity), sev, r.ID)
		}
	}
	for id := range rows {
		assert.Truef(t, id == "Rule" || ids[id], "docs/policy.md lists %s, which policy.All() does not hold", id)
	}
}

// TestReadme_alertTopicDefaultsAreWhatItPlans: AlertTopic's defaults table
// says what a topic with no arguments plans: no subscription, nothing
// retained or protected, a rotating key with its deletion window.
func TestReadme_alertTopicDefaultsAreWhatItPlans(t *testing.T) {
	rows := defaultsTable(t, "alerts")
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		_, err := alerts.NewAlertTopic(ctx, "alerts", nil)
		return err
	}, synth.Options{Project: "defaults", Stack: "dev"})
	assert.Empty(t, plan.ByType("aws:sns/topicSubscription:TopicSubscription"))
	assert.Equal(t, "none", rows["`Email`"])
	key, ok := plan.Find("aws:kms/key:Key", "alerts-key")
	if assert.True(t, ok) {
		assert.Equal(t, true, key.Get("enableKeyRotation"))
		assert.Equal(t, fmt.Sprintf("customer-managed, rotated yearly, %v-day deletion window", key.Get("deletionWindowInDays")), rows["key"])
	}
	for _, r := range plan.Resources {
		if r.Custom {
			assert.Falsef(t, r.RetainOnDelete || r.Protect, "%s is kept by default", r.Name)
		}
	}
	assert.Equal(t, "false", rows["`RetainOnDelete`"])
	assert.Equal(t, "false", rows["`Protect`"])
}
