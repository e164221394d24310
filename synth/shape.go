package synth

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/schedkit/schedkit/plan"
)

// arnStyle says how one AWS resource type's ARN and id look.
type arnStyle struct {
	service  string
	regional bool
	// resource is the part after the account, from the physical name.
	resource func(name string, in resource.PropertyMap) string
	// id is the provider's id; the physical name when nil.
	id func(name, arn string, in resource.PropertyMap) string
}

func slash(kind string) func(string, resource.PropertyMap) string {
	return func(n string, _ resource.PropertyMap) string { return kind + "/" + n }
}

func colon(kind string) func(string, resource.PropertyMap) string {
	return func(n string, _ resource.PropertyMap) string { return kind + ":" + n }
}

func plainName(n string, _ resource.PropertyMap) string { return n }

func byARN(_, arn string, _ resource.PropertyMap) string { return arn }

// arnStyles covers the AWS types schedkit creates; others fall back to
// "arn:aws:<module>:<region>:<account>:<name>".
var arnStyles = map[string]arnStyle{
	"aws:iam/role:Role":                           {service: "iam", resource: slash("role")},
	"aws:iam/policy:Policy":                       {service: "iam", resource: slash("policy"), id: byARN},
	"aws:iam/rolePolicy:RolePolicy":               {service: "iam", resource: slash("role-policy")},
	"aws:ecs/cluster:Cluster":                     {service: "ecs", regional: true, resource: slash("cluster"), id: byARN},
	"aws:ecs/taskDefinition:TaskDefinition":       {service: "ecs", regional: true, resource: func(n string, _ resource.PropertyMap) string { return "task-definition/" + n + ":1" }},
	"aws:sfn/stateMachine:StateMachine":           {service: "states", regional: true, resource: colon("stateMachine"), id: byARN},
	"aws:scheduler/schedule:Schedule":             {service: "scheduler", regional: true, resource: func(n string, in resource.PropertyMap) string { return "schedule/" + groupName(in) + "/" + n }, id: func(n, _ string, in resource.PropertyMap) string { return groupName(in) + "/" + n }},
	"aws:sqs/queue:Queue":                         {service: "sqs", regional: true, resource: plainName},
	"aws:sns/topic:Topic":                         {service: "sns", regional: true, resource: plainName, id: byARN},
	"aws:sns/topicSubscription:TopicSubscription": {service: "sns", regional: true, resource: plainName, id: byARN},
	"aws:cloudwatch/logGroup:LogGroup":            {service: "logs", regional: true, resource: colon("log-group")},
	"aws:cloudwatch/metricAlarm:MetricAlarm":      {service: "cloudwatch", regional: true, resource: colon("alarm")},
	"aws:cloudwatch/eventRule:EventRule":          {service: "events", regional: true, resource: slash("rule")},
	"aws:kms/key:Key":                             {service: "kms", regional: true, resource: func(n string, _ resource.PropertyMap) string { return "key/" + keyUUID(n) }, id: func(n, _ string, _ resource.PropertyMap) string { return keyUUID(n) }},
	"aws:kms/alias:Alias":                         {service: "kms", regional: true, resource: plainName},
	"aws:lambda/function:Function":                {service: "lambda", regional: true, resource: colon("function")},
	"aws:kinesis/stream:Stream":                   {service: "kinesis", regional: true, resource: slash("stream"), id: byARN},
	"aws:kinesis/streamConsumer:StreamConsumer": {service: "kinesis", regional: true, resource: func(n string, in resource.PropertyMap) string {
		return "stream/" + streamNameOf(str(in, "streamArn")) + "/consumer/" + n + ":1700000000"
	}, id: byARN},
	"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {service: "firehose", regional: true, resource: slash("deliverystream"), id: byARN},
	"aws:s3/bucket:Bucket":                              {service: "s3", resource: plainName},
	"aws:sagemaker/model:Model":                         {service: "sagemaker", regional: true, resource: slash("model")},
	"aws:sagemaker/modelPackageGroup:ModelPackageGroup": {service: "sagemaker", regional: true, resource: slash("model-package-group")},
	"aws:secretsmanager/secret:Secret":                  {service: "secretsmanager", regional: true, resource: func(n string, _ resource.PropertyMap) string { return "secret:" + n + "-AbCdEf" }, id: byARN},
}

func groupName(in resource.PropertyMap) string {
	if g := str(in, "groupName"); g != "" {
		return g
	}
	return "default"
}

