// Package synthtest holds the test helpers for asserting on what a Pulumi
// program registers under synth: run a program and get its plan, find a
// resource, list a component's children, and read the IAM policies the
// resources carry. The helpers that check something take a testing.TB, mark
// themselves helpers and stop the test with a message that names what was
// looked for and what was there instead.
//
//	plan := synthtest.Run(t, synthtest.Program(cronjob.NewCronJob, "nightly", args), synth.Options{Stack: "dev"})
//	doc := synthtest.Policy(t, plan, "nightly-workflow-policy")
//	assert.Equal(t, []string{"ecs:RunTask"}, synthtest.Statement(t, doc, "RunTask").Action)
//
// Step Functions definitions and container definitions are left to the
// tests of each component: their typed forms live in packages internal to
// components/, which this package cannot import.
package synthtest

import (
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/synth"
)

// The IAM types whose policies Policy and TrustPolicy read.
const (
	// RoleType is an IAM role; TrustPolicy reads its `assumeRolePolicy`.
	RoleType = "aws:iam/role:Role"
	// RolePolicyType is an inline role policy; Policy reads its `policy`.
	RolePolicyType = "aws:iam/rolePolicy:RolePolicy"
)

// Program is a program that creates one component with newComponent (a
// schedkit constructor such as cronjob.NewCronJob), under name, with args,
// and nothing else.
func Program[A, C any](newComponent func(*pulumi.Context, string, A, ...pulumi.ResourceOption) (C, error), name string, args A) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		_, err := newComponent(ctx, name, args)
		return err
	}
}

// Run runs program under synth with opts and returns its plan, stopping the
// test if the program fails.
func Run(t testing.TB, program pulumi.RunFunc, opts synth.Options) *synth.Plan {
	t.Helper()
	plan, err := synth.Run(program, opts)
	require.NoError(t, err, "the program fails under synth")
	return plan
}

// RunError runs program under synth with opts, stops the test unless the
// program fails, and returns the error for the caller to check. What the
// program registered before failing is not checked (see Reject).
func RunError(t testing.TB, program pulumi.RunFunc, opts synth.Options) error {
	t.Helper()
	_, err := synth.Run(program, opts)
	require.Error(t, err, "the program succeeds under synth")
	return err
}

// Reject runs program under synth with opts and stops the test unless the
// program fails without registering anything, as a component does when its
// arguments do not validate. It returns the error for the caller to check.
func Reject(t testing.TB, program pulumi.RunFunc, opts synth.Options) error {
	t.Helper()
	plan, err := synth.Run(program, opts)
	require.Error(t, err, "the program succeeds under synth")
	RequireNothingRegistered(t, plan)
	return err
}

// SameRejection runs a program twice with one bad value: plain, where the
// component must refuse it before registering anything, and as an Output,
// where it must fail the deployment with the very same message (not wrapped
// in the engine's "awaiting input property" context). It returns that
// message.
func SameRejection(t testing.TB, plain, output pulumi.RunFunc, opts synth.Options) string {
	t.Helper()
	before := Reject(t, plain, opts).Error()
	atDeploy := RunError(t, output, opts).Error()
	require.NotContains(t, atDeploy, "awaiting input property", "a problem found at deploy time is reported as the component states it")
	_, msg, _ := strings.Cut(atDeploy, ": ")
	require.Contains(t, before, msg, "the Output's value is refused with the message its plain value gets")
	return msg
}

// RequireNothingRegistered stops the test if the plan holds any resource,
// listing them.
func RequireNothingRegistered(t testing.TB, plan *synth.Plan) {
	t.Helper()
	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	require.Emptyf(t, got, "nothing is registered, yet the plan holds %d resources", len(got))
}

// Find returns the resource of type typ with logical name name, stopping the
// test (and listing the names that type does have) if there is none.
func Find(t testing.TB, plan *synth.Plan, typ, name string) synth.Resource {
	t.Helper()
	r, ok := plan.Find(typ, name)
	if !ok {
		var names []string
		for _, other := range plan.ByType(typ) {
			names = append(names, other.Name)
		}
		require.FailNowf(t, "resource not found", "no %s %q in the plan; the names of that type are %q", typ, name, names)
	}
	return r
}

// ChildrenOf lists the direct children of the component of type
// componentType named name, as sorted "type name" lines. It stops the test if
// there is no such component.
func ChildrenOf(t testing.TB, plan *synth.Plan, componentType, name string) []string {
	t.Helper()
	comp := Find(t, plan, componentType, name)
	var out []string
	for _, c := range plan.Children(comp.URN) {
		out = append(out, c.Type+" "+c.Name)
	}
	sort.Strings(out)
	return out
}

// ParsePolicy parses an IAM policy document (a role's `assumeRolePolicy`, a
// key's or a bucket's `policy`, ...), stopping the test if it is not one.
func ParsePolicy(t testing.TB, doc string) iampolicy.PlainDocument {
	t.Helper()
	d, err := iampolicy.Parse(doc)
	require.NoErrorf(t, err, "not an IAM policy document: %q", doc)
	return d
}

// Policy returns the parsed `policy` input of the RolePolicy with logical
// name rolePolicyName, stopping the test if there is no such RolePolicy or
// its policy does not parse.
func Policy(t testing.TB, plan *synth.Plan, rolePolicyName string) iampolicy.PlainDocument {
	t.Helper()
	return ParsePolicy(t, Find(t, plan, RolePolicyType, rolePolicyName).String("policy"))
}

// TrustPolicy returns the parsed `assumeRolePolicy` input of the Role with
// logical name roleName, stopping the test if there is no such Role or its
// trust policy does not parse.
func TrustPolicy(t testing.TB, plan *synth.Plan, roleName string) iampolicy.PlainDocument {
	t.Helper()
	return ParsePolicy(t, Find(t, plan, RoleType, roleName).String("assumeRolePolicy"))
}

// Statement returns the statement of doc with this Sid, stopping the test
// (and listing the Sids doc does have) if there is none.
func Statement(t testing.TB, doc iampolicy.PlainDocument, sid string) iampolicy.PlainStatement {
	t.Helper()
	s, ok := doc.FindSid(sid)
	if !ok {
		require.FailNowf(t, "statement not found", "no statement %q in the policy; its Sids are %q", sid, Sids(doc))
	}
	return s
}

// Sids lists the Sids of doc's statements, in order.
func Sids(doc iampolicy.PlainDocument) []string {
	var out []string
	for _, s := range doc.Statement {
		out = append(out, s.Sid)
	}
	return out
}
