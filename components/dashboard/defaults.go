package dashboard

// DefaultDisabled: a stack gets its dashboard unless it turns it off.
const DefaultDisabled = false

// withDefaults returns the arguments nil args stand for or a copy of args.
func withDefaults(args *DashboardArgs) DashboardArgs {
	if args == nil {
		return DashboardArgs{Disabled: DefaultDisabled}
	}
	return *args
}
