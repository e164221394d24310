package synth

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/policy"
)

// runSynth is `synth`: print the plan (tree or picture), write it as JSON on
// request, and check it against every policy rule.
func runSynth(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack to synthesize, as in Pulumi.<stack>.yaml")
	dir := fs.String("dir", ".", "folder with Pulumi.yaml and the stack files")
	out := fs.String("out", "", "also write the plan as JSON to this file")
	format := fs.String("format", "tree", "what to print: tree or mermaid")
	detail := fs.Bool("detail", false, "mermaid: every resource and dependency, not the components and their data flows")
	component := fs.String("component", "", "mermaid: draw the inside of the top-level component with this name")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *stack == "" || fs.NArg() > 0 || (*format != "tree" && *format != "mermaid") ||
		((*detail || *component != "") && *format != "mermaid") || (*detail && *component != "") {
		fmt.Fprintln(stderr, "usage: "+synthUsage)
		return 2
	}
	plan, err := runStack(program, *dir, *stack)
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
		err = writeMermaid(plan, *detail, *component, stdout)
	default:
		err = plan.WriteTree(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return checkPolicy(plan, stderr)
}

// writeMermaid draws the plan's components, one component's inside, or every
// resource.
func writeMermaid(plan *Plan, detail bool, component string, stdout io.Writer) error {
	switch {
	case detail:
		return plan.WriteMermaidDetail(stdout)
	case component != "":
		for _, r := range plan.Roots() {
			if !r.Custom && r.Name == component {
				return plan.WriteComponentMermaid(stdout, r.URN)
			}
		}
		return fmt.Errorf("no top-level component named %q in stack %q", component, plan.Stack)
	default:
		return plan.WriteMermaid(stdout)
	}
}

// runStack synthesizes program as the stack the files in dir describe.
func runStack(program pulumi.RunFunc, dir, stack string) (*Plan, error) {
	opts, err := LoadStack(dir, stack)
	if err != nil {
		return nil, err
	}
	return Run(program, opts)
}

// checkPolicy reports the plan's policy violations: 1 when there are any.
func checkPolicy(plan *Plan, stderr io.Writer) int {
	rules := policy.All()
	violations := policy.Evaluate(plan, rules)
	if len(violations) > 0 {
		fmt.Fprintf(stderr, "\n%d policy violation(s):\n", len(violations))
		for _, v := range violations {
			fmt.Fprintln(stderr, "  "+v.String())
		}
		return 1
	}
	fmt.Fprintf(stderr, "Policy: %d rules, no violations.\n", len(rules))
	return 0
}
