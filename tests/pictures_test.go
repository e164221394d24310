package tests

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/synth"
)

// pictureMarker starts a picture on a page; the rest of the line, up to
// " -->", is the synth command that draws it, and a ```mermaid block follows.
const pictureMarker = "<!-- picture: "

// picture is one generated picture on a page.
type picture struct {
	args       []string // the synth command line
	start, end int      // the lines of the mermaid block's body
}

// pagePictures finds every picture in a page's lines.
func pagePictures(t *testing.T, page string, lines []string) []picture {
	t.Helper()
	var out []picture
	for i, line := range lines {
		if !strings.HasPrefix(line, pictureMarker) {
			continue
		}
		command := strings.TrimSuffix(strings.TrimPrefix(line, pictureMarker), " -->")
		require.Lessf(t, i+1, len(lines), "%s line %d: a picture marker at the end", page, i+1)
		require.Equalf(t, "```mermaid", lines[i+1], "%s line %d: a picture marker must be followed by a ```mermaid block", page, i+1)
		end := i + 2
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		require.Lessf(t, end, len(lines), "%s line %d: the mermaid block is not closed", page, i+1)
		out = append(out, picture{args: strings.Fields(command), start: i + 2, end: end})
	}
	return out
}

// TestPictures_onEveryPageAreWhatSynthDraws checks every picture on every
// page against what `schedkit synth` draws from the sample deployment now.
// After a change to the stacks or the components, redraw them with
//
//	go test ./tests -run Pictures -update
func TestPictures_onEveryPageAreWhatSynthDraws(t *testing.T) {
	total := 0
	for _, page := range docPages(t) {
		lines := strings.Split(readPage(t, page), "\n")
		pictures := pagePictures(t, page, lines)
		total += len(pictures)
		// Replace from the last picture up, so earlier line numbers stay true.
		for i := len(pictures) - 1; i >= 0; i-- {
			pic := pictures[i]
			drawn := strings.Split(strings.TrimSuffix(drawPicture(t, pic.args), "\n"), "\n")
			if *update {
				lines = append(lines[:pic.start], append(drawn, lines[pic.end:]...)...)
				continue
			}
			assert.Equalf(t, strings.Join(drawn, "\n"), strings.Join(lines[pic.start:pic.end], "\n"),
				"%s: picture `%s` is out of date: go test ./tests -run Pictures -update", page, strings.Join(pic.args, " "))
		}
		if *update && len(pictures) > 0 {
			writePage(t, page, strings.Join(lines, "\n"))
		}
	}
	assert.Positive(t, total)
}

// drawPicture runs the synth command of a picture on the sample deployment.
func drawPicture(t *testing.T, args []string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append(append([]string(nil), args...), "--dir", platformDir)
	require.Equalf(t, 0, cli.Command(args, stacks.Program, &out, &errOut), "%v: %s", args, errOut.String())
	return out.String()
}

// TestPictures_showTheStackAndEveryComponentTypeInIt: the front README
// draws the dev stack's components, and the pages draw the inside of one
// component of each type the stack uses.
func TestPictures_showTheStackAndEveryComponentTypeInIt(t *testing.T) {
	drawn := map[string]bool{}
	stack := false
	for _, pic := range pagePictures(t, "README.md", strings.Split(readPage(t, "README.md"), "\n")) {
		stack = stack || pictureComponent(t, pic) == ""
	}
	assert.True(t, stack, "the README draws the dev stack's components")
	for _, page := range docPages(t) {
		for _, pic := range pagePictures(t, page, strings.Split(readPage(t, page), "\n")) {
			drawn[pictureComponent(t, pic)] = true
		}
	}

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
		assert.Truef(t, found, "no page draws a %s (one of %v): add <!-- picture: synth --stack dev --format mermaid --component NAME --> to its page", typ, names)
	}
}

// pictureComponent is the component a picture draws, "" for the whole stack.
func pictureComponent(t *testing.T, pic picture) string {
	t.Helper()
	fs := flag.NewFlagSet("picture", flag.ContinueOnError)
	stackName := fs.String("stack", "", "")
	fs.String("format", "", "")
	component := fs.String("component", "", "")
	fs.Bool("detail", false, "")
	require.NoError(t, fs.Parse(pic.args[1:]), pic.args)
	require.Equal(t, "synth", pic.args[0])
	assert.Equal(t, "dev", *stackName, "the pictures show the dev stack")
	return *component
}
