// Package cli is schedkit's command line: the offline subcommands synth,
// diff, cost and version that every program gets by making cli.Main its
// main. The engine they run programs with is package synth; the readers of
// a plan they call are policy, diff and cost. A deploy binary that needs
// none of them calls pulumi.Run instead.
package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/synth"
)

// Main is the main of a Pulumi program that can also be checked offline:
//
//	func main() { cli.Main(program) }
//
// Run by the Pulumi engine (`pulumi up`, `pulumi preview`) it is exactly
// pulumi.Run(program). Run by hand it takes a subcommand and does the work
// offline, with the Pulumi.yaml and Pulumi.<stack>.yaml of the folder it runs
// in:
//
//	go run . synth --stack dev          # the plan as a tree, and the policy rules
//	go run . diff --stack prod --base main
//	go run . cost --stack prod
//
// A program that panics, or reads configuration the stack lacks, is reported
// as one error naming the cause and where it happened, with exit status 1.
func Main(program pulumi.RunFunc) {
	// The Pulumi language host passes the engine's and the resource
	// monitor's addresses in these variables (pulumi.EnvMonitor,
	// pulumi.EnvEngine), or asks for the program's plugins with
	// PULUMI_PLUGINS; pulumi.Run itself reads them (sdk/go/pulumi/run.go).
	if os.Getenv(pulumi.EnvMonitor) != "" || os.Getenv(pulumi.EnvEngine) != "" || os.Getenv("PULUMI_PLUGINS") != "" {
		pulumi.Run(program) // the engine runs us: behave exactly like pulumi.Run
		return
	}
	args := os.Args[1:]
	if len(args) == 0 || commands[args[0]] == nil || os.Getenv(childEnv) == "1" {
		os.Exit(Command(args, program, os.Stdout, os.Stderr))
	}
	os.Exit(supervise(args))
}

// command is one offline subcommand: its one-line usage and what it does.
type command struct {
	usage string
	run   func(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int
}

// The subcommands' usage lines.
const (
	synthUsage = "synth --stack NAME [--dir DIR] [--out FILE] [--format tree|mermaid [--component NAME] [--detail]]"
	diffUsage  = "diff (--stack NAME --base GITREF [--dir DIR] [--program PKG] | --from PLAN.json --to PLAN.json) [--format text|markdown|json] [--fail-on stateful|none] [--ack FILE]"
	costUsage  = "cost --stack NAME [--dir DIR] [--usage FILE] [--format table|markdown|json] [--budget USD]"
)

var commands = map[string]*command{
	"synth": {
		usage: synthUsage,
		run:   runSynth,
	},
	"diff": {
		usage: diffUsage,
		run:   runDiff,
	},
	"cost": {
		usage: costUsage,
		run:   runCost,
	},
	"version": {
		usage: versionUsage,
		run:   runVersion,
	},
}

// Command runs one offline subcommand (args[0]) on program and returns the
// exit status: 0 done, 1 a program error, policy violation or failed gate,
// 2 bad usage. It is Main without the process around it, for tests.
func Command(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	if len(args) == 0 || commands[args[0]] == nil {
		usage(stderr)
		return 2
	}
	return commands[args[0]].run(args[1:], program, stdout, stderr)
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage:")
	for _, name := range names {
		fmt.Fprintln(w, "  "+commands[name].usage)
	}
	fmt.Fprintln(w, "Run by the Pulumi engine (pulumi up), the program deploys as usual.")
}

// childEnv marks the process supervise starts.
const childEnv = "SCHEDKIT_SYNTH_CHILD"

// supervise runs this same executable again with args and returns its exit
// status. A panic inside an apply happens on a goroutine the Pulumi SDK
// starts, where no recover can reach it; the child's crash is read back here
// and reported as one error instead of a goroutine dump.
func supervise(args []string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	var stderr bytes.Buffer
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, &stderr
	err = cmd.Run()
	if p, ok := synth.CrashError(stderr.String()); ok {
		fmt.Fprintln(os.Stderr, "error:", p)
		return 1
	}
	os.Stderr.Write(stderr.Bytes())
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	return 0
}
