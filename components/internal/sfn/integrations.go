package sfn

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Step Functions passes a Task's Parameters of an optimized integration to
// the service's API, but only the parameters it supports for that
// integration; some it sets itself (it starts ECS tasks with StartedBy
// "AWS Step Functions"). The table below holds, per integration resource
// schedkit uses, the Parameters keys a definition may pass: Validate rejects
// any other, so a key the integration does not take cannot come back
// unnoticed. Keys are compared without a trailing ".$".
//
// The sources. The Step Functions Developer Guide's integration pages listed
// each API's "Supported parameters" until 2023 ("Run Amazon ECS or Fargate
// tasks with Step Functions" connect-ecs.md, "Create and manage Amazon
// SageMaker AI jobs with Step Functions" connect-sagemaker.md, "Invoke an AWS
// Lambda function with Step Functions" connect-lambda.md, "Publish messages
// to an Amazon SNS topic with Step Functions" connect-sns.md; archived in
// awsdocs/aws-step-functions-developer-guide); the current pages link only
// the APIs. documented lists those keys. accepted adds the few keys outside
// the lists that schedkit passes and that AWS's own tooling emits for the
// same integration, naming the tool. The S3 resources are the Distributed
// Map's readers and writer ("ItemReader (Map)" and "ResultWriter (Map)" in
// the same guide).
var integrations = map[string]paramSet{
	"ecs:runTask":      ecsRunTask,
	"ecs:runTask.sync": ecsRunTask,

	"sagemaker:createTransformJob":      sageMakerTransformJob,
	"sagemaker:createTransformJob.sync": sageMakerTransformJob,
	"sagemaker:createTrainingJob":       sageMakerTrainingJob,
	"sagemaker:createTrainingJob.sync":  sageMakerTrainingJob,
	"sagemaker:createModel": params([]string{"Containers", "EnableNetworkIsolation", "ExecutionRoleArn", "ModelName",
		"PrimaryContainer", "Tags", "VpcConfig"}),

	"lambda:invoke": params([]string{"ClientContext", "FunctionName", "InvocationType", "Payload", "Qualifier"}),
	"sns:publish": params([]string{"Message", "MessageAttributes", "MessageDeduplicationId", "MessageGroupId",
		"MessageStructure", "PhoneNumber", "Subject", "TargetArn", "TopicArn"}),

	// ItemReader: getObject reads a manifest or a CSV/JSON file,
	// listObjectsV2 lists a prefix; ResultWriter: putObject.
	"s3:getObject":     params([]string{"Bucket", "Key", "VersionId"}),
	"s3:listObjectsV2": params([]string{"Bucket", "Prefix"}),
	"s3:putObject":     params([]string{"Bucket", "Prefix"}),
}

var (
	ecsRunTask = params(
		[]string{"Cluster", "Group", "LaunchType", "NetworkConfiguration", "Overrides", "PlacementConstraints",
			"PlacementStrategy", "PlatformVersion", "PropagateTags", "TaskDefinition"},
		// The AWS CDK's EcsRunTask emits it for ecs:runTask(.sync) (aws-cdk
		// pull request 35465, closing issue 20013).
		"CapacityProviderStrategy",
	)
	sageMakerTransformJob = params(
		[]string{"BatchStrategy", "Environment", "MaxConcurrentTransforms", "MaxPayloadInMB", "ModelName", "Tags",
			"TransformInput", "TransformJobName", "TransformOutput", "TransformResources"},
		// The AWS Step Functions Data Science SDK's TransformStep emits it
		// (join_source, input_filter, output_filter).
		"DataProcessing",
	)
	sageMakerTrainingJob = params(
		[]string{"AlgorithmSpecification", "HyperParameters", "InputDataConfig", "OutputDataConfig", "ResourceConfig",
			"RoleArn", "StoppingCondition", "Tags", "TrainingJobName", "VpcConfig"},
		// The AWS Step Functions Data Science SDK's TrainingStep passes the
		// SageMaker Python SDK's training configuration, which carries these.
		"CheckpointConfig", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining", "EnableNetworkIsolation",
	)
)

// paramSet is the keys one integration takes.
type paramSet map[string]bool

// params is the set of the documented keys and the accepted ones.
func params(documented []string, accepted ...string) paramSet {
	s := paramSet{}
	for _, k := range slices.Concat(documented, accepted) {
		s[k] = true
	}
	return s
}

// integrationResource matches an optimized integration's resource,
// arn:<partition>:states:::<service>:<api>[.sync]; aws-sdk:* resources are
// the SDK integrations, which take the API's own parameters and are not
// checked.
var integrationResource = regexp.MustCompile(`^arn:aws[a-z-]*:states:::(.+)$`)

// checkIntegration rejects a Parameters key that the integration named by
// resource does not take. where names the state ("state \"Run\"", "the
// ItemReader of Map state \"Each\""). Resources not in the table pass.
func checkIntegration(scope, where, resource string, params map[string]any) error {
	m := integrationResource.FindStringSubmatch(resource)
	if m == nil || strings.HasPrefix(m[1], "aws-sdk:") {
		return nil
	}
	allowed, ok := integrations[m[1]]
	if !ok {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(params)) {
		key := strings.TrimSuffix(k, ".$")
		if !allowed[key] {
			return fmt.Errorf("sfn%s: %s passes %q to %s, a parameter Step Functions does not document for that integration (it takes %s)",
				scope, where, key, resource, strings.Join(allowed.sorted(), ", "))
		}
	}
	return nil
}

func (s paramSet) sorted() []string { return slices.Sorted(maps.Keys(s)) }
