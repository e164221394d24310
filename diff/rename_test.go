package diff_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/diff"
)

// nightly is a CronJob named name, aliased to old when old is set, with
// the StableName stable.
func nightly(name, old, stable string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		var opts []pulumi.ResourceOption
		if old != "" {
			opts = append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(old)}}))
		}
		_, err := cronjob.NewCronJob(ctx, name, &cronjob.CronJobArgs{
			StableName:     stable,
			Image:          pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.0.0"),
			Subnets:        pulumi.ToStringArray([]string{"subnet-0d000000000000001"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-0d000000000000001"}),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			AlertEmail:     "data-oncall@example.com",
		}, opts...)
		return err
	}
}

// A component renamed with an alias still replaces what derives from its
// name (log groups, the task definition); diff names the renamed component
// and prints the complete change that makes the rename free: the alias and
// StableName set to the old name. With both, nothing is replaced and diff
// has nothing to suggest.
func TestCompare_renamedComponentGetsTheCompleteFix(t *testing.T) {
	before := run(t, nightly("job", "", ""))
	r := diff.Compare(before, run(t, nightly("job-v2", "job", "")), "main", "working tree")

	require.Len(t, r.Renames, 1)
	rn := r.Renames[0]
	assert.Equal(t, cronjob.Type, rn.Type)
	assert.Equal(t, "job", rn.OldName)
	assert.Equal(t, "job-v2", rn.NewName)
	assert.True(t, rn.Aliased)
	assert.Equal(t, []string{
		`pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("job")}}) in the options of "job-v2"`,
		`StableName: "job" in its args`,
	}, rn.Fix)
	replaced := map[string]bool{}
	for _, c := range r.Changes {
		if c.Kind == diff.Replace {
			replaced[c.URN] = true
		}
	}
	assert.NotEmpty(t, replaced)
	for _, u := range rn.Children {
		assert.True(t, replaced[u], "%s: listed under the rename but not replaced", u)
	}
	assert.Len(t, rn.Children, len(replaced), "every replacement is the rename's")

	var text bytes.Buffer
	require.NoError(t, r.WriteText(&text))
	assert.Contains(t, text.String(), `RENAMED schedkit:aws:CronJob "job" → "job-v2" with an alias`)
	assert.Contains(t, text.String(), `    pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("job")}}) in the options of "job-v2"`)
	assert.Contains(t, text.String(), `    StableName: "job" in its args`)
	var md bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&md))
	assert.Contains(t, md.String(), `>     StableName: "job" in its args`)

	// The fix applied: nothing replaced, created or deleted, nothing to suggest.
	fixed := diff.Compare(before, run(t, nightly("job-v2", "job", "job")), "main", "working tree")
	assert.Empty(t, fixed.Renames)
	for _, c := range fixed.Changes {
		assert.Equal(t, diff.Update, c.Kind, "%s", c.URN)
	}

	// Renamed without an alias: the same fix is printed, alias first.
	bare := diff.Compare(before, run(t, nightly("job-v2", "", "")), "main", "working tree")
	require.Len(t, bare.Renames, 1, "the one CronJob deleted and the one created")
	assert.False(t, bare.Renames[0].Aliased)
	assert.Equal(t, "job", bare.Renames[0].OldName)
	assert.Equal(t, rn.Fix, bare.Renames[0].Fix)
}

