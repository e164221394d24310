package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoKeys is a program with two customer-managed keys: $2.00 a month fixed.
func twoKeys(ctx *pulumi.Context) error {
	for _, name := range []string{"a", "b"} {
		if _, err := kms.NewKey(ctx, name, &kms.KeyArgs{}); err != nil {
			return err
		}
	}
	return nil
}

func costStack(t *testing.T) string {
	return writeStack(t, map[string]string{
		"Pulumi.yaml":     "name: keys\nruntime: go\n",
		"Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n",
	})
}

func runCostCommand(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Command(append([]string{"cost"}, args...), twoKeys, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCost_printsTheEstimate(t *testing.T) {
	code, out, errOut := runCostCommand(t, "--stack", "dev", "--dir", costStack(t))
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Monthly cost of keys/dev in us-east-1")
	assert.Regexp(t, `TOTAL\s+\$2\.00\s+\$0\.00\s+\$2\.00`, out)
}

func TestCost_budgetGates(t *testing.T) {
	dir := costStack(t)
	code, _, errOut := runCostCommand(t, "--stack", "dev", "--dir", dir, "--budget", "1.50")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "Budget: $2.00 a month exceeds the budget of $1.50.")

	code, _, errOut = runCostCommand(t, "--stack", "dev", "--dir", dir, "--budget", "2")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "Budget: $2.00 a month is within the budget of $2.00.")
}

func TestCost_jsonAndUsageFile(t *testing.T) {
	dir := costStack(t)
	usage := filepath.Join(dir, "usage.yaml")
	require.NoError(t, os.WriteFile(usage, []byte("snowflakeCreditUSD: 2\n"), 0o600))
	code, out, errOut := runCostCommand(t, "--stack", "dev", "--dir", dir, "--format", "json", "--usage", usage)
	require.Equal(t, 0, code, errOut)
	var r struct {
		TotalUSD   float64 `json:"totalUSD"`
		CreditUSD  float64 `json:"snowflakeCreditUSD"`
		CreditFrom string  `json:"snowflakeCreditFrom"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.Equal(t, 2.0, r.TotalUSD)
	assert.Equal(t, 2.0, r.CreditUSD)
	assert.Equal(t, "usage", r.CreditFrom)
}

func TestCost_rejectsBadUsage(t *testing.T) {
	dir := costStack(t)
	for _, args := range [][]string{
		{},
		{"--stack", "dev", "--format", "csv"},
		{"--stack", "dev", "--budget", "-1"},
		{"--stack", "dev", "extra"},
	} {
		code, _, errOut := runCostCommand(t, append(args, "--dir", dir)...)
		assert.Equal(t, 2, code, args)
		assert.Contains(t, errOut, "usage: "+costUsage, args)
	}
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("defaults: {minutes: 3}\n"), 0o600))
	code, _, errOut := runCostCommand(t, "--stack", "dev", "--dir", dir, "--usage", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "field minutes not found")
}
