package tests

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/synth"
)

// pictureMarker starts a picture in the README; the rest of the line, up to
// " -->", is the synth command that draws it, and a ```mermaid block follows.
const pictureMarker = "<!-- picture: "

// picture is one generated picture in the README.
type picture struct {
	args       []string // the synth command line
	start, end int      // the lines of the mermaid block's body
}

// readmePictures finds every picture in the README's lines.
func readmePictures(t *testing.T, lines []string) []picture {
	t.Helper()
	var out []picture
	for i, line := range lines {
		if !strings.HasPrefix(line, pictureMarker) {
			continue
		}
		command := strings.TrimSuffix(strings.TrimPrefix(line, pictureMarker), " -->")
		require.Lessf(t, i+1, len(lines), "README line %d: a picture marker at the end", i+1)
		require.Equalf(t, "```mermaid", lines[i+1], "README line %d: a picture marker must be followed by a ```mermaid block", i+1)
		end := i + 2
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		require.Lessf(t, end, len(lines), "README line %d: the mermaid block is not closed", i+1)
		out = append(out, picture{args: strings.Fields(command), start: i + 2, end: end})
	}
	return out
}

// TestPictures_inTheReadmeAreWhatSynthDraws checks every picture in the
// README against what `schedkit synth` draws from the stacks program now.
// After a change to the stacks or the components, redraw them with
//
//	go test ./tests -run Pictures -update
func TestPictures_inTheReadmeAreWhatSynthDraws(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	pictures := readmePictures(t, lines)
	require.NotEmpty(t, pictures)
	// Replace from the last picture up, so earlier line numbers stay true.
	for i := len(pictures) - 1; i >= 0; i-- {
		pic := pictures[i]
		var out, errOut bytes.Buffer
		args := append(append([]string(nil), pic.args...), "--dir", platformDir)
		require.Equalf(t, 0, cli.Command(args, stacks.Program, &out, &errOut), "%v: %s", pic.args, errOut.String())
		drawn := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if *update {
			lines = append(lines[:pic.start], append(drawn, lines[pic.end:]...)...)
			continue
		}
		assert.Equalf(t, strings.Join(drawn, "\n"), strings.Join(lines[pic.start:pic.end], "\n"),
			"README picture `%s` is out of date: go test ./tests -run Pictures -update", strings.Join(pic.args, " "))
	}
	if *update {
		require.NoError(t, os.WriteFile("../README.md", []byte(strings.Join(lines, "\n")), 0o644))
	}
}

// TestPictures_showTheStackAndEveryComponentTypeInIt: the README draws the
// dev stack's components, and the inside of one component of each type the
// stack uses.
func TestPictures_showTheStackAndEveryComponentTypeInIt(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	drawn := map[string]bool{}
	stack := false
	for _, pic := range readmePictures(t, strings.Split(string(b), "\n")) {
		fs := flag.NewFlagSet("picture", flag.ContinueOnError)
		stackName := fs.String("stack", "", "")
		fs.String("format", "", "")
		component := fs.String("component", "", "")
		fs.Bool("detail", false, "")
		require.NoError(t, fs.Parse(pic.args[1:]), pic.args)
		require.Equal(t, "synth", pic.args[0])
		assert.Equal(t, "dev", *stackName, "the pictures show the dev stack")
		if *component == "" {
			stack = true
		}
		drawn[*component] = true
	}
	assert.True(t, stack, "the README draws the dev stack's components")

	opts, err := synth.LoadStack(platformDir, "dev")
	require.NoError(t, err)
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	types := map[string][]string{}
	for _, r := range plan.Roots() {
		if !r.Custom && r.Type != "pulumi:pulumi:Stack" {
			types[r.Type] = append(types[r.Type], r.Name)
		}
	}
	require.NotEmpty(t, types)
	for typ, names := range types {
		found := false
		for _, n := range names {
			found = found || drawn[n]
		}
		assert.Truef(t, found, "the README draws no %s (one of %v): add <!-- picture: synth --stack dev --format mermaid --component NAME -->", typ, names)
	}
}
