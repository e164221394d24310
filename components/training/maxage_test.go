package training

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/internal/workflow/workflowtest"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// New-data training has no calendar: it gets a maximum age since the last
// success, when the caller sets one, and none by default.
func TestTrainingPipeline_newDataMaxAgeIsOffByDefault(t *testing.T) {
	plan := run(t, newDataArgs())
	assert.Empty(t, plan.ByType("aws:scheduler/schedule:Schedule"), "no schedule, no deadline, no maximum-age check")
	_, found := plan.Find("aws:sfn/stateMachine:StateMachine", "churn-max-age")
	assert.False(t, found)
}

// NewData.MaxAge adds workflow's maximum-age check, its failed starts in
// the new-data trigger's queue; a disabled trigger disables the check.
func TestTrainingPipeline_newDataMaxAgeChecksTheLastSuccess(t *testing.T) {
	args := newDataArgs()
	args.NewData.MaxAge = 26 * time.Hour
	plan := run(t, args)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// Exactly the children of NewData and the check.
	without := synthtest.ChildrenOf(t, run(t, newDataArgs()), Type, "churn")
	want := append(append([]string{}, without...), workflowtest.MaxAgeChildren("churn")...)
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "churn"))

	check := workflowtest.MaxAge{
		Kind: "trainingpipeline", Name: "churn", Age: 26 * time.Hour,
		Schedule: "rate(1 hour)", // a quarter of the age, at most hourly
		State:    "ENABLED", DeadLetterQueue: "churn-s3-dlq",
	}
	workflowtest.AssertMaxAge(t, plan, check)

	off := false
	args.NewData.Enabled = &off
	check.State = "DISABLED"
	workflowtest.AssertMaxAge(t, run(t, args), check)
}

func TestTrainingPipeline_rejectsABadMaxAge(t *testing.T) {
	for age, want := range map[time.Duration]string{
		10 * time.Minute:           "`NewData.MaxAge` 10m0s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)",
		time.Hour + 30*time.Second: "`NewData.MaxAge` 1h0m30s is outside 15m0s–8736h0m0s in whole minutes",
		365 * 24 * time.Hour:       "`NewData.MaxAge` 8760h0m0s is outside",
	} {
		args := newDataArgs()
		args.NewData.MaxAge = age
		err := synthtest.Reject(t, synthtest.Program(NewTrainingPipeline, "churn", args), options)
		assert.ErrorContains(t, err, want)
	}
}
