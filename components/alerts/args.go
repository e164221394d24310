package alerts

// AlertTopicArgs configures the shared topic. Every field is optional, so
// nil args are allowed.
type AlertTopicArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Email subscribes an address to the topic (it must confirm the
	// subscription). Defaults to none.
	Email string
	// RetainOnDelete keeps the topic and its key, and the topic's TLS-only
	// policy, when the component is deleted. Defaults to false; prod stacks
	// turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the topic and its key: removing
	// the component, or a change that would replace one, fails until the
	// protection is lifted (`pulumi state unprotect`). It implies
	// RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to the key and the topic.
	Tags map[string]string
}
