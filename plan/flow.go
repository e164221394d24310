package plan

import (
	"regexp"
	"strings"
)

// This file is the one home of what the pictures know about resource types:
// which types are drawn, which only connect two others, which are folded
// into their component, and which way data runs along a dependency.
//
// A dependency in a plan says "this resource reads that one's outputs": the
// consumer of an ARN or a name depends on its producer. Data often runs the
// other way: a schedule depends on the workflow it starts, a pipe on the
// table it loads. The flows table turns each dependency into a data flow, or
// into none (a role's policy, a database's schema).

// role is how a resource type appears in a component picture.
type role int

const (
	// drawn is a box: a resource that holds, moves or processes data. It is
	// the default, so a type added later shows up until it is classified.
	drawn role = iota
	// connector joins two drawn resources and is drawn as the arrow between
	// them: what flows into it flows on to where it points.
	connector
	// folded is part of its component's machinery (permissions, keys,
	// alarms, logs, settings): it is in the tree and in `--detail`, not in
	// the component picture.
	folded
)

// roles classifies resource types; a type not listed is drawn.
var roles = map[string]role{
	// An EventBridge target carries its rule's events to the workflow; a
	// Lambda event source mapping carries stream records to the function.
	"aws:cloudwatch/eventTarget:EventTarget":           connector,
	"aws:lambda/eventSourceMapping:EventSourceMapping": connector,
	// A bucket notification only tells a pipe to load from its stage, which
	// the bucket → stage → pipe arrows already draw.
	"aws:s3/bucketNotification:BucketNotification":              folded,
	"aws:iam/role:Role":                                         folded,
	"aws:iam/rolePolicy:RolePolicy":                             folded,
	"aws:iam/policy:Policy":                                     folded,
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment":         folded,
	"aws:kms/key:Key":                                           folded,
	"aws:kms/alias:Alias":                                       folded,
	"aws:cloudwatch/metricAlarm:MetricAlarm":                    folded,
	"aws:cloudwatch/logGroup:LogGroup":                          folded,
	"aws:cloudwatch/logStream:LogStream":                        folded,
	"aws:sns/topic:Topic":                                       folded, // alerts, not data
	"aws:sns/topicPolicy:TopicPolicy":                           folded,
	"aws:sns/topicSubscription:TopicSubscription":               folded,
	"aws:sqs/queue:Queue":                                       folded, // dead-letter queues: failures, not data
	"aws:sqs/queuePolicy:QueuePolicy":                           folded,
	"aws:ecs/cluster:Cluster":                                   folded, // where the task runs, drawn as the task
	"aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": folded,
	"aws:s3/bucketPolicy:BucketPolicy":                          folded,
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":    folded,
	"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": folded,
	"aws:s3/bucketVersioning:BucketVersioning":                                               folded,
	"aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":                       folded,
	"snowflake:index/database:Database":                                                      folded, // a container, not a flow
	"snowflake:index/schema:Schema":                                                          folded,
	"snowflake:index/fileFormat:FileFormat":                                                  folded,
	"snowflake:index/notificationIntegration:NotificationIntegration":                        folded, // error notifications
	"snowflake:index/storageIntegrationAws:StorageIntegrationAws":                            folded, // a stage's credentials
	"snowflake:index/resourceMonitor:ResourceMonitor":                                        folded,
	"snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole":              folded,
	"pulumi:providers:snowflake":                                                             folded,
	"pulumi:providers:aws":                                                                   folded,
}

// roleOf is how a resource type appears in a component picture.
func roleOf(token string) role {
	if strings.HasPrefix(token, "pulumi:providers:") {
		return folded
	}
	return roles[CurrentType(token)]
}

// direction is which way data runs along a dependency.
type direction int

const (
	// noFlow: the dependency carries no data the picture should show (a
	// role's policy, a table's schema), or the SQL decides (see sqlFlows).
	noFlow direction = iota
	// toDependent: data runs from the dependency to the resource that
	// depends on it (a stream to the firehose reading it).
	toDependent
	// toDependency: data runs from the resource to its dependency (a
	// schedule starts the workflow it names).
	toDependency
	// byDefinition: a workflow that registers model versions writes the
	// registry it names (training); one that looks them up reads it
	// (inference).
	byDefinition
	// byStageURL: an external stage reads the bucket its URL names; a
	// dependency on another bucket (a component passing several bucket
	// names through one Output) carries no data.
	byStageURL
)

// flowKey is a dependency between two resource types.
type flowKey struct{ dependency, dependent string }

