package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

var snowflakeConfig = map[string]string{
	"stream-example:snowflakeAccountUrl":   "https://acme-analytics.snowflakecomputing.com",
	"stream-example:snowflakeKeySecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-AbCdEf",
	"stream-example:retain":                "true",
	"stream-example:protect":               "true",
	"aws:region":                           "eu-west-1",
}

func run(t *testing.T, cfg map[string]string) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, program, synth.Options{Project: "stream-example", Stack: "prod", Config: cfg})
}

func TestExample_synthesizesBothProcessors(t *testing.T) {
	plan := run(t, snowflakeConfig)
	for _, proc := range []string{"clicks", "orders"} {
		synthtest.Find(t, plan, "schedkit:aws:StreamProcessor", proc)
		synthtest.Find(t, plan, "aws:kinesis/stream:Stream", proc+"-stream")
		synthtest.Find(t, plan, "aws:lambda/function:Function", proc+"-function")
		synthtest.Find(t, plan, "aws:lambda/eventSourceMapping:EventSourceMapping", proc+"-mapping")
		synthtest.Find(t, plan, "aws:sqs/queue:Queue", proc+"-failures")
		synthtest.Find(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", proc+"-sink")
		synthtest.Find(t, plan, "aws:s3/bucket:Bucket", proc+"-sink-bucket")
	}
	assert.Equal(t, "extended_s3", synthtest.Find(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-sink").String("destination"))
	assert.Equal(t, "snowflake", synthtest.Find(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "orders-sink").String("destination"))
	synthtest.Find(t, plan, "aws:kinesis/streamConsumer:StreamConsumer", "orders-consumer")
	assert.Equal(t, map[string]any{"path": "./handler"}, synthtest.Find(t, plan, "aws:lambda/function:Function", "clicks-function").Inputs["code"])
	assert.True(t, synthtest.Find(t, plan, "aws:kinesis/stream:Stream", "clicks-stream").RetainOnDelete, "prod retains its streams")
	assert.True(t, synthtest.Find(t, plan, "aws:s3/bucket:Bucket", "orders-sink-bucket").RetainOnDelete)
	assert.True(t, synthtest.Find(t, plan, "aws:s3/bucket:Bucket", "orders-sink-bucket").Protect, "and protects them")
}

func TestExample_hasNoPolicyViolations(t *testing.T) {
	rules := policy.All()
	// The stack is named prod: policy wants its stateful resources protected.
	clicksOnly := map[string]string{"stream-example:protect": "true"}
	for name, cfg := range map[string]map[string]string{"with snowflake": snowflakeConfig, "clicks only": clicksOnly} {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, policy.Evaluate(run(t, cfg), rules))
		})
	}
}

func TestExample_snowflakeIsOptional(t *testing.T) {
	plan := run(t, nil)
	synthtest.Find(t, plan, "schedkit:aws:StreamProcessor", "clicks")
	_, ok := plan.Find("schedkit:aws:StreamProcessor", "orders")
	assert.False(t, ok, "orders needs the Snowflake settings")
}

func TestExample_devStackSynthesizesBothProcessorsFromItsStackFile(t *testing.T) {
	opts, err := synth.LoadStack(".", "dev")
	require.NoError(t, err)
	plan := synthtest.Run(t, program, opts)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	sink := synthtest.Find(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "orders-sink")
	assert.Equal(t, "https://acme-analytics.snowflakecomputing.com", sink.Get("snowflakeConfiguration", "accountUrl"))
	assert.Equal(t, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-dev-AbCdEf",
		sink.Get("snowflakeConfiguration", "secretsManagerConfiguration", "secretArn"))
	assert.Contains(t, plan.Outputs["ordersDeliveryStreamArn"], "arn:aws:firehose:eu-west-1:123456789012:deliverystream/")
	stream := synthtest.Find(t, plan, "aws:kinesis/stream:Stream", "clicks-stream")
	assert.False(t, stream.RetainOnDelete, "dev neither retains")
	assert.False(t, stream.Protect, "nor protects its streams")
}
