package dashboard

// DashboardArgs configure the dashboard. Every field is optional, so nil
// args are allowed.
type DashboardArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Disabled creates no dashboard (and no cost). Defaults to false.
	Disabled bool `pulumi:"disabled,optional"`
}
