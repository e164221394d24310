package tests

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The documentation is a set of Markdown pages: the front README, the
// reference beside each component (components/<pattern>/README.md), the
// pages under docs/, DESIGN.md, the changelog and the examples' READMEs.
// Every table, picture and cost figure on them is generated or checked by
// a test of this package; -update (update_test.go) rewrites what is
// generated.

// docPages lists every documentation page, relative to the repository root.
func docPages(t *testing.T) []string {
	t.Helper()
	pages := []string{"README.md", "DESIGN.md", "CHANGELOG.md"}
	for _, pattern := range []string{"docs/*.md", "components/*/README.md", "examples/*/README.md"} {
		found, err := filepath.Glob("../" + pattern)
		require.NoError(t, err)
		for _, f := range found {
			pages = append(pages, strings.TrimPrefix(filepath.ToSlash(f), "../"))
		}
	}
	sort.Strings(pages)
	return pages
}

// readPage returns a page's text; page is relative to the repository root.
func readPage(t *testing.T, page string) string {
	t.Helper()
	b, err := os.ReadFile("../" + page)
	require.NoError(t, err)
	return string(b)
}

// writePage rewrites a page (under -update only).
func writePage(t *testing.T, page, text string) {
	t.Helper()
	require.True(t, *update, "only -update rewrites a page")
	require.NoError(t, os.WriteFile("../"+page, []byte(text), 0o644))
}

// docTable returns the rows (first cell → second cell) of the first table
// under the heading on the page.
func docTable(t *testing.T, page, heading string) map[string]string {
	t.Helper()
	rows := map[string]string{}
	in := false
	sc := bufio.NewScanner(strings.NewReader(readPage(t, page)))
	fence := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if fence {
			continue
		}
		if strings.HasPrefix(line, "#") {
			in = strings.TrimSpace(strings.TrimLeft(line, "#")) == heading
			continue
		}
		if !in || !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := splitRow(line)
		if len(cells) >= 2 {
			rows[cells[0]] = cells[1]
		}
	}
	require.NotEmptyf(t, rows, "%s has no table under %q", page, heading)
	return rows
}

// splitRow splits a Markdown table row into its trimmed cells; an escaped
// \| stays inside its cell.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cell strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cell.WriteString(`\|`)
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// headings lists a page's headings outside code blocks, without their #s.
func headings(text string) []string {
	var out []string
	fence := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if !fence && strings.HasPrefix(line, "#") {
			out = append(out, strings.TrimSpace(strings.TrimLeft(line, "#")))
		}
	}
	return out
}