func keyUUID(seed string) string {
	h := suffix(seed, 32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// shape returns the id a real provider would report and the outputs it
// computes (identifiers of the type); the inputs it echoes back are not in
// computed, so the caller converts them once for both sides of the record.
func (e *engine) shape(token, logical, urn string, in resource.PropertyMap) (string, resource.PropertyMap) {
	out := resource.PropertyMap{}
	set := func(k string, v any) { out[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	if older := plan.OlderType(plan.CurrentType(token)); older != "" {
		// A type a provider renamed keeps the auto-names it gave under its
		// older token: pulumi-aws v7's s3.NewBucket aliases
		// aws:s3/bucketV2:BucketV2, the engine moves the deployed bucket to
		// the new token, and the provider, checking the new inputs against
		// the old state, keeps its name. So names derive from the URN under
		// the older token, and a v6 stack's buckets keep theirs.
		urn = withType(urn, older)
	}
	name := physicalName(token, logical, urn, in)

	if strings.HasPrefix(token, "snowflake:") || strings.HasPrefix(token, "pulumi:providers:") {
		return e.shapeSnowflake(token, name, urn, in, out)
	}
	if !strings.HasPrefix(token, "aws:") {
		return name, out
	}

	token = plan.CurrentType(token) // a v6 token (BucketV2) is shaped as its v7 name
	style, ok := arnStyles[token]
	if !ok {
		module := strings.SplitN(strings.TrimPrefix(token, "aws:"), "/", 2)[0]
		style = arnStyle{service: module, regional: true, resource: plainName}
	}
	region := ""
	if style.regional {
		region = e.region
	}
	account := Account
	if style.service == "s3" {
		account = ""
	}
	arn := fmt.Sprintf("arn:aws:%s:%s:%s:%s", style.service, region, account, style.resource(name, in))
	id := name
	if style.id != nil {
		id = style.id(name, arn, in)
	}

	set("arn", arn)
	if style.service != "iam" && str(in, "region") == "" {
		// pulumi-aws v7 (Enhanced Region Support): every regional
		// resource reports the region it is managed in, the provider's
		// unless its own region input says otherwise.
		set("region", e.region)
	}
	switch token {
	case plan.BucketType:
		set("bucket", name)
		set("bucketRegion", e.region)
		set("bucketDomainName", name+".s3.amazonaws.com")
		set("bucketRegionalDomainName", name+".s3."+e.region+".amazonaws.com")
	case "aws:ecs/taskDefinition:TaskDefinition":
		set("family", name)
		set("revision", 1)
		set("arnWithoutRevision", strings.TrimSuffix(arn, ":1"))
	case "aws:sqs/queue:Queue":
		url := fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", e.region, Account, name)
		set("name", name)
		set("url", url)
		id = url
	case "aws:kms/key:Key":
		set("keyId", id)
	case "aws:lambda/function:Function":
		set("name", name)
		set("invokeArn", fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", e.region, arn))
		set("qualifiedArn", arn+":$LATEST")
		set("version", "$LATEST")
	case "aws:lambda/eventSourceMapping:EventSourceMapping":
		id = keyUUID(urn)
		set("uuid", id)
		set("functionArn", fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", e.region, Account, str(in, "functionName")))
	case "aws:iam/role:Role":
		set("name", name)
		set("uniqueId", "AROA"+strings.ToUpper(suffix(urn, 17)))
	default:
		if _, named := in[resource.PropertyKey("name")]; named || style.resource != nil {
			set("name", name)
		}
	}
	// After the switch: some types (queues, event source mappings) have an
	// id other than the physical name, and the recorded id must be the one
	// the program sees.
	set("id", id)
	return id, out
}

// shapeSnowflake fills the Snowflake provider's computed outputs: quoted
// fully-qualified names, a pipe's SQS notification channel, and the AWS IAM
// user and external id that integrations report.
func (e *engine) shapeSnowflake(token, name, urn string, in, out resource.PropertyMap) (string, resource.PropertyMap) {
	set := func(k string, v any) { out[resource.PropertyKey(k)] = resource.NewPropertyValue(v) }
	if strings.HasPrefix(token, "pulumi:providers:") {
		return "provider-" + suffix(urn, 8), out
	}
	set("name", name)
	db, schema := str(in, "database"), str(in, "schema")
	var fqn string
	switch {
	case db != "" && schema != "":
		fqn = fmt.Sprintf("%q.%q.%q", db, schema, name)
	case db != "":
		fqn = fmt.Sprintf("%q.%q", db, name)
	default:
		fqn = fmt.Sprintf("%q", name)
	}
	set("fullyQualifiedName", fqn)
	id := fqn
	switch token {
	case "snowflake:index/pipe:Pipe":
		set("notificationChannel", fmt.Sprintf("arn:aws:sqs:%s:%s:sf-snowpipe-AIDA%s-%s", e.region, SnowflakeAWSAccount, strings.ToUpper(suffix(urn, 12)), suffix(urn+"q", 22)))
		set("owner", "SYSADMIN")
		id = strings.Join([]string{db, schema, name}, "|")
	case "snowflake:index/storageIntegrationAws:StorageIntegrationAws":
		ext := str(in, "storageAwsExternalId")
		if ext == "" {
			ext = "SYNTH_SFCRole=2_" + suffix(urn, 20)
		}
		out["describeOutputs"] = resource.NewPropertyValue([]any{map[string]any{
			"iamUserArn":       fmt.Sprintf("arn:aws:iam::%s:user/synth-s-%s", SnowflakeAWSAccount, suffix(urn, 8)),
			"externalId":       ext,
			"roleArn":          str(in, "storageAwsRoleArn"),
			"provider":         str(in, "storageProvider"),
			"allowedLocations": sliceOf(in, "storageAllowedLocations"),
		}})
		id = name
	case "snowflake:index/notificationIntegration:NotificationIntegration":
		set("awsSnsIamUserArn", fmt.Sprintf("arn:aws:iam::%s:user/synth-n-%s", SnowflakeAWSAccount, suffix(urn, 8)))
		set("awsSnsExternalId", "SYNTH_SFCRole=2_"+suffix(urn+"n", 20))
		id = name
	}
	return id, out
}

func sliceOf(in resource.PropertyMap, key string) []any {
	v, ok := in[resource.PropertyKey(key)]
	if !ok || !v.IsArray() {
		return []any{}
	}
	var out []any
	for _, e := range v.ArrayValue() {
		if e.IsString() {
			out = append(out, e.StringValue())
		}
	}
	return out
}

// streamNameOf is the name part of a Kinesis stream ARN.
func streamNameOf(arn string) string {
	return arn[strings.LastIndex(arn, "/")+1:]
}
