package diff

import (
	"sort"

	"github.com/schedkit/schedkit/plan"
)

// forcesNew lists, per resource type, the inputs whose change makes the
// provider delete the resource and create a new one instead of updating it
// in place, each with the line of the provider that says so.
//
// AWS entries are the "forces new resource" arguments of the Terraform AWS
// provider v6 resources that pulumi-aws v7.41.0 bridges, input names as
// Pulumi spells them. They were re-derived for v7 from two sources: the
// Terraform AWS provider's version 6 upgrade guide
// (website/docs/guides/version-6-upgrade.html.markdown), which changes no
// ForceNew argument of a resource listed here, and pulumi-aws's "Enhanced
// Region Support" (docs/enhanced-region-support.md): every regional resource
// gained a top-level `region` input, and "changing the value of region will
// force resource replacement" (IAM is global and has none). Tokens are
// today's: a v6 plan's aws:s3/bucketV2:BucketV2 is read as
// aws:s3/bucket:Bucket (plan.CurrentType), which bridges the same
// aws_s3_bucket resource.
//
// Snowflake entries are the ForceNew fields of terraform-provider-snowflake
// v2.17.0's resource schemas, which pulumi-snowflake v2.17.0 bridges. A
// Snowflake object's name is absent where the provider renames it in place
// (ALTER ... RENAME TO): databases, schemas, tables, views, stages, file
// formats.
//
// A type that is not listed is only ever updated by this diff: add it here,
// with its source, when a program starts to use it.
var forcesNew = map[string]map[string]string{
	"aws:s3/bucket:Bucket": {
		"bucket":            "terraform aws_s3_bucket: bucket, forces new resource",
		"bucketPrefix":      "terraform aws_s3_bucket: bucket_prefix, forces new resource",
		"objectLockEnabled": "terraform aws_s3_bucket: object_lock_enabled, forces new resource",
		"region":            regionForcesNew,
	},
	"aws:s3/bucketPolicy:BucketPolicy": {
		"bucket": "terraform aws_s3_bucket_policy: bucket, forces new resource",
		"region": regionForcesNew,
	},
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
		"bucket": "terraform aws_s3_bucket_public_access_block: bucket, forces new resource",
		"region": regionForcesNew,
	},
	"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
		"bucket":              "terraform aws_s3_bucket_server_side_encryption_configuration: bucket, forces new resource",
		"expectedBucketOwner": "terraform aws_s3_bucket_server_side_encryption_configuration: expected_bucket_owner, forces new resource",
		"region":              regionForcesNew,
	},
	"aws:s3/bucketVersioning:BucketVersioning": {
		"bucket":              "terraform aws_s3_bucket_versioning: bucket, forces new resource",
		"expectedBucketOwner": "terraform aws_s3_bucket_versioning: expected_bucket_owner, forces new resource",
		"region":              regionForcesNew,
	},
	"aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
		"bucket":              "terraform aws_s3_bucket_lifecycle_configuration: bucket, forces new resource",
		"expectedBucketOwner": "terraform aws_s3_bucket_lifecycle_configuration: expected_bucket_owner, forces new resource",
		"region":              regionForcesNew,
	},
	"aws:s3/bucketNotification:BucketNotification": {
		"bucket": "terraform aws_s3_bucket_notification: bucket, forces new resource",
		"region": regionForcesNew,
	},
	"aws:kinesis/stream:Stream": {
		"name":   "terraform aws_kinesis_stream: name, forces new resource",
		"region": regionForcesNew,
	},
	"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
		"name":                       "terraform aws_kinesis_firehose_delivery_stream: name, forces new resource",
		"destination":                "terraform aws_kinesis_firehose_delivery_stream: destination, forces new resource",
		"kinesisSourceConfiguration": "terraform aws_kinesis_firehose_delivery_stream: kinesis_source_configuration, forces new resource",
		"mskSourceConfiguration":     "terraform aws_kinesis_firehose_delivery_stream: msk_source_configuration, forces new resource",
		"region":                     regionForcesNew,
	},
	"aws:sqs/queue:Queue": {
		"name":       "terraform aws_sqs_queue: name, forces new resource",
		"namePrefix": "terraform aws_sqs_queue: name_prefix, forces new resource",
		"fifoQueue":  "terraform aws_sqs_queue: fifo_queue, forces new resource",
		"region":     regionForcesNew,
	},
	"aws:sqs/queuePolicy:QueuePolicy": {
		"queueUrl": "terraform aws_sqs_queue_policy: queue_url, forces new resource",
		"region":   regionForcesNew,
	},
	"aws:cloudwatch/logGroup:LogGroup": {
		"name":          "terraform aws_cloudwatch_log_group: name, forces new resource",
		"namePrefix":    "terraform aws_cloudwatch_log_group: name_prefix, forces new resource",
		"logGroupClass": "terraform aws_cloudwatch_log_group: log_group_class, forces new resource",
		"region":        regionForcesNew,
	},
	"aws:cloudwatch/logStream:LogStream": {
		"name":         "terraform aws_cloudwatch_log_stream: name, forces new resource",
		"logGroupName": "terraform aws_cloudwatch_log_stream: log_group_name, forces new resource",
		"region":       regionForcesNew,
	},
	"aws:cloudwatch/dashboard:Dashboard": {
		"dashboardName": "terraform aws_cloudwatch_dashboard: dashboard_name, forces new resource",
		"region":        regionForcesNew,
	},
	"aws:cloudwatch/metricAlarm:MetricAlarm": {
		"name":   "terraform aws_cloudwatch_metric_alarm: alarm_name, forces new resource",
		"region": regionForcesNew,
	},
	"aws:cloudwatch/eventRule:EventRule": {
		"name":         "terraform aws_cloudwatch_event_rule: name, forces new resource",
		"namePrefix":   "terraform aws_cloudwatch_event_rule: name_prefix, forces new resource",
		"eventBusName": "terraform aws_cloudwatch_event_rule: event_bus_name, forces new resource",
		"region":       regionForcesNew,
	},
	"aws:cloudwatch/eventTarget:EventTarget": {
		"rule":         "terraform aws_cloudwatch_event_target: rule, forces new resource",
		"targetId":     "terraform aws_cloudwatch_event_target: target_id, forces new resource",
		"eventBusName": "terraform aws_cloudwatch_event_target: event_bus_name, forces new resource",
		"region":       regionForcesNew,
	},
	"aws:kms/key:Key": {
		"customerMasterKeySpec": "terraform aws_kms_key: customer_master_key_spec, forces new resource",
		"keyUsage":              "terraform aws_kms_key: key_usage, forces new resource",
		"multiRegion":           "terraform aws_kms_key: multi_region, forces new resource",
		"customKeyStoreId":      "terraform aws_kms_key: custom_key_store_id, forces new resource",
		"xksKeyId":              "terraform aws_kms_key: xks_key_id, forces new resource",
		"region":                regionForcesNew,
	},
	"aws:sns/topic:Topic": {
		"name":       "terraform aws_sns_topic: name, forces new resource",
		"namePrefix": "terraform aws_sns_topic: name_prefix, forces new resource",
		"fifoTopic":  "terraform aws_sns_topic: fifo_topic, forces new resource",
		"region":     regionForcesNew,
	},
	"aws:sns/topicPolicy:TopicPolicy": {
		"arn":    "terraform aws_sns_topic_policy: arn, forces new resource",
		"region": regionForcesNew,
	},
	"aws:sns/topicSubscription:TopicSubscription": {
		"topic":    "terraform aws_sns_topic_subscription: topic_arn, forces new resource",
		"protocol": "terraform aws_sns_topic_subscription: protocol, forces new resource",
		"endpoint": "terraform aws_sns_topic_subscription: endpoint, forces new resource",
		"region":   regionForcesNew,
	},
	"aws:sagemaker/modelPackageGroup:ModelPackageGroup": {
		"modelPackageGroupName":        "terraform aws_sagemaker_model_package_group: model_package_group_name, forces new resource",
		"modelPackageGroupDescription": "terraform aws_sagemaker_model_package_group: model_package_group_description, forces new resource",
		"region":                       regionForcesNew,
	},
	"aws:iam/role:Role": {
		"name":       "terraform aws_iam_role: name, forces new resource",
		"namePrefix": "terraform aws_iam_role: name_prefix, forces new resource",
		"path":       "terraform aws_iam_role: path, forces new resource",
	},
	"aws:iam/rolePolicy:RolePolicy": {
		"name":       "terraform aws_iam_role_policy: name, forces new resource",
		"namePrefix": "terraform aws_iam_role_policy: name_prefix, forces new resource",
		"role":       "terraform aws_iam_role_policy: role, forces new resource",
	},
	"aws:lambda/function:Function": {
		"name":        "terraform aws_lambda_function: function_name, forces new resource",
		"packageType": "terraform aws_lambda_function: package_type, forces new resource",
		"region":      regionForcesNew,
	},
	"aws:lambda/eventSourceMapping:EventSourceMapping": {
		"eventSourceArn":            "terraform aws_lambda_event_source_mapping: event_source_arn, forces new resource",
		"startingPosition":          "terraform aws_lambda_event_source_mapping: starting_position, forces new resource",
		"startingPositionTimestamp": "terraform aws_lambda_event_source_mapping: starting_position_timestamp, forces new resource",
		"topics":                    "terraform aws_lambda_event_source_mapping: topics, forces new resource",
		"queues":                    "terraform aws_lambda_event_source_mapping: queues, forces new resource",
		"region":                    regionForcesNew,
	},
	"aws:ecs/cluster:Cluster": {
		"name":   "terraform aws_ecs_cluster: name, forces new resource",
		"region": regionForcesNew,
	},
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": {
		"clusterName": "terraform aws_ecs_cluster_capacity_providers: cluster_name, forces new resource",
		"region":      regionForcesNew,
	},
	// A task definition revision is immutable: every argument but tags,
	// skip_destroy and track_latest forces a new revision.
	"aws:ecs/taskDefinition:TaskDefinition": {
		"family":                  "terraform aws_ecs_task_definition: family, forces new resource",
		"containerDefinitions":    "terraform aws_ecs_task_definition: container_definitions, forces new resource",
		"cpu":                     "terraform aws_ecs_task_definition: cpu, forces new resource",
		"memory":                  "terraform aws_ecs_task_definition: memory, forces new resource",
		"executionRoleArn":        "terraform aws_ecs_task_definition: execution_role_arn, forces new resource",
		"taskRoleArn":             "terraform aws_ecs_task_definition: task_role_arn, forces new resource",
		"networkMode":             "terraform aws_ecs_task_definition: network_mode, forces new resource",
		"requiresCompatibilities": "terraform aws_ecs_task_definition: requires_compatibilities, forces new resource",
		"runtimePlatform":         "terraform aws_ecs_task_definition: runtime_platform, forces new resource",
		"ephemeralStorage":        "terraform aws_ecs_task_definition: ephemeral_storage, forces new resource",
		"volumes":                 "terraform aws_ecs_task_definition: volume, forces new resource",
		"placementConstraints":    "terraform aws_ecs_task_definition: placement_constraints, forces new resource",
		"proxyConfiguration":      "terraform aws_ecs_task_definition: proxy_configuration, forces new resource",
		"pidMode":                 "terraform aws_ecs_task_definition: pid_mode, forces new resource",
		"ipcMode":                 "terraform aws_ecs_task_definition: ipc_mode, forces new resource",
		"region":                  regionForcesNew,
	},
	"aws:sfn/stateMachine:StateMachine": {
		"name":       "terraform aws_sfn_state_machine: name, forces new resource",
		"namePrefix": "terraform aws_sfn_state_machine: name_prefix, forces new resource",
		"type":       "terraform aws_sfn_state_machine: type, forces new resource",
		"region":     regionForcesNew,
	},
	"aws:scheduler/schedule:Schedule": {
		"name":       "terraform aws_scheduler_schedule: name, forces new resource",
		"namePrefix": "terraform aws_scheduler_schedule: name_prefix, forces new resource",
		"groupName":  "terraform aws_scheduler_schedule: group_name, forces new resource",
		"region":     regionForcesNew,
	},

	"snowflake:index/database:Database": {
		"isTransient": "snowflake v2.17.0 database.go: is_transient ForceNew (name renames in place)",
	},
	"snowflake:index/schema:Schema": {
		"database":    "snowflake v2.17.0 schema.go: database ForceNew (name renames in place)",
		"isTransient": "snowflake v2.17.0 schema.go: is_transient ForceNew",
	},
	"snowflake:index/table:Table": {
		"database": "snowflake v2.17.0 table.go: database ForceNew (name renames in place)",
		"schema":   "snowflake v2.17.0 table.go: schema ForceNew",
	},
	"snowflake:index/view:View": {
		"database": "snowflake v2.17.0 view.go: database ForceNew (name renames in place)",
		"schema":   "snowflake v2.17.0 view.go: schema ForceNew",
	},
	"snowflake:index/dynamicTable:DynamicTable": {
		"name":        "snowflake v2.17.0 dynamic_table.go: name ForceNew",
		"query":       "snowflake v2.17.0 dynamic_table.go: query ForceNew",
		"refreshMode": "snowflake v2.17.0 dynamic_table.go: refresh_mode ForceNew",
		"initialize":  "snowflake v2.17.0 dynamic_table.go: initialize ForceNew",
	},
	// The provider recreates a stream whose source or mode changes inside
	// its update (CREATE OR REPLACE ... COPY GRANTS, to keep grants), so the
	// preview says update while the offset is lost.
	"snowflake:index/streamOnTable:StreamOnTable": {
		"name":            "snowflake v2.17.0 stream_common.go: name ForceNew",
		"database":        "snowflake v2.17.0 stream_common.go: database ForceNew",
		"schema":          "snowflake v2.17.0 stream_common.go: schema ForceNew",
		"table":           "snowflake v2.17.0 stream_on_table.go: update recreates the stream when table changes",
		"appendOnly":      "snowflake v2.17.0 stream_on_table.go: update recreates the stream when append_only changes",
		"showInitialRows": "snowflake v2.17.0 stream_on_table.go: update recreates the stream when show_initial_rows changes",
		"at":              "snowflake v2.17.0 stream_on_table.go: update recreates the stream when at changes",
		"before":          "snowflake v2.17.0 stream_on_table.go: update recreates the stream when before changes",
	},
	"snowflake:index/task:Task": {
		"name":     "snowflake v2.17.0 task.go: name ForceNew",
		"database": "snowflake v2.17.0 task.go: database ForceNew",
		"schema":   "snowflake v2.17.0 task.go: schema ForceNew",
	},
	"snowflake:index/pipe:Pipe": {
		"name":           "snowflake v2.17.0 pipe.go: name ForceNew",
		"database":       "snowflake v2.17.0 pipe.go: database ForceNew",
		"schema":         "snowflake v2.17.0 pipe.go: schema ForceNew",
		"copyStatement":  "snowflake v2.17.0 pipe.go: copy_statement ForceNew",
		"autoIngest":     "snowflake v2.17.0 pipe.go: auto_ingest ForceNew",
		"awsSnsTopicArn": "snowflake v2.17.0 pipe.go: aws_sns_topic_arn ForceNew",
	},
	"snowflake:index/stageExternalS3:StageExternalS3": {
		"database": "snowflake v2.17.0 stages_common.go: database ForceNew (name renames in place)",
		"schema":   "snowflake v2.17.0 stages_common.go: schema ForceNew",
	},
	"snowflake:index/fileFormat:FileFormat": {
		"database":   "snowflake v2.17.0 file_format.go: database ForceNew (name renames in place)",
		"schema":     "snowflake v2.17.0 file_format.go: schema ForceNew",
		"formatType": "snowflake v2.17.0 file_format.go: format_type ForceNew",
	},
	"snowflake:index/storageIntegrationAws:StorageIntegrationAws": {
		"name":            "snowflake v2.17.0 storage_integration_aws.go: name ForceNew",
		"storageProvider": "snowflake v2.17.0 storage_integration_aws.go: storage_provider ForceNew",
	},
	"snowflake:index/notificationIntegration:NotificationIntegration": {
		"name":                 "snowflake v2.17.0 notification_integration.go: name ForceNew",
		"notificationProvider": "snowflake v2.17.0 notification_integration.go: notification_provider ForceNew",
	},
	"snowflake:index/resourceMonitor:ResourceMonitor": {
		"name": "snowflake v2.17.0 resource_monitor.go: name ForceNew",
	},
}

// regionForcesNew is the source of every regional AWS type's `region` entry.
const regionForcesNew = "pulumi-aws v7 docs/enhanced-region-support.md: changing the value of region will force resource replacement"

// ForcesNew says whether changing the top-level input key of a resource of
// this type replaces the resource, and the source that says so. A renamed
// type's older token is read as its new one (plan.CurrentType).
func ForcesNew(token, key string) (source string, ok bool) {
	source, ok = forcesNew[plan.CurrentType(token)][key]
	return source, ok
}

// ReplaceTypes lists the resource types with inputs that force a
// replacement, sorted.
func ReplaceTypes() []string {
	out := make([]string, 0, len(forcesNew))
	for t := range forcesNew {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
