package lambdaarch

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/synth/synthtest"
)

func TestLambdaArchitecture_rejectsBadInput(t *testing.T) {
	cases := []struct {
		name   string
		change func(a *LambdaArchitectureArgs)
		// line is the one line of the error about the problem: its start, then parts.
		line []string
	}{
		{"no columns", func(a *LambdaArchitectureArgs) { a.Columns = nil }, []string{"lambdaarch \"orders\": `Columns` is empty"}},
		{"lower-case column", func(a *LambdaArchitectureArgs) { a.Columns[1].Name = "status" },
			[]string{"lambdaarch \"orders\": `Columns[1].Name` \"status\" is not upper case"}},
		{"duplicate column", func(a *LambdaArchitectureArgs) { a.Columns[1].Name = "ORDER_ID" },
			[]string{"lambdaarch \"orders\": `Columns[1].Name` \"ORDER_ID\" is a duplicate column"}},
		{"column not an identifier", func(a *LambdaArchitectureArgs) { a.Columns[1].Name = "ORDER-STATUS" },
			[]string{"lambdaarch \"orders\": `Columns[1].Name`", "contains '-'"}},
		{"column type", func(a *LambdaArchitectureArgs) { a.Columns[2].Type = "NUMBER(50,2)" },
			[]string{"lambdaarch \"orders\": `Columns[2].Type` \"NUMBER(50,2)\"", "precision 50 is outside 1–38"}},
		{"vector column", func(a *LambdaArchitectureArgs) { a.Columns[2].Type = "VECTOR(FLOAT, 3)" },
			[]string{"lambdaarch \"orders\": `Columns[2].Type` \"VECTOR(FLOAT, 3)\" cannot be loaded by Snowpipe"}},
		{"no watermark", func(a *LambdaArchitectureArgs) { a.Watermark = "" }, []string{"lambdaarch \"orders\": `Watermark` is required"}},
		{"watermark not a column", func(a *LambdaArchitectureArgs) { a.Watermark = "CREATED_AT" },
			[]string{"lambdaarch \"orders\": `Watermark` \"CREATED_AT\" is not one of the `Columns`"}},
		{"watermark not temporal", func(a *LambdaArchitectureArgs) { a.Watermark = "AMOUNT" },
			[]string{"lambdaarch \"orders\": `Watermark` \"AMOUNT\" names a column whose type \"NUMBER(12,2)\" is not a date or timestamp type"}},
		{"watermark a time of day", func(a *LambdaArchitectureArgs) { a.Columns[3].Type = "TIME" },
			[]string{"lambdaarch \"orders\": `Watermark` \"EVENT_TIME\" names a column whose type \"TIME\" is not a date or timestamp type"}},
		{"dedupe key not a column", func(a *LambdaArchitectureArgs) { a.DedupeKey = []string{"ID"} },
			[]string{"lambdaarch \"orders\": `DedupeKey[0]` \"ID\" is not one of the `Columns`"}},
		{"dedupe key twice", func(a *LambdaArchitectureArgs) { a.DedupeKey = []string{"ORDER_ID", "ORDER_ID"} },
			[]string{"lambdaarch \"orders\": `DedupeKey[1]` \"ORDER_ID\" is named twice"}},
		{"no database", func(a *LambdaArchitectureArgs) { a.Database = "" }, []string{"lambdaarch \"orders\": `Database` is required"}},
		{"lower-case schema", func(a *LambdaArchitectureArgs) { a.Schema = "events" },
			[]string{"lambdaarch \"orders\": `Schema` \"events\" is not upper case; Snowflake resolves the unquoted name to EVENTS"}},
		{"database not an identifier", func(a *LambdaArchitectureArgs) { a.Database = "ANALYTICS.PROD" },
			[]string{"lambdaarch \"orders\": `Database`", "contains '.'"}},
		{"name not an identifier", func(a *LambdaArchitectureArgs) { a.Name = "ORDERS V2" }, []string{"lambdaarch \"orders\": `Name`", "contains ' '"}},
		{"name over 255 with its suffixes", func(a *LambdaArchitectureArgs) { a.Name = strings.Repeat("N", 250) },
			[]string{"lambdaarch \"orders\": `Name`", "gives the raw pipe's file format the name", "of 261 characters; Snowflake allows 255"}},
		{"archive prefix without slash", func(a *LambdaArchitectureArgs) { a.ArchivePrefix = "events" },
			[]string{"lambdaarch \"orders\": `ArchivePrefix` \"events\" does not end with /"}},
		{"archive prefix with an expression", func(a *LambdaArchitectureArgs) { a.ArchivePrefix = "!{timestamp:yyyy}/" },
			[]string{"lambdaarch \"orders\": `ArchivePrefix`", "holds a Firehose expression"}},
		{"archive prefix too long with its errors", func(a *LambdaArchitectureArgs) { a.ArchivePrefix = strings.Repeat("e", 950) + "/" },
			[]string{"lambdaarch \"orders\": `ArchivePrefix`", "over Firehose's limit of 1024"}},
		{"batch mode", func(a *LambdaArchitectureArgs) { a.BatchMode = "STREAM" },
			[]string{"lambdaarch \"orders\": `BatchMode` \"STREAM\" is not one of TASK, DYNAMIC_TABLE"}},
		{"recompute interval not whole minutes", func(a *LambdaArchitectureArgs) { a.RecomputeEvery = 90 * time.Second },
			[]string{"lambdaarch \"orders\": `RecomputeEvery` 1m30s is not a whole number of minutes from 1m0s to 192h0m0s"}},
		{"recompute interval over 8 days", func(a *LambdaArchitectureArgs) { a.RecomputeEvery = 200 * time.Hour },
			[]string{"lambdaarch \"orders\": `RecomputeEvery` 200h0m0s is not a whole number of minutes from 1m0s to 192h0m0s"}},
		{"target lag with tasks", func(a *LambdaArchitectureArgs) { a.TargetLag = time.Hour },
			[]string{"lambdaarch \"orders\": `TargetLag` is set with BatchMode TASK; it applies to DYNAMIC_TABLE only"}},
		{"cleanup schedule with tasks", func(a *LambdaArchitectureArgs) { a.CleanupEvery = time.Hour },
			[]string{"lambdaarch \"orders\": `CleanupEvery` 1h0m0s is set with BatchMode TASK, where the cleanup runs after every recompute"}},
		{"cleanup margin within one recompute", func(a *LambdaArchitectureArgs) { a.CleanupMargin = time.Hour },
			[]string{"lambdaarch \"orders\": `CleanupMargin` 1h0m0s is not longer than `RecomputeEvery` 1h0m0s; speed rows must outlive one batch cycle past the watermark"}},
		{"cleanup margin negative", func(a *LambdaArchitectureArgs) { a.CleanupMargin = -time.Hour },
			[]string{"lambdaarch \"orders\": `CleanupMargin` -1h0m0s is not a positive whole number of minutes"}},
		{"cleanup margin not whole minutes", func(a *LambdaArchitectureArgs) { a.CleanupMargin = 25*time.Hour + time.Second },
			[]string{"lambdaarch \"orders\": `CleanupMargin` 25h0m1s is not a positive whole number of minutes"}},
		{"lower-case warehouse", func(a *LambdaArchitectureArgs) { a.Warehouse = pulumi.String("transform") },
			[]string{"lambdaarch \"orders\": `Warehouse` \"transform\" is not upper case; Snowflake tasks accept only upper-case warehouse names"}},
		{"no account URL", func(a *LambdaArchitectureArgs) { a.SnowflakeAccountUrl = "" },
			[]string{"lambdaarch \"orders\": `SnowflakeAccountUrl` is required"}},
		{"account URL", func(a *LambdaArchitectureArgs) { a.SnowflakeAccountUrl = "https://acme.example.com" },
			[]string{"lambdaarch \"orders\": `SnowflakeAccountUrl`", "snowflakecomputing.com"}},
		{"no key secret", func(a *LambdaArchitectureArgs) { a.PrivateKeySecretArn = nil },
			[]string{"lambdaarch \"orders\": `PrivateKeySecretArn` is required", "never from plaintext"}},
		{"a key instead of its secret", func(a *LambdaArchitectureArgs) {
			a.PrivateKeySecretArn = pulumi.String("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
		},
			[]string{"lambdaarch \"orders\": `PrivateKeySecretArn`", "not a Secrets Manager secret ARN"}},
		{"secret key an alias", func(a *LambdaArchitectureArgs) { a.SecretKmsKeyArn = pulumi.String("alias/secrets") },
			[]string{"lambdaarch \"orders\": `SecretKmsKeyArn`", "not a KMS key ARN"}},
		{"loader role", func(a *LambdaArchitectureArgs) { a.LoaderRole = "firehose loader" },
			[]string{"lambdaarch \"orders\": `LoaderRole`", "contains ' '"}},
		{"alert email", func(a *LambdaArchitectureArgs) { a.AlertEmail = "oncall" },
			[]string{"lambdaarch \"orders\": `AlertEmail` \"oncall\" is not an email address"}},
		{"alert email with a given topic", func(a *LambdaArchitectureArgs) {
			a.AlertTopicArn, a.AlertEmail = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops"), "oncall@example.com"
		}, []string{"lambdaarch \"orders\": `AlertEmail`", "with `AlertTopicArn`"}},
		{"alert topic key without a topic", func(a *LambdaArchitectureArgs) { a.AlertTopicKmsKeyArn = pulumi.String(testKeyARN) },
			[]string{"lambdaarch \"orders\": `AlertTopicKmsKeyArn` is set without `AlertTopicArn`"}},
		{"alert topic", func(a *LambdaArchitectureArgs) {
			a.AlertTopicArn = pulumi.String("arn:aws:sqs:us-east-1:123456789012:ops")
		},
			[]string{"lambdaarch \"orders\": `AlertTopicArn`", "not an SNS topic ARN"}},
		{"processor with its own topic", func(a *LambdaArchitectureArgs) {
			a.Processor.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")
		}, []string{"lambdaarch \"orders\": `Processor.AlertTopicArn` is set; set the composite's `AlertTopicArn`: one topic gets every alert"}},
		{"reserved tag", func(a *LambdaArchitectureArgs) { a.Tags = map[string]string{"aws:team": "x"} },
			[]string{"lambdaarch \"orders\": `Tags`", "reserved for AWS"}},
		{"processor with its own sink", func(a *LambdaArchitectureArgs) { a.Processor.Sink = &stream.SinkArgs{S3: &stream.S3SinkArgs{}} },
			[]string{"lambdaarch \"orders\": `Processor.Sink` is set; the composite adds its speed and archive sinks"}},
		{"processor with sinks", func(a *LambdaArchitectureArgs) { a.Processor.Sinks = map[string]stream.SinkArgs{"x": {}} },
			[]string{"lambdaarch \"orders\": `Processor.Sinks` is set"}},
		{"processor with an alert email", func(a *LambdaArchitectureArgs) { a.Processor.AlertEmail = "oncall@example.com" },
			[]string{"lambdaarch \"orders\": `Processor.AlertEmail` is set; set the composite's `AlertEmail`"}},
		{"processor retained on its own", func(a *LambdaArchitectureArgs) { a.Processor.RetainOnDelete = true },
			[]string{"lambdaarch \"orders\": `Processor.RetainOnDelete` is set; set the composite's `RetainOnDelete`"}},
		{"processor protected on its own", func(a *LambdaArchitectureArgs) { a.Processor.Protect = true },
			[]string{"lambdaarch \"orders\": `Processor.Protect` is set; set the composite's `Protect`"}},
		{"processor with its own tags", func(a *LambdaArchitectureArgs) { a.Processor.Tags = map[string]string{} },
			[]string{"lambdaarch \"orders\": `Processor.Tags` is set; set the composite's `Tags`"}},
		// The StreamProcessor's own rules still apply, under its name and fields.
		{"processor memory", func(a *LambdaArchitectureArgs) { a.Processor.MemoryMB = 64 },
			[]string{"stream \"orders-events\": `MemoryMB` 64 is outside 128–10240"}},
		{"processor without code", func(a *LambdaArchitectureArgs) { a.Processor.CodeArchivePath = "" },
			[]string{"stream \"orders-events\": `CodeArchivePath` is empty"}},
		{"processor stream mode", func(a *LambdaArchitectureArgs) { a.Processor.Stream = &stream.StreamArgs{Mode: "PROVISIONED"} },
			[]string{"stream \"orders-events\": `Stream.ShardCount` is required with PROVISIONED"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := validArgs()
			c.change(a)
			msg := synthtest.Reject(t, alone(a), options).Error()
			var lines []string
			for _, l := range strings.Split(msg, "\n") {
				if strings.HasPrefix(strings.TrimPrefix(strings.TrimPrefix(l, "synth test/dev: "), "  - "), c.line[0]) {
					lines = append(lines, l)
				}
			}
			require.Lenf(t, lines, 1, "one line per problem in:\n%s", msg)
			for _, part := range c.line[1:] {
				assert.Contains(t, lines[0], part)
			}
		})
	}
}

func TestLambdaArchitecture_rejectsBadDynamicTableInput(t *testing.T) {
	cases := []struct {
		name   string
		change func(a *LambdaArchitectureArgs)
		line   string
	}{
		{"no warehouse", func(a *LambdaArchitectureArgs) { a.Warehouse = nil },
			"lambdaarch \"orders\": `Warehouse` is required with BatchMode DYNAMIC_TABLE: a dynamic table refreshes on a warehouse"},
		{"target lag under a minute", func(a *LambdaArchitectureArgs) { a.TargetLag = 30 * time.Second },
			"lambdaarch \"orders\": `TargetLag` 30s is under 1m0s, the shortest target lag Snowflake accepts for a dynamic table"},
		{"target lag not whole minutes", func(a *LambdaArchitectureArgs) { a.TargetLag = 90 * time.Second },
			"lambdaarch \"orders\": `TargetLag` 1m30s is not a whole number of minutes"},
		{"refresh mode", func(a *LambdaArchitectureArgs) { a.RefreshMode = "ADAPTIVE" },
			"lambdaarch \"orders\": `RefreshMode` \"ADAPTIVE\" is not one of AUTO, INCREMENTAL, FULL"},
		{"recompute interval", func(a *LambdaArchitectureArgs) { a.RecomputeEvery = time.Hour },
			"lambdaarch \"orders\": `RecomputeEvery` 1h0m0s is set with BatchMode DYNAMIC_TABLE, which Snowflake refreshes within `TargetLag`"},
		{"cleanup schedule", func(a *LambdaArchitectureArgs) { a.CleanupEvery = 10 * 24 * time.Hour },
			"lambdaarch \"orders\": `CleanupEvery` 240h0m0s is not a whole number of minutes from 1m0s to 192h0m0s"},
		{"cleanup margin within the target lag", func(a *LambdaArchitectureArgs) { a.TargetLag, a.CleanupMargin = 2*time.Hour, 2*time.Hour },
			"lambdaarch \"orders\": `CleanupMargin` 2h0m0s is not longer than `TargetLag` 2h0m0s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := dynamicArgs()
			c.change(a)
			msg := synthtest.Reject(t, alone(a), options).Error()
			assert.Equal(t, 1, strings.Count(msg, c.line), msg)
		})
	}
}

