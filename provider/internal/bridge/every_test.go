package bridge_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/provider/internal/bridge"
)

// wire writes Go arguments as a program in another language sends them,
// following the schema's rules (names, whole seconds; unset fields left
// out), so that every component can be registered both ways with one set
// of arguments. TestConstruct_sameChildrenAsGo writes its cases by hand.
func wire(v reflect.Value) pulumi.Input {
	switch {
	case v.Type() == reflect.TypeFor[time.Duration]():
		return pulumi.Int(int(time.Duration(v.Int()) / time.Second))
	case v.Kind() == reflect.Interface:
		if in, ok := v.Interface().(pulumi.Input); ok {
			return in
		}
		return pulumi.Any(v.Interface())
	}
	switch v.Kind() {
	case reflect.Pointer:
		return wire(v.Elem())
	case reflect.String:
		return pulumi.String(v.String())
	case reflect.Int:
		return pulumi.Int(int(v.Int()))
	case reflect.Float64:
		return pulumi.Float64(v.Float())
	case reflect.Bool:
		return pulumi.Bool(v.Bool())
	case reflect.Slice:
		arr := pulumi.Array{}
		for i := range v.Len() {
			arr = append(arr, wire(v.Index(i)))
		}
		return arr
	case reflect.Map:
		m := pulumi.Map{}
		iter := v.MapRange()
		for iter.Next() {
			m[iter.Key().String()] = wire(iter.Value())
		}
		return m
	case reflect.Struct:
		m := pulumi.Map{}
		for _, f := range bridge.Fields(v.Type()) {
			if fv := v.FieldByIndex(f.Go.Index); !fv.IsZero() {
				m[f.Name] = wire(fv)
			}
		}
		return m
	}
	panic(fmt.Sprintf("wire: %v", v.Type()))
}

