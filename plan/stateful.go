package plan

import "sort"

// stateful lists the resource types that hold data, or state a person set up
// by hand, which deleting or replacing the resource loses: what `schedkit
// diff` flags loudly and what prod keeps and protects. Each entry says what
// is lost. Tokens are today's: a renamed type's older token (CurrentType) is
// judged as its new one.
var stateful = map[string]string{
	"aws:s3/bucket:Bucket":                                      "its objects",
	"aws:kinesis/stream:Stream":                                 "the records still in retention",
	"aws:sqs/queue:Queue":                                       "the messages in it (a dead-letter queue's failed events)",
	"aws:cloudwatch/logGroup:LogGroup":                          "its logs",
	"aws:kms/key:Key":                                           "every byte encrypted with it (a deleted key cannot decrypt)",
	"aws:sns/topic:Topic":                                       "its confirmed subscriptions (each address must confirm again)",
	"aws:sagemaker/modelPackageGroup:ModelPackageGroup":         "the model versions and their approval history",
	"snowflake:index/database:Database":                         "every schema, table and stage in it",
	"snowflake:index/schema:Schema":                             "every table and stage in it",
	"snowflake:index/table:Table":                               "its rows",
	"snowflake:index/dynamicTable:DynamicTable":                 "its rows, recomputed only at the next refresh's cost",
	"snowflake:index/streamOnTable:StreamOnTable":               "its offset: changes not yet consumed",
	"snowflake:index/stageInternal:StageInternal":               "the files in it",
	"snowflake:index/stageExternalS3:StageExternalS3":           "the pipes and grants that refer to it (the files stay in S3)",
	"snowflake:index/stage:Stage":                               "the files in it, or the objects that refer to it",
	"snowflake:index/externalTable:ExternalTable":               "the grants and views that refer to it",
	"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "the records it is buffering",
}

// Stateful says whether a resource type holds data or hand-made state, and
// what deleting or replacing it loses.
func Stateful(token string) (loses string, ok bool) {
	loses, ok = stateful[CurrentType(token)]
	return loses, ok
}

// StatefulTypes lists the stateful resource types, sorted.
func StatefulTypes() []string {
	out := make([]string, 0, len(stateful))
	for t := range stateful {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
