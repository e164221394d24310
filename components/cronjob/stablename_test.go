package cronjob

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/synth/synthtest"
)

// StableName moves every name the job derives from its own name (and only
// those): the log groups' prefixes, the task definition's family and the
// log group its container writes to. Children keep the component's name.
func TestCronJob_stableNameIsWhatPhysicalNamesDeriveFrom(t *testing.T) {
	args := validArgs()
	args.StableName = "report"
	p := mustSynth(t, args)
	assert.Equal(t, "/schedkit/cronjob/report/", synthtest.Find(t, p, "aws:cloudwatch/logGroup:LogGroup", "nightly-task-logs").String("namePrefix"))
	assert.Equal(t, "/aws/vendedlogs/states/schedkit-report-", synthtest.Find(t, p, "aws:cloudwatch/logGroup:LogGroup", "nightly-workflow-logs").String("namePrefix"))
	assert.Equal(t, "/aws/vendedlogs/states/schedkit-report-deadline-", synthtest.Find(t, p, "aws:cloudwatch/logGroup:LogGroup", "nightly-deadline-logs").String("namePrefix"))
	assert.Equal(t, "report", synthtest.Find(t, p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task").String("family"))
	opts := containerOf(t, p)["logConfiguration"].(map[string]any)["options"].(map[string]any)
	assert.Regexp(t, `^/schedkit/cronjob/report/`, opts["awslogs-group"])

	// The default is the component's name.
	p = mustSynth(t, validArgs())
	assert.Equal(t, "/schedkit/cronjob/nightly/", synthtest.Find(t, p, "aws:cloudwatch/logGroup:LogGroup", "nightly-task-logs").String("namePrefix"))
	assert.Equal(t, "nightly", synthtest.Find(t, p, "aws:ecs/taskDefinition:TaskDefinition", "nightly-task").String("family"))
}

// A StableName is held to the rules of the name: here, the names the
// job's children would get from it.
func TestCronJob_rejectsAStableNameItsChildrenCannotTake(t *testing.T) {
	args := validArgs()
	args.StableName = "report job"
	_, err := validate("nightly", args)
	assert.EqualError(t, err, "cronjob \"nightly\": `StableName` \"report job\" breaks the rules of a cronjob name: cronjob \"report job\": `name` gives the SNS topic name \"report job-alerts\", which may contain only letters, digits, - and _")
}
