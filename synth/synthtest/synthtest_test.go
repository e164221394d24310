package synthtest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/synth"
)

const (
	thingType = "schedkit:test:Thing"
	queueType = "aws:sqs/queue:Queue"
	opsPolicy = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"SendWork","Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:work"},` +
		`{"Sid":"ReadWork","Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage"],"Resource":["*"]}]}`
	lambdaTrust = `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
)

var options = synth.Options{Project: "p", Stack: "dev"}

type thing struct{ pulumi.ResourceState }

// thingArgs says what policy the thing's RolePolicy carries and whether the
// constructor fails after registering (it fails before on nil args).
type thingArgs struct {
	Policy   string
	FailLate bool
}

// newThing is a tiny component in the shape of schedkit's constructors: a
// queue, a role and its inline policy under a component.
func newThing(ctx *pulumi.Context, name string, args *thingArgs, opts ...pulumi.ResourceOption) (*thing, error) {
	if args == nil {
		return nil, fmt.Errorf("thing %q: `args` are invalid", name)
	}
	c := &thing{}
	if err := ctx.RegisterComponentResource(thingType, name, c, opts...); err != nil {
		return nil, err
	}
	if _, err := sqs.NewQueue(ctx, name+"-queue", &sqs.QueueArgs{}, pulumi.Parent(c)); err != nil {
		return nil, err
	}
	role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(lambdaTrust)}, pulumi.Parent(c))
	if err != nil {
		return nil, err
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{
		Role: role.ID(), Policy: pulumi.String(args.Policy),
	}, pulumi.Parent(c)); err != nil {
		return nil, err
	}
	if args.FailLate {
		return nil, fmt.Errorf("thing %q: failed after registering", name)
	}
	return c, nil
}

func ops() *thingArgs { return &thingArgs{Policy: opsPolicy} }

// recorder is a testing.TB that records failures instead of reporting them
// (testify fails through Errorf and FailNow); FailNow ends the goroutine as
// it does in a real test.
type recorder struct {
	testing.TB
	failed bool
	msgs   []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func (r *recorder) FailNow() {
	r.failed = true
	runtime.Goexit()
}

// record runs f against a recorder in its own goroutine, so that FailNow
// stops f and not the test.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	rec := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(rec)
	}()
	<-done
	return rec
}

// failure returns what f reported, failing t unless f failed.
func failure(t *testing.T, f func(tb testing.TB)) string {
	t.Helper()
	rec := record(t, f)
	require.True(t, rec.failed, "the helper did not fail")
	return strings.Join(rec.msgs, "\n")
}

// passes fails t if f reported anything.
func passes(t *testing.T, f func(tb testing.TB)) {
	t.Helper()
	rec := record(t, f)
	require.False(t, rec.failed, "the helper failed: %s", strings.Join(rec.msgs, "\n"))
}

func TestProgram_createsTheComponentWithItsArgs(t *testing.T) {
	plan, err := synth.Run(Program(newThing, "jobs", ops()), options)
	require.NoError(t, err)
	comp, ok := plan.Find(thingType, "jobs")
	require.True(t, ok)
	assert.Equal(t, "urn:pulumi:dev::p::schedkit:test:Thing::jobs", comp.URN)
	pol, ok := plan.Find(RolePolicyType, "jobs-policy")
	require.True(t, ok)
	assert.Equal(t, opsPolicy, pol.String("policy"))
	assert.Len(t, plan.Resources, 4)

	_, err = synth.Run(Program(newThing, "jobs", nil), options)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "thing \"jobs\": `args` are invalid")
}

func TestRun_returnsThePlanOrStops(t *testing.T) {
	plan := Run(t, Program(newThing, "jobs", ops()), options)
	assert.Equal(t, "dev", plan.Stack)
	assert.Len(t, plan.Resources, 4)

	msg := failure(t, func(tb testing.TB) { Run(tb, Program(newThing, "jobs", nil), options) })
	assert.Contains(t, msg, "the program fails under synth")
	assert.Contains(t, msg, "`args` are invalid")
}

func TestRunError_returnsTheErrorOrStops(t *testing.T) {
	err := RunError(t, Program(newThing, "jobs", &thingArgs{Policy: opsPolicy, FailLate: true}), options)
	assert.Contains(t, err.Error(), `thing "jobs": failed after registering`)

	msg := failure(t, func(tb testing.TB) { RunError(tb, Program(newThing, "jobs", ops()), options) })
	assert.Contains(t, msg, "the program succeeds under synth")
}

func TestReject_needsAnErrorAndNothingRegistered(t *testing.T) {
	err := Reject(t, Program(newThing, "jobs", nil), options)
	assert.Contains(t, err.Error(), "thing \"jobs\": `args` are invalid")

	msg := failure(t, func(tb testing.TB) { Reject(tb, Program(newThing, "jobs", ops()), options) })
	assert.Contains(t, msg, "the program succeeds under synth")

	msg = failure(t, func(tb testing.TB) {
		Reject(tb, Program(newThing, "jobs", &thingArgs{Policy: opsPolicy, FailLate: true}), options)
	})
	assert.Contains(t, msg, "nothing is registered, yet the plan holds 4 resources")
	assert.Contains(t, msg, "aws:sqs/queue:Queue jobs-queue")
}

