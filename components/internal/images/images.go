// Package images checks the container images schedkit components run and
// lets their roles pull the ones in ECR:
//
//	"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>" ─ECRRepositoryARN→ repository ARN → PullStatements
//	given repository ARNs (verify.ECRRepositoryARN) → PullStatements
package images

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

var ecrImage = regexp.MustCompile(`^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([^:@]+)`)

// ECRRepositoryARN returns the repository ARN of an ECR image URI, and
// false for images from other registries.
func ECRRepositoryARN(image string) (string, bool) {
	m := ecrImage.FindStringSubmatch(image)
	if m == nil {
		return "", false
	}
	partition := "aws"
	if strings.Contains(image, ".amazonaws.com.cn/") {
		partition = "aws-cn"
	}
	return fmt.Sprintf("arn:%s:ecr:%s:%s:repository/%s", partition, m[2], m[1], m[3]), true
}

// PullStatements let a role pull images from the ECR repositories; none
// for no repositories.
func PullStatements(repos ...pulumi.StringInput) []iampolicy.Statement {
	if len(repos) == 0 {
		return nil
	}
	return []iampolicy.Statement{
		{
			// GetAuthorizationToken has no resource-level permission.
			Sid:       "AuthenticateToECR",
			Actions:   []string{"ecr:GetAuthorizationToken"},
			Resources: iampolicy.Strings("*"),
		},
		{
			Sid:       "PullImage",
			Actions:   []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"},
			Resources: repos,
		},
	}
}
