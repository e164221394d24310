package tests

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeCommands is the README's two commands: the first sh block of two
// commands, one of them `go test ./...` (one command a line, comments
// dropped).
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, block := range strings.Split(string(b), "```sh\n")[1:] {
		body, _, _ := strings.Cut(block, "```")
		var commands []string
		for _, line := range strings.Split(body, "\n") {
			command, _, _ := strings.Cut(line, "#")
			if command = strings.Join(strings.Fields(command), " "); command != "" {
				commands = append(commands, command)
			}
		}
		if len(commands) == 2 && (commands[0] == "go test ./..." || commands[1] == "go test ./...") {
			return commands
		}
	}
	require.FailNow(t, "the README has no sh block of two commands, one `go test ./...`")
	return nil
}

// TestCI_runsTheReadmesCommands: .ci/run calls the README's commands as the
// README writes them (with a stack variable for the stack's name), so CI
// breaks when they do.
func TestCI_runsTheReadmesCommands(t *testing.T) {
	b, err := os.ReadFile("../.ci/run")
	require.NoError(t, err)
	run := strings.ReplaceAll(string(b), `"$stack"`, "dev")
	commands := readmeCommands(t)
	assert.Contains(t, commands, "go -C examples/platform run . synth --stack dev", "the first command plans the sample deployment's dev stack from the root")
	for _, c := range commands {
		assert.Containsf(t, run, c, ".ci/run does not run the README's %q", c)
	}
}
