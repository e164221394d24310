package keep

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

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

// Lock registers the delete lock of component, named "<name>-delete-lock",
// as its last child: call it after every other child is registered. It is
// registered whatever the policy, protected only when p.Protect, so lifting
// protection (Protect false, `pulumi up`) only flips its protect flag and
// a later removal deletes it like the rest.
func (p Policy) Lock(ctx *pulumi.Context, component pulumi.Resource, name string) error {
	var lock DeleteLock
	return ctx.RegisterComponentResource(LockType, name+"-delete-lock", &lock,
		pulumi.Parent(component), pulumi.DependsOn([]pulumi.Resource{component}), pulumi.Protect(p.Protect))
}
