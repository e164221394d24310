package stream

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/policy"
)

func TestStreamProcessor_passesPolicyRules(t *testing.T) {
	rules := policy.All()
	efo := s3Sink()
	efo.EnhancedFanOut = true
	efo.Stream = &StreamArgs{KmsKeyArn: pulumi.String(testKeyARN)}
	for name, args := range map[string]*StreamProcessorArgs{
		"defaults": validArgs(), "s3 sink": s3Sink(), "snowflake sink": snowflakeSink(), "fan-out, customer key": efo,
	} {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, policy.Evaluate(mustSynth(t, args), rules))
		})
	}
}

func TestStreamProcessor_infiniteRetriesBreakPolicy(t *testing.T) {
	a := validArgs()
	a.MaximumRetryAttempts = intp(-1)
	violations := policy.Evaluate(mustSynth(t, a), policy.StreamRules())
	if assert.Len(t, violations, 1) {
		assert.Equal(t, "esm-finite-retries", violations[0].Rule)
		assert.Contains(t, violations[0].URN, "clicks-mapping")
	}
}
