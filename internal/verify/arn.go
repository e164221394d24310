package verify

import (
	"fmt"
	"regexp"
	"strings"
)

// ARN is a parsed Amazon Resource Name:
// arn:<partition>:<service>:<region>:<account>:<resource>.
type ARN struct {
	Partition, Service, Region, Account, Resource string
}

var (
	partitionPattern = regexp.MustCompile(`^aws(-[a-z]+)*$`)
	regionPattern    = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)
	accountPattern   = regexp.MustCompile(`^\d{12}$`)
)

// ParseARN splits s into its six parts and checks the partition, and the
// region and account where they are given. Source: "Identify AWS resources
// with Amazon Resource Names (ARNs)", IAM User Guide.
func ParseARN(s string) (ARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ARN{}, fmt.Errorf("%q is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)", s)
	}
	a := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}
	switch {
	case !partitionPattern.MatchString(a.Partition):
		return ARN{}, fmt.Errorf("%q is not an ARN: %q is not an AWS partition", s, a.Partition)
	case a.Region != "" && !regionPattern.MatchString(a.Region):
		return ARN{}, fmt.Errorf("%q is not an ARN: %q is not an AWS region", s, a.Region)
	case a.Account != "" && !accountPattern.MatchString(a.Account):
		return ARN{}, fmt.Errorf("%q is not an ARN: %q is not a 12-digit account id", s, a.Account)
	case a.Resource == "":
		return ARN{}, fmt.Errorf("%q is not an ARN: the resource part is empty", s)
	}
	return a, nil
}

// arnRule is the ARN of one service's resource: the service, whether the ARN
// has a region and account, the resource pattern and how to describe it.
type arnRule struct {
	service  string
	regional bool
	resource *regexp.Regexp
	what     string
	form     string
}

func (r arnRule) check(s string) error {
	a, err := ParseARN(s)
	bad := func() error { return fmt.Errorf("%q is not %s (%s)", s, r.what, r.form) }
	if err != nil || a.Service != r.service || !r.resource.MatchString(a.Resource) {
		return bad()
	}
	if r.regional != (a.Region != "") || a.Account == "" {
		return bad()
	}
	return nil
}

