package stacks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/schedkit/schedkit/components/training"
)

// TestSettings_readOnce: the stack's configuration is read in one place,
// LoadSettings, and handed to every part of the program as Settings.
func TestSettings_readOnce(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	readers := map[string]int{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		if n := strings.Count(string(b), "config.New("); n > 0 {
			readers[f] = n
		}
	}
	assert.Equal(t, map[string]int{"stacks.go": 1}, readers, "config.New only in LoadSettings")
}

// TestSettings_pulumiYamlStatesOnlyWhatDiffers: Pulumi.yaml's defaults are
// the zero value (which leaves a component's own default in force) except
// where the organisation chooses differently, each for a reason.
func TestSettings_pulumiYamlStatesOnlyWhatDiffers(t *testing.T) {
	b, err := os.ReadFile("../Pulumi.yaml")
	require.NoError(t, err)
	var project struct {
		Main   string `yaml:"main"`
		Config map[string]struct {
			Default any `yaml:"default"`
		} `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal(b, &project))
	assert.Empty(t, project.Main, "the program is the project's folder itself")

	chosen := map[string]any{
		// The organisation's schedule: components have none by default.
		"nightlyReportSchedule": "cron(0 2 * * ? *)",
		// A boolean's zero value would turn these schedules off; on is what
		// a component does unless told otherwise.
		"nightlyReportEnabled": true,
		"mlSchedulesEnabled":   true,
		// Smaller than the component's default, on purpose.
		"trainingInstanceType": "ml.m5.large",
	}
	assert.NotEqual(t, training.DefaultInstanceType, chosen["trainingInstanceType"])
	for key, c := range project.Config {
		if want, ok := chosen[key]; ok {
			assert.Equal(t, want, c.Default, key)
			continue
		}
		switch d := c.Default.(type) {
		case nil, string, int, bool:
			assert.Zerof(t, d, "Pulumi.yaml config %s restates a default (%v): leave it zero so the component's own default applies", key, d)
		default:
			assert.Failf(t, "unexpected default", "%s: %v", key, d)
		}
	}
}
