package order

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestValue_waitsForWhatTheCompositeWasToldToWaitFor(t *testing.T) {
	plan := synthtest.Run(t, func(ctx *pulumi.Context) error {
		first, err := sqs.NewQueue(ctx, "first", &sqs.QueueArgs{})
		if err != nil {
			return err
		}
		deps := DependsOn([]pulumi.ResourceOption{pulumi.DependsOn([]pulumi.Resource{first})})
		assert.Len(t, deps, 1)
		_, err = sqs.NewQueue(ctx, "second", &sqs.QueueArgs{Name: Value("named-after", deps)})
		return err
	}, synth.Options{})
	first := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "first")
	second := synthtest.Find(t, plan, "aws:sqs/queue:Queue", "second")
	assert.Equal(t, "named-after", second.String("name"))
	assert.Contains(t, second.Dependencies, first.URN)

	assert.Equal(t, pulumi.String("plain"), Value("plain", nil))
	assert.Empty(t, DependsOn(nil))
}
