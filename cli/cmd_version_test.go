package cli

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVersion_printsTheRelease(t *testing.T) {
	assert.Regexp(t, `^v\d+\.\d+\.\d+$`, Version, "a release tag Go modules accept")
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, Command([]string{"version"}, nil, &out, &errOut))
	assert.Equal(t, "schedkit "+Version+"\n", out.String())
	assert.Empty(t, errOut.String())

	assert.Equal(t, 2, Command([]string{"version", "--stack", "dev"}, nil, &out, &errOut))
}

func TestVersion_namesADifferentModuleVersion(t *testing.T) {
	for module, want := range map[string]string{
		"":                                     "schedkit " + Version,
		"(devel)":                              "schedkit " + Version,
		Version:                                "schedkit " + Version,
		"v0.1.1-0.20261203093000-abcdefabcdef": "schedkit " + Version + " (module github.com/schedkit/schedkit v0.1.1-0.20261203093000-abcdefabcdef)",
	} {
		assert.Equal(t, want, versionLine(module), module)
	}
}