func TestLambdaArchitecture_reportsEveryProblemAtOnce(t *testing.T) {
	a := validArgs()
	a.Database = "analytics"
	a.Watermark = "STATUS"
	a.SnowflakeAccountUrl = ""
	a.Processor.MemoryMB = 64
	err := errOf(validate("orders", a))
	require.Error(t, err)
	assert.Len(t, strings.Split(err.Error(), "\n"), 4, err.Error())
	for _, f := range []string{"`Database`", "`Watermark`", "`SnowflakeAccountUrl`", "`MemoryMB`"} {
		assert.Contains(t, err.Error(), f)
	}
}

func TestLambdaArchitecture_rejectsNilArgsAndNamesTooLongForItsChildren(t *testing.T) {
	err := synthtest.Reject(t, alone(nil), options)
	assert.Contains(t, err.Error(), "lambdaarch \"orders\": `args` is nil")

	long := strings.Repeat("o", 29)
	err = errOf(validate(long, validArgs()))
	require.Error(t, err)
	assert.Equal(t, `lambdaarch "`+long+"\": `name` is 29 characters, too long for the names AWS gives its children: S3 bucket name \""+long+
		`-events-archive-sink-bucket" with Pulumi's 8-character suffix is 64 characters, over the limit of 63; a lambdaarch name may have at most 28 characters`,
		err.Error(), "one problem, not one per child")
	assert.NoError(t, errOf(validate(strings.Repeat("o", 28), validArgs())))
	assert.ErrorContains(t, errOf(validate("Orders", validArgs())), "`name` gives the S3 bucket name \"Orders-events-archive-sink-bucket\"")
}

