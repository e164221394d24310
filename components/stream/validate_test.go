package stream

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func intp(n int) *int { return &n }

func TestStreamProcessor_rejectsBadInput(t *testing.T) {
	cases := []struct {
		name   string
		change func(a *StreamProcessorArgs)
		// want are substrings of the error: the field in backticks first.
		want []string
	}{
		{"batch size over 10000", func(a *StreamProcessorArgs) { a.BatchSize = 10001 }, []string{"`BatchSize`", "10001 is outside 1–10000"}},
		{"batch size negative", func(a *StreamProcessorArgs) { a.BatchSize = -1 }, []string{"`BatchSize`", "-1 is outside 1–10000"}},
		{"parallelization factor over 10", func(a *StreamProcessorArgs) { a.ParallelizationFactor = 11 }, []string{"`ParallelizationFactor`", "11 is outside 1–10"}},
		{"parallelization factor negative", func(a *StreamProcessorArgs) { a.ParallelizationFactor = -1 }, []string{"`ParallelizationFactor`", "outside 1–10"}},
		{"retries under -1", func(a *StreamProcessorArgs) { a.MaximumRetryAttempts = intp(-2) }, []string{"`MaximumRetryAttempts`", "-2 is outside -1–10000"}},
		{"retries over 10000", func(a *StreamProcessorArgs) { a.MaximumRetryAttempts = intp(10001) }, []string{"`MaximumRetryAttempts`", "10001 is outside -1–10000"}},
		{"record age under 60", func(a *StreamProcessorArgs) { a.MaximumRecordAgeSeconds = 59 }, []string{"`MaximumRecordAgeSeconds`", "59 is neither -1"}},
		{"record age over a week", func(a *StreamProcessorArgs) { a.MaximumRecordAgeSeconds = 604801 }, []string{"`MaximumRecordAgeSeconds`", "604801"}},
		{"record age -2", func(a *StreamProcessorArgs) { a.MaximumRecordAgeSeconds = -2 }, []string{"`MaximumRecordAgeSeconds`", "-2"}},
		{"memory under 128", func(a *StreamProcessorArgs) { a.MemoryMB = 127 }, []string{"`MemoryMB`", "127 is outside 128–10240"}},
		{"memory over 10240", func(a *StreamProcessorArgs) { a.MemoryMB = 10241 }, []string{"`MemoryMB`", "10241 is outside 128–10240"}},
		{"timeout over 15 minutes", func(a *StreamProcessorArgs) { a.Timeout = 901 * time.Second }, []string{"`Timeout`", "15m1s is outside 1s–15m0s"}},
		{"timeout negative", func(a *StreamProcessorArgs) { a.Timeout = -time.Second }, []string{"`Timeout`", "-1s is outside"}},
		{"timeout not whole seconds", func(a *StreamProcessorArgs) { a.Timeout = 1500 * time.Millisecond }, []string{"`Timeout`", "1.5s"}},
		{"existing stream and stream settings", func(a *StreamProcessorArgs) {
			a.StreamArn = pulumi.String(testStreamARN)
			a.Stream = &StreamArgs{}
		}, []string{"`Stream`", "together with `StreamArn`"}},
		{"stream key without existing stream", func(a *StreamProcessorArgs) { a.StreamKmsKeyArn = pulumi.String(testKeyARN) }, []string{"`StreamKmsKeyArn`", "without `StreamArn`"}},
		{"no code", func(a *StreamProcessorArgs) { a.CodeArchivePath = "" }, []string{"`CodeArchivePath`", "needs code"}},
		{"two code sources", func(a *StreamProcessorArgs) { a.ImageUri = pulumi.String(testImage) }, []string{"`CodeArchivePath`", "exclusive"}},
		{"archive missing", func(a *StreamProcessorArgs) { a.CodeArchivePath = "testdata/nope" }, []string{"`CodeArchivePath`", `"testdata/nope" does not exist`}},
		{"S3 code without key", func(a *StreamProcessorArgs) { a.CodeArchivePath, a.CodeS3Bucket = "", "acme-artifacts" }, []string{"`CodeS3Key`", "is required"}},
		{"archive without runtime", func(a *StreamProcessorArgs) { a.Runtime = "" }, []string{"`Runtime`", "an archive needs a Lambda runtime"}},
		{"runtime that does not exist", func(a *StreamProcessorArgs) { a.Runtime = "python4.0" }, []string{"`Runtime`", `"python4.0" is not a Lambda runtime`}},
		{"runtime Lambda no longer creates", func(a *StreamProcessorArgs) { a.Runtime = "python3.7" }, []string{"`Runtime`", `"python3.7" can no longer be used for new functions`}},
		{"environment over 4 KB", func(a *StreamProcessorArgs) {
			a.Environment = map[string]pulumi.StringInput{"A": pulumi.String(strings.Repeat("a", 3000)), "B": pulumi.String(strings.Repeat("b", 1100))}
		}, []string{"`Environment`", "is 4115 bytes as Lambda measures it", "Lambda allows 4096"}},
		{"reserved tag key", func(a *StreamProcessorArgs) { a.Tags = map[string]string{"aws:cloudformation:stack-name": "x"} }, []string{"`Tags`", "reserved for AWS"}},
		{"too many tags", func(a *StreamProcessorArgs) {
			a.Tags = map[string]string{}
			for i := range 48 {
				a.Tags[fmt.Sprintf("t%d", i)] = "v"
			}
		}, []string{"`Tags`", "has 48 tags; with schedkit's 3 a resource would carry 51, over AWS's limit of 50"}},
		{"archive without handler", func(a *StreamProcessorArgs) { a.Handler = "" }, []string{"`Handler`", "an archive needs one"}},
		{"image with runtime", func(a *StreamProcessorArgs) { a.CodeArchivePath, a.ImageUri = "", pulumi.String(testImage) }, []string{"`Runtime`", "set with `ImageUri`"}},
		{"architecture", func(a *StreamProcessorArgs) { a.Architecture = "ARM64" }, []string{"`Architecture`", `"ARM64" is not one of arm64, x86_64`}},
		{"provisioned without shard count", func(a *StreamProcessorArgs) { a.Stream = &StreamArgs{Mode: "PROVISIONED"} }, []string{"`Stream.ShardCount`", "required with PROVISIONED"}},
		{"on-demand with shard count", func(a *StreamProcessorArgs) { a.Stream = &StreamArgs{ShardCount: 2} }, []string{"`Stream.ShardCount`", "set with ON_DEMAND"}},
		{"stream mode", func(a *StreamProcessorArgs) { a.Stream = &StreamArgs{Mode: "on-demand"} }, []string{"`Stream.Mode`", "not one of ON_DEMAND, PROVISIONED"}},
		{"retention under 24 hours", func(a *StreamProcessorArgs) { a.Stream = &StreamArgs{RetentionHours: 23} }, []string{"`Stream.RetentionHours`", "23 is outside 24–8760"}},
		{"retention over a year", func(a *StreamProcessorArgs) { a.Stream = &StreamArgs{RetentionHours: 8761} }, []string{"`Stream.RetentionHours`", "8761 is outside 24–8760"}},
		{"stream key is an alias", func(a *StreamProcessorArgs) { a.Stream = &StreamArgs{KmsKeyArn: pulumi.String("alias/streams")} }, []string{"`Stream.KmsKeyArn`", "not a KMS key ARN"}},
		{"stream ARN", func(a *StreamProcessorArgs) {
			a.StreamArn = pulumi.String("arn:aws:kinesis:us-east-1:123456789012:orders")
		}, []string{"`StreamArn`", "not a Kinesis stream ARN"}},
		{"credential in environment", func(a *StreamProcessorArgs) {
			a.Environment = map[string]pulumi.StringInput{"DB_PASSWORD": pulumi.String("hunter2")}
		}, []string{"`Environment`", `"DB_PASSWORD" looks like a credential`}},
		{"reserved environment name", func(a *StreamProcessorArgs) {
			a.Environment = map[string]pulumi.StringInput{"AWS_REGION": pulumi.String("eu-west-1")}
		}, []string{"`Environment`", `"AWS_REGION" is reserved`}},
		{"reserved concurrency 0", func(a *StreamProcessorArgs) { a.ReservedConcurrency = intp(0) }, []string{"`ReservedConcurrency`", "0 is under 1"}},
		{"function name too long", func(a *StreamProcessorArgs) { a.FunctionName = strings.Repeat("f", 65) }, []string{"`FunctionName`", "at most 64"}},
		{"wildcard function statement", func(a *StreamProcessorArgs) {
			a.FunctionPolicyStatements = []iampolicy.Statement{{Actions: []string{"s3:*"}, Resources: iampolicy.Strings("*")}}
		}, []string{"`FunctionPolicyStatements[0]`", `"s3:*" is a wildcard`}},
		{"log retention", func(a *StreamProcessorArgs) { a.LogRetentionDays = 10 }, []string{"`LogRetentionDays`", "10 is not a CloudWatch Logs retention"}},
		{"log format", func(a *StreamProcessorArgs) { a.LogFormat = "json" }, []string{"`LogFormat`", "not one of Text, JSON"}},
		{"starting position", func(a *StreamProcessorArgs) { a.StartingPosition = "EARLIEST" }, []string{"`StartingPosition`", "not one of LATEST, TRIM_HORIZON, AT_TIMESTAMP"}},
		{"AT_TIMESTAMP without timestamp", func(a *StreamProcessorArgs) { a.StartingPosition = "AT_TIMESTAMP" }, []string{"`StartingPositionTimestamp`", "required with AT_TIMESTAMP"}},
		{"timestamp without AT_TIMESTAMP", func(a *StreamProcessorArgs) { a.StartingPositionTimestamp = "2026-01-02T03:04:05Z" }, []string{"`StartingPositionTimestamp`", "not AT_TIMESTAMP"}},
		{"timestamp not RFC 3339", func(a *StreamProcessorArgs) {
			a.StartingPosition, a.StartingPositionTimestamp = "AT_TIMESTAMP", "yesterday"
		}, []string{"`StartingPositionTimestamp`", `"yesterday" is not an RFC 3339 time`}},
		{"batching window over 300 s", func(a *StreamProcessorArgs) { a.BatchingWindow = 301 * time.Second }, []string{"`BatchingWindow`", "5m1s is outside 0s–5m0s"}},
		{"tumbling window over 900 s", func(a *StreamProcessorArgs) { a.TumblingWindow = 901 * time.Second }, []string{"`TumblingWindow`", "15m1s is outside 0s–15m0s"}},
		{"filter not JSON", func(a *StreamProcessorArgs) { a.FilterPatterns = []string{`{"data":`} }, []string{"`FilterPatterns[0]`", "not a JSON object"}},
		{"too many filters", func(a *StreamProcessorArgs) {
			a.FilterPatterns = []string{`{"a":[1]}`, `{"a":[2]}`, `{"a":[3]}`, `{"a":[4]}`, `{"a":[5]}`, `{"a":[6]}`}
		}, []string{"`FilterPatterns`", "6 patterns; Lambda allows 5"}},
		{"iterator age threshold", func(a *StreamProcessorArgs) { a.IteratorAgeAlarmThreshold = time.Second }, []string{"`IteratorAgeAlarmThreshold`", "under 1m0s"}},
		{"alert email with given topic", func(a *StreamProcessorArgs) {
			a.AlertTopicArn, a.AlertEmail = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops"), "ops@example.com"
		}, []string{"`AlertEmail`", "with `AlertTopicArn`"}},
		{"sink without destination", func(a *StreamProcessorArgs) { a.Sink = &SinkArgs{} }, []string{"`Sink`", "no destination"}},
		{"sink with two destinations", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.S3 = &S3SinkArgs{}
		}, []string{"`Sink`", "one destination"}},
		{"given bucket with encryption", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, BucketArn: pulumi.String(testBucketARN), BucketEncryption: "AES256"}
		}, []string{"`Sink.BucketEncryption`", "keeps its own encryption"}},
		{"bucket encryption", func(a *StreamProcessorArgs) { a.Sink = &SinkArgs{S3: &S3SinkArgs{}, BucketEncryption: "SSE-C"} }, []string{"`Sink.BucketEncryption`", "not one of aws:kms, AES256"}},
		{"AES256 with a key", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, BucketEncryption: "AES256", BucketKmsKeyArn: pulumi.String(testKeyARN)}
		}, []string{"`Sink.BucketKmsKeyArn`", "AES256"}},
		{"bucket ARN", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, BucketArn: pulumi.String("acme-landing")}
		}, []string{"`Sink.BucketArn`", "not an S3 bucket ARN"}},
		{"prefix without slash", func(a *StreamProcessorArgs) { a.Sink = &SinkArgs{S3: &S3SinkArgs{}, Prefix: "clicks"} }, []string{"`Sink.Prefix`", `does not end with /`}},
		{"prefix as a URI", func(a *StreamProcessorArgs) { a.Sink = &SinkArgs{S3: &S3SinkArgs{}, Prefix: "s3://acme/clicks/"} }, []string{"`Sink.Prefix`", "is a URI"}},
		{"prefix too long with the partitions", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, Prefix: strings.Repeat("p", 950) + "/"}
		}, []string{"`Sink.Prefix`", "with the partitions Firehose appends", "over Firehose's limit of 1024"}},
		{"snowflake table name over 255", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.Table = strings.Repeat("T", 256)
		}, []string{"`Sink.Snowflake.Table`", "the maximum is 255"}},
		{"snowflake role not a name", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.Role = "firehose role"
		}, []string{"`Sink.Snowflake.Role`", "contains ' '"}},
		{"prefix with expression", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{}, Prefix: "!{timestamp:yyyy}/"}
		}, []string{"`Sink.Prefix`", "holds a Firehose expression"}},
		{"S3 buffering size", func(a *StreamProcessorArgs) { a.Sink = &SinkArgs{S3: &S3SinkArgs{BufferingSizeMB: 129}} }, []string{"`Sink.S3.BufferingSizeMB`", "129 is outside 1–128"}},
		{"S3 buffering interval", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{BufferingInterval: 901 * time.Second}}
		}, []string{"`Sink.S3.BufferingInterval`", "15m1s"}},
		{"snowflake without key secret", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.PrivateKeySecretArn = nil
		}, []string{"`Sink.Snowflake.PrivateKeySecretArn`", "is required", "never from plaintext"}},
		{"snowflake key secret not a secret ARN", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.PrivateKeySecretArn = pulumi.String("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
		}, []string{"`Sink.Snowflake.PrivateKeySecretArn`", "not a Secrets Manager secret ARN"}},
		{"snowflake account URL not snowflakecomputing.com", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.AccountUrl = "https://acme.example.com"
		}, []string{"`Sink.Snowflake.AccountUrl`", "not https://<account>.snowflakecomputing.com"}},
		{"snowflake account URL over http", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.AccountUrl = "http://acme.snowflakecomputing.com"
		}, []string{"`Sink.Snowflake.AccountUrl`", "not https://"}},
		{"snowflake without table", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.Table = ""
		}, []string{"`Sink.Snowflake.Table`", "is required"}},
		{"snowflake variant without column", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.DataLoadingOption = "VARIANT_CONTENT_MAPPING"
		}, []string{"`Sink.Snowflake.ContentColumnName`", "required with VARIANT_CONTENT_MAPPING"}},
		{"snowflake retry duration", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.RetryDuration = 3 * time.Hour
		}, []string{"`Sink.Snowflake.RetryDuration`", "3h0m0s is outside 1s–2h0m0s"}},
		{"snowflake buffering size", func(a *StreamProcessorArgs) {
			a.Sink = snowflakeSink().Sink
			a.Sink.Snowflake.BufferingSizeMB = 200
		}, []string{"`Sink.Snowflake.BufferingSizeMB`", "200 is outside 1–128"}},
		{"sink name with upper case", func(a *StreamProcessorArgs) {
			a.Sinks = map[string]SinkArgs{"Archive": {S3: &S3SinkArgs{}}}
		}, []string{"`Sinks`", `the name "Archive"`, "lower-case letters, digits and -"}},
		{"named sink without destination", func(a *StreamProcessorArgs) { a.Sinks = map[string]SinkArgs{"archive": {}} },
			[]string{"`Sinks[\"archive\"]`", "no destination; set one of `Sinks[\"archive\"].S3` or `Sinks[\"archive\"].Snowflake`"}},
		{"named sink prefix", func(a *StreamProcessorArgs) {
			a.Sinks = map[string]SinkArgs{"archive": {S3: &S3SinkArgs{}, Prefix: "events"}}
		}, []string{"`Sinks[\"archive\"].Prefix`", "does not end with /"}},
		{"named sink snowflake table", func(a *StreamProcessorArgs) {
			a.Sinks = map[string]SinkArgs{"speed": *snowflakeSink().Sink}
			a.Sinks["speed"].Snowflake.Table = ""
		}, []string{"`Sinks[\"speed\"].Snowflake.Table`", "is required"}},
		{"named sink encryption with given bucket", func(a *StreamProcessorArgs) {
			a.Sinks = map[string]SinkArgs{"archive": {S3: &S3SinkArgs{}, BucketArn: pulumi.String(testBucketARN), BucketEncryption: "AES256"}}
		}, []string{"`Sinks[\"archive\"].BucketEncryption`", "with `Sinks[\"archive\"].BucketArn`"}},
		{"error prefix without slash", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{ErrorPrefix: "errors"}}
		}, []string{"`Sink.S3.ErrorPrefix`", "does not end with /"}},
		{"error prefix with an expression", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{ErrorPrefix: "errors/!{firehose:error-output-type}/"}}
		}, []string{"`Sink.S3.ErrorPrefix`", "holds a Firehose expression"}},
		{"error prefix too long", func(a *StreamProcessorArgs) {
			a.Sink = &SinkArgs{S3: &S3SinkArgs{ErrorPrefix: strings.Repeat("e", 970) + "/"}}
		}, []string{"`Sink.S3.ErrorPrefix`", "over Firehose's limit of 1024"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := validArgs()
			c.change(a)
			msg := synthtest.Reject(t, program(a), options).Error()
			assert.Contains(t, msg, `stream "clicks": `)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
		})
	}
}

