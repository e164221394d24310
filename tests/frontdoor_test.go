package tests

import (
	"go/ast"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// frontDoorMaxLines is how long the front README may grow: a page a
// newcomer reads to the end (issue 17). Reference goes beside the code.
const frontDoorMaxLines = 200

// component is a public component package: one with an exported Type token.
type component struct {
	dir   string // components/cronjob
	token string // schedkit:aws:CronJob
}

func (c component) name() string { return c.token[strings.LastIndex(c.token, ":")+1:] }
func (c component) page() string { return c.dir + "/README.md" }

// components finds every package under components/ that declares
// `const Type = "schedkit:..."`: the public components, each of which has a
// reference page.
func components(t *testing.T) []component {
	t.Helper()
	dirs, err := filepath.Glob("../components/*")
	require.NoError(t, err)
	var out []component
	for _, d := range dirs {
		if goFiles, _ := filepath.Glob(filepath.Join(d, "*.go")); len(goFiles) == 0 {
			continue // components/internal: vocabularies only, in subfolders
		}
		dir := strings.TrimPrefix(filepath.ToSlash(d), "../")
		src := parseDir(t, dir)
		for file, f := range src.files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					v := spec.(*ast.ValueSpec)
					if len(v.Names) != 1 || v.Names[0].Name != "Type" || len(v.Values) != 1 {
						continue
					}
					if lit, ok := v.Values[0].(*ast.BasicLit); ok {
						tok, err := strconv.Unquote(lit.Value)
						require.NoError(t, err)
						out = append(out, component{dir: dir, token: tok})
					}
				}
			}
		}
	}
	require.GreaterOrEqual(t, len(out), 12, "the component packages were found")
	return out
}

// tableRows returns every row of the first table under the heading, as cells.
func tableRows(t *testing.T, page, heading string) [][]string {
	t.Helper()
	var rows [][]string
	in, fence := false, false
	for _, line := range strings.Split(readPage(t, page), "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		switch {
		case fence:
		case strings.HasPrefix(line, "#"):
			in = strings.TrimSpace(strings.TrimLeft(line, "#")) == heading
		case in && strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "|---"):
			rows = append(rows, splitRow(line))
		case in && len(rows) > 0 && !strings.HasPrefix(line, "|"):
			return rows[1:] // without the header
		}
	}
	require.NotEmptyf(t, rows, "%s has no table under %q", page, heading)
	return rows[1:]
}

// TestFrontDoor_isShortAndLinksEveryComponentPage: the README stays a front
// door, and its pattern table links every component's page with its type
// token and the fixed cost its page states.
func TestFrontDoor_isShortAndLinksEveryComponentPage(t *testing.T) {
	readme := readPage(t, "README.md")
	lines := strings.Count(readme, "\n")
	assert.LessOrEqualf(t, lines, frontDoorMaxLines, "the README has %d lines: move reference to a component's page or docs/", lines)
	for _, h := range []string{"Patterns", "Quick start", "Two commands", "Where to go next", "Compatibility"} {
		assert.Contains(t, headings(readme), h, "the README's sections")
	}

	rows := tableRows(t, "README.md", "Patterns")
	linked := map[string][]string{}
	link := regexp.MustCompile(`\]\(([^)#]+)\)`)
	for _, row := range rows {
		require.Lenf(t, row, 4, "README pattern row %v: pattern, component, type token, fixed cost", row)
		m := link.FindStringSubmatch(row[1])
		if assert.NotNilf(t, m, "README pattern row %q links its component's page", row[0]) {
			linked[m[1]] = row
		}
	}
	for _, c := range components(t) {
		row, ok := linked[c.page()]
		if !assert.Truef(t, ok, "the README's pattern table does not link %s", c.page()) {
			continue
		}
		assert.Equal(t, "`"+c.token+"`", row[2], c.page())
		fixed := strings.Fields(docTable(t, c.page(), "Defaults")["fixed cost"])
		require.GreaterOrEqual(t, len(fixed), 3, c.page())
		assert.Equalf(t, strings.TrimSuffix(strings.Join(fixed[:3], " "), ":"), row[3], "the README's fixed cost of %s is its page's", c.name())
	}
	assert.Len(t, linked, len(components(t)), "one row per component")
}

