package synth

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Main is the main of a Pulumi program that can also be checked offline:
//
//	func main() { synth.Main(program) }
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
	if p, ok := parsePanic(stderr.String()); ok {
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

// programPanic is a panic in a program: its message and the first frame of
// the program's own code (not the Go runtime's or the Pulumi SDK's).
type programPanic struct {
	message string
	frame   string // "function (file:line)", "" when none is found
}

func (p programPanic) Error() string {
	s := "the program panicked: " + p.message
	if key, ok := missingConfig(p.message); ok {
		s = fmt.Sprintf("the program requires configuration key %s, which the stack does not set: "+
			"add it to the stack file (Pulumi.<stack>.yaml) or give it a default in Pulumi.yaml", key)
	}
	if p.frame != "" {
		s += "\n  at " + p.frame
	}
	return s
}

// parsePanic reads a Go crash report ("panic: ...", then goroutine stacks).
func parsePanic(stderr string) (programPanic, bool) {
	i := strings.Index(stderr, "panic: ")
	if i < 0 || (i > 0 && stderr[i-1] != '\n') || !strings.Contains(stderr[i:], "\ngoroutine ") {
		return programPanic{}, false
	}
	report := stderr[i+len("panic: "):]
	end := strings.Index(report, "\n\ngoroutine ")
	if end < 0 {
		end = strings.Index(report, "\ngoroutine ")
	}
	message := strings.TrimSpace(report[:end])
	message = strings.TrimSuffix(message, " [recovered]")
	return programPanic{message: oneLine(message), frame: programFrame(report[end:])}, true
}

// programFrame finds, in a goroutine stack ("function(args)\n\tfile:line
// +0x.."), the first function that is neither the Go runtime's nor the
// Pulumi SDK's nor this package's supervision.
func programFrame(stack string) string {
	lines := strings.Split(stack, "\n")
	for i := 0; i+1 < len(lines); i++ {
		fn := lines[i]
		if !strings.HasPrefix(lines[i+1], "\t") || strings.HasPrefix(fn, "\t") || fn == "" || strings.HasPrefix(fn, "goroutine ") {
			continue
		}
		if library(fn) {
			continue
		}
		loc := strings.TrimSpace(lines[i+1])
		if j := strings.LastIndex(loc, " +0x"); j > 0 {
			loc = loc[:j]
		}
		if k := strings.LastIndex(fn, "("); k > 0 {
			fn = fn[:k]
		}
		return fn + " (" + loc + ")"
	}
	return ""
}

func library(fn string) bool {
	for _, prefix := range []string{
		"runtime.", "runtime/", "panic(", "reflect.", "testing.", "sync.", "created by ",
		"github.com/pulumi/pulumi/sdk/",
		"github.com/schedkit/schedkit/synth.Run", "github.com/schedkit/schedkit/synth.Main",
	} {
		if strings.HasPrefix(fn, prefix) {
			return true
		}
	}
	return false
}

// oneLine joins a multi-line panic message (the Pulumi SDK's missing-config
// panic has a second, indented line) with single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// missingConfig reads the key out of the Pulumi SDK's panic for a required
// configuration value the stack lacks ("Missing required configuration
// variable 'ns:key'", from config.Require and its typed forms).
func missingConfig(message string) (string, bool) {
	const prefix = "Missing required configuration variable '"
	if !strings.HasPrefix(message, prefix) {
		return "", false
	}
	rest := message[len(prefix):]
	end := strings.Index(rest, "'")
	if end <= 0 {
		return "", false
	}
	return rest[:end], true
}