// The ARN forms of the resources schedkit components take. Sources: the
// "Resource types defined by <service>" tables of the Service Authorization
// Reference, and each service's naming rules (quoted at the pattern).
var (
	kmsKeyARN = arnRule{"kms", true, regexp.MustCompile(`^key/(mrk-)?[A-Za-z0-9-]+$`),
		"a KMS key ARN", "arn:aws:kms:<region>:<account>:key/<id>; an alias is not a key"}
	// Secret names: letters, digits and /_+=.@- ("CreateSecret", Secrets Manager API Reference);
	// Secrets Manager appends "-" and six random characters.
	secretARN = arnRule{"secretsmanager", true, regexp.MustCompile(`^secret:[A-Za-z0-9/_+=.@-]+$`),
		"a Secrets Manager secret ARN", "arn:aws:secretsmanager:<region>:<account>:secret:<name>"}
	// ECS reads a secret's JSON key, version stage or version id from a
	// suffix ("Pass Secrets Manager secrets through Amazon ECS environment
	// variables", Amazon ECS Developer Guide).
	ecsSecretARN = arnRule{"secretsmanager", true, regexp.MustCompile(`^secret:[A-Za-z0-9/_+=.@-]+(:[^:]*){0,3}$`),
		"a Secrets Manager secret ARN", "arn:aws:secretsmanager:<region>:<account>:secret:<name>[:<json-key>:<version-stage>:<version-id>]"}
	parameterARN = arnRule{"ssm", true, regexp.MustCompile(`^parameter/[A-Za-z0-9/_.-]+$`),
		"an SSM parameter ARN", "arn:aws:ssm:<region>:<account>:parameter/<name>"}
	// Stream names: 1–128 of a-zA-Z0-9_.- ("CreateStream", Kinesis API Reference).
	streamARN = arnRule{"kinesis", true, regexp.MustCompile(`^stream/[a-zA-Z0-9_.-]{1,128}$`),
		"a Kinesis stream ARN", "arn:aws:kinesis:<region>:<account>:stream/<name>"}
	// Function names: 1–64 of a-zA-Z0-9-_, an optional version or alias ("CreateFunction", Lambda API Reference).
	functionARN = arnRule{"lambda", true, regexp.MustCompile(`^function:[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$`),
		"a Lambda function ARN", "arn:aws:lambda:<region>:<account>:function:<name>"}
	// Repository names: 2–256, lower-case path components ("CreateRepository", ECR API Reference).
	repositoryARN = arnRule{"ecr", true, regexp.MustCompile(`^repository/(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`),
		"an ECR repository ARN", "arn:aws:ecr:<region>:<account>:repository/<name>"}
	// Topic names: 1–256 of A-Za-z0-9_-, ".fifo" for FIFO topics ("CreateTopic", SNS API Reference).
	topicARN = arnRule{"sns", true, regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}(\.fifo)?$`),
		"an SNS topic ARN", "arn:aws:sns:<region>:<account>:<topic>"}
	clusterARN = arnRule{"ecs", true, regexp.MustCompile(`^cluster/[A-Za-z0-9_-]{1,255}$`),
		"an ECS cluster ARN", "arn:aws:ecs:<region>:<account>:cluster/<name>"}
	taskDefinitionARN = arnRule{"ecs", true, regexp.MustCompile(`^task-definition/[A-Za-z0-9_-]{1,255}:[0-9]+$`),
		"an ECS task definition ARN", "arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>"}
	// Role paths and names ("IAM object identifiers", IAM User Guide).
	roleARN = arnRule{"iam", false, regexp.MustCompile(`^role/([\x21-\x7e]*/)?[A-Za-z0-9+=,.@_-]{1,64}$`),
		"an IAM role ARN", "arn:aws:iam::<account>:role/<name>"}
)

// KMSKeyARN accepts the ARN of a KMS key (not an alias: IAM grants use of keys).
func KMSKeyARN(s string) error { return kmsKeyARN.check(s) }

// SecretARN accepts the ARN of a Secrets Manager secret.
func SecretARN(s string) error { return secretARN.check(s) }

// ECSSecretARN accepts what an ECS container's secret may come from: a
// Secrets Manager secret (optionally with a JSON key, version stage and
// version id) or an SSM parameter.
func ECSSecretARN(s string) error {
	if ecsSecretARN.check(s) == nil || parameterARN.check(s) == nil {
		return nil
	}
	return fmt.Errorf("%q is not a Secrets Manager secret or SSM parameter ARN", s)
}

// KinesisStreamARN accepts the ARN of a Kinesis data stream.
func KinesisStreamARN(s string) error { return streamARN.check(s) }

// KinesisStreamName is the name in a stream ARN, "" for anything else.
func KinesisStreamName(arn string) string {
	if KinesisStreamARN(arn) != nil {
		return ""
	}
	a, _ := ParseARN(arn)
	return strings.TrimPrefix(a.Resource, "stream/")
}

// LambdaFunctionARN accepts the ARN of a Lambda function, with or without a
// version or alias.
func LambdaFunctionARN(s string) error { return functionARN.check(s) }

// ECRRepositoryARN accepts the ARN of an ECR repository.
func ECRRepositoryARN(s string) error { return repositoryARN.check(s) }

// SNSTopicARN accepts the ARN of an SNS topic.
func SNSTopicARN(s string) error { return topicARN.check(s) }

// ECSClusterARN accepts the ARN of an ECS cluster.
func ECSClusterARN(s string) error { return clusterARN.check(s) }

// TaskDefinitionARN accepts the ARN of one revision of an ECS task definition.
func TaskDefinitionARN(s string) error { return taskDefinitionARN.check(s) }

// IAMRoleARN accepts the ARN of an IAM role.
func IAMRoleARN(s string) error { return roleARN.check(s) }

// S3BucketARN accepts the ARN of an S3 bucket (arn:aws:s3:::<bucket>) whose
// name follows BucketName.
func S3BucketARN(s string) error {
	a, err := ParseARN(s)
	if err != nil || a.Service != "s3" || a.Region != "" || a.Account != "" || strings.Contains(a.Resource, "/") {
		return fmt.Errorf("%q is not an S3 bucket ARN (arn:aws:s3:::<bucket>)", s)
	}
	if err := BucketName(a.Resource); err != nil {
		return fmt.Errorf("%q is not an S3 bucket ARN: %w", s, err)
	}
	return nil
}

// S3BucketNameOf is the bucket name in a bucket ARN, "" for anything else.
func S3BucketNameOf(arn string) string {
	if S3BucketARN(arn) != nil {
		return ""
	}
	a, _ := ParseARN(arn)
	return a.Resource
}
