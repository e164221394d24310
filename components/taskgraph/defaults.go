package taskgraph

import "time"

// Defaults and limits of TaskGraphArgs. Each default is documented on its
// field and pinned by a test.
const (
	DefaultTimezone             = "UTC"
	DefaultInitialWarehouseSize = "XSMALL"
	DefaultSuspendAfterFailures = 3
	DefaultRetryAttempts        = 0
	DefaultTaskTimeout          = time.Hour

	// MaxTasks is Snowflake's limit on tasks in one graph (finalizer included).
	MaxTasks = 1000
	// MaxPredecessors is Snowflake's limit on a task's predecessors, and on a task's children.
	MaxPredecessors = 100
	// MaxEveryMinutes is the longest SCHEDULE = '<n> MINUTE' interval (8 days).
	MaxEveryMinutes = 11520
	// MaxRetryAttempts bounds TASK_AUTO_RETRY_ATTEMPTS.
	MaxRetryAttempts = 30
	// MaxTaskTimeout is the largest USER_TASK_TIMEOUT_MS (7 days).
	MaxTaskTimeout = 7 * 24 * time.Hour
)

// ServerlessSizes are the sizes serverless tasks accept, smallest first.
var ServerlessSizes = []string{"XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE"}

// withDefaults returns a copy of args with every unset field at its default.
func withDefaults(args TaskGraphArgs) TaskGraphArgs {
	if args.Cron != "" && args.Timezone == "" {
		args.Timezone = DefaultTimezone
	}
	if args.Warehouse == nil && args.InitialWarehouseSize == "" {
		args.InitialWarehouseSize = DefaultInitialWarehouseSize
	}
	if args.SuspendAfterFailures == nil {
		n := DefaultSuspendAfterFailures
		args.SuspendAfterFailures = &n
	}
	if args.RetryAttempts == nil {
		n := DefaultRetryAttempts
		args.RetryAttempts = &n
	}
	tasks := make([]TaskSpec, len(args.Tasks))
	for i, t := range args.Tasks {
		tasks[i] = t.withDefaults()
	}
	args.Tasks = tasks
	if args.Finalizer != nil {
		f := args.Finalizer.withDefaults()
		args.Finalizer = &f
	}
	return args
}

func (t TaskSpec) withDefaults() TaskSpec {
	if t.Timeout == 0 {
		t.Timeout = DefaultTaskTimeout
	}
	return t
}
