package cli

import (
	"flag"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/synth"
)

// runCost is `cost`: estimate the stack's monthly cost per component from
// its plan and the usage assumptions, print it, and gate on a budget.
func runCost(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cost", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack to price, as in Pulumi.<stack>.yaml")
	dir := fs.String("dir", ".", "folder with Pulumi.yaml and the stack files")
	usagePath := fs.String("usage", "", "YAML file of usage assumptions (runtimes, volumes, credit price)")
	format := fs.String("format", "table", "what to print: table, markdown or json")
	budget := fs.Float64("budget", math.NaN(), "fail (exit 1) when the known monthly total exceeds this many USD")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *stack == "" || fs.NArg() > 0 || !slices.Contains(cost.Formats, *format) || (!math.IsNaN(*budget) && *budget < 0) {
		fmt.Fprintln(stderr, "usage: "+costUsage)
		return 2
	}
	var usage cost.Usage
	if *usagePath != "" {
		u, err := cost.LoadUsage(*usagePath)
		if err != nil {
			fmt.Fprintln(stderr, "error:", err)
			return 2
		}
		usage = u
	}
	plan, err := synth.RunStack(program, *dir, *stack)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	report, err := cost.Estimate(plan, usage)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	if err := report.WriteFormat(stdout, *format); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	if math.IsNaN(*budget) {
		return 0
	}
	return budgetGate(report, *budget, stderr)
}

// budgetGate fails when the known monthly total exceeds the budget. Lines
// without a price are not in the total: it says so, without failing on them.
func budgetGate(r *cost.Report, budget float64, stderr io.Writer) int {
	if r.Total() > budget {
		fmt.Fprintf(stderr, "Budget: %s a month exceeds the budget of %s.\n", cost.USD(r.Total()), cost.USD(budget))
		return 1
	}
	msg := fmt.Sprintf("Budget: %s a month is within the budget of %s", cost.USD(r.Total()), cost.USD(budget))
	if r.Unknown > 0 {
		msg += fmt.Sprintf(", but %d line(s) have no price and are not counted", r.Unknown)
	}
	fmt.Fprintln(stderr, msg+".")
	return 0
}
