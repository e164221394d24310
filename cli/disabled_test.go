package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// synth says which schedules are disabled, and that their deadlines raise nothing.
func TestSynth_saysWhichSchedulesAreDisabled(t *testing.T) {
	sched := func(name, state string) plan.Resource {
		return plan.Resource{Type: "aws:scheduler/schedule:Schedule", Name: name, Custom: true, Inputs: map[string]any{
			"state": state, "scheduleExpression": "cron(0 2 * * ? *)", "scheduleExpressionTimezone": "UTC",
		}}
	}
	p := &synth.Plan{Resources: []plan.Resource{
		sched("nightly-schedule", "DISABLED"), sched("nightly-deadline-check", "DISABLED"), sched("hourly-schedule", "ENABLED"),
	}}
	assert.Equal(t, []string{
		"Disabled: schedule nightly-deadline-check (cron(0 2 * * ? *) UTC): a deadline that raises nothing.",
		"Disabled: schedule nightly-schedule (cron(0 2 * * ? *) UTC): starts no run.",
	}, disabledSchedules(p))
}
