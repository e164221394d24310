// Package images checks the container images schedkit components run and
// lets their roles pull the ones in ECR:
//
//	"<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>" ─ECRRepositoryARN→ repository ARN → PullStatements
//	given repository ARNs ─CheckRepositoryARN→ PullStatements
package images

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

var ecrImage = regexp.MustCompile(`^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([^:@]+)`)

// ecrRepositoryARN is arn:<partition>:ecr:<region>:<account>:repository/<name>,
// the name as the ECR API reference's CreateRepository allows it: lower-case
// letters, digits and . _ - between them, namespaced with /.
var ecrRepositoryARN = regexp.MustCompile(`^arn:aws(?:-[a-z]+)*:ecr:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:repository/(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)

// CheckRepositoryARN accepts an ECR repository ARN, the resource that pull
// permissions name; not an image URI, and no wildcard.
func CheckRepositoryARN(arn string) error {
	if !ecrRepositoryARN.MatchString(arn) {
		return fmt.Errorf("%q is not an ECR repository ARN (arn:<partition>:ecr:<region>:<account>:repository/<name>)", arn)
	}
	return nil
}

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
