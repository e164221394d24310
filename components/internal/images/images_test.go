package images

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckRepositoryARN(t *testing.T) {
	ok := map[string]string{
		"plain repository":         "arn:aws:ecr:us-east-1:123456789012:repository/churn-infer",
		"namespaced repository":    "arn:aws:ecr:eu-west-1:123456789012:repository/ml/churn_infer.v2",
		"China partition":          "arn:aws-cn:ecr:cn-north-1:123456789012:repository/churn",
		"GovCloud partition":       "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/churn",
		"AWS-owned algorithm repo": "arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost",
	}
	for name, arn := range ok {
		t.Run(name, func(t *testing.T) {
			assert.NoError(t, CheckRepositoryARN(arn))
		})
	}
	bad := map[string]string{
		"empty":                   "",
		"an image URI":            "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1",
		"another service":         "arn:aws:s3:::churn",
		"no region":               "arn:aws:ecr::123456789012:repository/churn",
		"short account":           "arn:aws:ecr:us-east-1:1234:repository/churn",
		"no repository name":      "arn:aws:ecr:us-east-1:123456789012:repository/",
		"wildcard":                "arn:aws:ecr:us-east-1:123456789012:repository/*",
		"upper-case name":         "arn:aws:ecr:us-east-1:123456789012:repository/Churn",
		"a tag on the repository": "arn:aws:ecr:us-east-1:123456789012:repository/churn:1",
	}
	for name, arn := range bad {
		t.Run(name, func(t *testing.T) {
			err := CheckRepositoryARN(arn)
			if assert.Error(t, err) {
				assert.Equal(t, `"`+arn+`" is not an ECR repository ARN (arn:<partition>:ecr:<region>:<account>:repository/<name>)`, err.Error())
			}
		})
	}
}

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
				assert.NoError(t, CheckRepositoryARN(got), "a derived ARN passes the check")
			}
		})
	}
}
