package check

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/synth"
)

func TestErrors_ComposedRenamesTheCompositesFieldsAndKeepsTheRest(t *testing.T) {
	child := New("stream", "clicks-events")
	child.Addf(`Sinks["speed"].Snowflake.Table`, "is required")
	child.Addf("MemoryMB", "%d is outside 128–10240", 64)
	child.Add(errors.New(`stream "clicks-events": ` + "`name`" + ` is 70 characters, too long`))

	e := New("lambdaarch", "clicks")
	e.Addf("Columns", "is empty")
	e.Composed(child.Err(), func(f string) (string, bool) {
		if f == `Sinks["speed"].Snowflake.Table` {
			return "Name", true
		}
		return "", false
	})
	lines := strings.Split(e.Err().Error(), "\n")
	assert.Equal(t, []string{
		"lambdaarch \"clicks\": `Columns` is empty",
		"lambdaarch \"clicks\": `Name` is required",
		"stream \"clicks-events\": `MemoryMB` 64 is outside 128–10240",
		"stream \"clicks-events\": `name` is 70 characters, too long",
	}, lines)
	var p *verify.Problem
	assert.True(t, errors.As(e.Err(), &p), "renamed problems stay Problems")
}

// A renamed problem's message names the composite's fields too: the
// caller never reads a field of the composed component they cannot set.
func TestErrors_ComposedRenamesTheFieldsAMessageMentions(t *testing.T) {
	rule := errors.New("is set with `DisableDeadline`; a graph without a deadline check has no grace (see `TriggerStream`)")
	child := New("taskgraph", "orders-watch")
	child.Field("DeadlineGrace", rule)
	child.Addf("Tasks[0].Name", "clashes with `DisableDeadline`")
	e := New("hybridpipeline", "orders")
	e.Composed(child.Err(), func(f string) (string, bool) {
		switch f {
		case "DeadlineGrace", "DisableDeadline":
			return "Freshness." + f, true
		}
		return "", false
	})
	assert.Equal(t, "hybridpipeline \"orders\": `Freshness.DeadlineGrace` is set with `Freshness.DisableDeadline`; a graph without a deadline check has no grace (see `TriggerStream`)\n"+
		"taskgraph \"orders-watch\": `Tasks[0].Name` clashes with `DisableDeadline`", e.Err().Error(),
		"a field the composite does not map keeps its name, and a problem stated as the composed component's keeps its text")
	assert.ErrorIs(t, e.Err(), rule, "the rule's error is kept under the new text")
}

func TestErrors_ComposedRecordsAMessageOnce(t *testing.T) {
	e := New("lambdaarch", "clicks")
	e.Field("Database", verify.SnowflakeIdentifier("a-b"))
	for _, kind := range []string{"snowpipe", "taskgraph"} {
		c := New(kind, "clicks-"+kind)
		c.Field("Database", verify.SnowflakeIdentifier("a-b"))
		e.Composed(c.Err(), func(f string) (string, bool) { return f, f == "Database" })
	}
	e.Composed(nil, func(string) (string, bool) { return "", false })
	assert.Len(t, strings.Split(e.Err().Error(), "\n"), 1, "three components refusing one value is one problem")
	assert.Nil(t, New("x", "y").Err())
	assert.Equal(t, []error{fmt.Errorf("x")}, flatten(fmt.Errorf("x")))
}

// RoleInlinePolicies holds a role's inline policies to verify's rule,
// IAM's: 10,240 characters together, white space not counted ("IAM and
// AWS STS quotas", IAM User Guide), failing with a Problem of the field
// whose list grew them; the policy itself passes through unchanged.
func TestRoleInlinePolicies_checksOnePolicyAndTheRolesTotal(t *testing.T) {
	const doc = `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	// filler is another rendered policy of n characters that count, laid
	// out with as much white space again: IAM does not count it.
	filler := func(n int) pulumi.String {
		return pulumi.String("{\n  \"Sid\": \"" + strings.Repeat("a", n-10) + "\"\n}" + strings.Repeat(" \n\t", n/3))
	}
	run := func(policy string, others ...pulumi.StringInput) (string, error) {
		plan, err := synth.Run(func(ctx *pulumi.Context) error {
			ctx.Export("policy", RoleInlinePolicies("batchworkflow", "wide", "Steps", pulumi.String(policy).ToStringOutput(), others...))
			return nil
		}, synth.Options{})
		if err != nil {
			return "", err
		}
		return plan.Outputs["policy"].(string), nil
	}
	over := func(n int) string {
		return fmt.Sprintf("batchworkflow \"wide\": `Steps` gives a role inline policies of %d characters (white space not counted); IAM allows 10240 for one role's inline policies together: grant fewer, wider resources (a prefix instead of many objects)", n)
	}
	size := len(doc)

	got, err := run(doc)
	require.NoError(t, err)
	assert.Equal(t, doc, got, "one policy under the limit passes unchanged")

	big := strings.Replace(doc, "b/*", strings.Repeat("b", verify.MaxIAMRoleInline-size+2)+"/*", 1)
	_, err = run(big)
	assert.ErrorContains(t, err, over(verify.MaxIAMRoleInline+1), "one policy one over the limit")
	assert.NotNil(t, verify.FirstProblem(err))

	got, err = run(doc, filler(verify.MaxIAMRoleInline-size))
	require.NoError(t, err, "beside another with lots of white space, together at the limit")
	assert.Equal(t, doc, got)
	assert.Greater(t, len(filler(verify.MaxIAMRoleInline-size))+size, verify.MaxIAMRoleInline, "the passing case is over the limit counting white space")

	_, err = run(doc, filler(verify.MaxIAMRoleInline-size-100), filler(101).ToStringOutput())
	assert.ErrorContains(t, err, over(verify.MaxIAMRoleInline+1), "beside others, together one over the limit")
}
