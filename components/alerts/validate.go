package alerts

import (
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "alerttopic"

// validate checks every argument before anything is registered and returns
// the resolved arguments, or all problems at once: the address, the tags
// and the topic's name.
func validate(name string, raw *AlertTopicArgs) (AlertTopicArgs, error) {
	errs := check.New(kind, name)
	a := withDefaults(raw)
	if a.Email != "" {
		errs.Field("Email", verify.Email(a.Email))
	}
	tags.Validate(errs, a.Tags)
	errs.Add(naming.Check(kind, name, "name", naming.SNSTopic, name))
	if a.StableName != "" {
		errs.Add(naming.Check(kind, name, "StableName", naming.SNSTopic, a.StableName))
	}
	return a, errs.Err()
}
