package stacks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/dashboard"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/synth"
)

// published are the metrics AWS publishes that the dashboard may draw, per
// namespace, with the resource type whose output names the dimension:
// "Monitoring Step Functions metrics using Amazon CloudWatch" (AWS/States,
// StateMachineArn), "Available CloudWatch metrics for Amazon SQS",
// "Using CloudWatch metrics with Lambda" (IteratorAge for stream event
// source mappings), "Monitoring the Amazon Kinesis Data Streams service
// with Amazon CloudWatch", "Monitoring Amazon Data Firehose using
// CloudWatch metrics", "Monitoring Amazon SNS topics using CloudWatch"
// (NumberOfMessagesPublished: where Snowflake's task and load errors and a
// TaskGraph's deadline alerts reach AWS).
var published = map[string]struct {
	metrics   []string
	dimension string
	typ, out  string
}{
	"AWS/States":   {[]string{"ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted", "ExecutionTime"}, "StateMachineArn", "aws:sfn/stateMachine:StateMachine", "arn"},
	"AWS/SQS":      {[]string{"ApproximateNumberOfMessagesVisible"}, "QueueName", "aws:sqs/queue:Queue", "name"},
	"AWS/Lambda":   {[]string{"Errors", "Throttles", "IteratorAge"}, "FunctionName", "aws:lambda/function:Function", "name"},
	"AWS/Kinesis":  {[]string{"ReadProvisionedThroughputExceeded", "GetRecords.IteratorAgeMilliseconds"}, "StreamName", "aws:kinesis/stream:Stream", "name"},
	"AWS/Firehose": {[]string{"DeliveryToS3.DataFreshness"}, "DeliveryStreamName", "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "name"},
	"AWS/SNS":      {[]string{"NumberOfMessagesPublished"}, "TopicName", "aws:sns/topic:Topic", "name"},
}

// Every widget of the stack's dashboard names a metric a resource of the
// plan emits (a workflow's putMetricData with that namespace, metric and
// dimension, for a component of the plan) or AWS publishes for a resource
// of the plan; every component with a workflow has its runs on it.
func TestStacks_dashboardDrawsOnlyMetricsThePlanHas(t *testing.T) {
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			boards := plan.ByType("aws:cloudwatch/dashboard:Dashboard")
			require.Len(t, boards, 1, "one dashboard per stack")
			var body struct {
				Widgets []struct {
					Type       string
					Properties struct {
						Title   string
						Metrics [][]any
					}
				}
			}
			require.NoError(t, json.Unmarshal([]byte(boards[0].String("dashboardBody")), &body))
			require.LessOrEqual(t, len(body.Widgets), dashboard.MaxWidgets)
			components := map[string]bool{}
			for _, r := range plan.Resources {
				if strings.HasPrefix(r.Type, "schedkit:") {
					components[r.Name] = true
				}
			}
			var definitions []string
			for _, m := range plan.ByType("aws:sfn/stateMachine:StateMachine") {
				definitions = append(definitions, m.String("definition"))
			}
			drawn, topics := map[string]bool{}, map[string]bool{}
			metrics := 0
			for _, w := range body.Widgets {
				for _, row := range w.Properties.Metrics {
					metrics++
					require.Len(t, row, 5, "namespace, metric, one dimension and its value, options: %v", row)
					ns, name, dim, value := row[0].(string), row[1].(string), row[2].(string), row[3].(string)
					if p, ok := published[ns]; ok {
						assert.Contains(t, p.metrics, name, "%s publishes no %s", ns, name)
						assert.Equal(t, p.dimension, dim, "%s %s", ns, name)
						found := false
						for _, r := range plan.ByType(p.typ) {
							found = found || r.Output(p.out) == value
						}
						assert.Truef(t, found, "%s %s: %s %q is no %s of the plan", ns, name, dim, value, p.typ)
						if ns == "AWS/States" {
							drawn[value] = true
						}
						if ns == "AWS/SNS" {
							topics[value] = true
						}
						continue
					}
					emitted := false
					for _, d := range definitions {
						emitted = emitted || strings.Contains(d, `"Namespace":"`+ns+`"`) && strings.Contains(d, `"MetricName":"`+name+`"`) && strings.Contains(d, `"Name":"`+dim+`"`)
					}
					assert.Truef(t, emitted, "no workflow of the plan puts %s %s with dimension %s", ns, name, dim)
					assert.Truef(t, components[value], "%s %s: %s %q is no component of the plan", ns, name, dim, value)
				}
			}
			assert.Greater(t, metrics, 50)
			for _, m := range plan.ByType("aws:sfn/stateMachine:StateMachine") {
				assert.Truef(t, drawn[m.Output("arn")], "the runs of %s are drawn", m.Name)
			}
			// Every Snowflake notification integration's topic is drawn:
			// task errors and deadline alerts where they reach AWS.
			for _, in := range plan.ByType("snowflake:index/notificationIntegration:NotificationIntegration") {
				arn := in.String("awsSnsTopicArn")
				assert.Truef(t, topics[arn[strings.LastIndexByte(arn, ':')+1:]], "the messages published to %s's topic are drawn", in.Name)
			}
		})
	}
}

// One switch turns the dashboard, and its cost, off.
func TestStacks_dashboardCanBeTurnedOff(t *testing.T) {
	opts, err := synth.LoadStack("..", "dev")
	require.NoError(t, err)
	opts.Config["schedkit:dashboardDisabled"] = "true"
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	assert.Empty(t, plan.ByType("aws:cloudwatch/dashboard:Dashboard"))
	assert.Len(t, plan.ByType(dashboard.Type), 1, "the component stays, empty")
}
