package dashboard

// DashboardArgs configure the dashboard. Every field is optional, so nil
// args are allowed.
type DashboardArgs struct {
	// Disabled creates no dashboard (and no cost). Defaults to false.
	Disabled bool `pulumi:"disabled,optional"`
}
