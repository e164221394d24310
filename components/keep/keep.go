// Package keep says what becomes of stateful resources — the types
// plan.Stateful lists: buckets, streams, queues, log groups, keys, topics,
// registries, Snowflake databases, schemas, tables, stages — and of the
// resources that guard them, when Pulumi would delete them. Every component
// applies a Policy built from its RetainOnDelete and Protect fields to its
// children; a program applies one to the stateful resources it creates
// beside the components (a Snowflake database, say), so both behave alike.
//
//	Retain  → stateful resources and their guards stay in the cloud when deleted
//	Protect → `pulumi up` refuses to delete (or replace) a stateful resource at
//	          all; implies Retain
//
// A guard is a resource that protects the data of a stateful one (a bucket's
// encryption, versioning, public access block, TLS-only policy and
// lifecycle; a queue's or topic's TLS-only policy; plan.Guard lists the
// types): it is retained whenever what it guards is, so a kept bucket is
// never left unguarded. It is not protected: a guard may still change or be
// replaced. Pulumi's documents, the "protect" and "retainOnDelete" resource
// options (a deployment that would delete a protected resource "for any
// reason", a replacement included, is an error; a retained one is removed
// from the state and left in the cloud):
// https://www.pulumi.com/docs/iac/concepts/resources/options/protect/ and
// https://www.pulumi.com/docs/iac/concepts/resources/options/retainondelete/.
//
// A needed resource is one a stateful resource depends on to keep working
// (plan.Needed finds them in a plan: what a stateful resource depends on
// inside the same component, and what those depend on): a Firehose
// delivery stream's role, the role's policy and the log streams it writes
// its errors to; a Snowflake stage's storage integration, the IAM role the
// integration assumes and its policy, and the stage's file format. It is
// retained whenever the stateful ones are, so a kept resource left behind
// by a removal still works: the Firehose still delivers, the stage can
// still be read. It is not protected: it holds no data and may change or
// be replaced like any other child, but, retained, a replaced one is left
// in the cloud, out of the state (retainOnDelete skips the provider's
// Delete when replacing too: the retainOnDelete page above), so a
// replaced role stays behind with its policy until deleted by hand.
package keep

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Policy is a component's (or a program's) RetainOnDelete and Protect settings.
type Policy struct {
	// Retain keeps stateful resources and their guards when they are deleted.
	Retain bool
	// Protect makes Pulumi refuse to delete stateful resources; it implies Retain.
	Protect bool
}

// Retained reports whether stateful resources (and their guards) are retained.
func (p Policy) Retained() bool { return p.Retain || p.Protect }

// Stateful returns opts followed by the options of a stateful resource:
// RetainOnDelete when retained, Protect when protected. Without Protect it
// sets no protect option, so a component given pulumi.Protect(true) still
// passes it on to its children (Pulumi inherits protect from the parent).
func (p Policy) Stateful(opts ...pulumi.ResourceOption) []pulumi.ResourceOption {
	out := p.Guard(opts...)
	if p.Protect {
		out = append(out, pulumi.Protect(true))
	}
	return out
}

// Guard returns opts followed by the options of a resource that guards a
// stateful one: RetainOnDelete whenever the stateful one is retained.
func (p Policy) Guard(opts ...pulumi.ResourceOption) []pulumi.ResourceOption {
	out := append([]pulumi.ResourceOption{}, opts...)
	if p.Retained() {
		out = append(out, pulumi.RetainOnDelete(true))
	}
	return out
}

// Needed returns opts followed by the options of a resource a stateful one
// needs to keep working (its role and the role's policy, the log streams it
// writes to, the integration it reads through, …): RetainOnDelete whenever
// the stateful one is retained, as a guard's.
func (p Policy) Needed(opts ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return p.Guard(opts...)
}
