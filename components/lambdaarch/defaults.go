package lambdaarch

import (
	"github.com/schedkit/schedkit/components/internal/naming"
	"strings"
	"time"
)

// Batch modes (LambdaArchitectureArgs.BatchMode).
const (
	// BatchByTask recomputes the batch table with a scheduled task.
	BatchByTask = "TASK"
	// BatchByDynamicTable makes the batch table a dynamic table.
	BatchByDynamicTable = "DYNAMIC_TABLE"
)

// Defaults of LambdaArchitectureArgs. Each is documented on its field and
// pinned by a test.
const (
	DefaultArchivePrefix  = "events/"
	DefaultBatchMode      = BatchByTask
	DefaultRecomputeEvery = time.Hour
	DefaultTargetLag      = time.Hour
	DefaultRefreshMode    = "AUTO"
	DefaultCleanupMargin  = 24 * time.Hour
	DefaultCleanupEvery   = time.Hour
)

// Fixed names and settings, pinned by a test.
const (
	// SpeedSink and ArchiveSink are the processor's two sinks (Sinks keys).
	SpeedSink   = "speed"
	ArchiveSink = "archive"
	// ErrorFolder holds, before ArchivePrefix, what Firehose could not archive.
	ErrorFolder = "errors/"
	// Suffixes of the Snowflake tables named after Name.
	SpeedSuffix = "_SPEED"
	RawSuffix   = "_RAW"
	BatchSuffix = "_BATCH"
	// Suffixes of the tasks named after Name: tasks are schema objects, so
	// two architectures in one schema need tasks of their own.
	RecomputeSuffix = "_RECOMPUTE"
	CleanupSuffix   = "_CLEANUP"
	// RawCopyOptions load each JSON key into the column of its name.
	RawCopyOptions = "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE"
	// Epoch is the watermark of an empty batch table: every speed row is served.
	Epoch = "1970-01-01"
	// MaxEvery is the longest task schedule, 11520 minutes (8 days).
	MaxEvery = 8 * 24 * time.Hour
)

// withDefaults returns a copy of args with every unset field at its default;
// name is the component's name.
func withDefaults(name string, args LambdaArchitectureArgs) LambdaArchitectureArgs {
	// Every default derived from the component's name derives from its
	// StableName, which defaults to the name.
	name = naming.Stable(name, args.StableName)
	args.StableName = name
	if args.Name == "" {
		args.Name = strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
	}
	if args.ArchivePrefix == "" {
		args.ArchivePrefix = DefaultArchivePrefix
	}
	if args.BatchMode == "" {
		args.BatchMode = DefaultBatchMode
	}
	if args.BatchMode == BatchByTask && args.RecomputeEvery == 0 {
		args.RecomputeEvery = DefaultRecomputeEvery
	}
	if args.BatchMode == BatchByDynamicTable {
		if args.TargetLag == 0 {
			args.TargetLag = DefaultTargetLag
		}
		if args.RefreshMode == "" {
			args.RefreshMode = DefaultRefreshMode
		}
		if args.CleanupEvery == 0 {
			args.CleanupEvery = DefaultCleanupEvery
		}
	}
	if args.CleanupMargin == 0 {
		args.CleanupMargin = DefaultCleanupMargin
	}
	return args
}

// cycle is how long one batch cycle takes: the recompute interval or the target lag.
func (a LambdaArchitectureArgs) cycle() (field string, d time.Duration) {
	if a.BatchMode == BatchByDynamicTable {
		return "TargetLag", a.TargetLag
	}
	return "RecomputeEvery", a.RecomputeEvery
}
