package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadStack_refusesKeysPulumiYamlDoesNotDeclare(t *testing.T) {
	dir := writeStack(t, map[string]string{
		"Pulumi.yaml":     projectYAML,
		"Pulumi.dev.yaml": "config:\n  pipes:env: dev\n  pipes:subnets: [a]\n  pipes:apikey: x\n",
		"Pulumi.prod.yaml": "config:\n  pipes:env: prod\n  pipes:subnets: [a]\n  pipes:apiKey: x\n" +
			"  memroy: 1024\n  pipes:enabeld: false\n  other:free: anything\n",
	})
	_, err := LoadStack(dir, "dev")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Pulumi.dev.yaml sets pipes:apikey, which Pulumi.yaml does not declare; did you mean pipes:apiKey?")

	_, err = LoadStack(dir, "prod")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "synth: 2 problems:\n  - ")
	assert.Contains(t, err.Error(), "sets pipes:enabeld, which Pulumi.yaml does not declare; did you mean pipes:enabled?")
	assert.Contains(t, err.Error(), "sets pipes:memroy, which Pulumi.yaml does not declare; did you mean pipes:memory?")
	assert.NotContains(t, err.Error(), "other:free", "other namespaces belong to providers and other projects")

	noSchema := writeStack(t, map[string]string{"Pulumi.yaml": "name: pipes\nruntime: go\n", "Pulumi.dev.yaml": "config:\n  pipes:anything: x\n"})
	_, err = LoadStack(noSchema, "dev")
	assert.NoError(t, err, "a project without a config schema declares nothing to check against")
}
