package alerts

// Defaults of AlertTopicArgs, each documented on its field and pinned by a
// test: no subscription, and nothing kept or protected (prod stacks turn
// both on).
const (
	DefaultEmail          = ""
	DefaultRetainOnDelete = false
	DefaultProtect        = false
)

// withDefaults returns the arguments nil args stand for (every field is
// optional) or a copy of args; no field has a default other than its zero
// value.
func withDefaults(args *AlertTopicArgs) AlertTopicArgs {
	if args == nil {
		return AlertTopicArgs{Email: DefaultEmail, RetainOnDelete: DefaultRetainOnDelete, Protect: DefaultProtect}
	}
	return *args
}
