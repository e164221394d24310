package training

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// newDataArgs trains on the folder a completion marker announces.
func newDataArgs() *TrainingPipelineArgs {
	a := baseArgs()
	a.Schedule = nil
	a.InputChannels = map[string]string{"train": "s3://ml-data/datasets/churn/"}
	a.NewData = &trigger.ObjectCreated{S3Uri: "s3://ml-data/datasets/churn/", Suffix: "/_SUCCESS"}
	a.NewDataChannel = "train"
	a.NewDataFilePrefix = "part"
	a.ContentTypes = map[string]string{"train": "text/csv"}
	return a
}

func TestTrainingPipeline_newDataChannelReadsTheFolderOfTheEventsObject(t *testing.T) {
	plan := run(t, newDataArgs())
	def := definitionOf(t, plan)
	assert.Equal(t, StateHasNewData, def.StartAt)
	assert.Equal(t, []string{StateHasNewData, StateReadNewDataKey, StateTrain, StateRegister, "Succeeded", "RecordSuccess", "RecordStartedSuccess", "Done"}, def.Reachable(map[string]int{StateHasNewData: 0}))
	assert.Equal(t, []string{StateHasNewData, StateNoNewData, "DescribeFailure", "NotifyFailure", "Failed"}, def.Reachable(nil),
		"a run no event started fails with an alert")
	assert.Equal(t, "$.detail.object.key", def.States[StateHasNewData].Choices[0].Variable)
	assert.Equal(t, "NoNewDataObject", def.States[StateNoNewData].Parameters["Error"])

	channels := def.States[StateTrain].Parameters["InputDataConfig"].([]any)
	require.Len(t, channels, 1)
	assert.Equal(t, map[string]any{
		"ChannelName": "train",
		"ContentType": "text/csv",
		"DataSource": map[string]any{"S3DataSource": map[string]any{
			"S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated",
			// datasets/churn/<run>/_SUCCESS: the third segment is the run's
			// folder; its part* files are the data, _SUCCESS is not.
			"S3Uri.$": "States.Format('s3://ml-data/datasets/churn/{}/part', States.ArrayGetItem(States.StringSplit($.newData.key, '/'), 2))",
		}},
	}, channels[0])

	rule := synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", "churn-s3-rule")
	var pattern map[string]any
	require.NoError(t, json.Unmarshal([]byte(rule.String("eventPattern")), &pattern))
	assert.Equal(t, map[string]any{
		"bucket": map[string]any{"name": []any{"ml-data"}},
		"object": map[string]any{"key": []any{map[string]any{"wildcard": "datasets/churn/*/_SUCCESS"}}},
	}, pattern["detail"], "only the marker starts a run")
}

func TestTrainingPipeline_rejectsANewDataChannelThatCannotWork(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *TrainingPipelineArgs)
		want   string
	}{
		{"not a channel", func(a *TrainingPipelineArgs) { a.NewDataChannel = "training" }, "`NewDataChannel` \"training\" is not one of `InputChannels`"},
		{"without NewData", func(a *TrainingPipelineArgs) { a.NewData = nil }, "`NewDataChannel` \"train\" is set without `NewData`"},
		{"with a schedule", func(a *TrainingPipelineArgs) { a.Schedule = &trigger.Schedule{Expression: "rate(1 day)"} }, "`Schedule` is set with `NewDataChannel` \"train\"; a scheduled run has no new object to read"},
		{"events outside the channel", func(a *TrainingPipelineArgs) { a.NewData.S3Uri = "s3://ml-data/incoming/" }, "`NewData.S3Uri` \"s3://ml-data/incoming/\" is not under `InputChannels[\"train\"]`"},
		{"content type of no channel", func(a *TrainingPipelineArgs) { a.ContentTypes = map[string]string{"test": "text/csv"} }, "`ContentTypes` \"test\" is not one of `InputChannels`"},
		{"file prefix with a slash", func(a *TrainingPipelineArgs) { a.NewDataFilePrefix = "run/part" }, "`NewDataFilePrefix` \"run/part\" may contain only"},
		{"file prefix without channel", func(a *TrainingPipelineArgs) { a.NewDataChannel = "" }, "`NewDataFilePrefix` \"part\" is set without `NewDataChannel`"},
		{"suffix with a wildcard", func(a *TrainingPipelineArgs) { a.NewData.Suffix = "*/_SUCCESS" }, "`NewData.Suffix` \"*/_SUCCESS\" may contain only letters, digits and -_./"},
		{"prefix S3 would encode in the event", func(a *TrainingPipelineArgs) {
			a.NewData.S3Uri = "s3://ml-data/datasets/dt=2026/"
			a.InputChannels["train"] = "s3://ml-data/datasets/dt=2026/"
		}, "`NewData.S3Uri` \"s3://ml-data/datasets/dt=2026/\": the key prefix \"datasets/dt=2026/\" may contain only letters, digits and -_./ here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := newDataArgs()
			c.mutate(args)
			err := synthtest.Reject(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
			assert.Contains(t, err.Error(), "trainingpipeline \"churn\": "+c.want)
		})
	}
}
