package policy

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/plan"
)

const (
	streamTestStreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
	streamTestQueueArn  = "arn:aws:sqs:us-east-1:123456789012:clicks-failures"
	streamTestBucketArn = "arn:aws:s3:::clicks-sink"
)

func streamRes(typ, name string, inputs, outputs map[string]any) plan.Resource {
	if inputs == nil {
		inputs = map[string]any{}
	}
	if outputs == nil {
		outputs = map[string]any{}
	}
	return plan.Resource{URN: "urn:pulumi:dev::test::" + typ + "::" + name, Type: typ, Name: name, Custom: true, Inputs: inputs, Outputs: outputs}
}

func streamRule(t *testing.T, id string) Rule {
	t.Helper()
	for _, r := range StreamRules() {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no stream rule %q", id)
	return Rule{}
}

// messages runs one rule and returns its findings' messages by resource name.
func streamFindings(t *testing.T, id string, resources ...plan.Resource) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range streamRule(t, id).Check(&plan.Plan{Resources: resources}) {
		for _, r := range resources {
			if r.URN == f.URN {
				out[r.Name] = f.Message
			}
		}
	}
	return out
}

func streamEncryptedFixture(name string) plan.Resource {
	return streamRes("aws:kinesis/stream:Stream", name,
		map[string]any{"encryptionType": "KMS", "kmsKeyId": "alias/aws/kinesis"},
		map[string]any{"arn": "arn:aws:kinesis:us-east-1:123456789012:stream/" + name})
}

func streamSafeMapping() map[string]any {
	return map[string]any{
		"eventSourceArn":             streamTestStreamArn,
		"bisectBatchOnFunctionError": true,
		"maximumRetryAttempts":       3.0,
		"destinationConfig":          map[string]any{"onFailure": map[string]any{"destinationArn": streamTestQueueArn}},
	}
}

func TestStreamRules_areDistinctAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range StreamRules() {
		assert.False(t, seen[r.ID], "duplicate rule %s", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.Rationale, r.ID)
		assert.Contains(t, []Severity{High, Medium, Low}, r.Severity, r.ID)
		require.NotNil(t, r.Check, r.ID)
	}
	assert.Equal(t, map[string]bool{
		"kinesis-stream-encrypted": true, "esm-on-failure-destination": true, "esm-finite-retries": true,
		"esm-bisect-on-error": true, "lambda-log-retention": true, "firehose-encrypted": true,
	}, seen)
	rules := StreamRules()
	rules[0].ID = "changed"
	assert.Equal(t, "kinesis-stream-encrypted", StreamRules()[0].ID, "callers get a copy")
}

func TestStreamRules_kinesisStreamEncrypted(t *testing.T) {
	got := streamFindings(t, "kinesis-stream-encrypted",
		streamEncryptedFixture("good"),
		streamRes("aws:kinesis/stream:Stream", "plain", nil, nil),
		streamRes("aws:kinesis/stream:Stream", "no-key", map[string]any{"encryptionType": "KMS"}, nil),
		streamRes("aws:kinesis/stream:Stream", "none", map[string]any{"encryptionType": "NONE", "kmsKeyId": "alias/aws/kinesis"}, nil),
	)
	assert.Equal(t, []string{"no-key", "none", "plain"}, streamSortedNames(got))
	assert.Contains(t, got["plain"], "not encrypted at rest")
}

func TestStreamRules_mappingsCannotBlockAShard(t *testing.T) {
	noDest := streamSafeMapping()
	delete(noDest, "destinationConfig")
	infinite := streamSafeMapping()
	infinite["maximumRetryAttempts"] = -1.0
	unset := streamSafeMapping()
	delete(unset, "maximumRetryAttempts")
	noBisect := streamSafeMapping()
	noBisect["bisectBatchOnFunctionError"] = false
	dynamo := streamSafeMapping()
	dynamo["eventSourceArn"] = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000"
	delete(dynamo, "destinationConfig")
	consumer := streamSafeMapping()
	consumer["eventSourceArn"] = streamTestStreamArn + "/consumer/fn:1700000000"
	sqs := map[string]any{"eventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs"}

	const esm = "aws:lambda/eventSourceMapping:EventSourceMapping"
	all := []plan.Resource{
		streamRes(esm, "safe", streamSafeMapping(), nil),
		streamRes(esm, "consumer", consumer, nil),
		streamRes(esm, "no-destination", noDest, nil),
		streamRes(esm, "infinite-retries", infinite, nil),
		streamRes(esm, "unset-retries", unset, nil),
		streamRes(esm, "no-bisect", noBisect, nil),
		streamRes(esm, "dynamodb-no-destination", dynamo, nil),
		streamRes(esm, "sqs", sqs, nil),
	}

	dest := streamFindings(t, "esm-on-failure-destination", all...)
	assert.Equal(t, []string{"dynamodb-no-destination", "no-destination"}, streamSortedNames(dest))
	assert.Contains(t, dest["no-destination"], "no on-failure destination")

	retries := streamFindings(t, "esm-finite-retries", all...)
	assert.Equal(t, []string{"infinite-retries", "unset-retries"}, streamSortedNames(retries))
	assert.Contains(t, retries["infinite-retries"], "maximumRetryAttempts -1")
	assert.Contains(t, retries["unset-retries"], "sets no maximumRetryAttempts")

	bisect := streamFindings(t, "esm-bisect-on-error", all...)
	assert.Equal(t, []string{"no-bisect"}, streamSortedNames(bisect))
}

