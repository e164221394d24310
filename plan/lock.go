package plan

import (
	"fmt"
	"strings"
)

// LockType is the type token of a component's delete lock (the components'
// keep.LockType, registered by keep.Policy.Lock as every schedkit
// component's last child): a component resource with no cloud resource and
// no cost, depending on all the component's other children, protected with
// its data, so that a removal without a preview fails on it before
// deleting anything.
const LockType = "schedkit:keep:DeleteLock"

// IsLock says whether r is a delete lock.
func IsLock(r Resource) bool { return r.Type == LockType }

// LockGap says what the component r lacks for a removal of it to delete
// nothing while its data is protected: a schedkit component with a
// protected stateful resource (Stateful) under it needs its delete lock as
// a child, and the lock protected (data protected alone, say by a
// transform, leaves the lock unprotected: the message says to set the
// component's Protect instead). It returns "" for a component that lacks
// nothing, holds no protected data, or is not schedkit's (a lock, a custom
// resource, the stack, a program's own component).
func (p *Plan) LockGap(r Resource) string {
	if r.Custom || IsLock(r) || !strings.HasPrefix(r.Type, "schedkit:") {
		return ""
	}
	var data string
	var lock *Resource
	for i, c := range p.Resources {
		if c.Parent == r.URN && IsLock(c) {
			lock = &p.Resources[i]
		}
		if _, ok := Stateful(c.Type); ok && c.Protect && data == "" && p.isUnder(c.URN, r.URN) {
			data = c.Type + " " + c.Name
		}
	}
	switch {
	case data == "":
		return ""
	case lock == nil:
		return fmt.Sprintf("has protected data (%s) but no delete lock (a %s child, which schedkit's constructors register last, keep.Policy.Lock), so an update without a preview that removes the component would delete its other children before failing on the data", data, LockType)
	case !lock.Protect:
		return fmt.Sprintf("has protected data (%s) but its delete lock %q is not protected, so an update without a preview that removes the component would delete its other children before failing on the data: set the component's Protect, which protects the lock with the data, rather than protecting the data alone", data, lock.Name)
	}
	return ""
}