// Two components renamed in one change: the markdown report's tip is one
// block quote holding both fixes (a bare blank line between them would end
// the quote and print the second fix as plain text).
func TestWriteMarkdown_twoRenamesStayInOneTip(t *testing.T) {
	both := func(a, b, oldA, oldB string) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			if err := nightly(a, oldA, "")(ctx); err != nil {
				return err
			}
			return nightly(b, oldB, "")(ctx)
		}
	}
	r := diff.Compare(run(t, both("job", "other", "", "")), run(t, both("job-v2", "other-v2", "job", "other")), "main", "working tree")
	require.Len(t, r.Renames, 2)

	var md bytes.Buffer
	require.NoError(t, r.WriteMarkdown(&md))
	_, tip, found := strings.Cut(md.String(), "> [!TIP]\n")
	require.True(t, found, md.String())
	tip, _, _ = strings.Cut(tip, "\n\n") // the block ends at the first bare blank line
	assert.Equal(t, 2, strings.Count(tip, "> RENAMED "), tip)
	assert.Contains(t, tip, `>     StableName: "job" in its args`)
	assert.Contains(t, tip, `>     StableName: "other" in its args`)
	for _, line := range strings.Split(strings.TrimSuffix(tip, "\n"), "\n") {
		assert.True(t, strings.HasPrefix(line, ">"), "%q is outside the tip's block quote", line)
	}
}

// churn is a TrainingDataPipeline (a composite: a TaskGraph and a
// TrainingPipeline inside) named name, aliased to old when old is set,
// with the StableName stable.
func churn(name, old, stable string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		var opts []pulumi.ResourceOption
		if old != "" {
			opts = append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(old)}}))
		}
		_, err := trainingdata.NewTrainingDataPipeline(ctx, name, &trainingdata.TrainingDataPipelineArgs{
			StableName: stable,
			Database:   "ML", Schema: "FEATURES", Dataset: "churn",
			FeatureSteps: []taskgraph.TaskSpec{{
				Name: "BUILD_CHURN",
				SQL:  "INSERT OVERWRITE INTO ML.FEATURES.CHURN SELECT CUSTOMER_ID, ORDERS, REVENUE, CHURNED FROM ML.FEATURES.CUSTOMERS",
			}},
			Query:            "SELECT CHURNED, ORDERS, REVENUE FROM ML.FEATURES.CHURN",
			LabelColumn:      "CHURNED",
			BuiltInAlgorithm: true,
			Cron:             "0 1 * * *",
			BucketName:       "acme-ml-data",
			Training: training.TrainingPipelineArgs{
				Image:           pulumi.String("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
				HyperParameters: map[string]string{"objective": "binary:logistic", "num_round": "200"},
				OutputS3Uri:     "s3://acme-ml-data/models/churn/",
			},
			AlertEmail: "ml-oncall@example.com",
		}, opts...)
		return err
	}
}

// A renamed composite's parts are renamed with it (their names derive from
// the composite's), but the program constructs only the composite: the fix
// is the composite's alias and StableName, which it passes on to its parts,
// and its Children include the parts' replacements. The parts get no fix
// of their own (before, the TrainingPipeline and the TaskGraph each got
// one, naming "job-training" and "job-features", calls the program never
// makes).
func TestCompare_renamedCompositeGetsOneFix(t *testing.T) {
	before := run(t, churn("job", "", ""))
	r := diff.Compare(before, run(t, churn("job-v2", "job", "")), "main", "working tree")

	require.Len(t, r.Renames, 1, "the composite, not its parts")
	rn := r.Renames[0]
	assert.Equal(t, trainingdata.Type, rn.Type)
	assert.Equal(t, []string{
		`pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("job")}}) in the options of "job-v2"`,
		`StableName: "job" in its args`,
	}, rn.Fix)
	var inParts int
	for _, u := range rn.Children {
		if strings.Contains(u, "$"+training.Type+"$") || strings.Contains(u, "$"+taskgraph.Type+"$") {
			inParts++
		}
	}
	assert.NotZero(t, inParts, "the parts' replacements are the composite's: %v", rn.Children)

	fixed := diff.Compare(before, run(t, churn("job-v2", "job", "job")), "main", "working tree")
	assert.Empty(t, fixed.Renames, "the composite's StableName makes its parts' renames free too")
	for _, c := range fixed.Changes {
		assert.Equal(t, diff.Update, c.Kind, "%s", c.URN)
	}
}
