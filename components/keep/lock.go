package keep

import (
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LockType is the type token of a delete lock.
const LockType = "schedkit:keep:DeleteLock"

// DeleteLock is a component resource with no cloud resource, hence no cost
// and no provider call: it depends on every child of the component it
// locks and is protected when the component's data is.
//
// Why: Pulumi checks protect when it applies a delete, also in a preview,
// so a change that removes a component holding protected data fails its
// preview and changes nothing. An update without a preview (`pulumi up
// --skip-preview`, the Automation API's up) deletes in dependency order and
// fails only on reaching a protected resource, after it has deleted
// everything that depends on it (a stream's function, mapping, role,
// alarms). The lock depends on all the children, so the engine must delete
// it first; protected, it fails there, before deleting anything. Normal
// updates and replacements of the children do not touch it (a component
// has no inputs to diff and is never replaced). enginetest proves all
// three under Pulumi's engine.
type DeleteLock struct{ pulumi.ResourceState }

// Children records the resources registered under a component, in the
// order they are registered: a constructor gives Options(opts) to
// RegisterComponentResource and the Children to Lock.
//
// Why not pulumi.DependsOn(component): the Go SDK expands a component in
// DependsOn to the children it knows at that moment, and it learns of a
// child only in that child's registration goroutine (sdk/go/pulumi
// context.go, getOpts → addChild), so a lock registered right after the
// constructor could miss children still on their way: which ones, and so
// what a preview-less removal deletes, depended on timing. A
// transformation runs synchronously as each resource is registered, so
// the record is complete when the constructor returns.
type Children struct {
	mu        sync.Mutex
	resources []pulumi.Resource
}

// Option records the component it is given to and every resource
// registered under it, nested components' children included (children
// inherit their parent's transformations).
func (c *Children) Option() pulumi.ResourceOption {
	return pulumi.Transformations([]pulumi.ResourceTransformation{
		func(a *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.resources = append(c.resources, a.Resource)
			return nil // record only: props and options stay as given
		},
	})
}

// Options is opts with Option() added, in a new slice (the caller's is
// not appended to): what a constructor gives RegisterComponentResource.
func (c *Children) Options(opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, opts...), c.Option())
}

// list is what was recorded but component itself.
func (c *Children) list(component pulumi.Resource) []pulumi.Resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []pulumi.Resource
	for _, r := range c.resources {
		if r != component {
			out = append(out, r)
		}
	}
	return out
}

// Lock registers the delete lock of component, named "<name>-delete-lock",
// as its last child, depending on every resource children recorded: every
// public constructor calls it after registering its other children (and
// before RegisterResourceOutputs). It is registered whatever the policy.
// It is protected when p.Protect, whether or not the component created
// anything stateful (a TaskGraph alerting through a given topic creates
// nothing to protect): Protect refuses the component's removal as a whole,
// and a composite's nested components' locks are protected with the
// composite's (the SDK expands a component in DependsOn to its custom
// resources, so the composite's lock cannot order itself before a nested
// lock; an unprotected nested lock could leave the state first).
// Without p.Protect it inherits the component's protect as the children
// do, so a pulumi.Protect(true) given to the component protects the lock
// too. Lifting protection (Protect false, `pulumi up`) only flips its
// protect flag, and a later removal deletes it like the rest.
func (p Policy) Lock(ctx *pulumi.Context, component pulumi.Resource, name string, children *Children) error {
	var lock DeleteLock
	opts := []pulumi.ResourceOption{pulumi.Parent(component), pulumi.DependsOn(children.list(component))}
	if p.Protect {
		opts = append(opts, pulumi.Protect(true))
	}
	return ctx.RegisterComponentResource(LockType, name+"-delete-lock", &lock, opts...)
}
