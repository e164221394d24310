// Package order carries a composite's DependsOn to the resources it builds.
// Pulumi does not pass a component's DependsOn on to its children (nor to
// theirs), so a composite that names, say, a Snowflake database by a plain
// string would let its tasks race the database's creation. Value turns the
// plain name into an input that resolves only after those resources: every
// child, and every child of a child component, that takes it waits.
//
//	deps := order.DependsOn(opts)           // what the caller said to wait for
//	db := order.Value("ANALYTICS", deps)    // "ANALYTICS", once they exist
package order

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// DependsOn returns the resources opts say to wait for.
func DependsOn(opts []pulumi.ResourceOption) []pulumi.Resource {
	o, err := pulumi.NewResourceOptions(opts...)
	if err != nil || o == nil {
		return nil
	}
	return o.DependsOn
}

// Value is v as an input that resolves once every resource of after has
// been created; plain when after is empty.
func Value(v string, after []pulumi.Resource) pulumi.StringInput {
	if len(after) == 0 {
		return pulumi.String(v)
	}
	urns := make([]any, len(after))
	for i, r := range after {
		urns[i] = r.URN()
	}
	return pulumi.All(urns...).ApplyT(func([]any) string { return v }).(pulumi.StringOutput)
}