func TestStreamProcessor_rejectsNamesAWSCannotHold(t *testing.T) {
	long := strings.Repeat("c", 57) // 57 + "-" + 7 hex = 65 > the 64 of a function name
	err := errOf(validate(long, validArgs()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Lambda function name")

	a := s3Sink()
	err = errOf(validate("Clicks", a))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `S3 bucket name "Clicks-sink-bucket"`)
	assert.NoError(t, errOf(validate("Clicks", validArgs())), "only a created bucket needs a lower-case name")
}

func TestStreamProcessor_rejectsNilArgs(t *testing.T) {
	err := synthtest.Reject(t, program(nil), options)
	assert.Contains(t, err.Error(), "stream \"clicks\": `args` is nil")
}

func TestStreamProcessor_reportsEveryProblemAtOnce(t *testing.T) {
	a := validArgs()
	a.BatchSize = 20000
	a.MemoryMB = 64
	a.ParallelizationFactor = 20
	err := errOf(validate("clicks", a))
	require.Error(t, err)
	for _, f := range []string{"`BatchSize`", "`MemoryMB`", "`ParallelizationFactor`"} {
		assert.Contains(t, err.Error(), f)
	}
}

func TestStreamProcessor_acceptsEdgeValues(t *testing.T) {
	a := validArgs()
	a.MaximumRetryAttempts = intp(-1) // accepted, but the policy rule esm-finite-retries flags it
	a.MaximumRecordAgeSeconds = -1
	a.BatchSize = 1
	a.MemoryMB = 128
	a.Timeout = time.Second
	a.Stream = &StreamArgs{Mode: "PROVISIONED", ShardCount: 1, RetentionHours: 8760}
	a.Sink = &SinkArgs{Snowflake: &SnowflakeSinkArgs{
		AccountUrl: "https://xy12345.eu-central-1.privatelink.snowflakecomputing.com",
		Database:   "RAW", Schema: "EVENTS", Table: "CLICKS",
		PrivateKeySecretArn: pulumi.String(testSecretARN),
	}}
	assert.NoError(t, errOf(validate("clicks", a)))

	b := validArgs()
	b.MaximumRetryAttempts = intp(10000)
	b.MaximumRecordAgeSeconds = 60
	b.BatchSize = 10000
	b.MemoryMB = 10240
	b.Timeout = 900 * time.Second
	b.Stream = &StreamArgs{RetentionHours: 24}
	assert.NoError(t, errOf(validate("clicks", b)))

	c := validArgs()
	c.MaximumRetryAttempts = intp(0)
	c.MaximumRecordAgeSeconds = 604800
	assert.NoError(t, errOf(validate("clicks", c)))
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }

// The caller's statements and the function's own policy share one role:
// past IAM's limit for a role's inline policies together, the caller's
// field is named, before AWS refuses the policy at apply.
func TestStreamProcessor_functionPoliciesPastIAMsRoleLimit(t *testing.T) {
	withTables := func(n int) *StreamProcessorArgs {
		a := validArgs()
		tables := make([]string, n)
		for i := range tables {
			tables[i] = fmt.Sprintf("arn:aws:dynamodb:us-east-1:123456789012:table/clicks-%04d", i)
		}
		a.FunctionPolicyStatements = []iampolicy.Statement{{Sid: "WriteClicks", Actions: []string{"dynamodb:PutItem"}, Resources: iampolicy.Strings(tables...)}}
		return a
	}
	synthtest.Run(t, program(withTables(100)), options)
	err := synthtest.RunError(t, program(withTables(200)), options)
	assert.Regexp(t, "^synth test/dev: stream \"clicks\": `FunctionPolicyStatements` gives a role inline policies of 1[0-9]{4} characters \\(white space not counted\\); IAM allows 10240 for one role's inline policies together", err.Error())
}
