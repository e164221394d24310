// Package tags builds the tags every schedkit resource carries: the caller's
// tags plus the component that owns the resource (which always wins).
package tags

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

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
