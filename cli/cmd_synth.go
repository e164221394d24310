package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
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
	detail := fs.Bool("detail", false, "mermaid: every resource and dependency, not the data flowing between components")
	component := fs.String("component", "", "mermaid: only the component with this name, drawn from the inside")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *stack == "" || fs.NArg() > 0 || (*format != "tree" && *format != "mermaid") ||
		((*detail || *component != "") && *format != "mermaid") {
		fmt.Fprintln(stderr, "usage: "+synthUsage)
		return 2
	}
	plan, err := synth.RunStack(program, *dir, *stack)
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
	for _, line := range disabledSchedules(plan) {
		fmt.Fprintln(stderr, line)
	}
	return checkPolicy(plan, stderr)
}

// disabledSchedules says which schedules of the plan are disabled: they
// start no run, and a disabled deadline check raises nothing.
func disabledSchedules(p *synth.Plan) []string {
	var out []string
	for _, r := range p.ByType("aws:scheduler/schedule:Schedule") {
		if r.String("state") != "DISABLED" {
			continue
		}
		what := "starts no run"
		if strings.HasSuffix(r.Name, "-deadline-check") || strings.HasSuffix(r.Name, "-max-age-check") {
			what = "a deadline that raises nothing"
		}
		out = append(out, fmt.Sprintf("Disabled: schedule %s (%s %s): %s.", r.Name, r.String("scheduleExpression"), r.String("scheduleExpressionTimezone"), what))
	}
	return out
}

// writeMermaid draws the plan's components, or the inside of the component
// with this name, as a picture of data flows or of every resource (detail).
func writeMermaid(p *synth.Plan, detail bool, component string, stdout io.Writer) error {
	opts := plan.MermaidOptions{Detail: detail}
	if component != "" {
		var found []string
		for _, r := range p.Resources {
			if !r.Custom && r.Type != "pulumi:pulumi:Stack" && r.Name == component {
				found = append(found, r.URN)
			}
		}
		switch len(found) {
		case 0:
			return fmt.Errorf("no component named %q in stack %q", component, p.Stack)
		case 1:
			opts.Component = found[0]
		default:
			return fmt.Errorf("%d components are named %q in stack %q: %s", len(found), component, p.Stack, strings.Join(found, ", "))
		}
	}
	return p.WriteMermaid(stdout, opts)
}

// checkPolicy reports the plan's policy violations: 1 when there are any.
func checkPolicy(plan *synth.Plan, stderr io.Writer) int {
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
