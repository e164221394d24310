package sagemaker

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/synth"
)

func TestPackageStateChangePattern_matchesTheGroupsStatusChanges(t *testing.T) {
	cases := map[string]struct {
		group    pulumi.StringInput
		statuses []string
	}{
		"a plain group, approvals only":         {pulumi.String("churn"), []string{Approved}},
		"a group known at deploy time, decided": {pulumi.String("churn").ToStringOutput(), []string{Approved, Rejected}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			plan, err := synth.Run(func(ctx *pulumi.Context) error {
				ctx.Export("pattern", PackageStateChangePattern(c.group, c.statuses...))
				return nil
			}, synth.Options{})
			require.NoError(t, err)
			var pattern map[string]any
			require.NoError(t, json.Unmarshal([]byte(plan.Outputs["pattern"].(string)), &pattern))
			statuses := []any{}
			for _, s := range c.statuses {
				statuses = append(statuses, s)
			}
			assert.Equal(t, map[string]any{
				"source":      []any{"aws.sagemaker"},
				"detail-type": []any{"SageMaker Model Package State Change"},
				"detail":      map[string]any{"ModelPackageGroupName": []any{"churn"}, "ModelApprovalStatus": statuses},
			}, pattern)
		})
	}
}
