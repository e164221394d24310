package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// maxInputs is how many changed inputs text and markdown show per resource.
const maxInputs = 8

var symbols = map[Kind]string{Create: "+", Update: "~", Replace: "+-", Rename: "=>", Delete: "-"}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteText writes the report like `pulumi preview`: one line per changed
// resource with its details below, the counts, then the stateful losses.
func (r *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "schedkit diff %s: %s → %s\n\n", r.Stack, r.From, r.To)
	if len(r.Changes) == 0 {
		fmt.Fprintf(w, "No changes: %d resources unchanged.\n", r.Unchanged)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range r.Changes {
		info := ""
		if len(c.Inputs) > 0 {
			info = "[diff: " + diffKeys(c) + "]"
		}
		if c.Stateful() {
			info = strings.TrimSpace("STATEFUL " + info)
		}
		line := fmt.Sprintf(" %s\t%s\t%s\t%s", symbols[c.Kind], c.Type, name(c.URN), c.Kind)
		if info != "" {
			line += "\t" + info
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, c := range r.Changes {
		lines := details(c)
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s %s %s\n", symbols[c.Kind], c.Type, name(c.URN))
		for _, l := range lines {
			fmt.Fprintln(w, "    "+l)
		}
	}
	fmt.Fprintln(w, "Resources:")
	counts := r.Counts()
	for _, k := range []Kind{Create, Update, Replace, Rename, Delete} {
		if counts[k] > 0 {
			fmt.Fprintf(w, "    %-2s %d to %s\n", symbols[k], counts[k], k)
		}
	}
	fmt.Fprintf(w, "       %d unchanged\n", r.Unchanged)
	r.writeLosses(w, "")
	r.writeRenames(w, "")
	r.writeRefusal(w, "")
	return nil
}

// writeLosses lists the stateful losses and how to acknowledge them.
func (r *Report) writeLosses(w io.Writer, indent string) {
	losses := r.StatefulLosses()
	if len(losses) == 0 {
		return
	}
	open := r.Unacknowledged()
	fmt.Fprintf(w, "\n%sWARNING: %d stateful resource(s) would be lost, %d not acknowledged:\n", indent, len(losses), len(open))
	for _, c := range losses {
		state := "NOT acknowledged"
		if c.Acknowledged != "" {
			state = "acknowledged: " + c.Acknowledged
		}
		fmt.Fprintf(w, "%s  %s %s %s: loses %s (%s)\n", indent, c.Kind, c.Type, name(c.AckURN()), c.Loses, state)
	}
	if len(open) > 0 {
		fmt.Fprintf(w, "%sIf a loss is intended, acknowledge it in %s (reviewed with the change):\n", indent, AckFile)
		fmt.Fprintf(w, "%s  acknowledged:\n", indent)
		for _, c := range open {
			fmt.Fprintf(w, "%s    - stack: %s\n%s      urn: %s\n%s      reason: <why this loss is intended>\n", indent, r.Stack, indent, yamlString(c.AckURN()), indent)
		}
	}
}

// WriteMarkdown writes the report for a pull-request comment.
func (r *Report) WriteMarkdown(w io.Writer) error {
	fmt.Fprintf(w, "### schedkit diff: `%s`, %s → %s\n\n", r.Stack, r.From, r.To)
	losses, open := r.StatefulLosses(), r.Unacknowledged()
	if len(open) > 0 {
		fmt.Fprintf(w, "> [!CAUTION]\n> **%d stateful resource(s) would be lost and are not acknowledged.** "+
			"Deleting or replacing them loses what they hold. If that is intended, acknowledge each in `%s`.\n\n", len(open), AckFile)
	} else if len(losses) > 0 {
		fmt.Fprintf(w, "> [!WARNING]\n> %d stateful resource(s) would be lost; every loss is acknowledged.\n\n", len(losses))
	}
	if len(r.Changes) == 0 {
		fmt.Fprintf(w, "No changes: %d resources unchanged.\n", r.Unchanged)
		return nil
	}
	counts := r.Counts()
	var summary []string
	for _, k := range []Kind{Create, Update, Replace, Rename, Delete} {
		if counts[k] > 0 {
			summary = append(summary, fmt.Sprintf("%d to %s", counts[k], k))
		}
	}
	summary = append(summary, fmt.Sprintf("%d unchanged", r.Unchanged))
	fmt.Fprintf(w, "%s.\n\n", strings.Join(summary, ", "))
	fmt.Fprintln(w, "| | Change | Type | Name | Details |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, c := range r.Changes {
		mark := ""
		if c.Stateful() {
			mark = "⚠️"
			if c.Acknowledged == "" {
				mark = "🛑"
			}
		}
		fmt.Fprintf(w, "| %s | `%s` %s | `%s` | `%s` | %s |\n", mark, symbols[c.Kind], c.Kind, c.Type, name(c.URN), cell(details(c)))
	}
	if len(r.Renames) > 0 {
		fmt.Fprintln(w, "\n> [!TIP]")
		var b strings.Builder
		r.writeRenames(&b, "> ")
		fmt.Fprint(w, strings.TrimPrefix(b.String(), "\n"))
	}
	if r.Refusal != nil {
		fmt.Fprintln(w, "\n> [!CAUTION]")
		var b strings.Builder
		r.writeRefusal(&b, "> ")
		fmt.Fprint(w, strings.TrimPrefix(b.String(), "\n"))
	}
	return nil
}

// details are the lines that explain one change.
func details(c Change) []string {
	var out []string
	switch {
	case c.Kind == Rename:
		out = append(out,
			"was "+c.OldURN+" ("+c.PhysicalName+")",
			"Pulumi deletes the old URN and creates the new one (the create may fail: the name is taken).",
			"An alias would keep it: pulumi.Aliases([]pulumi.Alias{{URN: pulumi.URN(\""+c.OldURN+"\")}})")
	case c.Aliased:
		out = append(out, "moved from "+c.OldURN+" (found through its aliases)")
	}
	for _, f := range c.Forcing {
		out = append(out, fmt.Sprintf("replaced: %s forces a new resource (%s)", f.Input, f.Source))
	}
	for i, in := range c.Inputs {
		if i == maxInputs {
			out = append(out, fmt.Sprintf("… and %d more input(s)", len(c.Inputs)-maxInputs))
			break
		}
		out = append(out, fmt.Sprintf("~ %s: %s → %s", in.Path, value(in.Old), value(in.New)))
	}
	if c.Protected {
		out = append(out, "protected: `pulumi up` refuses to delete it until its protect option is turned off")
	}
	if c.Stateful() {
		line := "STATEFUL: loses " + c.Loses
		if c.Kind == Delete && c.Retained {
			line += " from the stack (retainOnDelete keeps the cloud resource, unmanaged)"
		}
		if c.Acknowledged != "" {
			line += "; acknowledged: " + c.Acknowledged
		}
		out = append(out, line)
	}
	return out
}

// diffKeys are the changed top-level inputs, as pulumi preview's
// "[diff: ~a,~b]".
func diffKeys(c Change) string {
	var keys []string
	seen := map[string]bool{}
	for _, in := range c.Inputs {
		k := topKey(in.Path)
		if !seen[k] {
			seen[k] = true
			keys = append(keys, "~"+k)
		}
	}
	return strings.Join(keys, ",")
}

// value renders one input value on one line, at most 80 characters.
func value(v any) string {
	if v == nil {
		return "(none)"
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	s := fmt.Sprint(v)
	if enc.Encode(v) == nil {
		s = strings.TrimSuffix(b.String(), "\n")
	}
	if len([]rune(s)) > 80 {
		s = string([]rune(s)[:77]) + "..."
	}
	return s
}

// name is the last part of a URN: the resource's logical name.
func name(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

// cell joins detail lines for one markdown table cell.
func cell(lines []string) string {
	for i, l := range lines {
		l = strings.ReplaceAll(l, "|", `\|`)
		lines[i] = strings.ReplaceAll(l, "\n", " ")
	}
	return strings.Join(lines, "<br>")
}

// yamlString quotes a URN for YAML (URNs hold "::" and "$").
func yamlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
