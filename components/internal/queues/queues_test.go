package queues

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/synth"
)

func policySids(t *testing.T, plan *synth.Plan, name string) (iampolicy.PlainDocument, []string) {
	t.Helper()
	r, ok := plan.Find("aws:sqs/queuePolicy:QueuePolicy", name)
	require.True(t, ok, "no queue policy %s", name)
	doc, err := iampolicy.Parse(r.String("policy"))
	require.NoError(t, err)
	var sids []string
	for _, s := range doc.Statement {
		sids = append(sids, s.Sid)
	}
	return doc, sids
}

func TestNewDeadLetter_isEncryptedAndTLSOnly(t *testing.T) {
	plan, err := synth.Run(func(ctx *pulumi.Context) error {
		_, err := NewDeadLetter(ctx, "jobs-dlq", nil, keep.Policy{Retain: true})
		return err
	}, synth.Options{})
	require.NoError(t, err)
	q, ok := plan.Find("aws:sqs/queue:Queue", "jobs-dlq")
	require.True(t, ok)
	assert.Equal(t, true, q.Inputs["sqsManagedSseEnabled"])
	assert.Equal(t, 1209600.0, q.Inputs["messageRetentionSeconds"])
	assert.True(t, q.RetainOnDelete)
	p, _ := plan.Find("aws:sqs/queuePolicy:QueuePolicy", "jobs-dlq-policy")
	assert.True(t, p.RetainOnDelete, "a retained queue keeps its TLS-only policy")
	assert.False(t, q.Protect || p.Protect, "retained, not protected")
	_, sids := policySids(t, plan, "jobs-dlq-policy")
	assert.Equal(t, []string{"DenyInsecureTransport"}, sids)
}

func TestNewDeadLetterWithStatements_addsGrantsNamingTheQueueAfterTheDeny(t *testing.T) {
	plan, err := synth.Run(func(ctx *pulumi.Context) error {
		_, err := NewDeadLetterWithStatements(ctx, "rule-dlq", nil, keep.Policy{}, func(queueArn pulumi.StringOutput) []iampolicy.Statement {
			return []iampolicy.Statement{{
				Sid:        "ServiceSends",
				Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("events.amazonaws.com")},
				Actions:    []string{"sqs:SendMessage"},
				Resources:  iampolicy.Inputs(queueArn),
			}}
		})
		return err
	}, synth.Options{})
	require.NoError(t, err)
	q, _ := plan.Find("aws:sqs/queue:Queue", "rule-dlq")
	doc, sids := policySids(t, plan, "rule-dlq-policy")
	assert.Equal(t, []string{"DenyInsecureTransport", "ServiceSends"}, sids)
	grant, _ := doc.FindSid("ServiceSends")
	assert.Equal(t, []string{q.Output("arn")}, grant.Resource)
}
