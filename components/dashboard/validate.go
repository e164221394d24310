package dashboard

import (
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
)

// kind names the component in error messages.
const kind = "dashboard"

// validate resolves the arguments and checks the dashboard's name (its
// child's logical name) before anything is registered.
func validate(name string, raw *DashboardArgs) (DashboardArgs, error) {
	errs := check.New(kind, name)
	a := withDefaults(raw)
	if name == "" || !naming.SQSQueue.Pattern.MatchString(name) {
		errs.Addf("name", "%q may contain only letters, digits, - and _ (a CloudWatch dashboard name)", name)
	}
	if a.StableName != "" && !naming.SQSQueue.Pattern.MatchString(a.StableName) {
		errs.Addf("StableName", "%q may contain only letters, digits, - and _ (a CloudWatch dashboard name)", a.StableName)
	}
	a.StableName = naming.Stable(name, a.StableName)
	return a, errs.Err()
}
