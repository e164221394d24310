package sagemaker

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckInstanceType_needsMLPrefix(t *testing.T) {
	assert.NoError(t, CheckInstanceType("ml.m5.xlarge"))
	assert.NoError(t, CheckInstanceType("ml.g5.12xlarge"))
	for _, bad := range []string{"m5.xlarge", "ml.", "ml.m5", "ml..xlarge", "ML.m5.xlarge", ""} {
		assert.Error(t, CheckInstanceType(bad), bad)
	}
}