func TestStreamRules_lambdaLogRetention(t *testing.T) {
	const fnT, lgT = "aws:lambda/function:Function", "aws:cloudwatch/logGroup:LogGroup"
	got := streamFindings(t, "lambda-log-retention",
		streamRes(fnT, "named", map[string]any{"name": "clicks-1234567"}, nil),
		streamRes(lgT, "named-logs", map[string]any{"name": "/aws/lambda/clicks-1234567", "retentionInDays": 30.0}, nil),
		streamRes(fnT, "configured", map[string]any{"loggingConfig": map[string]any{"logGroup": "/shared/lambda"}}, map[string]any{"name": "auto-1"}),
		streamRes(lgT, "shared-logs", nil, map[string]any{"name": "/shared/lambda"}),
		streamRes(fnT, "autonamed", nil, map[string]any{"name": "auto-2"}),
		streamRes(lgT, "auto-logs", map[string]any{"name": "/aws/lambda/auto-2", "retentionInDays": 14.0}, nil),
		streamRes(fnT, "orphan", map[string]any{"name": "orphan"}, nil),
	)
	assert.Equal(t, []string{"configured", "orphan"}, streamSortedNames(got))
	assert.Contains(t, got["configured"], `"/shared/lambda" has no retentionInDays`)
	assert.Contains(t, got["orphan"], `"/aws/lambda/orphan", which is not in the plan`)
}

func TestStreamRules_firehoseEncrypted(t *testing.T) {
	const fhT = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
	bucket := streamRes("aws:s3/bucket:Bucket", "sink", nil, map[string]any{"arn": streamTestBucketArn, "bucket": "clicks-sink", "id": "clicks-sink"})
	sse := streamRes("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sink-encryption",
		map[string]any{"bucket": "clicks-sink", "rules": []any{map[string]any{"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": "aws:kms"}}}}, nil)
	plainBucket := streamRes("aws:s3/bucket:Bucket", "plain", nil, map[string]any{"arn": "arn:aws:s3:::plain", "bucket": "plain", "id": "plain"})
	unencrypted := streamRes("aws:kinesis/stream:Stream", "raw", nil, map[string]any{"arn": "arn:aws:kinesis:us-east-1:123456789012:stream/raw"})
	source := func(arn string) map[string]any {
		return map[string]any{"kinesisStreamArn": arn, "roleArn": "arn:aws:iam::123456789012:role/r"}
	}
	s3 := func(arn string) map[string]any { return map[string]any{"bucketArn": arn} }

	got := streamFindings(t, "firehose-encrypted",
		streamEncryptedFixture("clicks"), bucket, sse, plainBucket, unencrypted,
		streamRes(fhT, "from-stream-to-s3", map[string]any{"destination": "extended_s3", "kinesisSourceConfiguration": source(streamTestStreamArn), "extendedS3Configuration": s3(streamTestBucketArn)}, nil),
		streamRes(fhT, "to-outside-bucket", map[string]any{"kinesisSourceConfiguration": source(streamTestStreamArn), "extendedS3Configuration": s3("arn:aws:s3:::elsewhere")}, nil),
		streamRes(fhT, "snowflake-backup-plain", map[string]any{"destination": "snowflake", "kinesisSourceConfiguration": source(streamTestStreamArn),
			"snowflakeConfiguration": map[string]any{"s3Configuration": s3("arn:aws:s3:::plain")}}, nil),
		streamRes(fhT, "sse-with-stream", map[string]any{"kinesisSourceConfiguration": source(streamTestStreamArn), "serverSideEncryption": map[string]any{"enabled": true},
			"extendedS3Configuration": s3(streamTestBucketArn)}, nil),
		streamRes(fhT, "from-plain-stream", map[string]any{"kinesisSourceConfiguration": source("arn:aws:kinesis:us-east-1:123456789012:stream/raw"), "extendedS3Configuration": s3(streamTestBucketArn)}, nil),
		streamRes(fhT, "direct-put-sse", map[string]any{"serverSideEncryption": map[string]any{"enabled": true, "keyType": "AWS_OWNED_CMK"}, "extendedS3Configuration": s3(streamTestBucketArn)}, nil),
		streamRes(fhT, "direct-put-plain", map[string]any{"extendedS3Configuration": s3(streamTestBucketArn)}, nil),
	)
	assert.Equal(t, []string{"direct-put-plain", "from-plain-stream", "snowflake-backup-plain", "sse-with-stream"}, streamSortedNames(got))
	assert.Contains(t, got["direct-put-plain"], "has no serverSideEncryption")
	assert.Contains(t, got["from-plain-stream"], "reads stream arn:aws:kinesis:us-east-1:123456789012:stream/raw, which is not KMS-encrypted")
	assert.Contains(t, got["snowflake-backup-plain"], "delivers to bucket arn:aws:s3:::plain, which the plan creates without default encryption")
	assert.Contains(t, got["sse-with-stream"], "Firehose refuses with a Kinesis stream source")
}

func streamSortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