// TestConstruct_everyComponent: every component the provider serves,
// registered remotely with its arguments in wire form, registers exactly
// what its Go constructor registers (the four of
// TestConstruct_sameChildrenAsGo and these eight).
func TestConstruct_everyComponent(t *testing.T) {
	cases := map[string]any{
		batch.Type: &batch.BatchWorkflowArgs{
			Steps: []batch.Step{
				{Name: "reprocess", ECSTask: &batch.ECSTaskStep{
					ClusterArn:        pulumi.String("arn:aws:ecs:eu-west-1:123456789012:cluster/batch"),
					TaskDefinitionArn: pulumi.String("arn:aws:ecs:eu-west-1:123456789012:task-definition/reprocess:7"),
					Family:            "reprocess",
					TaskRoleArn:       pulumi.String("arn:aws:iam::123456789012:role/reprocess-task"),
					ExecutionRoleArn:  pulumi.String("arn:aws:iam::123456789012:role/reprocess-execution"),
					Subnets:           pulumi.ToStringArray([]string{"subnet-0a1b2c3d"}),
					SecurityGroups:    pulumi.ToStringArray([]string{"sg-0123456789abcdef0"}),
					ContainerName:     "reprocess",
				}, Timeout: 90 * time.Minute},
				{Name: "publish", Lambda: &batch.LambdaStep{
					FunctionArn: pulumi.String("arn:aws:lambda:eu-west-1:123456789012:function:publish"),
					Payload:     map[string]any{"mode": "full", "date.$": "$.date"},
				}},
			},
			Schedule:   &trigger.Schedule{Expression: "cron(30 1 * * ? *)", MaxEventAge: 2 * time.Hour},
			AlertEmail: "data-oncall@example.com",
		},
		inference.Type: &inference.BatchInferenceArgs{
			Image:        pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-inference:2.1.0"),
			ModelDataUrl: "s3://acme-ml-models/churn/2024-05-01/model.tar.gz",
			InputS3Uri:   "s3://acme-features/churn/",
			OutputS3Uri:  "s3://acme-scores/churn/",
			Schedule:     trigger.Schedule{Expression: "cron(0 5 * * ? *)"},
			AlertEmail:   "ml-oncall@example.com",
		},
		training.Type: &training.TrainingPipelineArgs{
			Image:           pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1.0"),
			HyperParameters: map[string]string{"max_depth": "6", "num_round": "200"},
			InputChannels:   map[string]string{"train": "s3://acme-ml-data/churn/train/"},
			OutputS3Uri:     "s3://acme-ml-models/churn/",
			MaxRuntime:      3 * time.Hour,
			Schedule:        &trigger.Schedule{Expression: "cron(0 2 ? * MON *)"},
			AlertEmail:      "ml-oncall@example.com",
		},
		stream.Type: &stream.StreamProcessorArgs{
			CodeS3Bucket: "acme-artifacts", CodeS3Key: "clicks/handler.zip",
			Runtime: "python3.12", Handler: "index.handler",
			BatchingWindow: 5 * time.Second,
			Sink:           &stream.SinkArgs{S3: &stream.S3SinkArgs{}, Prefix: "clicks/"},
			AlertEmail:     "data-oncall@example.com",
		},
		snowpipe.Type: &snowpipe.SnowpipeIngestArgs{
			Database: pulumi.String("RAW"),
			Schema:   pulumi.String("EVENTS"),
			Pipes: []snowpipe.PipeSpec{{
				Name: "ORDERS", Prefix: "orders/", Suffix: ".csv",
				Format:  snowpipe.FileFormat{Type: "CSV", SkipHeader: 1},
				Columns: []snowpipe.Column{{Name: "ORDER_ID", Type: "NUMBER(38,0)"}, {Name: "AMOUNT", Type: "NUMBER(12,2)"}},
				Stream:  true,
			}},
			AlertEmail: "data-oncall@example.com",
		},
		taskgraph.Type: &taskgraph.TaskGraphArgs{
			Database: pulumi.String("ANALYTICS"),
			Schema:   pulumi.String("MARTS"),
			Cron:     "0 2 * * *",
			Timezone: "Europe/Berlin",
			Tasks: []taskgraph.TaskSpec{
				{Name: "BUILD", SQL: "INSERT OVERWRITE INTO ANALYTICS.MARTS.DAILY_REVENUE SELECT TO_DATE(CREATED_AT), SUM(AMOUNT) FROM ANALYTICS.MARTS.ORDERS GROUP BY 1"},
				{Name: "CHECK", SQL: "SELECT 1 / (COUNT(*) > 0)::INT FROM ANALYTICS.MARTS.DAILY_REVENUE", After: []string{"BUILD"}},
			},
			AlertEmail: "data-oncall@example.com",
		},
		trainingdata.Type: &trainingdata.TrainingDataPipelineArgs{
			Database: "ML", Schema: "FEATURES", Dataset: "churn",
			FeatureSteps: []taskgraph.TaskSpec{{
				Name: "BUILD_CHURN",
				SQL:  "INSERT OVERWRITE INTO ML.FEATURES.CHURN SELECT CUSTOMER_ID, ORDERS, REVENUE, CHURNED FROM ML.FEATURES.CUSTOMERS",
			}},
			Query:            "SELECT CHURNED, ORDERS, REVENUE FROM ML.FEATURES.CHURN",
			LabelColumn:      "CHURNED",
			BuiltInAlgorithm: true,
			Cron:             "0 1 * * *",
			BucketName:       "acme-ml-data",
			Training: training.TrainingPipelineArgs{
				Image:           pulumi.String("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
				HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "200"},
				OutputS3Uri:     "s3://acme-ml-data/models/churn/",
			},
			AlertEmail: "ml-oncall@example.com",
		},
		lambdaarch.Type: &lambdaarch.LambdaArchitectureArgs{
			Processor: stream.StreamProcessorArgs{
				CodeS3Bucket: "acme-artifacts", CodeS3Key: "orders/handler.zip",
				Runtime: "python3.12", Handler: "index.handler",
			},
			Database: "ANALYTICS", Schema: "ORDERS", Name: "ORDER_EVENTS",
			Columns: []lambdaarch.Column{
				{Name: "ORDER_ID", Type: "NUMBER(38,0)"},
				{Name: "STATUS", Type: "VARCHAR(32)"},
				{Name: "EVENT_TIME", Type: "TIMESTAMP_NTZ"},
			},
			Watermark:           "EVENT_TIME",
			DedupeKey:           []string{"ORDER_ID"},
			SnowflakeAccountUrl: "https://acme-analytics.snowflakecomputing.com",
			PrivateKeySecretArn: pulumi.String("arn:aws:secretsmanager:eu-west-1:123456789012:secret:snowflake/firehose-AbCdEf"),
			AlertEmail:          "data-oncall@example.com",
		},
	}
	for token, args := range cases {
		c, ok := bridge.Lookup(token)
		require.True(t, ok, token)
		t.Run(c.Name(), func(t *testing.T) {
			goProgram := func(ctx *pulumi.Context) error {
				_, err := bridge.ConstructGo(c, ctx, "it", args)
				return err
			}
			fromGo, err := deployProgram(t, goProgram)
			require.NoError(t, err)
			fromRemote, err := deployProgram(t, remote(token, "it", wire(reflect.ValueOf(args)).(pulumi.Map)))
			require.NoError(t, err)
			want, got := registered(fromGo, "it"), registered(fromRemote, "it")
			require.Greater(t, len(want), 3, "the Go program registered too little to compare")
			require.Equal(t, want, got)
		})
	}
}

// TestConstruct_nestedMapRefusedByTheComponent: the one recursive
// argument, a Map step's child step, decodes as deep as the component
// allows, so a Map nested in a Map gets the component's own message.
func TestConstruct_nestedMapRefusedByTheComponent(t *testing.T) {
	lambda := pulumi.Map{"functionArn": pulumi.String("arn:aws:lambda:eu-west-1:123456789012:function:publish")}
	mapOf := func(step pulumi.Map) pulumi.Map {
		return pulumi.Map{"itemsS3Uri": pulumi.String("s3://acme-batch/items/"), "step": step}
	}
	inner := pulumi.Map{"name": pulumi.String("inner"), "map": mapOf(pulumi.Map{"name": pulumi.String("leaf"), "lambda": lambda, "timeoutSeconds": pulumi.Int(60)})}
	snap, err := deployProgram(t, remote(batch.Type, "it", pulumi.Map{
		"steps":    pulumi.Array{pulumi.Map{"name": pulumi.String("outer"), "map": mapOf(inner)}},
		"schedule": pulumi.Map{"expression": pulumi.String("rate(1 day)")},
	}))
	require.Error(t, err)
	require.Contains(t, err.Error(), "`steps[0].map.step.map` cannot be nested in a Map")
	onlyStack(t, snap)
}
