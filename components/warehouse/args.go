package warehouse

// WarehouseArgs configures a cost-guarded Snowflake warehouse.
// MonthlyCreditQuota is required; everything else has a default.
type WarehouseArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Name is the warehouse's Snowflake name (an upper-case identifier:
	// Snowflake tasks accept only upper-case warehouse names through the
	// provider). Warehouse names are unique per Snowflake account, so the
	// default includes the stack: "<COMPONENT>_<STACK>" in upper snake case,
	// e.g. "REPORTING_PROD". The resource monitor is named "<Name>_MONITOR".
	Name string
	// Size is XSMALL, SMALL, MEDIUM, LARGE, XLARGE, XXLARGE, XXXLARGE,
	// X4LARGE, X5LARGE or X6LARGE. Defaults to XSMALL.
	Size string
	// MonthlyCreditQuota is the credits the warehouse may use per calendar
	// month. Its resource monitor notifies at 80 % and suspends the warehouse
	// at 100 %. Required, > 0.
	MonthlyCreditQuota int
	// AutoSuspendSeconds is the idle time before the warehouse suspends,
	// 60–600. Defaults to 60 (Snowflake bills at least a minute per resume).
	AutoSuspendSeconds int
	// StatementTimeoutSeconds cancels a statement that runs longer, 1–604800.
	// Defaults to Snowflake's own (172800, two days) when 0.
	StatementTimeoutSeconds int
	// NotifyUsers are Snowflake users that receive the monitor's
	// notifications (besides account administrators with notifications on).
	NotifyUsers []string
	// Comment is set on the warehouse.
	Comment string
}
