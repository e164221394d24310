package plan

import "strings"

// DeadlineCheckComment ends the comment of a Snowflake task that checks
// another task graph's deadline: the standalone task <ROOT>_DEADLINE that
// components/taskgraph registers with the comment
// "schedkit TaskGraph <name>" + DeadlineCheckComment. Such a task runs a
// few metadata queries (SHOW TASKS, a TASK_HISTORY read, a generator of
// minutes), not the graph's work, so readers of a plan tell it apart by
// this one marker: `schedkit cost` prices its runs with their own usage
// assumption (deadlineCheckSeconds) instead of queryMinutes.
const DeadlineCheckComment = ": deadline check"

// taskType is the Snowflake task's type token (provider v2.17.0).
const taskType = "snowflake:index/task:Task"

// IsDeadlineCheck says whether r is a deadline check task: a Snowflake task
// whose comment ends with DeadlineCheckComment and that belongs to no graph
// (no predecessor, no task it finalizes).
func IsDeadlineCheck(r Resource) bool {
	if r.Type != taskType || !strings.HasSuffix(r.String("comment"), DeadlineCheckComment) {
		return false
	}
	if afters, ok := r.Get("afters").([]any); ok && len(afters) > 0 {
		return false
	}
	return r.String("finalize") == ""
}
