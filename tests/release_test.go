package tests

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cli"
)

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../" + name)
	require.NoError(t, err)
	return string(b)
}

// TestRelease_versionIsTheOneTheDocsName: the release in cli.Version is
// the one the README tells users to get and the changelog's latest entry.
func TestRelease_versionIsTheOneTheDocsName(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	assert.Contains(t, readme, "go get github.com/schedkit/schedkit@"+cli.Version+"\n")
	assert.Contains(t, readme, "git clone --depth 1 --branch "+cli.Version+" ")
	// Any page that names a release names this one.
	release := regexp.MustCompile(`(?:schedkit@|--branch |schedkit )(v\d+\.\d+\.\d+)\b`)
	for _, page := range docPages(t) {
		if page == "CHANGELOG.md" {
			continue // every release's entry
		}
		for _, m := range release.FindAllStringSubmatch(readPage(t, page), -1) {
			assert.Equalf(t, cli.Version, m[1], "%s: %q", page, m[0])
		}
	}

	changelog := readRepoFile(t, "CHANGELOG.md")
	releases := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$`).FindAllStringSubmatch(changelog, -1)
	require.NotEmpty(t, releases, "CHANGELOG.md has release entries")
	assert.Equal(t, strings.TrimPrefix(cli.Version, "v"), releases[0][1], "the newest changelog entry is cli.Version")
	assert.Contains(t, changelog, "["+strings.TrimPrefix(cli.Version, "v")+"]: https://github.com/schedkit/schedkit/releases/tag/"+cli.Version)
}

// TestRelease_goVersionIsTheOneTheDocsName: the README's Go requirement is
// the go directive of schedkit's go.mod, which the quick start shares.
func TestRelease_goVersionIsTheOneTheDocsName(t *testing.T) {
	directive := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)(?:\.\d+)?$`)
	root := directive.FindStringSubmatch(readRepoFile(t, "go.mod"))
	require.NotNil(t, root)
	assert.Contains(t, readRepoFile(t, "README.md"), "You need Go "+root[1]+"."+root[2]+" or newer")
	quickstart := directive.FindStringSubmatch(readRepoFile(t, "examples/quickstart/go.mod"))
	require.NotNil(t, quickstart)
	assert.Equal(t, root[0], quickstart[0])
}

func TestRelease_licenseIsApache2(t *testing.T) {
	license := readRepoFile(t, "LICENSE")
	assert.Contains(t, license, "Apache License\n                           Version 2.0, January 2004")
	assert.Contains(t, license, "END OF TERMS AND CONDITIONS")
	assert.Contains(t, readRepoFile(t, "NOTICE"), "Copyright 2026 The schedkit authors")
}
