package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/examples/platform/stacks"
)

func TestSynth_printsTreeAndPolicyResult(t *testing.T) {
	var out, errOut bytes.Buffer
	code := cli.Command([]string{"synth", "--stack", "dev", "--dir", "."}, stacks.Program, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Regexp(t, `(?m)^pulumi:pulumi:Stack +schedkit-dev$`, out.String())
	assert.Regexp(t, `(?m)^├─ schedkit:aws:CronJob +nightly-report$`, out.String())
	assert.Regexp(t, `(?m)^├─ schedkit:aws:StreamProcessor +clickstream$`, out.String())
	assert.Contains(t, out.String(), "aws:sfn/stateMachine:StateMachine")
	assert.Regexp(t, `Resources: \d+ \(\d+ cloud resources in \d+ components, and \d+ delete lock\(s\)\)`, out.String())
	assert.Contains(t, errOut.String(), "no violations")
}

func TestSynth_writesPlanJSONInTheDocumentedShape(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plan.json")
	var out, errOut bytes.Buffer
	require.Equal(t, 0, cli.Command([]string{"synth", "--stack", "prod", "--dir", ".", "--out", file}, stacks.Program, &out, &errOut), errOut.String())
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	var plan map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &plan))
	assert.Equal(t, []string{"outputs", "project", "resources", "stack"}, keys(plan))
	var resources []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(plan["resources"], &resources))
	require.NotEmpty(t, resources)
	for _, r := range resources {
		assert.Equal(t, []string{"aliases", "custom", "dependencies", "inputs", "name", "outputs", "parent", "protect", "retainOnDelete", "type", "urn"}, keys(r))
	}
	assert.JSONEq(t, `"schedkit"`, string(plan["project"]))
	assert.JSONEq(t, `"prod"`, string(plan["stack"]))
}

func TestSynth_mermaidDrawsComponentsAndFlows(t *testing.T) {
	mermaid := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		args = append([]string{"synth", "--stack", "dev", "--dir", ".", "--format", "mermaid"}, args...)
		require.Equal(t, 0, cli.Command(args, stacks.Program, &out, &errOut), errOut.String())
		require.True(t, strings.HasPrefix(out.String(), "flowchart LR\n"))
		return out.String()
	}
	s := mermaid()
	assert.Contains(t, s, `  nightly_report["CronJob<br/>nightly-report"]`)
	assert.Contains(t, s, "  report_backfill --> nightly_report\n", "the backfill runs the nightly report's task")
	assert.NotContains(t, s, "subgraph", "components are boxes")
	assert.NotContains(t, s, "iam.Role", "roles are folded into their component")

	inside := mermaid("--component", "nightly-report")
	assert.Contains(t, inside, `  subgraph nightly_report["CronJob nightly-report"]`)
	assert.Contains(t, inside, "  nightly_report_schedule --> nightly_report_workflow\n")
	assert.Contains(t, inside, "  nightly_report_workflow --> nightly_report_task\n")

	detail := mermaid("--detail")
	assert.Contains(t, detail, `["iam.Role<br/>nightly-report-task-role"]`)
	assert.Contains(t, detail, "  nightly_report_schedule --> nightly_report_workflow\n")
	assert.Greater(t, strings.Count(detail, "-->"), 3*strings.Count(s, "-->"))

	nested := mermaid("--component", "order-exports-ingest")
	assert.Contains(t, nested, `  subgraph order_exports_ingest["SnowpipeIngest order-exports-ingest"]`)
	assert.Contains(t, nested, `  order_exports_transform["TaskGraph<br/>order-exports-transform"]`, "its neighbour in the same pipeline")

	one := mermaid("--component", "nightly-report", "--detail")
	assert.Contains(t, one, `["iam.Role<br/>nightly-report-task-role"]`)
	assert.NotContains(t, one, "clickstream")
}

func TestSynth_badUsageAndMissingStackFail(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, cli.Command(nil, stacks.Program, &out, &errOut))
	assert.Equal(t, 2, cli.Command([]string{"synth"}, stacks.Program, &out, &errOut))
	assert.Equal(t, 2, cli.Command([]string{"synth", "--stack", "dev", "--format", "svg"}, stacks.Program, &out, &errOut))
	assert.Equal(t, 2, cli.Command([]string{"synth", "--stack", "dev", "--detail"}, stacks.Program, &out, &errOut), "--detail is for mermaid")
	assert.Equal(t, 2, cli.Command([]string{"synth", "--stack", "dev", "--component", "nightly-report"}, stacks.Program, &out, &errOut), "--component is for mermaid")
	errOut.Reset()
	assert.Equal(t, 1, cli.Command([]string{"synth", "--stack", "dev", "--dir", ".", "--format", "mermaid", "--component", "nightly-report-task"}, stacks.Program, &out, &errOut))
	assert.Contains(t, errOut.String(), `no component named "nightly-report-task" in stack "dev"`)
	errOut.Reset()
	assert.Equal(t, 1, cli.Command([]string{"synth", "--stack", "nope", "--dir", "."}, stacks.Program, &out, &errOut))
	assert.Contains(t, errOut.String(), "Pulumi.nope.yaml")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestSynth_policyViolationFailsTheRun(t *testing.T) {
	leaky := func(ctx *pulumi.Context) error {
		_, err := sqs.NewQueue(ctx, "plain", &sqs.QueueArgs{SqsManagedSseEnabled: pulumi.Bool(false)})
		return err
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, cli.Command([]string{"synth", "--stack", "dev", "--dir", "."}, leaky, &out, &errOut))
	assert.Contains(t, errOut.String(), "1 policy violation(s)")
	assert.Contains(t, errOut.String(), "[high] sqs-encrypted: queue is not encrypted at rest")
}

func TestSynth_programErrorFailsTheRun(t *testing.T) {
	broken := func(ctx *pulumi.Context) error { return fmt.Errorf("boom") }
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, cli.Command([]string{"synth", "--stack", "dev", "--dir", "."}, broken, &out, &errOut))
	assert.Contains(t, errOut.String(), "boom")
}

func TestSynth_mermaidComponentNameMustBeUnique(t *testing.T) {
	twins := func(ctx *pulumi.Context) error {
		for _, typ := range []string{"test:a:One", "test:a:Two"} {
			var c struct{ pulumi.ResourceState }
			if err := ctx.RegisterComponentResource(typ, "same", &c); err != nil {
				return err
			}
		}
		return nil
	}
	var out, errOut bytes.Buffer
	assert.Equal(t, 1, cli.Command([]string{"synth", "--stack", "dev", "--dir", ".", "--format", "mermaid", "--component", "same"}, twins, &out, &errOut))
	assert.Contains(t, errOut.String(), `2 components are named "same" in stack "dev": `)
}