// TestComponentPages_haveTheRequiredSections: every component folder has
// its README.md with what a user needs — a picture, a runnable example,
// every argument and output, its defaults and what they cost — and the
// generated parts come from its own package.
func TestComponentPages_haveTheRequiredSections(t *testing.T) {
	for _, c := range components(t) {
		t.Run(c.dir, func(t *testing.T) {
			_, err := os.Stat("../" + c.page())
			require.NoErrorf(t, err, "%s has no README.md: every component has its reference page", c.dir)
			text := readPage(t, c.page())
			lines := strings.Split(text, "\n")
			assert.Equal(t, "# "+c.name(), lines[0], "the page is titled with the component's name")
			assert.Contains(t, text, "`"+c.token+"`", "the page names its type token")
			hs := headings(text)
			for _, h := range []string{"Example", "Arguments", "Outputs", "Defaults"} {
				assert.Containsf(t, hs, h, "%s lacks a %q section", c.page(), h)
			}
			kinds := map[string]bool{}
			for _, b := range generatedBlocks(t, c.page(), lines) {
				if b.dir == c.dir {
					kinds[b.kind] = true
				}
			}
			for _, k := range []string{"example", "fields", "outputs"} {
				assert.Truef(t, kinds[k], "%s has no generated %s block of %s", c.page(), k, c.dir)
			}
			assert.NotEmptyf(t, pagePictures(t, c.page(), lines), "%s has no picture", c.page())
			assert.Contains(t, docTable(t, c.page(), "Defaults"), "fixed cost", "the defaults say what the component costs idle")
		})
	}
}

// TestDocs_linksResolve: every relative link on every page points at a
// file that exists, and a #fragment at one of its headings.
func TestDocs_linksResolve(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, page := range docPages(t) {
		fence := false
		for i, line := range strings.Split(readPage(t, page), "\n") {
			if strings.HasPrefix(line, "```") {
				fence = !fence
			}
			if fence {
				continue
			}
			for _, m := range link.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				file, fragment, _ := strings.Cut(target, "#")
				resolved := page
				if file != "" {
					resolved = path.Join(path.Dir(page), file)
					_, err := os.Stat("../" + resolved)
					assert.NoErrorf(t, err, "%s line %d: link %s", page, i+1, target)
				}
				if fragment != "" && strings.HasSuffix(resolved, ".md") {
					anchors := map[string]bool{}
					for _, h := range headings(readPage(t, resolved)) {
						anchors[anchor(h)] = true
					}
					assert.Truef(t, anchors[fragment], "%s line %d: %s has no heading #%s", page, i+1, resolved, fragment)
				}
			}
		}
	}
}

// anchor is GitHub's fragment for a heading: lower case, spaces as -, and
// punctuation other than - and _ dropped.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestFrontDoor_twoCommandsAreWhatCIRuns: the README's two commands (plan
// the sample deployment's dev stack offline; run every test) are what
// .ci/run runs, so a clean clone proves them on every change.
func TestFrontDoor_twoCommandsAreWhatCIRuns(t *testing.T) {
	var commands []string
	in, fence := false, false
	for _, line := range strings.Split(readPage(t, "README.md"), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			fence = !fence
			if !fence && in && len(commands) > 0 {
				in = false
			}
		case fence && in:
			cmd, _, _ := strings.Cut(line, "#")
			if cmd = strings.TrimSpace(cmd); cmd != "" {
				commands = append(commands, cmd)
			}
		case !fence && strings.HasPrefix(line, "#"):
			in = strings.TrimSpace(strings.TrimLeft(line, "#")) == "Two commands"
		}
	}
	require.Len(t, commands, 2, "the README's two commands")
	assert.Contains(t, commands[0], " synth --stack dev", "the first plans the dev stack")
	assert.Equal(t, "go test ./...", commands[1])
	ci := readPage(t, ".ci/run")
	for _, cmd := range commands {
		perStack := strings.Replace(cmd, "--stack dev", `--stack "$stack"`, 1)
		assert.Truef(t, strings.Contains(ci, cmd+"\n") || strings.Contains(ci, perStack+"\n"), ".ci/run runs the README's %q", cmd)
	}
	assert.Contains(t, ci, "for stack in dev ", ".ci/run plans the dev stack")
}
