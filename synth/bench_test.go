package synth_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth"
)

// benchProgram is a representative program: a CronJob, a BatchWorkflow
// with a Distributed Map, a transform and a Lambda step, and a
// StreamProcessor with an S3 sink, each with its alert topic — about a
// hundred registrations, as a team's stack has.
func benchProgram(ctx *pulumi.Context) error {
	if _, err := cronjob.NewCronJob(ctx, "nightly-export", &cronjob.CronJobArgs{
		Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/export:2.3.1"),
		Command:        []string{"export", "--date", "yesterday"},
		Subnets:        pulumi.ToStringArray([]string{"subnet-0a1b2c3d"}),
		SecurityGroups: pulumi.ToStringArray([]string{"sg-0123456789abcdef0"}),
		Schedule:       trigger.Schedule{Expression: "cron(30 1 * * ? *)", Timezone: "Europe/Berlin"},
		AlertEmail:     "data-oncall@example.com",
	}); err != nil {
		return err
	}
	if _, err := batch.NewBatchWorkflow(ctx, "events-backfill", &batch.BatchWorkflowArgs{
		Steps: []batch.Step{
			{Name: "reprocess", Map: &batch.MapStep{
				ItemsS3Uri:   "s3://acme-raw-events/year=2023/",
				ResultsS3Uri: "s3://acme-batch-results/events-backfill/",
				Step: batch.Step{Name: "reprocess-object", ECSTask: &batch.ECSTaskStep{
					ClusterArn:        pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/batch"),
					TaskDefinitionArn: pulumi.String("arn:aws:ecs:us-east-1:123456789012:task-definition/reprocess-event:4"),
					Family:            "reprocess-event",
					TaskRoleArn:       pulumi.String("arn:aws:iam::123456789012:role/reprocess-event-task"),
					ExecutionRoleArn:  pulumi.String("arn:aws:iam::123456789012:role/reprocess-event-execution"),
					Subnets:           pulumi.ToStringArray([]string{"subnet-0a1b2c3d"}),
					SecurityGroups:    pulumi.ToStringArray([]string{"sg-0123456789abcdef0"}),
					ContainerName:     "reprocess",
				}},
			}},
			{Name: "score", Transform: &batch.TransformJob{
				ModelName:   pulumi.String("events-anomaly-v3"),
				InputS3Uri:  "s3://acme-features/events/",
				OutputS3Uri: "s3://acme-scores/events/",
			}},
			{Name: "publish", Lambda: &batch.LambdaStep{FunctionArn: pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:publish-scores")}},
		},
		Schedule:   &trigger.Schedule{Expression: "cron(30 1 * * ? *)", Timezone: "Europe/Berlin"},
		S3Trigger:  &trigger.ObjectCreated{S3Uri: "s3://acme-raw-events/incoming/"},
		AlertEmail: "data-oncall@example.com",
	}); err != nil {
		return err
	}
	_, err := stream.NewStreamProcessor(ctx, "clicks", &stream.StreamProcessorArgs{
		CodeS3Bucket: "acme-artifacts",
		CodeS3Key:    "clicks/handler.zip",
		Runtime:      "python3.12",
		Handler:      "index.handler",
		Sink:         &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
		AlertEmail:   "data-oncall@example.com",
	})
	return err
}

var benchConfig = map[string]string{"aws:region": "us-east-1"}

// bareMocks is the least a mock monitor can do: echo the inputs, id = name.
type bareMocks struct{}

func (bareMocks) NewResource(a pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	return a.Name + "_id", a.Inputs, nil
}

func (bareMocks) Call(a pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// BenchmarkRun times synth.Run of benchProgram and the same program under
// Pulumi's bare mocks, alternately in each iteration so that load on the
// machine weighs on both alike, and reports the ratio: what synth's
// recording and shaping cost on top of the SDK. Issue 17 wants it at most
// 1.2.
//
//	go test ./synth -run '^$' -bench BenchmarkRun -benchtime 100x -count 5
func BenchmarkRun(b *testing.B) {
	var synthTime, bareTime time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := synth.Run(benchProgram, synth.Options{Project: "bench", Stack: "dev", Config: benchConfig}); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := runBare(); err != nil {
			b.Fatal(err)
		}
		synthTime += mid.Sub(start)
		bareTime += time.Since(mid)
	}
	b.ReportMetric(float64(synthTime.Microseconds())/float64(b.N), "synth-µs/op")
	b.ReportMetric(float64(bareTime.Microseconds())/float64(b.N), "bare-µs/op")
	b.ReportMetric(float64(synthTime)/float64(bareTime), "synth/bare")
}

func runBare() error {
	return pulumi.RunErr(benchProgram, pulumi.WithMocks("bench", "dev", bareMocks{}), func(info *pulumi.RunInfo) {
		info.Config = benchConfig
	})
}
