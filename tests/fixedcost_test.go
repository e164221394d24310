package tests

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/components/warehouse"
	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// fixedChildren counts the children of a plan that are billed while idle.
type fixedChildren struct{ keys, alarms, onDemandStreams, provisionedStreams int }

func countFixed(plan *synth.Plan) fixedChildren {
	var f fixedChildren
	f.keys = len(plan.ByType("aws:kms/key:Key"))
	f.alarms = len(plan.ByType("aws:cloudwatch/metricAlarm:MetricAlarm"))
	for _, s := range plan.ByType("aws:kinesis/stream:Stream") {
		if s.Get("streamModeDetails", "streamMode") == "PROVISIONED" {
			f.provisionedStreams++
		} else {
			f.onDemandStreams++
		}
	}
	return f
}

// fixedMonthly is what the plan costs idle, as schedkit cost prices it
// (cost/prices.go, the one price table).
func fixedMonthly(t *testing.T, plan *synth.Plan) float64 {
	t.Helper()
	report, err := cost.Estimate(plan, cost.Usage{})
	require.NoError(t, err)
	return report.FixedUSD
}

// readmeFixedCost reads the "fixed cost" row of a defaults table: "$1.50 a
// month: 1 KMS key, 5 alarms" and the like.
func readmeFixedCost(t *testing.T, heading string) (float64, fixedChildren) {
	t.Helper()
	row, ok := readmeTable(t, heading)["fixed cost"]
	require.Truef(t, ok, "README's %q has no fixed cost row", heading)
	dollars, err := strconv.ParseFloat(strings.TrimPrefix(strings.Fields(row)[0], "$"), 64)
	require.NoErrorf(t, err, "%q: the fixed cost row starts with its monthly figure", heading)
	count := func(what string) int {
		m := regexp.MustCompile(`(\d+) ` + what).FindStringSubmatch(row)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return dollars, fixedChildren{keys: count("KMS key"), alarms: count("alarm"), onDemandStreams: count("on-demand stream")}
}

// Issue 11: each defaults table states what its component costs idle at
// its defaults, and that figure is what the component plans.
func TestReadme_fixedCostsMatchWhatEachComponentPlans(t *testing.T) {
	image := pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/job:1.0")
	network := func(a *cronjob.CronJobArgs) {
		a.Subnets, a.SecurityGroups = pulumi.ToStringArray([]string{"subnet-0a0a0a0a"}), pulumi.ToStringArray([]string{"sg-01010101"})
	}
	job := &cronjob.CronJobArgs{Image: image, Schedule: trigger.Schedule{Expression: "cron(0 2 * * ? *)"}}
	network(job)
	cases := map[string]pulumi.RunFunc{
		"CronJob defaults":         synthtest.Program(cronjob.NewCronJob, "job", job),
		"StreamProcessor defaults": synthtest.Program(stream.NewStreamProcessor, "clicks", &stream.StreamProcessorArgs{ImageUri: image}),
		"BatchWorkflow defaults": synthtest.Program(batch.NewBatchWorkflow, "backfill", &batch.BatchWorkflowArgs{Steps: []batch.Step{{
			Name: "extract", Lambda: &batch.LambdaStep{FunctionArn: pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:extract")},
		}}}),
		"BatchInference defaults": synthtest.Program(inference.NewBatchInference, "scoring", &inference.BatchInferenceArgs{
			Image: image, ModelDataUrl: "s3://models/churn/model.tar.gz",
			InputS3Uri: "s3://features/daily/", OutputS3Uri: "s3://scores/daily/",
			Schedule: trigger.Schedule{Expression: "cron(0 4 * * ? *)"},
		}),
		"TrainingPipeline defaults": synthtest.Program(training.NewTrainingPipeline, "churn", &training.TrainingPipelineArgs{
			Image:         image,
			InputChannels: map[string]string{"train": "s3://ml-data/churn/train/"},
			OutputS3Uri:   "s3://ml-models/churn/",
		}),
		"TaskGraph defaults": synthtest.Program(taskgraph.NewTaskGraph, "nightly", &taskgraph.TaskGraphArgs{
			Database: pulumi.String("ANALYTICS"), Schema: pulumi.String("CORE"), Cron: "0 2 * * *",
			Tasks: []taskgraph.TaskSpec{{Name: "BUILD", SQL: "CALL build()"}},
		}),
		"SnowpipeIngest defaults": synthtest.Program(snowpipe.NewSnowpipeIngest, "events", &snowpipe.SnowpipeIngestArgs{
			Database: pulumi.String("RAW"), Schema: pulumi.String("EVENTS"),
			Pipes: []snowpipe.PipeSpec{{Name: "ORDERS", Prefix: "orders/", Format: snowpipe.FileFormat{Type: "CSV"},
				Columns: []snowpipe.Column{{Name: "ORDER_ID", Type: "NUMBER(38,0)"}}}},
		}),
		"Warehouse defaults": synthtest.Program(warehouse.NewWarehouse, "transform", &warehouse.WarehouseArgs{MonthlyCreditQuota: 10}),
		"HybridPipeline defaults": synthtest.Program(hybrid.NewHybridPipeline, "orders", &hybrid.HybridPipelineArgs{
			Producer:      *job,
			LandingPrefix: "orders/", Format: snowpipe.FileFormat{Type: "JSON"},
			Database: "RAW", Schema: "SALES", Table: "ORDERS",
			Columns:                  []snowpipe.Column{{Name: "RECORD", Type: "VARIANT"}},
			Transform:                []taskgraph.TaskSpec{{Name: "MERGE_ORDERS", SQL: "CALL merge_orders()"}},
			TargetCompletionInterval: 15 * time.Minute,
			Freshness:                hybrid.Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "LOADED_AT"},
		}),
		"TrainingDataPipeline defaults": synthtest.Program(trainingdata.NewTrainingDataPipeline, "churn", &trainingdata.TrainingDataPipelineArgs{
			Database: "ML", Schema: "FEATURES", Dataset: "churn",
			FeatureSteps: []taskgraph.TaskSpec{{Name: "BUILD", SQL: "CALL build()"}},
			Query:        "SELECT * FROM ML.FEATURES.CHURN", LabelColumn: "CHURNED",
			Cron: "0 2 * * *", BucketName: "acme-ml-data",
			Training: training.TrainingPipelineArgs{Image: image, OutputS3Uri: "s3://acme-ml-models/churn/"},
		}),
		"LambdaArchitecture defaults": synthtest.Program(lambdaarch.NewLambdaArchitecture, "orders", &lambdaarch.LambdaArchitectureArgs{
			Processor: stream.StreamProcessorArgs{ImageUri: image},
			Database:  "ANALYTICS", Schema: "EVENTS",
			Columns:             []lambdaarch.Column{{Name: "ORDER_ID", Type: "NUMBER(38,0)"}, {Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"}},
			Watermark:           "EVENT_TIME",
			SnowflakeAccountUrl: "https://acme-analytics.snowflakecomputing.com",
			PrivateKeySecretArn: pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake/firehose-AbCdEf"),
		}),
		"AlertTopic defaults": func(ctx *pulumi.Context) error {
			topic, err := alerts.NewAlertTopic(ctx, "alerts", nil)
			if err != nil {
				return err
			}
			return topic.AllowPublishers(ctx)
		},
	}
	for heading, program := range cases {
		t.Run(heading, func(t *testing.T) {
			plan := synthtest.Run(t, program, synth.Options{Project: "fixed", Stack: "dev"})
			planned := countFixed(plan)
			dollars, stated := readmeFixedCost(t, heading)
			assert.Zero(t, planned.provisionedStreams, "no default provisions shards")
			planned.provisionedStreams = 0
			assert.Equal(t, planned, stated, "the children the README counts")
			assert.Equal(t, fmt.Sprintf("%.2f", fixedMonthly(t, plan)), fmt.Sprintf("%.2f", dollars), "the README's monthly figure is what schedkit cost prices idle")
		})
	}
}
