package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsDeadlineCheck(t *testing.T) {
	task := func(inputs map[string]any) Resource {
		return Resource{Type: "snowflake:index/task:Task", Name: "t", Inputs: inputs}
	}
	assert.True(t, IsDeadlineCheck(task(map[string]any{"comment": "schedkit TaskGraph nightly" + DeadlineCheckComment})))
	assert.False(t, IsDeadlineCheck(task(map[string]any{"comment": "schedkit TaskGraph nightly"})), "a graph's own task")
	assert.False(t, IsDeadlineCheck(task(map[string]any{})), "no comment")
	assert.False(t, IsDeadlineCheck(task(map[string]any{
		"comment": "x" + DeadlineCheckComment, "afters": []any{"DB.S.ROOT"},
	})), "a task in a graph is the graph's work, whatever its comment")
	assert.False(t, IsDeadlineCheck(task(map[string]any{
		"comment": "x" + DeadlineCheckComment, "finalize": "DB.S.ROOT",
	})), "a finalizer is the graph's work")
	assert.False(t, IsDeadlineCheck(Resource{Type: "snowflake:index/warehouse:Warehouse", Inputs: map[string]any{"comment": "x" + DeadlineCheckComment}}))
}