func TestLambdaArchitecture_acceptsEdgeValues(t *testing.T) {
	a := validArgs()
	a.RecomputeEvery, a.CleanupMargin = time.Minute, 2*time.Minute
	a.Columns[3].Type = "DATE"
	a.DedupeKey = []string{"ORDER_ID"}
	assert.NoError(t, errOf(validate("orders", a)))

	d := dynamicArgs()
	d.TargetLag, d.CleanupMargin, d.CleanupEvery = time.Minute, 2*time.Minute, MaxEvery
	d.RefreshMode = "FULL"
	// An 8-day cleanup is longer than the deadline check can see (TASK_HISTORY keeps 7 days).
	assert.EqualError(t, errOf(validate("orders", d)), "lambdaarch \"orders\": `CleanupEvery` 11520 (every 192h0m0s) plus `DeadlineGrace` 1h5m0s is over 120h0m0s, the longest age the deadline check can see in TASK_HISTORY's 7 days; set `DisableDeadline`")
	d.DisableDeadline = true
	assert.NoError(t, errOf(validate("orders", d)))
	d.DeadlineGrace = time.Hour
	assert.EqualError(t, errOf(validate("orders", d)), "lambdaarch \"orders\": `DeadlineGrace` 1h0m0s is set with `DisableDeadline`; a graph without a deadline check has no grace")

	b := validArgs()
	b.AlertTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")
	b.AlertTopicKmsKeyArn = pulumi.String(testKeyARN)
	assert.NoError(t, errOf(validate("orders", b)))
}

