package cronjob

import (
	"time"

	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// Defaults of CronJobArgs. Each is documented on its field and pinned by a test.
const (
	DefaultCpu              = 256
	DefaultCpuArchitecture  = "X86_64"
	DefaultCapacityProvider = "FARGATE"
	DefaultMaxRuntime       = time.Hour
	DefaultStartAttempts    = 3
	DefaultSkipAlarmRuns    = 3
	DefaultStopTimeout      = 30 * time.Second
	DefaultLogRetentionDays = logs.DefaultRetentionDays

	// MaxRuntimeLimit is the longest a Step Functions standard execution may run.
	MaxRuntimeLimit = workflow.MaxRuntime
	// WorkflowSlack is added to MaxRuntime for the workflow's own timeout,
	// to cover the guard, start retries and the alert.
	WorkflowSlack = 30 * time.Minute

	// SkipMetricNamespace and SkippedRunsMetric are the CloudWatch metric a
	// skipped run adds 1 to, with the dimension CronJob=<component name>.
	SkipMetricNamespace = "schedkit/CronJob"
	SkippedRunsMetric   = "SkippedRuns"
	// MaxSkipAlarmRuns bounds SkipAlarmRuns.
	MaxSkipAlarmRuns = 10
)

// fargateMemory lists, per CPU value, the memory sizes (MiB) Fargate accepts.
var fargateMemory = map[int][]int{
	256:   {512, 1024, 2048},
	512:   steps(1024, 4096, 1024),
	1024:  steps(2048, 8192, 1024),
	2048:  steps(4096, 16384, 1024),
	4096:  steps(8192, 30720, 1024),
	8192:  steps(16384, 61440, 4096),
	16384: steps(32768, 122880, 8192),
}

func steps(lo, hi, step int) []int {
	var out []int
	for m := lo; m <= hi; m += step {
		out = append(out, m)
	}
	return out
}

// withDefaults returns a copy of args with every unset field at its default.
func withDefaults(args CronJobArgs) CronJobArgs {
	if args.Cpu == 0 {
		args.Cpu = DefaultCpu
	}
	if args.Memory == 0 {
		if sizes := fargateMemory[args.Cpu]; len(sizes) > 0 {
			args.Memory = sizes[0]
		}
	}
	if args.CpuArchitecture == "" {
		args.CpuArchitecture = DefaultCpuArchitecture
	}
	if args.CapacityProvider == "" {
		args.CapacityProvider = DefaultCapacityProvider
	}
	if args.MaxRuntime == 0 {
		args.MaxRuntime = DefaultMaxRuntime
	}
	if args.StartAttempts == 0 {
		args.StartAttempts = DefaultStartAttempts
	}
	if args.SkipAlarmRuns == 0 {
		args.SkipAlarmRuns = DefaultSkipAlarmRuns
	}
	if args.StopTimeout == 0 {
		args.StopTimeout = DefaultStopTimeout
	}
	if args.LogRetentionDays == 0 {
		args.LogRetentionDays = DefaultLogRetentionDays
	}
	if args.ClusterArn == nil && args.Cluster == nil {
		args.Cluster = &ClusterArgs{}
	}
	if args.Cluster != nil && args.Cluster.ContainerInsights == nil {
		t := true
		c := *args.Cluster
		c.ContainerInsights = &t
		args.Cluster = &c
	}
	args.Schedule = args.Schedule.WithDefaults()
	return args
}
