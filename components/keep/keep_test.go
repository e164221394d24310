package keep

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

type parent struct{ pulumi.ResourceState }

// register registers a parent component (protected when protectParent) with
// a stateful child "data" and a guard "data-policy" under p.
func register(t *testing.T, p Policy, protectParent bool) (data, guard synth.Resource) {
	t.Helper()
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		var c parent
		if err := ctx.RegisterComponentResource("test:index:Parent", "c", &c, pulumi.Protect(protectParent)); err != nil {
			return err
		}
		q, err := sqs.NewQueue(ctx, "data", &sqs.QueueArgs{}, p.Stateful(pulumi.Parent(&c))...)
		if err != nil {
			return err
		}
		_, err = sqs.NewQueuePolicy(ctx, "data-policy", &sqs.QueuePolicyArgs{QueueUrl: q.Url, Policy: pulumi.String("{}")}, p.Guard(pulumi.Parent(&c))...)
		return err
	}, synth.Options{})
	return synthtest.Find(t, plan, "aws:sqs/queue:Queue", "data"), synthtest.Find(t, plan, "aws:sqs/queuePolicy:QueuePolicy", "data-policy")
}

func TestPolicy_optionsPerSetting(t *testing.T) {
	for _, tc := range []struct {
		name                               string
		policy                             Policy
		retained, protected, guardRetained bool
	}{
		{"neither: deleted with the component", Policy{}, false, false, false},
		{"retain: kept with its guard, deletable", Policy{Retain: true}, true, false, true},
		{"protect: kept, guarded and undeletable", Policy{Protect: true}, true, true, true},
		{"both", Policy{Retain: true, Protect: true}, true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, guard := register(t, tc.policy, false)
			assert.Equal(t, tc.retained, data.RetainOnDelete, "stateful child retained")
			assert.Equal(t, tc.protected, data.Protect, "stateful child protected")
			assert.Equal(t, tc.guardRetained, guard.RetainOnDelete, "guard retained")
			assert.False(t, guard.Protect, "a guard is never protected by the policy")
		})
	}
}

func TestPolicy_withoutProtectLeavesTheParentsProtectInherited(t *testing.T) {
	data, _ := register(t, Policy{}, true)
	assert.True(t, data.Protect, "pulumi.Protect(true) on the component still protects its stateful children")
}

func TestPolicy_doesNotAliasTheCallersOptions(t *testing.T) {
	base := make([]pulumi.ResourceOption, 1, 4)
	base[0] = pulumi.Parent(nil)
	a := Policy{Protect: true}.Stateful(base...)
	b := Policy{}.Stateful(base...)
	assert.Len(t, a, 3)
	assert.Len(t, b, 1)
}
