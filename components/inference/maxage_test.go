package inference

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/internal/workflow/workflowtest"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

// Approval-started scoring has no calendar: it gets a maximum age since the
// last success when the caller sets one, and none by default.
func TestBatchInference_approvalMaxAgeIsOffByDefault(t *testing.T) {
	assert.Zero(t, withDefaults("churn", *onApproval()).ApprovalMaxAge)
	children := synthtest.ChildrenOf(t, run(t, onApproval()), Type, "churn")
	for _, c := range workflowtest.MaxAgeChildren("churn") {
		assert.NotContains(t, children, c)
	}
}

// ApprovalMaxAge adds workflow's maximum-age check, the one a
// TrainingPipeline's NewData.MaxAge builds, its failed starts in the
// approval trigger's queue.
func TestBatchInference_approvalMaxAgeChecksTheLastSuccess(t *testing.T) {
	args := onApproval()
	args.ApprovalMaxAge = 26 * time.Hour
	plan := run(t, args)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	// Exactly the children of RunOnApproval and the check.
	without := synthtest.ChildrenOf(t, run(t, onApproval()), Type, "churn")
	want := append(append([]string{}, without...), workflowtest.MaxAgeChildren("churn")...)
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "churn"))

	workflowtest.AssertMaxAge(t, plan, workflowtest.MaxAge{
		Kind: "batchinference", Name: "churn", Age: 26 * time.Hour,
		Schedule:        "rate(1 hour)", // a quarter of the age, at most hourly
		State:           "ENABLED",      // the approval rule is always on
		DeadLetterQueue: "churn-approval-dlq",
	})
}

func TestBatchInference_quarterOfAShortMaxAge(t *testing.T) {
	args := onApproval()
	args.ApprovalMaxAge = time.Hour
	sched := synthtest.Find(t, run(t, args), "aws:scheduler/schedule:Schedule", "churn-max-age-check")
	assert.Equal(t, "rate(15 minutes)", sched.String("scheduleExpression"))
}

func TestBatchInference_rejectsABadApprovalMaxAge(t *testing.T) {
	cases := []struct {
		name string
		args func() *BatchInferenceArgs
		want string
	}{
		{"under 15 minutes", func() *BatchInferenceArgs { a := onApproval(); a.ApprovalMaxAge = 10 * time.Minute; return a },
			"batchinference \"churn\": `ApprovalMaxAge` 10m0s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)"},
		{"not whole minutes", func() *BatchInferenceArgs {
			a := onApproval()
			a.ApprovalMaxAge = time.Hour + 30*time.Second
			return a
		}, "batchinference \"churn\": `ApprovalMaxAge` 1h0m30s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)"},
		{"over 364 days", func() *BatchInferenceArgs { a := onApproval(); a.ApprovalMaxAge = 365 * 24 * time.Hour; return a },
			"batchinference \"churn\": `ApprovalMaxAge` 8760h0m0s is outside 15m0s–8736h0m0s in whole minutes (0 turns the check off)"},
		{"without RunOnApproval", func() *BatchInferenceArgs { a := packageArgs(); a.ApprovalMaxAge = 26 * time.Hour; return a },
			"batchinference \"churn\": `ApprovalMaxAge` 26h0m0s is set without `RunOnApproval`; it is the longest time without a success that approval-started scoring allows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := synthtest.Reject(t, synthtest.Program(NewBatchInference, "churn", c.args()), options)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
