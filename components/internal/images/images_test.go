package images

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/internal/verify"
)

func TestECRRepositoryARN(t *testing.T) {
	cases := map[string]struct {
		image, want string
		ok          bool
	}{
		"tagged ECR image":   {"123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-infer:2.1", "arn:aws:ecr:us-east-1:123456789012:repository/churn-infer", true},
		"digest ECR image":   {"123456789012.dkr.ecr.eu-west-1.amazonaws.com/ml/churn@sha256:abc", "arn:aws:ecr:eu-west-1:123456789012:repository/ml/churn", true},
		"China region image": {"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/churn:1", "arn:aws-cn:ecr:cn-north-1:123456789012:repository/churn", true},
		"public image":       {"public.ecr.aws/docker/library/python:3.12", "", false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := ECRRepositoryARN(c.image)
			assert.Equal(t, c.ok, ok)
			assert.Equal(t, c.want, got)
			if ok {
				assert.NoError(t, verify.ECRRepositoryARN(got), "a derived ARN passes the check")
			}
		})
	}
}
