package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/diff"
	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// runDiff is `diff`: what `pulumi up` would change in a stack, compared
// with a git ref (the working tree in this process, the ref in a temporary
// copy built once per commit, see base.go) or between two plan files, and a
// gate on stateful losses.
func runDiff(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack to compare, as in Pulumi.<stack>.yaml")
	dir := fs.String("dir", ".", "folder with Pulumi.yaml and the stack files")
	base := fs.String("base", "", "git ref to compare the working tree with")
	prog := fs.String("program", "", "with --base: the program package that has `synth --out` at the ref, relative to --dir (default: Pulumi.yaml's main)")
	from := fs.String("from", "", "plan JSON of the stack before")
	to := fs.String("to", "", "plan JSON of the stack after")
	format := fs.String("format", "text", "text, markdown or json")
	failOn := fs.String("fail-on", "stateful", "stateful: exit 1 on a stateful delete, replace or rename not acknowledged; none: never")
	ackPath := fs.String("ack", "", "reviewed file of acknowledged stateful losses (default: "+diff.AckFile+" in --dir)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	byRef := *base != "" && *from == "" && *to == "" && *stack != ""
	byFiles := *base == "" && *from != "" && *to != ""
	if (!byRef && !byFiles) || fs.NArg() > 0 || !oneOf(*format, "text", "markdown", "json") || !oneOf(*failOn, "stateful", "none") {
		fmt.Fprintln(stderr, "usage: "+diffUsage)
		return 2
	}

	var before, after *plan.Plan
	var fromLabel, toLabel string
	var err error
	if byFiles {
		if before, err = plan.Read(*from); err == nil {
			after, err = plan.Read(*to)
		}
		fromLabel, toLabel = *from, *to
		if err == nil && *stack != "" && (before.Stack != *stack || after.Stack != *stack) {
			err = fmt.Errorf("--stack %s: the plans are of stacks %q and %q", *stack, before.Stack, after.Stack)
		}
	} else {
		var found bool
		before, found, err = basePlan(*dir, *stack, *base, *prog, stderr)
		if err == nil && !found {
			fmt.Fprintf(stdout, "schedkit diff %s: no base: %s is not a commit of this repository (a first commit, or a shallow clone?): nothing to compare.\n", *stack, *base)
			return 0
		}
		if err == nil {
			after, err = synth.RunStack(program, *dir, *stack)
		}
		fromLabel, toLabel = *base, "working tree"
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}

	report := diff.Compare(before, after, fromLabel, toLabel)
	if *ackPath == "" {
		*ackPath = filepath.Join(*dir, diff.AckFile)
	}
	acks, err := diff.ReadAcks(*ackPath)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	report.Acknowledge(acks)

	switch *format {
	case "json":
		err = report.WriteJSON(stdout)
	case "markdown":
		err = report.WriteMarkdown(stdout)
	default:
		err = report.WriteText(stdout)
	}
	if err == nil && *format != "json" {
		err = writeCostDelta(stdout, before, after, *format)
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	// A refused change fails whatever the acknowledgements say: the update
	// fails, and without a preview it deletes first (diff.Refusal).
	if f := report.Refusal; *failOn == "stateful" && f != nil {
		if len(f.DeletedFirst) == 0 { // a delete lock (keep.Policy.Lock) goes first and fails
			fmt.Fprintf(stderr, "diff: pulumi up will fail on %d protected resource(s), with or without a preview before deleting anything\n", len(f.Refused))
		} else {
			fmt.Fprintf(stderr, "diff: pulumi up will fail on %d protected resource(s); without a preview it first deletes %d resource(s)\n", len(f.Refused), len(f.DeletedFirst))
		}
		return 1
	}
	if open := report.Unacknowledged(); *failOn == "stateful" && len(open) > 0 {
		fmt.Fprintf(stderr, "diff: %d stateful resource(s) would be lost without an acknowledgement in %s\n", len(open), *ackPath)
		return 1
	}
	return 0
}

func oneOf(s string, choices ...string) bool {
	for _, c := range choices {
		if s == c {
			return true
		}
	}
	return false
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// writeCostDelta adds what the change does to the monthly cost, as `schedkit
// cost` estimates it with its default usage: a pull request shows
// "+$12.40/month" beside what it changes. A plan cost cannot price is
// reported, not fatal.
func writeCostDelta(w io.Writer, before, after *plan.Plan, format string) error {
	was, err := cost.Estimate(before, cost.Usage{})
	var now *cost.Report
	if err == nil {
		now, err = cost.Estimate(after, cost.Usage{})
	}
	line := ""
	if err != nil {
		line = "Monthly cost: not estimated (" + err.Error() + ")."
	} else {
		delta := now.Total() - was.Total()
		sign := "+"
		if delta < 0 {
			sign, delta = "-", -delta
		}
		line = fmt.Sprintf("Monthly cost: %s → %s (%s%s/month), by schedkit cost at its default usage", cost.USD(was.Total()), cost.USD(now.Total()), sign, cost.USD(delta))
		if now.Unknown > 0 {
			line += fmt.Sprintf("; %d line(s) have no price and are not counted", now.Unknown)
		}
		line += "."
	}
	if format == "markdown" {
		line = "**" + strings.Replace(line, ":", ":**", 1)
	}
	_, err = fmt.Fprintln(w, "\n"+line)
	return err
}
