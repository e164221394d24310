package warehouse

import (
	"fmt"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "warehouse"

// validate checks every argument before anything is registered and returns
// all problems at once. stack is the Pulumi stack (part of the default name).
func validate(name, stack string, raw *WarehouseArgs) (WarehouseArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; MonthlyCreditQuota is required")
		return WarehouseArgs{}, errs.Err()
	}
	a := withDefaults(name, stack, *raw)
	errs.Field("Name", verify.SnowflakeWarehouseName(a.Name))
	if err := snowflake.ValidIdentifier(monitorName(a.Name)); err != nil && a.Name != "" {
		errs.Field("Name", fmt.Errorf("gives the resource monitor name: %w", err))
	}
	errs.OneOf("Size", a.Size, Sizes...)
	if a.MonthlyCreditQuota <= 0 {
		errs.Addf("MonthlyCreditQuota", "%d is not positive; every warehouse needs a credit quota", a.MonthlyCreditQuota)
	}
	errs.Range("AutoSuspendSeconds", a.AutoSuspendSeconds, MinAutoSuspendSeconds, MaxAutoSuspendSeconds)
	if a.StatementTimeoutSeconds != 0 {
		errs.Range("StatementTimeoutSeconds", a.StatementTimeoutSeconds, 1, MaxStatementTimeoutSeconds)
	}
	for i, u := range a.NotifyUsers {
		errs.Field(fmt.Sprintf("NotifyUsers[%d]", i), snowflake.ValidIdentifier(u))
	}
	return a, errs.Err()
}

// monitorName is the resource monitor's name for a warehouse.
func monitorName(warehouse string) string { return warehouse + "_MONITOR" }
