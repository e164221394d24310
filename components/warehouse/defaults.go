package warehouse

import "github.com/schedkit/schedkit/components/internal/naming"

// Defaults of WarehouseArgs and the fixed cost guards. Each is documented on
// its field and pinned by a test.
const (
	DefaultSize               = "XSMALL"
	DefaultAutoSuspendSeconds = 60

	// MinAutoSuspendSeconds and MaxAutoSuspendSeconds bound AutoSuspendSeconds:
	// below a minute saves nothing (a resume bills 60 s), above ten minutes an
	// idle warehouse burns credits (policy rule snowflake-warehouse-cost-guard).
	MinAutoSuspendSeconds = 60
	MaxAutoSuspendSeconds = 600
	// MaxStatementTimeoutSeconds is Snowflake's limit (7 days).
	MaxStatementTimeoutSeconds = 604800

	// NotifyAtPercent is the quota share at which the monitor notifies.
	NotifyAtPercent = 80
	// SuspendAtPercent is the quota share at which the monitor suspends the
	// warehouse (running statements finish).
	SuspendAtPercent = 100
	// MonitorFrequency resets the quota every calendar month.
	MonitorFrequency = "MONTHLY"
	// MonitorStart starts counting at creation.
	MonitorStart = "IMMEDIATELY"
)

// Sizes are the standard warehouse sizes, smallest first.
var Sizes = []string{"XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "XXLARGE", "XXXLARGE", "X4LARGE", "X5LARGE", "X6LARGE"}

// withDefaults returns a copy of args with every unset field at its default.
// stack is the Pulumi stack, part of the default name.
func withDefaults(name, stack string, args WarehouseArgs) WarehouseArgs {
	// Every default derived from the component's name derives from its
	// StableName, which defaults to the name.
	name = naming.Stable(name, args.StableName)
	args.StableName = name
	if args.Name == "" {
		args.Name = DefaultName(name, stack)
	}
	if args.Size == "" {
		args.Size = DefaultSize
	}
	if args.AutoSuspendSeconds == 0 {
		args.AutoSuspendSeconds = DefaultAutoSuspendSeconds
	}
	return args
}

// DefaultName is the warehouse name used when WarehouseArgs.Name is empty:
// "<component>_<stack>" upper-cased, with every character that is not a
// letter, digit or underscore replaced by an underscore.
func DefaultName(component, stack string) string {
	out := []rune{}
	for _, r := range component + "_" + stack {
		switch {
		case r >= 'a' && r <= 'z':
			out = append(out, r-'a'+'A')
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
			out = append(out, r)
		default:
			out = append(out, '_')
		}
	}
	if len(out) > 0 && out[0] >= '0' && out[0] <= '9' {
		out = append([]rune("WH_"), out...)
	}
	return string(out)
}