func TestLambdaArchitecture_reChecksValuesKnownAtDeployTime(t *testing.T) {
	cases := []struct {
		field string
		args  func() *LambdaArchitectureArgs
		set   func(a *LambdaArchitectureArgs, v pulumi.StringInput)
		bad   string
	}{
		{"PrivateKeySecretArn", validArgs, func(a *LambdaArchitectureArgs, v pulumi.StringInput) { a.PrivateKeySecretArn = v }, "-----BEGIN PRIVATE KEY-----"},
		{"SecretKmsKeyArn", validArgs, func(a *LambdaArchitectureArgs, v pulumi.StringInput) { a.SecretKmsKeyArn = v }, "alias/secrets"},
		{"Warehouse", validArgs, func(a *LambdaArchitectureArgs, v pulumi.StringInput) { a.Warehouse = v }, "transform"},
		{"Warehouse", dynamicArgs, func(a *LambdaArchitectureArgs, v pulumi.StringInput) { a.Warehouse = v }, "transform"},
		{"AlertTopicArn", validArgs, func(a *LambdaArchitectureArgs, v pulumi.StringInput) { a.AlertTopicArn = v }, "arn:aws:sqs:us-east-1:123456789012:ops"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := c.args(), c.args()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, alone(plain), alone(output), options)
			assert.Contains(t, msg, "lambdaarch \"orders\": `"+c.field+"`")
		})
	}
}

// errOf is the error of a validation, without the resolved arguments.
func errOf[T any](_ T, err error) error { return err }
