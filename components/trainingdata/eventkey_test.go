package trainingdata

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/sfn/sfntest"
	"github.com/schedkit/schedkit/components/training"
)

// s3NotificationKey encodes a key as S3 does in the event notifications it
// sends to SQS, SNS and Lambda: form URL encoding ("red flower.jpg" is
// "red+flower.jpg", "=" is "%3D"), with / left as is.
func s3NotificationKey(key string) string {
	return strings.ReplaceAll(url.QueryEscape(key), "%2F", "/")
}

// channelOf evaluates the training's channel expression on one event:
// ReadNewDataKey's $decodeUrlComponent (url.PathUnescape: %XX only, as
// JSONata's decodeURIComponent), then the S3Uri.$ intrinsic
// States.Format('<dir>{}/<file>', States.ArrayGetItem(States.StringSplit(key, '/'), n)).
func channelOf(t *testing.T, def sfn.Definition, eventKey string) string {
	t.Helper()
	read := def.States[training.StateReadNewDataKey]
	require.Equal(t, "JSONata", read.QueryLanguage)
	require.Contains(t, read.Output, "$decodeUrlComponent($states.input.detail.object.key)")
	key, err := url.PathUnescape(eventKey)
	require.NoError(t, err)
	channels := def.States[training.StateTrain].Parameters["InputDataConfig"].([]any)
	expr := channels[0].(map[string]any)["DataSource"].(map[string]any)["S3DataSource"].(map[string]any)["S3Uri.$"].(string)
	m := regexp.MustCompile(`^States\.Format\('([^{]*)\{\}(/[^']*)', States\.ArrayGetItem\(States\.StringSplit\(\$\.newData\.key, '/'\), (\d+)\)\)$`).FindStringSubmatch(expr)
	require.NotNil(t, m, expr)
	n, _ := strconv.Atoi(m[3])
	parts := strings.Split(key, "/")
	require.Greater(t, len(parts), n)
	return m[1] + parts[n] + m[2]
}

// The hand-off reads the snapshot the marker announces whether S3 sends the
// marker's key URL-encoded or not: every key the pipeline writes is the
// same in both forms, and the training decodes what it reads.
func TestTrainingDataPipeline_handOffReadsTheSnapshotFromEncodedAndPlainKeys(t *testing.T) {
	def := sfntest.Definition(t, run(t, churnArgs()), "churn-data-training-workflow")
	marker := "training-data/churn/" + RunFolderPrefix + "20261203T020000Z/" + MarkerName
	dataFile := "training-data/churn/" + RunFolderPrefix + "20261203T020000Z/" + DataFilePrefix + "_0_0_0.csv"
	want := "s3://acme-ml-data/training-data/churn/" + RunFolderPrefix + "20261203T020000Z/" + DataFilePrefix
	for _, key := range []string{marker, dataFile} {
		assert.Equal(t, key, s3NotificationKey(key), "S3 leaves every character of %q as is", key)
	}
	for form, key := range map[string]string{
		"plain":                    marker,
		"as S3 notifications send": s3NotificationKey(marker),
		"with / encoded too":       url.QueryEscape(marker),
	} {
		got := channelOf(t, def, key)
		if form == "with / encoded too" {
			assert.Equal(t, want, got, "decoded before it is split")
			continue
		}
		assert.Equal(t, want, got, form)
		assert.True(t, strings.HasPrefix(dataFile, strings.TrimPrefix(got, "s3://acme-ml-data/")), "the channel reads the data files")
	}
	// The folder this replaced: run= is run%3D in an encoded event, and a
	// reader that did not decode would train on a folder that does not exist.
	old := "training-data/churn/run=20261203T020000Z/_SUCCESS"
	assert.Equal(t, "training-data/churn/run%3D20261203T020000Z/_SUCCESS", s3NotificationKey(old))
	assert.Equal(t, fmt.Sprintf("s3://acme-ml-data/training-data/churn/run=20261203T020000Z/%s", DataFilePrefix), channelOf(t, def, s3NotificationKey(old)))
}

// A prefix the pipeline writes and reads back from an event takes only
// characters S3 never encodes.
func TestTrainingDataPipeline_rejectsAPrefixS3WouldEncodeInEvents(t *testing.T) {
	args := churnArgs()
	args.Prefix = "training data/"
	_, err := validate("churn-data", args)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "`Prefix` \"training data/\" may contain only letters, digits")
	args.Prefix = "dt=2026/"
	_, err = validate("churn-data", args)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "`Prefix` \"dt=2026/\" may contain only letters, digits and -_./ here: S3 URL-encodes other characters")
}
