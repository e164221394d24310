package check

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/internal/verify"
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
