package synth

// A program's panic, reported as one error naming the cause and the first
// frame of the program's own code: Run recovers a panic on the program's
// goroutine; CrashError reads one from a crashed program's stderr (a panic
// in an apply, on a goroutine the Pulumi SDK starts, where no recover
// reaches).

import (
	"fmt"
	"strings"
)

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

// CrashError reads the Go crash report a program wrote to stderr when it
// panicked and returns the panic as one error, as Run reports a panic it
// recovers: "the program panicked: <message>\n  at <function> (<file:line>)",
// or the configuration key a config.Require found missing. ok is false when
// stderr holds no crash report.
func CrashError(stderr string) (err error, ok bool) {
	p, ok := parsePanic(stderr)
	if !ok {
		return nil, false
	}
	return p, true
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
		"github.com/schedkit/schedkit/cli.Main", "github.com/schedkit/schedkit/cli.Command",
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
