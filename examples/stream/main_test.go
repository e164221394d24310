package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
)

var snowflakeConfig = map[string]string{
	"stream-example:snowflakeAccountUrl":   "https://acme-analytics.snowflakecomputing.com",
	"stream-example:snowflakeKeySecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-AbCdEf",
	"stream-example:retain":                "true",
	"aws:region":                           "eu-west-1",
}

func run(t *testing.T, cfg map[string]string) *synth.Plan {
	t.Helper()
	plan, err := synth.Run(program, synth.Options{Project: "stream-example", Stack: "prod", Config: cfg})
	require.NoError(t, err)
	return plan
}

func has(t *testing.T, p *synth.Plan, typ, name string) synth.Resource {
	t.Helper()
	r, ok := p.Find(typ, name)
	require.Truef(t, ok, "no %s %q", typ, name)
	return r
}

func TestExample_synthesizesBothProcessors(t *testing.T) {
	plan := run(t, snowflakeConfig)
	for _, proc := range []string{"clicks", "orders"} {
		has(t, plan, "schedkit:aws:StreamProcessor", proc)
		has(t, plan, "aws:kinesis/stream:Stream", proc+"-stream")
		has(t, plan, "aws:lambda/function:Function", proc+"-function")
		has(t, plan, "aws:lambda/eventSourceMapping:EventSourceMapping", proc+"-mapping")
		has(t, plan, "aws:sqs/queue:Queue", proc+"-failures")
		has(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", proc+"-sink")
		has(t, plan, "aws:s3/bucketV2:BucketV2", proc+"-sink-bucket")
	}
	assert.Equal(t, "extended_s3", has(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-sink").String("destination"))
	assert.Equal(t, "snowflake", has(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "orders-sink").String("destination"))
	has(t, plan, "aws:kinesis/streamConsumer:StreamConsumer", "orders-consumer")
	assert.Equal(t, map[string]any{"path": "./handler"}, has(t, plan, "aws:lambda/function:Function", "clicks-function").Inputs["code"])
	assert.True(t, has(t, plan, "aws:kinesis/stream:Stream", "clicks-stream").RetainOnDelete, "prod retains its streams")
	assert.True(t, has(t, plan, "aws:s3/bucketV2:BucketV2", "orders-sink-bucket").RetainOnDelete)
}

func TestExample_hasNoPolicyViolations(t *testing.T) {
	rules := policy.All()
	for name, cfg := range map[string]map[string]string{"with snowflake": snowflakeConfig, "clicks only": nil} {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, policy.Evaluate(run(t, cfg), rules))
		})
	}
}

func TestExample_snowflakeIsOptional(t *testing.T) {
	plan := run(t, nil)
	has(t, plan, "schedkit:aws:StreamProcessor", "clicks")
	_, ok := plan.Find("schedkit:aws:StreamProcessor", "orders")
	assert.False(t, ok, "orders needs the Snowflake settings")
}
