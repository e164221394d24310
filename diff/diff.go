// Package diff compares two plans of one stack — the stack as deployed
// (from) and as changed (to) — and says what `pulumi up` would do to each
// resource, offline:
//
//	from, to plan.Plan ──Compare──▶ Report ──▶ WriteText | WriteMarkdown | WriteJSON
//	ReadAcks(schedkit-acknowledged.yaml) ──▶ Report.Acknowledge ──▶ Unacknowledged()
//	                                           (what `--fail-on stateful` fails on)
//
// Every resource is created, deleted, updated (the inputs that changed),
// replaced (an input that forces a new resource changed; see forcesNew) or
// renamed (its URN changed and nothing aliases the old one, so Pulumi would
// delete it and create it again). Deleting, replacing or renaming a stateful
// resource (plan.Stateful) loses what it holds; those changes are flagged and
// can fail a CI run until a reviewed file acknowledges them.
package diff

import (
	"sort"

	"github.com/schedkit/schedkit/plan"
)

// Kind is what `pulumi up` would do to one resource.
type Kind string

// The kinds of change, in the order reports list them.
const (
	Create  Kind = "create"
	Update  Kind = "update"
	Replace Kind = "replace"
	Rename  Kind = "rename"
	Delete  Kind = "delete"
)

var kindOrder = map[Kind]int{Delete: 0, Rename: 1, Replace: 2, Update: 3, Create: 4}

// Change is one resource that would change.
type Change struct {
	Kind Kind   `json:"kind"`
	Type string `json:"type"`
	// URN is the resource's URN in the new plan; for a delete, in the old.
	URN string `json:"urn"`
	// OldURN is the URN in the old plan when it differs: a rename, or a
	// resource that moved and was found through its aliases (Aliased).
	OldURN  string `json:"oldUrn,omitempty"`
	Aliased bool   `json:"aliased,omitempty"`
	// PhysicalName is the name the resource has in the cloud
	// (plan.Resource.PhysicalName): what a rename is matched on.
	PhysicalName string `json:"physicalName,omitempty"`
	// Inputs are the inputs that changed (update, replace, rename).
	Inputs []InputChange `json:"inputs,omitempty"`
	// Forcing are the changed inputs that force a replacement.
	Forcing []Forcing `json:"forcing,omitempty"`
	// Loses is what deleting or replacing this stateful resource loses; set
	// only on a delete, replace or rename of a stateful type.
	Loses string `json:"loses,omitempty"`
	// Retained says the old resource is kept in the cloud (retainOnDelete)
	// when Pulumi deletes it: what it holds survives, but the stack forgets it.
	Retained bool `json:"retained,omitempty"`
	// Protected says the old resource is protected: `pulumi up` refuses to
	// delete or replace it until its protect option is turned off.
	Protected bool `json:"protected,omitempty"`
	// Acknowledged is the reviewed reason a stateful loss is intended.
	Acknowledged string `json:"acknowledged,omitempty"`
}

// Stateful says whether the change loses data or hand-made state.
func (c Change) Stateful() bool { return c.Loses != "" }

// AckURN is the URN an acknowledgement names for this change: the resource
// that is lost (the old URN of a rename).
func (c Change) AckURN() string {
	if c.Kind == Rename && c.OldURN != "" {
		return c.OldURN
	}
	return c.URN
}

// InputChange is one changed input, as a path into the inputs
// ("tags.env", "rules[0].expiration.days", and into JSON held in a string,
// "policy.Statement[1].Action"). Old and New are nil where absent; secrets
// stay "[secret]".
type InputChange struct {
	Path string `json:"path"`
	Old  any    `json:"old"`
	New  any    `json:"new"`
}

// Forcing is a changed input that forces a new resource, with its source.
type Forcing struct {
	Input  string `json:"input"`
	Source string `json:"source"`
}

