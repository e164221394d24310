package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/warehouse"
)

func TestLayout_everyExampleIsAStandaloneTestedGoProgram(t *testing.T) {
	dirs, err := filepath.Glob("../examples/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		if filepath.Base(dir) == "ci" {
			continue // the CI workflow template, not a program: see ci_template_test.go
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, "Pulumi.yaml"))
			require.NoError(t, err)
			var project struct {
				Name    string `yaml:"name"`
				Runtime any    `yaml:"runtime"`
			}
			require.NoError(t, yaml.Unmarshal(b, &project))
			assert.NotEmpty(t, project.Name)
			runtime, _ := project.Runtime.(string)
			if m, ok := project.Runtime.(map[string]any); ok {
				runtime, _ = m["name"].(string)
			}
			assert.Equal(t, "go", runtime)
			// Pulumi.dev.yaml makes `go run . synth --stack dev` work in
			// the example's folder, as the README says it does.
			for _, f := range []string{"main.go", "main_test.go", "Pulumi.dev.yaml"} {
				_, err := os.Stat(filepath.Join(dir, f))
				assert.NoError(t, err, f)
			}
		})
	}
}

func TestLayout_componentTokensAreSchedkitAndInTheReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, token := range []string{alerts.Type, cronjob.Type, stream.Type, batch.Type, inference.Type, training.Type, taskgraph.Type, snowpipe.Type, warehouse.Type,
		lambdaarch.Type, hybrid.Type, trainingdata.Type} {
		parts := strings.Split(token, ":")
		require.Len(t, parts, 3, token)
		assert.Equal(t, "schedkit", parts[0], token)
		// Patterns that span AWS and Snowflake are "pipelines".
		assert.Contains(t, []string{"aws", "snowflake", "pipelines"}, parts[1], token)
		assert.Contains(t, string(readme), "`"+token+"`", "the README's pattern table names %s", token)
	}
}
