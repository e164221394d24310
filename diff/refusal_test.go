package diff

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/plan"
)

// A removal that deletes a protected stream: the update fails; without a
// preview the function that reads the stream (downstream of it) goes
// first, the role the stream's sink needs (upstream) does not. Under
// Pulumi's engine, enginetest's TestRemove_prodRefusedAsDiffSays checks
// the same rule on a whole component.
func TestCompare_refusalSaysWhatGoesFirst(t *testing.T) {
	const (
		role   = "urn:pulumi:prod::p::aws:iam/role:Role::sink-role"
		stream = "urn:pulumi:prod::p::aws:kinesis/stream:Stream::events"
		fn     = "urn:pulumi:prod::p::aws:lambda/function:Function::reader"
	)
	from := &plan.Plan{Project: "p", Stack: "prod", Resources: []plan.Resource{
		{URN: role, Type: "aws:iam/role:Role", Name: "sink-role", Custom: true},
		{URN: stream, Type: "aws:kinesis/stream:Stream", Name: "events", Custom: true, Protect: true, RetainOnDelete: true, Dependencies: []string{role}},
		{URN: fn, Type: "aws:lambda/function:Function", Name: "reader", Custom: true, Dependencies: []string{stream}},
	}}
	r := Compare(from, &plan.Plan{Project: "p", Stack: "prod"}, "a", "b")
	require.NotNil(t, r.Refusal)
	assert.Equal(t, &Refusal{Refused: []string{stream}, DeletedFirst: []string{fn}}, r.Refusal)

	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	assert.Contains(t, out.String(), "UPDATE WILL FAIL: pulumi up refuses to delete or replace 1 protected resource(s):\n  events\n")
	assert.Contains(t, out.String(), "it first deletes these 1 resource(s), then fails:\n  - reader\n")

	// Protection lifted: nothing refused.
	lifted := &plan.Plan{Project: "p", Stack: "prod", Resources: append([]plan.Resource{}, from.Resources...)}
	lifted.Resources[1].Protect = false
	assert.Nil(t, Compare(lifted, &plan.Plan{Project: "p", Stack: "prod"}, "a", "b").Refusal)
}

// The same removal with the component's delete lock (keep.Policy.Lock: a
// protected component resource depending on every other child): the lock
// is refused too, and everything deleted is upstream of it, so an update
// without a preview deletes nothing before it fails (enginetest's
// TestRemove_prodRefusedAsDiffSays checks it under Pulumi's engine).
func TestCompare_aProtectedLockLeavesNothingToDeleteFirst(t *testing.T) {
	const (
		comp   = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor::clicks"
		stream = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:kinesis/stream:Stream::clicks-stream"
		fn     = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:lambda/function:Function::clicks-function"
		lock   = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$schedkit:keep:DeleteLock::clicks-delete-lock"
	)
	from := &plan.Plan{Project: "p", Stack: "prod", Resources: []plan.Resource{
		{URN: comp, Type: "schedkit:aws:StreamProcessor", Name: "clicks"},
		{URN: stream, Type: "aws:kinesis/stream:Stream", Name: "clicks-stream", Custom: true, Parent: comp, Protect: true, RetainOnDelete: true},
		{URN: fn, Type: "aws:lambda/function:Function", Name: "clicks-function", Custom: true, Parent: comp, Dependencies: []string{stream}},
		{URN: lock, Type: plan.LockType, Name: "clicks-delete-lock", Parent: comp, Protect: true, Dependencies: []string{stream, fn}},
	}}
	r := Compare(from, &plan.Plan{Project: "p", Stack: "prod"}, "a", "b")
	require.NotNil(t, r.Refusal)
	assert.Equal(t, &Refusal{Refused: []string{stream, lock}, DeletedFirst: []string{}}, r.Refusal)

	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	assert.Contains(t, out.String(), "Without a preview it also fails before deleting anything.\n")
	assert.NotContains(t, out.String(), "it first deletes")
}