// Report is the difference between two plans of a stack.
type Report struct {
	Project string   `json:"project"`
	Stack   string   `json:"stack"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Changes []Change `json:"changes"`
	// Unchanged counts the resources that stay as they are.
	Unchanged int `json:"unchanged"`
	// Refusal is set when the change deletes, replaces or renames a
	// protected resource: `pulumi up` fails on it (see Refusal).
	Refusal *Refusal `json:"refusal,omitempty"`
	// Renames are the renamed components and the change that makes each
	// rename free (see ComponentRename).
	Renames []ComponentRename `json:"renames,omitempty"`
}

// Counts returns how many changes there are of each kind.
func (r *Report) Counts() map[Kind]int {
	out := map[Kind]int{}
	for _, c := range r.Changes {
		out[c.Kind]++
	}
	return out
}

// StatefulLosses are the deletes, replacements and renames of stateful
// resources.
func (r *Report) StatefulLosses() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Stateful() {
			out = append(out, c)
		}
	}
	return out
}

// Compare says what changes from one plan to the other. fromLabel and
// toLabel name the two sides in reports ("HEAD~1", "working tree").
func Compare(from, to *plan.Plan, fromLabel, toLabel string) *Report {
	rep := &Report{Project: to.Project, Stack: to.Stack, From: fromLabel, To: toLabel, Changes: []Change{}}
	if rep.Stack == "" {
		rep.Project, rep.Stack = from.Project, from.Stack
	}
	olds := map[string]plan.Resource{}
	for _, r := range from.Resources {
		olds[r.URN] = r
	}
	news := map[string]bool{}
	for _, r := range to.Resources {
		news[r.URN] = true
	}

	matched := map[string]bool{}   // old URNs paired with a new resource
	aliased := map[string]string{} // new URN → old URN found through an alias
	var created []plan.Resource
	for _, n := range to.Resources {
		if o, ok := olds[n.URN]; ok {
			matched[o.URN] = true
			rep.add(compareInputs(o, n, "", false))
			continue
		}
		// As the engine does: look the resource up by its URN first, then by
		// its aliases; an alias that is itself a resource of the new plan
		// belongs to that resource. Aliases include the type aliases a
		// provider SDK's constructor registers itself (pulumi-aws v7's
		// s3.NewBucket aliases aws:s3/bucketV2:BucketV2), so a resource whose
		// type token was renamed moves instead of being deleted and created.
		found := false
		for _, a := range n.Aliases {
			if o, ok := olds[a]; ok && !matched[a] && !news[a] {
				matched[a] = true
				aliased[n.URN] = o.URN
				rep.add(compareInputs(o, n, o.URN, true))
				found = true
				break
			}
		}
		if !found {
			created = append(created, n)
		}
	}

	// A resource of the same type (a renamed type's old token counting as
	// its new one, plan.CurrentType) and physical name on both sides, under
	// different URNs, is the same cloud object that Pulumi would delete and
	// create again: a rename.
	gone := map[string][]plan.Resource{}
	for _, o := range from.Resources {
		if !matched[o.URN] {
			if name := o.PhysicalName(); name != "" {
				key := plan.CurrentType(o.Type) + "\x00" + name
				gone[key] = append(gone[key], o)
			}
		}
	}
	for _, n := range created {
		key := plan.CurrentType(n.Type) + "\x00" + n.PhysicalName()
		if n.PhysicalName() != "" && len(gone[key]) > 0 {
			o := gone[key][0]
			gone[key] = gone[key][1:]
			matched[o.URN] = true
			c := compareInputs(o, n, o.URN, false)
			c.Kind, c.Forcing = Rename, nil
			c.PhysicalName = n.PhysicalName()
			rep.add(c)
			continue
		}
		rep.add(Change{Kind: Create, Type: n.Type, URN: n.URN, PhysicalName: n.PhysicalName()})
	}
	for _, o := range from.Resources {
		if !matched[o.URN] {
			rep.add(Change{Kind: Delete, Type: o.Type, URN: o.URN, PhysicalName: o.PhysicalName(), Retained: o.RetainOnDelete, Protected: o.Protect})
		}
	}

	for i := range rep.Changes {
		c := &rep.Changes[i]
		if c.Kind != Delete && c.Kind != Replace && c.Kind != Rename {
			c.Protected = false
		}
		if c.Kind == Delete || c.Kind == Replace || c.Kind == Rename {
			if loses, ok := plan.Stateful(c.Type); ok {
				c.Loses = loses
			}
		}
	}
	sort.SliceStable(rep.Changes, func(i, j int) bool {
		a, b := rep.Changes[i], rep.Changes[j]
		if a.Stateful() != b.Stateful() {
			return a.Stateful()
		}
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.URN < b.URN
	})
	rep.Refusal = rep.refusal(from)
	rep.Renames = componentRenames(from, to, aliased, rep.Changes)
	return rep
}

// add records a change, or counts an unchanged resource (Kind "").
func (r *Report) add(c Change) {
	if c.Kind == "" {
		r.Unchanged++
		return
	}
	r.Changes = append(r.Changes, c)
}

// compareInputs pairs an old and a new resource: unchanged (Kind ""),
// update or replace.
func compareInputs(o, n plan.Resource, oldURN string, aliased bool) Change {
	c := Change{Type: n.Type, URN: n.URN, OldURN: oldURN, Aliased: aliased, PhysicalName: n.PhysicalName(), Protected: o.Protect}
	if oldURN == n.URN {
		c.OldURN = ""
	}
	c.Inputs = changedInputs(o.Inputs, n.Inputs)
	if o.Protect != n.Protect {
		c.Inputs = append(c.Inputs, InputChange{Path: "(option) protect", Old: o.Protect, New: n.Protect})
	}
	if o.RetainOnDelete != n.RetainOnDelete {
		c.Inputs = append(c.Inputs, InputChange{Path: "(option) retainOnDelete", Old: o.RetainOnDelete, New: n.RetainOnDelete})
	}
	seen := map[string]bool{}
	for _, in := range c.Inputs {
		key := topKey(in.Path)
		if source, ok := ForcesNew(n.Type, key); ok && !seen[key] {
			seen[key] = true
			c.Forcing = append(c.Forcing, Forcing{Input: key, Source: source})
		}
	}
	switch {
	case len(c.Forcing) > 0:
		c.Kind = Replace
	case len(c.Inputs) > 0 || c.OldURN != "":
		// A move through an alias with no input changed is an update with
		// no inputs: Pulumi only records the new URN, and a reviewer sees
		// the move.
		c.Kind = Update
	}
	return c
}