func TestRequireNothingRegistered(t *testing.T) {
	passes(t, func(tb testing.TB) { RequireNothingRegistered(tb, &synth.Plan{}) })
	plan := Run(t, Program(newThing, "jobs", ops()), options)
	msg := failure(t, func(tb testing.TB) { RequireNothingRegistered(tb, plan) })
	assert.Contains(t, msg, "the plan holds 4 resources")
	assert.Contains(t, msg, "schedkit:test:Thing jobs")
	assert.Contains(t, msg, "aws:iam/rolePolicy:RolePolicy jobs-policy")
}

func TestFind(t *testing.T) {
	plan := Run(t, func(ctx *pulumi.Context) error {
		for _, name := range []string{"a", "b"} {
			if _, err := newThing(ctx, name, ops()); err != nil {
				return err
			}
		}
		return nil
	}, options)
	q := Find(t, plan, queueType, "b-queue")
	assert.Equal(t, "b-queue", q.Name)
	assert.Equal(t, "urn:pulumi:dev::p::schedkit:test:Thing::b", q.Parent)

	msg := failure(t, func(tb testing.TB) { Find(tb, plan, queueType, "c-queue") })
	assert.Contains(t, msg, `no aws:sqs/queue:Queue "c-queue" in the plan; the names of that type are ["a-queue" "b-queue"]`)
	msg = failure(t, func(tb testing.TB) { Find(tb, plan, "aws:sns/topic:Topic", "a") })
	assert.Contains(t, msg, `no aws:sns/topic:Topic "a" in the plan; the names of that type are []`)
}

func TestChildrenOf_listsTypeAndNameSorted(t *testing.T) {
	plan := Run(t, func(ctx *pulumi.Context) error {
		if _, err := newThing(ctx, "jobs", ops()); err != nil {
			return err
		}
		_, err := sqs.NewQueue(ctx, "loose", &sqs.QueueArgs{})
		return err
	}, options)
	assert.Equal(t, []string{
		"aws:iam/role:Role jobs-role",
		"aws:iam/rolePolicy:RolePolicy jobs-policy",
		"aws:sqs/queue:Queue jobs-queue",
	}, ChildrenOf(t, plan, thingType, "jobs"), "direct children only; a root queue is not one")

	msg := failure(t, func(tb testing.TB) { ChildrenOf(tb, plan, thingType, "other") })
	assert.Contains(t, msg, `no schedkit:test:Thing "other" in the plan`)
}

func TestPolicyAndStatement(t *testing.T) {
	plan := Run(t, Program(newThing, "jobs", ops()), options)
	doc := Policy(t, plan, "jobs-policy")
	assert.Equal(t, []string{"SendWork", "ReadWork"}, Sids(doc))
	read := Statement(t, doc, "ReadWork")
	assert.Equal(t, []string{"sqs:ReceiveMessage", "sqs:DeleteMessage"}, read.Action)
	assert.Equal(t, []string{"*"}, read.Resource)
	assert.Equal(t, []string{"arn:aws:sqs:us-east-1:123456789012:work"}, Statement(t, doc, "SendWork").Resource)

	msg := failure(t, func(tb testing.TB) { Statement(tb, doc, "DeleteWork") })
	assert.Contains(t, msg, `no statement "DeleteWork" in the policy; its Sids are ["SendWork" "ReadWork"]`)
	msg = failure(t, func(tb testing.TB) { Policy(tb, plan, "jobs-queue") })
	assert.Contains(t, msg, `no aws:iam/rolePolicy:RolePolicy "jobs-queue" in the plan; the names of that type are ["jobs-policy"]`)

	broken := Run(t, Program(newThing, "jobs", &thingArgs{Policy: "not json"}), options)
	msg = failure(t, func(tb testing.TB) { Policy(tb, broken, "jobs-policy") })
	assert.Contains(t, msg, `not an IAM policy document: "not json"`)
}

func TestTrustPolicy(t *testing.T) {
	plan := Run(t, Program(newThing, "jobs", ops()), options)
	trust := TrustPolicy(t, plan, "jobs-role")
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, map[string][]string{"Service": {"lambda.amazonaws.com"}}, trust.Statement[0].Principal)
	assert.Equal(t, []string{"sts:AssumeRole"}, trust.Statement[0].Action)

	msg := failure(t, func(tb testing.TB) { TrustPolicy(tb, plan, "jobs-policy") })
	assert.Contains(t, msg, `no aws:iam/role:Role "jobs-policy" in the plan; the names of that type are ["jobs-role"]`)
}

func TestParsePolicy(t *testing.T) {
	doc := ParsePolicy(t, opsPolicy)
	assert.Equal(t, "2012-10-17", doc.Version)
	assert.Equal(t, []string{"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"}, doc.Actions())
	msg := failure(t, func(tb testing.TB) { ParsePolicy(tb, "[secret]") })
	assert.Contains(t, msg, `not an IAM policy document: "[secret]"`)
}

func TestSids_ofAnEmptyDocument(t *testing.T) {
	assert.Empty(t, Sids(ParsePolicy(t, `{"Version":"2012-10-17","Statement":[]}`)))
}
