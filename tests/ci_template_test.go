package tests

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow these tests read.
type workflow struct {
	On   map[string]any `yaml:"on"`
	Env  map[string]string
	Jobs map[string]struct {
		If          string
		Needs       any
		Uses        string
		With        map[string]string
		Permissions map[string]string
		Environment string
		Concurrency struct {
			Group            string
			CancelInProgress bool `yaml:"cancel-in-progress"`
		}
		Steps []struct {
			Uses string
			Run  string
			With map[string]string
		}
	}
}

func readWorkflow(t *testing.T, name string) (workflow, string) {
	t.Helper()
	b, err := os.ReadFile("../examples/ci/" + name)
	require.NoError(t, err)
	var w workflow
	require.NoError(t, yaml.Unmarshal(b, &w))
	return w, string(b)
}

// The workflows' syntax and expressions are actionlint's job (.ci/run);
// these tests hold what the template promises a team in examples/ci/README.md.

func TestCITemplate_actionsArePinnedToCommits(t *testing.T) {
	pinned := regexp.MustCompile(`^\s+(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$`)
	for _, name := range []string{"infrastructure.yml", "deploy.yml"} {
		_, text := readWorkflow(t, name)
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "uses: ") && !strings.Contains(line, "uses: ./") {
				assert.Regexp(t, pinned, line, "%s: an action is pinned to a full commit SHA, its release in a comment", name)
			}
		}
	}
}

func TestCITemplate_pullRequestsPlanWithoutCloudCredentials(t *testing.T) {
	w, _ := readWorkflow(t, "infrastructure.yml")
	assert.Contains(t, w.On, "pull_request")
	plan := w.Jobs["plan"]
	assert.Equal(t, "github.event_name == 'pull_request'", plan.If)
	assert.Equal(t, map[string]string{"contents": "read", "pull-requests": "write"}, plan.Permissions, "no id-token: pull request code never gets a cloud role")
	assert.Equal(t, "dev staging prod", w.Env["STACKS"])

	var script string
	for _, s := range plan.Steps {
		script += s.Run
	}
	assert.Contains(t, script, `"$program" synth --stack "$stack"`)
	assert.Contains(t, script, `"$program" diff --stack "$stack" --base "$BASE_SHA" --format markdown`)
	assert.Contains(t, script, `"$program" cost --stack "$stack" --format markdown`)
	assert.Equal(t, "go test ./...", w.Jobs["test"].Steps[len(w.Jobs["test"].Steps)-1].Run)
}

func TestCITemplate_mainDeploysEachStackInTurnWithItsEnvironmentsRole(t *testing.T) {
	w, _ := readWorkflow(t, "infrastructure.yml")
	assert.Contains(t, w.On, "push")
	previous := "test"
	for _, stack := range []string{"dev", "staging", "prod"} {
		job := w.Jobs[stack]
		assert.Equal(t, previous, job.Needs, "%s deploys after %s", stack, previous)
		assert.Equal(t, "./.github/workflows/deploy.yml", job.Uses)
		assert.Equal(t, map[string]string{"stack": stack}, job.With)
		assert.Equal(t, "write", job.Permissions["id-token"], stack)
		previous = stack
	}
	assert.Equal(t, "github.event_name == 'push'", w.Jobs["dev"].If)

	d, _ := readWorkflow(t, "deploy.yml")
	up := d.Jobs["up"]
	assert.Equal(t, "${{ inputs.stack }}", up.Environment, "the stack's GitHub environment gates it (prod: required reviewers)")
	assert.False(t, up.Concurrency.CancelInProgress, "a deployment is never stopped halfway")
	var uses, runs []string
	for _, s := range up.Steps {
		uses = append(uses, strings.Split(s.Uses, "@")[0])
		runs = append(runs, s.Run)
		switch strings.Split(s.Uses, "@")[0] {
		case "aws-actions/configure-aws-credentials":
			assert.Equal(t, "${{ vars.AWS_ROLE_ARN }}", s.With["role-to-assume"])
		case "pulumi/actions":
			assert.Empty(t, s.With["command"], "the action only installs the CLI: its command: up runs no preview")
		}
	}
	assert.Equal(t, []string{"actions/checkout", "actions/setup-go", "", "aws-actions/configure-aws-credentials", "pulumi/actions", "", ""}, uses,
		"synth runs before any credentials exist, then the CLI's preview and up")
	// A refused change fails its preview and changes nothing; the update
	// applies only what the preview saved (enginetest proves the first).
	assert.Equal(t, `pulumi preview --stack "$STACK" --diff --save-plan "$RUNNER_TEMP/plan.json"`, runs[5])
	assert.Equal(t, `pulumi up --stack "$STACK" --plan "$RUNNER_TEMP/plan.json" --yes`, runs[6])
}
