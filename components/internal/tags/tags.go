// Package tags builds the tags every schedkit resource carries: the caller's
// tags plus the component that owns the resource (which always wins).
package tags

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/internal/verify"
)

// Keys of the tags schedkit sets itself.
const (
	ComponentKey = "schedkit:component"
	NameKey      = "schedkit:name"
	ManagedByKey = "managed-by"
)

// For returns the tags of a resource owned by the component of type token
// named name, merged over the caller's tags.
func For(token, name string, caller map[string]string) pulumi.StringMap {
	out := pulumi.StringMap{}
	for k, v := range caller {
		out[k] = pulumi.String(v)
	}
	out[ComponentKey] = pulumi.String(token)
	out[NameKey] = pulumi.String(name)
	out[ManagedByKey] = pulumi.String("schedkit")
	return out
}

// Validate records every problem of the caller's tags under `Tags`: keys and
// values AWS rejects (verify.TagKey, verify.TagValue), keys schedkit sets
// itself (the caller's would be overwritten), and more tags than a resource
// may carry with schedkit's own.
func Validate(errs *check.Errors, caller map[string]string) {
	own := map[string]bool{ComponentKey: true, NameKey: true, ManagedByKey: true}
	for _, k := range slices.Sorted(maps.Keys(caller)) {
		if own[k] {
			errs.Addf("Tags", "key %q is set by schedkit on every resource; choose another key", k)
			continue
		}
		if err := verify.TagKey(k); err != nil {
			errs.Field("Tags", err)
			continue
		}
		errs.Field("Tags", verify.TagValue(k, caller[k]))
	}
	if n := len(caller) + len(own); n > verify.MaxTags {
		errs.Addf("Tags", "has %d tags; with schedkit's %d a resource would carry %d, over AWS's limit of %d", len(caller), len(own), n, verify.MaxTags)
	}
}