// flows says which way data runs along a dependency between two types. A
// pair not listed carries no data. Edges into and out of Snowflake tasks,
// pipes, views and dynamic tables come from their SQL instead (sqlFlows): a
// task that depends on a table may read it or write it.
var flows = map[flowKey]direction{
	// EventBridge Scheduler starts the workflow; a rule's target starts it
	// on an event; the workflow runs the ECS task.
	{"aws:sfn/stateMachine:StateMachine", "aws:scheduler/schedule:Schedule"}:         toDependency,
	{"aws:sfn/stateMachine:StateMachine", "aws:cloudwatch/eventTarget:EventTarget"}:  toDependency,
	{"aws:cloudwatch/eventRule:EventRule", "aws:cloudwatch/eventTarget:EventTarget"}: toDependent,
	{"aws:ecs/taskDefinition:TaskDefinition", "aws:sfn/stateMachine:StateMachine"}:   toDependency,
	// A model registry's approval events feed a rule; a training workflow
	// registers versions, an inference workflow reads them.
	{"aws:sagemaker/modelPackageGroup:ModelPackageGroup", "aws:cloudwatch/eventRule:EventRule"}: toDependent,
	{"aws:sagemaker/modelPackageGroup:ModelPackageGroup", "aws:sfn/stateMachine:StateMachine"}:  byDefinition,
	// Kinesis records flow through the event source mapping to the
	// function, and from the stream into Firehose, which writes its bucket.
	{"aws:kinesis/stream:Stream", "aws:lambda/eventSourceMapping:EventSourceMapping"}:          toDependent,
	{"aws:lambda/function:Function", "aws:lambda/eventSourceMapping:EventSourceMapping"}:       toDependency,
	{"aws:kinesis/stream:Stream", "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"}: toDependent,
	{"aws:s3/bucket:Bucket", "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"}:      toDependency,
	// A bucket's object events go through its notification to the pipe's
	// queue; an external stage reads its bucket.
	{"aws:s3/bucket:Bucket", "aws:s3/bucketNotification:BucketNotification"}:             toDependent,
	{"snowflake:index/pipe:Pipe", "aws:s3/bucketNotification:BucketNotification"}:        toDependency,
	{"aws:s3/bucket:Bucket", "snowflake:index/stageExternalS3:StageExternalS3"}:          byStageURL,
	{"snowflake:index/table:Table", "snowflake:index/streamOnTable:StreamOnTable"}:       toDependent,
	{"snowflake:index/warehouse:Warehouse", "snowflake:index/task:Task"}:                 toDependent, // runs it
	{"snowflake:index/warehouse:Warehouse", "snowflake:index/dynamicTable:DynamicTable"}: toDependent,
	// A task runs after its predecessors.
	{"snowflake:index/task:Task", "snowflake:index/task:Task"}: toDependent,
}

// flowOf is which way data runs from dep to r, where r depends on dep.
func flowOf(dep, r Resource) direction {
	switch d := flows[flowKey{CurrentType(dep.Type), CurrentType(r.Type)}]; d {
	case byDefinition:
		// Step Functions' SageMaker integration: a training workflow calls
		// CreateModelPackage; an inference workflow lists the approved
		// versions.
		if strings.Contains(r.String("definition"), "createModelPackage") {
			return toDependency
		}
		return toDependent
	case byStageURL:
		if bucket := dep.Output("bucket"); bucket != "" && strings.HasPrefix(r.String("url"), "s3://"+bucket+"/") {
			return toDependent
		}
		return noFlow
	default:
		return d
	}
}

// sqlInputs are the inputs holding the SQL a Snowflake object runs, by type.
var sqlInputs = map[string]string{
	"snowflake:index/task:Task":                 "sqlStatement",
	"snowflake:index/pipe:Pipe":                 "copyStatement",
	"snowflake:index/view:View":                 "statement",
	"snowflake:index/dynamicTable:DynamicTable": "query",
}

// writeBefore matches the SQL just before an object name that the statement
// writes: INSERT [OVERWRITE] INTO, MERGE INTO, COPY INTO, UPDATE, DELETE
// FROM, TRUNCATE [TABLE].
var writeBefore = regexp.MustCompile(`(INTO|UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s*@?$`)

// sqlFlows returns the data flows of the SQL that r runs, against the
// Snowflake objects in byName (by normalized fully qualified name): a name
// the SQL writes is a flow from r to the object; any other mention reads it.
// A stage named in dynamic SQL ('@DB.SCHEMA.STAGE/...' in a string) is an
// unload target, as FROM @stage is the only way to read one.
func sqlFlows(r Resource, byName map[string]Resource) (reads, writes []Resource) {
	input, ok := sqlInputs[r.Type]
	if !ok {
		return nil, nil
	}
	sql := normalizeSQL(r.String(input))
	if sql == "" {
		return nil, nil
	}
	for name, obj := range byName {
		if obj.URN == r.URN {
			continue
		}
		read, write := false, false
		for at := 0; ; {
			i := strings.Index(sql[at:], name)
			if i < 0 {
				break
			}
			i += at
			at = i + len(name)
			if (i > 0 && isNameByte(sql[i-1])) || (at < len(sql) && isNameByte(sql[at])) {
				continue
			}
			before := strings.TrimRight(sql[:i], " \t\n")
			switch {
			case writeBefore.MatchString(before):
				write = true
			case obj.Type == "snowflake:index/stageExternalS3:StageExternalS3" && strings.HasSuffix(before, "'@"):
				write = true
			default:
				read = true
			}
		}
		if read {
			reads = append(reads, obj)
		}
		if write {
			writes = append(writes, obj)
		}
	}
	return reads, writes
}

// firehoseTable returns the Snowflake table a Firehose stream delivers to
// (its snowflakeConfiguration's database, schema and table), if it is in
// byName.
func firehoseTable(r Resource, byName map[string]Resource) (Resource, bool) {
	if r.Type != "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream" {
		return Resource{}, false
	}
	var parts []string
	for _, k := range []string{"database", "schema", "table"} {
		s, _ := r.Get("snowflakeConfiguration", k).(string)
		if s == "" {
			return Resource{}, false
		}
		parts = append(parts, s)
	}
	t, ok := byName[normalizeSQL(strings.Join(parts, "."))]
	return t, ok
}

// normalizeSQL drops identifier quotes and folds case, so
// "DB"."SCHEMA"."T" and db.schema.t are the same name.
func normalizeSQL(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, `"`, ""))
}

// isNameByte says whether b can continue a Snowflake identifier or a
// qualified name.
func isNameByte(b byte) bool {
	return b == '_' || b == '$' || b == '.' || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
}
