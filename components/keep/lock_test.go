package keep

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	queueURN = "urn:pulumi:dev::p::test:index:Outer$test:index:Inner$aws:sqs/queue:Queue::data"
	alarmURN = "urn:pulumi:dev::p::test:index:Outer$aws:cloudwatch/metricAlarm:MetricAlarm::alarm"
)

// locked registers an outer component holding an alarm and an inner
// component holding a queue (Stateful under inner), each with its lock, as
// every constructor does: Options at registration, Lock last.
func locked(t *testing.T, outer, inner Policy, opts ...pulumi.ResourceOption) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, func(ctx *pulumi.Context) error {
		var o, i parent
		var oc, ic Children
		if err := ctx.RegisterComponentResource("test:index:Outer", "outer", &o, oc.Options(opts)...); err != nil {
			return err
		}
		if err := ctx.RegisterComponentResource("test:index:Inner", "inner", &i, ic.Options([]pulumi.ResourceOption{pulumi.Parent(&o)})...); err != nil {
			return err
		}
		if _, err := sqs.NewQueue(ctx, "data", &sqs.QueueArgs{}, inner.Stateful(pulumi.Parent(&i))...); err != nil {
			return err
		}
		if err := inner.Lock(ctx, &i, "inner", &ic); err != nil {
			return err
		}
		if _, err := cloudwatch.NewMetricAlarm(ctx, "alarm", &cloudwatch.MetricAlarmArgs{
			ComparisonOperator: pulumi.String("GreaterThanThreshold"), EvaluationPeriods: pulumi.Int(1),
		}, pulumi.Parent(&o)); err != nil {
			return err
		}
		return outer.Lock(ctx, &o, "outer", &oc)
	}, synth.Options{Project: "p", Stack: "dev"})
}

func TestLock_dependsOnEveryResourceUnderTheComponentNestedIncluded(t *testing.T) {
	p := locked(t, Policy{}, Policy{})
	outer := synthtest.Find(t, p, LockType, "outer-delete-lock")
	inner := synthtest.Find(t, p, LockType, "inner-delete-lock")
	assert.ElementsMatch(t, []string{queueURN, alarmURN}, outer.Dependencies, "the inner queue and the outer alarm; a component is expanded to its custom resources")
	assert.Equal(t, []string{queueURN}, inner.Dependencies)
	assert.Equal(t, "urn:pulumi:dev::p::test:index:Outer::outer", outer.Parent)
	assert.Equal(t, "urn:pulumi:dev::p::test:index:Outer$test:index:Inner::inner", inner.Parent)
	assert.False(t, outer.Custom)
	assert.Equal(t, plan.LockType, LockType, "plan reads locks by the same token")
}

func TestLock_protectedWithTheDataItLocks(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		outer, inner           Policy
		opts                   []pulumi.ResourceOption
		outerLocked, innerLock bool
	}{
		{"nothing protected", Policy{}, Policy{}, nil, false, false},
		{"protect: both locks", Policy{Protect: true}, Policy{Protect: true}, nil, true, true},
		{"the outer policy protects its lock even with no data of its own: Protect refuses the removal", Policy{Protect: true}, Policy{Retain: true}, nil, true, false},
		{"only the inner data protected: the outer lock does not protect it", Policy{}, Policy{Protect: true}, nil, false, true},
		{"pulumi.Protect on the component: the locks inherit it as the data does", Policy{}, Policy{}, []pulumi.ResourceOption{pulumi.Protect(true)}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := locked(t, tc.outer, tc.inner, tc.opts...)
			assert.Equal(t, tc.outerLocked, synthtest.Find(t, p, LockType, "outer-delete-lock").Protect, "outer lock")
			assert.Equal(t, tc.innerLock, synthtest.Find(t, p, LockType, "inner-delete-lock").Protect, "inner lock")
		})
	}
}

// Two components built from one caller's slice with spare capacity keep
// their own records: Options copies, so b's recorder does not overwrite a's.
func TestChildren_optionsDoNotAliasTheCallers(t *testing.T) {
	p := synthtest.Run(t, func(ctx *pulumi.Context) error {
		base := make([]pulumi.ResourceOption, 0, 4)
		var a, b parent
		var ac, bc Children
		oa, ob := ac.Options(base), bc.Options(base)
		if err := ctx.RegisterComponentResource("test:index:A", "a", &a, oa...); err != nil {
			return err
		}
		if err := ctx.RegisterComponentResource("test:index:B", "b", &b, ob...); err != nil {
			return err
		}
		if _, err := sqs.NewQueue(ctx, "qa", &sqs.QueueArgs{}, pulumi.Parent(&a)); err != nil {
			return err
		}
		if _, err := sqs.NewQueue(ctx, "qb", &sqs.QueueArgs{}, pulumi.Parent(&b)); err != nil {
			return err
		}
		if err := (Policy{}).Lock(ctx, &a, "a", &ac); err != nil {
			return err
		}
		return Policy{}.Lock(ctx, &b, "b", &bc)
	}, synth.Options{Project: "p", Stack: "dev"})
	assert.Equal(t, []string{"urn:pulumi:dev::p::test:index:A$aws:sqs/queue:Queue::qa"}, synthtest.Find(t, p, LockType, "a-delete-lock").Dependencies)
	assert.Equal(t, []string{"urn:pulumi:dev::p::test:index:B$aws:sqs/queue:Queue::qb"}, synthtest.Find(t, p, LockType, "b-delete-lock").Dependencies)
}
