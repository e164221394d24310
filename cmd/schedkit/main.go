// Command schedkit renders the resource plan of a schedkit stack offline,
// without cloud credentials or the Pulumi CLI:
//
//	schedkit synth --stack dev                 # tree like `pulumi preview`, policy check
//	schedkit synth --stack prod --out plan.json
//	schedkit synth --stack dev --format mermaid
//
// It reads the same Pulumi.yaml and Pulumi.<stack>.yaml that `pulumi up -s
// <stack>` reads, runs the very same stacks program, and exits non-zero on a
// program error or a policy violation.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/stacks"
	"github.com/schedkit/schedkit/synth"
)

func main() {
	os.Exit(run(os.Args[1:], stacks.Program, os.Stdout, os.Stderr))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: schedkit synth --stack NAME [--dir DIR] [--out FILE] [--format tree|mermaid]")
}

// run is main without the exit, for tests: it synthesizes program.
func run(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "synth" {
		usage(stderr)
		return 2
	}
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack to synthesize (dev, staging, prod)")
	dir := fs.String("dir", ".", "folder with Pulumi.yaml and the stack files")
	out := fs.String("out", "", "also write the plan as JSON to this file")
	format := fs.String("format", "tree", "what to print: tree or mermaid")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *stack == "" || fs.NArg() > 0 || (*format != "tree" && *format != "mermaid") {
		usage(stderr)
		return 2
	}

	opts, err := synth.LoadStack(*dir, *stack)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	plan, err := synth.Run(program, opts)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	if *out != "" {
		b, err := plan.JSON()
		if err == nil {
			err = os.WriteFile(*out, append(b, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, "error: writing plan:", err)
			return 1
		}
	}
	switch *format {
	case "mermaid":
		err = plan.WriteMermaid(stdout)
	default:
		err = plan.WriteTree(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	violations := policy.Evaluate(plan, policy.All())
	if len(violations) > 0 {
		fmt.Fprintf(stderr, "\n%d policy violation(s):\n", len(violations))
		for _, v := range violations {
			fmt.Fprintln(stderr, "  "+v.String())
		}
		return 1
	}
	fmt.Fprintf(stderr, "Policy: %d rules, no violations.\n", len(policy.All()))
	return 0
}
