package verify

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// ruleCase is one value and whether a rule accepts it; wantErr, when set, is
// a part of the message.
type ruleCase struct {
	value   string
	ok      bool
	wantErr string
}

func runRule(t *testing.T, rule Rule, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			err := rule(c.value)
			if c.ok {
				assert.NoError(t, err)
				return
			}
			if assert.Error(t, err) && c.wantErr != "" {
				assert.Contains(t, err.Error(), c.wantErr)
			}
		})
	}
}

func TestProblem_namesComponentFieldAndRule(t *testing.T) {
	p := &Problem{Kind: "stream", Name: "clicks", Field: "Stream.KmsKeyArn", Err: KMSKeyARN("alias/x")}
	assert.Equal(t, "stream \"clicks\": `Stream.KmsKeyArn` \"alias/x\" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>; an alias is not a key)", p.Error())
	wrapped := fmt.Errorf("waiting for RPCs: marshaling properties: awaiting input property \"kmsKeyId\": %w", p)
	assert.Same(t, p, FirstProblem(wrapped))
	assert.Nil(t, FirstProblem(errors.New("other")))
}

func TestParseARN_splitsAndChecksParts(t *testing.T) {
	a, err := ParseARN("arn:aws:kinesis:eu-west-1:123456789012:stream/clicks")
	assert.NoError(t, err)
	assert.Equal(t, ARN{"aws", "kinesis", "eu-west-1", "123456789012", "stream/clicks"}, a)
	a, err = ParseARN("arn:aws-us-gov:iam::123456789012:role/x")
	assert.NoError(t, err)
	assert.Equal(t, "aws-us-gov", a.Partition)
	runRule(t, func(s string) error { _, err := ParseARN(s); return err }, []ruleCase{
		{"arn:aws:s3:::bucket", true, ""},
		{"arn:aws:sns:us-east-1:123:topic", false, "12-digit account"},
		{"arn:aws:sns:useast1:123456789012:topic", false, "region"},
		{"arn:gcp:sns:us-east-1:123456789012:topic", false, "partition"},
		{"arn:aws:sns:us-east-1:123456789012:", false, "resource part is empty"},
		{"s3://bucket/x", false, "not an ARN"},
	})
}

func TestServiceARNs(t *testing.T) {
	rules := map[string]struct {
		rule Rule
		good []string
		bad  []string
	}{
		"KMSKeyARN": {KMSKeyARN,
			[]string{"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"},
			[]string{"arn:aws:kms:us-east-1:123456789012:alias/aws/kinesis", "alias/x", "arn:aws:kms:us-east-1:123456789012:key/"}},
		"SecretARN": {SecretARN,
			[]string{"arn:aws:secretsmanager:us-east-1:123456789012:secret:sf/firehose-AbCdEf"},
			[]string{"arn:aws:ssm:us-east-1:123456789012:parameter/x", "arn:aws:secretsmanager:us-east-1:123456789012:secret:a b"}},
		"ECSSecretARN": {ECSSecretARN,
			[]string{"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::", "arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password"},
			[]string{"arn:aws:kms:us-east-1:123456789012:key/x", "db-password"}},
		"KinesisStreamARN": {KinesisStreamARN,
			[]string{"arn:aws:kinesis:us-east-1:123456789012:stream/clicks"},
			[]string{"arn:aws:kinesis:us-east-1:123456789012:stream/" + strings.Repeat("s", 129), "arn:aws:firehose:us-east-1:123456789012:deliverystream/x"}},
		"LambdaFunctionARN": {LambdaFunctionARN,
			[]string{"arn:aws:lambda:us-east-1:123456789012:function:enrich", "arn:aws:lambda:us-east-1:123456789012:function:enrich:live", "arn:aws:lambda:us-east-1:123456789012:function:enrich:$LATEST"},
			[]string{"arn:aws:lambda:us-east-1:123456789012:layer:x", "enrich"}},
		"ECRRepositoryARN": {ECRRepositoryARN,
			[]string{"arn:aws:ecr:us-east-1:123456789012:repository/churn-infer", "arn:aws:ecr:eu-west-1:123456789012:repository/ml/churn_infer.v2",
				"arn:aws-cn:ecr:cn-north-1:123456789012:repository/churn", "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/churn",
				"arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-xgboost"},
			[]string{"", "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1", "arn:aws:s3:::churn", "arn:aws:ecr::123456789012:repository/churn",
				"arn:aws:ecr:us-east-1:1234:repository/churn", "arn:aws:ecr:us-east-1:123456789012:repository/", "arn:aws:ecr:us-east-1:123456789012:repository/*",
				"arn:aws:ecr:us-east-1:123456789012:repository/Churn", "arn:aws:ecr:us-east-1:123456789012:repository/churn:1"}},
		"SNSTopicARN": {SNSTopicARN,
			[]string{"arn:aws:sns:us-east-1:123456789012:alerts", "arn:aws:sns:us-east-1:123456789012:alerts.fifo"},
			[]string{"arn:aws:sns:us-east-1:123456789012:a/b", "arn:aws:sqs:us-east-1:123456789012:q"}},
		"ECSClusterARN": {ECSClusterARN,
			[]string{"arn:aws:ecs:us-east-1:123456789012:cluster/jobs"},
			[]string{"arn:aws:ecs:us-east-1:123456789012:service/jobs/x", "jobs"}},
		"TaskDefinitionARN": {TaskDefinitionARN,
			[]string{"arn:aws:ecs:us-east-1:123456789012:task-definition/report:3"},
			[]string{"arn:aws:ecs:us-east-1:123456789012:task-definition/report", "report:3"}},
		"IAMRoleARN": {IAMRoleARN,
			[]string{"arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012:role/service-role/x"},
			[]string{"arn:aws:iam:us-east-1:123456789012:role/x", "arn:aws:iam::123456789012:user/x"}},
		"S3BucketARN": {S3BucketARN,
			[]string{"arn:aws:s3:::raw-events", "arn:aws-cn:s3:::raw.events"},
			[]string{"arn:aws:s3:::raw-events/x", "arn:aws:s3:::Raw", "arn:aws:s3:::xn--abc", "arn:aws:s3:us-east-1:123456789012:raw"}},
	}
	for name, r := range rules {
		t.Run(name, func(t *testing.T) {
			for _, g := range r.good {
				assert.NoError(t, r.rule(g), g)
			}
			for _, b := range r.bad {
				assert.Error(t, r.rule(b), b)
			}
		})
	}
	assert.Equal(t, "clicks", KinesisStreamName("arn:aws:kinesis:us-east-1:123456789012:stream/clicks"))
	assert.Equal(t, "", KinesisStreamName("clicks"))
	assert.Equal(t, "raw-events", S3BucketNameOf("arn:aws:s3:::raw-events"))
	assert.Equal(t, "", S3BucketNameOf("arn:aws:s3:::raw-events/x"))
}

// Source of the cases: "General purpose bucket naming rules", Amazon S3 User Guide.
func TestBucketName_followsS3NamingRules(t *testing.T) {
	runRule(t, BucketName, []ruleCase{
		{"raw-events", true, ""},
		{"my.bucket.01", true, ""},
		{"abc", true, ""},
		{strings.Repeat("b", 63), true, ""},
		{"ab", false, "3–63"},
		{strings.Repeat("b", 64), false, "3–63"},
		{"My_Bucket", false, "lower-case"},
		{"-bucket", false, "starting and ending"},
		{"bucket-", false, "starting and ending"},
		{"a..b", false, "adjacent periods"},
		{"192.168.5.4", false, "IP address"},
		{"xn--bucket", false, `prefix "xn--"`},
		{"sthree-bucket", false, `prefix "sthree-"`},
		{"amzn-s3-demo-bucket", false, `prefix "amzn-s3-demo-"`},
		{"bucket-s3alias", false, `suffix "-s3alias"`},
		{"bucket--ol-s3", false, `suffix "--ol-s3"`},
		{"bucket.mrap", false, `suffix ".mrap"`},
		{"bucket--x-s3", false, `suffix "--x-s3"`},
		{"bucket--table-s3", false, `suffix "--table-s3"`},
	})
}

func TestKeyPrefix_isAFolderInsideTheBucket(t *testing.T) {
	runRule(t, KeyPrefix, []ruleCase{
		{"orders/", true, ""},
		{"raw/events/dt=2024-01-01/", true, ""},
		{"", false, "is empty"},
		{"s3://bucket/orders/", false, "is a URI"},
		{"/orders/", false, "starts with /"},
		{"orders", false, "does not end with /"},
		{"a//b/", false, "empty path segment"},
		{"it's/", false, "may contain only"},
		{"a b/", false, "may contain only"},
		{"a*/", false, "may contain only"},
		{strings.Repeat("a", MaxKeyPrefix) + "/", false, "at most 1024"},
	})
}

func TestIDs(t *testing.T) {
	runRule(t, SubnetID, []ruleCase{
		{"subnet-0123abcd", true, ""},
		{"subnet-0123456789abcdef0", true, ""},
		{"subnet-012", false, "not a subnet id"},
		{"sg-0123abcd", false, "not a subnet id"},
		{"subnet-0123ABCD", false, "not a subnet id"},
	})
	runRule(t, SecurityGroupID, []ruleCase{
		{"sg-0123abcd", true, ""},
		{"sg-0123456789abcdef0", true, ""},
		{"default", false, "not a security group id"},
		{"subnet-0123abcd", false, "not a security group id"},
	})
}

func TestEmail(t *testing.T) {
	runRule(t, Email, []ruleCase{
		{"data-oncall@example.com", true, ""},
		{"data-oncall", false, "not an email address"},
		{"a@b", false, "not an email address"},
		{"a b@example.com", false, "not an email address"},
		{"a@example.", false, "not an email address"},
	})
}

// Source: "AssumeRole", AWS STS API Reference (ExternalId: 2–1224, [\w+=,.@:\/-]*).
func TestExternalID(t *testing.T) {
	runRule(t, ExternalID, []ruleCase{
		{"schedkit-0123", true, ""},
		{"ab", true, ""},
		{strings.Repeat("x", 1224), true, ""},
		{"x", false, "2–1224"},
		{strings.Repeat("x", 1225), false, "2–1224"},
		{"no spaces", false, "2–1224"},
	})
}

func TestImage(t *testing.T) {
	runRule(t, Image, []ruleCase{
		{"123456789012.dkr.ecr.us-east-1.amazonaws.com/job:1", true, ""},
		{"", false, "is empty"},
		{"  ", false, "is empty"},
		{"repo/job :1", false, "white space"},
	})
}

func TestEnvName_andCredentialName(t *testing.T) {
	runRule(t, EnvName, []ruleCase{
		{"REPORT_ENV", true, ""},
		{"_x1", true, ""},
		{"1X", false, "not a valid environment variable name"},
		{"A-B", false, "not a valid environment variable name"},
		{"", false, "not a valid environment variable name"},
	})
	for _, credential := range []string{"DB_PASSWORD", "STRIPE_API_KEY", "githubToken", "AWS_ACCESS_KEY_ID", "PRIVATE_KEY", "dbPassword", "SECRET"} {
		assert.True(t, CredentialName(credential), credential)
	}
	for _, plain := range []string{"TOKENIZER_MODEL", "DB_SECRET_ARN", "SIGNING_KEY_ID", "API_TOKEN_PARAMETER_NAME", "SECRET_ID", "REPORT_ENV", ""} {
		assert.False(t, CredentialName(plain), plain)
	}
	assert.NoError(t, PlaintextEnv("REPORT_ENV", "use Secrets"))
	assert.EqualError(t, PlaintextEnv("DB_PASSWORD", "pass it in `Secrets`"), `"DB_PASSWORD" looks like a credential; pass it in `+"`Secrets`"+`, never as plaintext`)
	assert.ErrorContains(t, PlaintextEnv("1X", "x"), "not a valid environment variable name")
}

// Source: "Tag naming limits and requirements", Tagging AWS Resources.
func TestTags(t *testing.T) {
	runRule(t, TagKey, []ruleCase{
		{"team", true, ""},
		{"cost-center:project/a=b+c@d_e.f g", true, ""},
		{strings.Repeat("k", 128), true, ""},
		{"", false, "empty key"},
		{strings.Repeat("k", 129), false, "at most 128"},
		{"aws:createdBy", false, "reserved"},
		{"AWS:x", false, "reserved"},
		{"team#1", false, "may contain only"},
	})
	runRule(t, func(v string) error { return TagValue("team", v) }, []ruleCase{
		{"", true, ""},
		{"data platform", true, ""},
		{strings.Repeat("v", 256), true, ""},
		{strings.Repeat("v", 257), false, "at most 256"},
		{"a;b", false, "may contain only"},
	})
}

// Sources: "Identifier requirements", "Summary of data types", "CREATE PIPE" (Snowflake docs).
func TestSnowflakeRules(t *testing.T) {
	runRule(t, SnowflakeIdentifier, []ruleCase{
		{"RAW", true, ""}, {"_x9", true, ""}, {"my_db$1", true, ""}, {strings.Repeat("a", 255), true, ""},
		{"", false, "is empty"}, {"1abc", false, "must start"}, {"a-b", false, "contains"}, {strings.Repeat("a", 256), false, "maximum is 255"},
	})
	runRule(t, SnowflakeName, []ruleCase{
		{`"RAW"."EVENTS"."ORDERS"`, true, ""}, {"RAW.EVENTS.ORDERS", true, ""},
		{"", false, "is empty"}, {"T; DROP", false, "contains ;"}, {"RAW." + strings.Repeat("a", 256), false, "at most 255"},
	})
	runRule(t, SnowflakeObjectName, []ruleCase{
		{"EVENTS", true, ""}, {`"my events"`, true, ""}, {`"a""b"`, true, ""}, {`"` + strings.Repeat("a", 255) + `"`, true, ""},
		{strings.Repeat("a", 256), false, "maximum is 255"}, {`"` + strings.Repeat("a", 256) + `"`, false, "maximum is 255"},
		{`"open`, false, "not a quoted"}, {`""`, false, "not a quoted"}, {`"a"b"`, false, "undoubled quote"}, {"a b", false, "contains"},
	})
	runRule(t, ColumnType, []ruleCase{
		{"NUMBER(38,0)", true, ""}, {"number(10, 2)", true, ""}, {"NUMBER", true, ""}, {"DECIMAL(5)", true, ""},
		{"VARCHAR(100)", true, ""}, {"VARCHAR", true, ""}, {"STRING", true, ""}, {"VARCHAR(134217728)", true, ""},
		{"TIMESTAMP_NTZ(9)", true, ""}, {"TIMESTAMP_TZ", true, ""}, {"timestamp with time zone", true, ""},
		{"DOUBLE PRECISION", true, ""}, {"VARIANT", true, ""}, {"BOOLEAN", true, ""}, {"BINARY(8388608)", true, ""},
		{"VECTOR(FLOAT, 256)", true, ""}, {"UUID", true, ""},
		{"NUMBER(39,0)", false, "precision 39 is outside 1–38"},
		{"NUMBER(0)", false, "precision 0"},
		{"NUMBER(10,11)", false, "scale 11 is greater than precision 10"},
		{"NUMBER(38,38)", false, "scale 38 is outside 0–37"},
		{"VARCHAR(0)", false, "0 is outside 1–134217728"},
		{"VARCHAR(134217729)", false, "outside 1–134217728"},
		{"BINARY(67108865)", false, "outside 1–67108864"},
		{"TIMESTAMP_NTZ(10)", false, "10 is outside 0–9"},
		{"INT(10)", false, "takes no parameters"},
		{"VARCHAR(a)", false, "not a whole number"},
		{"VECTOR(STRING, 3)", false, "neither INT nor FLOAT"},
		{"VECTOR(FLOAT, 4097)", false, "outside 1–4096"},
		{"VECTOR", false, "needs an element type"},
		{"STRANG", false, "unknown type STRANG"},
		{"VARCHAR; DROP", false, "not a Snowflake data type"},
		{"", false, "not a Snowflake data type"},
	})
	runRule(t, EventTimeColumnType, []ruleCase{
		{"DATE", true, ""}, {"TIMESTAMP_NTZ", true, ""}, {"timestamp_ltz(3)", true, ""}, {"TIMESTAMP_TZ(9)", true, ""},
		{"TIMESTAMP", true, ""}, {"DATETIME", true, ""}, {"timestamp with time zone", true, ""}, {"TIMESTAMPNTZ", true, ""},
		{"TIME", false, `"TIME" is not a date or timestamp type`}, {"VARCHAR(10)", false, "not a date or timestamp type"},
		{"NUMBER(38,0)", false, "not a date or timestamp type"},
		{"TIMESTAMP_NTZ(10)", false, "10 is outside 0–9"}, {"DAET", false, "unknown type DAET"},
	})
	runRule(t, SnowflakeUpperIdentifier, []ruleCase{
		{"CLICKS_SPEED", true, ""}, {"_X$1", true, ""},
		{"clicks", false, `"clicks" is not upper case; Snowflake resolves the unquoted name to CLICKS`},
		{"Raw", false, "not upper case"}, {"A-B", false, "contains"}, {"", false, "is empty"},
	})
	runRule(t, SnowflakeWarehouseName, []ruleCase{
		{"TRANSFORM_DEV", true, ""},
		{"wh", false, `"wh" is not upper case; Snowflake tasks accept only upper-case warehouse names through the provider`},
		{"1WH", false, "must start"},
	})
	for _, c := range []struct {
		lag time.Duration
		ok  bool
	}{{time.Minute, true}, {20 * time.Minute, true}, {59 * time.Second, false}, {0, false}} {
		err := DynamicTableTargetLag(c.lag)
		if c.ok {
			assert.NoError(t, err, c.lag)
		} else {
			assert.ErrorContains(t, err, c.lag.String()+" is under 1m0s, the shortest target lag Snowflake accepts")
		}
	}
	runRule(t, PipeCopyOptions, []ruleCase{
		{"", true, ""},
		{"ON_ERROR = CONTINUE", true, ""},
		{"ON_ERROR = 'SKIP_FILE_10%' MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE", true, ""},
		{"INCLUDE_METADATA = (c1 = METADATA$FILENAME)", true, ""},
		{"PURGE = TRUE", false, "PURGE, which CREATE PIPE does not accept"},
		{"on_error = abort_statement", false, "ON_ERROR = ABORT_STATEMENT"},
		{"FORCE=TRUE", false, "FORCE"},
		{"FILES = ('a.csv')", false, "FILES"},
		{"SIZE_LIMIT = 10", false, "SIZE_LIMIT"},
		{"RETURN_FAILED_ONLY = TRUE", false, "RETURN_FAILED_ONLY"},
		{"VALIDATION_MODE = RETURN_ERRORS", false, "VALIDATION_MODE"},
		{"ON_ERROR = CONTINUE; DROP TABLE t", false, "contains ;"},
		{"CONTINUE", false, "not a list of NAME = value"},
	})
}

// Source: "Lambda runtimes", AWS Lambda Developer Guide (dates read 2026-12-03).
func TestLambdaRuntimeOn_refusesUnknownAndBlockedRuntimes(t *testing.T) {
	day, _ := time.Parse(time.DateOnly, "2026-12-03")
	rule := func(r string) error { return LambdaRuntimeOn(r, day) }
	runRule(t, rule, []ruleCase{
		{"python3.12", true, ""},
		{"nodejs22.x", true, ""},
		{"provided.al2023", true, ""},
		{"python3.9", true, ""}, // deprecated, but still creatable until 2027-02-01
		{"python3.7", false, "can no longer be used for new functions (Lambda blocks it since 2024-01-09)"},
		{"go1.x", false, "since 2024-02-08"},
		{"nodejs14.x", false, "can no longer be used"},
		{"python4.0", false, "is not a Lambda runtime"},
		{"python 3.12", false, "is not a Lambda runtime"},
	})
	later, _ := time.Parse(time.DateOnly, "2027-02-01")
	assert.ErrorContains(t, LambdaRuntimeOn("python3.9", later), "can no longer be used")
	assert.NoError(t, LambdaRuntimeOn("python3.12", later))
}

func TestLambdaEnvironmentSize_measuresCompactJSON(t *testing.T) {
	assert.NoError(t, LambdaEnvironmentSize(nil))
	// {"K":"<v>"} is 8 bytes of JSON around the value.
	assert.NoError(t, LambdaEnvironmentSize(map[string]string{"K": strings.Repeat("v", MaxLambdaEnvironment-8)}))
	assert.ErrorContains(t, LambdaEnvironmentSize(map[string]string{"K": strings.Repeat("v", MaxLambdaEnvironment-7)}), "is 4097 bytes")
}

// Source: TransformInstanceType and TrainingInstanceType, SageMaker API
// (@aws-sdk/client-sagemaker 3.1142.0, 2026-09-29).
func TestInstanceTypes_perJobKind(t *testing.T) {
	assert.True(t, slices.IsSorted(transformInstanceTypes))
	assert.True(t, slices.IsSorted(trainingInstanceTypes))
	assert.Len(t, transformInstanceTypes, 116)
	assert.Len(t, trainingInstanceTypes, 192)
	runRule(t, TransformInstanceType, []ruleCase{
		{"ml.m5.large", true, ""},
		{"ml.g6e.xlarge", true, ""},
		{"ml.inf2.xlarge", true, ""},
		{"ml.t3.medium", false, "not an instance type SageMaker batch transform jobs run on (no ml.t3.* type is)"},
		{"ml.p4d.24xlarge", false, "batch transform"},
		{"ml.m5.8xlarge", false, "of ml.m5.* they take ml.m5.12xlarge"},
		{"m5.large", false, `start with "ml."`},
	})
	runRule(t, TrainingInstanceType, []ruleCase{
		{"ml.m5.xlarge", true, ""},
		{"ml.t3.medium", true, ""},
		{"ml.p5.48xlarge", true, ""},
		{"ml.c6i.large", false, "training"},
		{"ml.inf2.xlarge", false, "no ml.inf2.* type is"},
	})
}

func TestLambdaEnvName_andAccountURL(t *testing.T) {
	runRule(t, LambdaEnvName, []ruleCase{
		{"CLICKSTREAM_ENV", true, ""},
		{"AWS_REGION", false, "reserved by Lambda"},
		{"_HANDLER", false, "reserved by Lambda"},
		{"1X", false, "not a valid environment variable name"},
	})
	runRule(t, SnowflakeAccountURL, []ruleCase{
		{"https://myorg-myaccount.snowflakecomputing.com", true, ""},
		{"http://myorg-myaccount.snowflakecomputing.com", false, "is not https://"},
		{"https://myorg.example.com", false, "is not https://"},
	})
}

// Source: "AwsVpcConfiguration", Amazon ECS API Reference.
func TestRunTaskNetworkCounts(t *testing.T) {
	n := func(k int) []string { return make([]string, k) }
	assert.NoError(t, RunTaskSubnets(n(16)))
	assert.EqualError(t, RunTaskSubnets(n(17)), "has 17 subnets; ECS RunTask allows at most 16")
	assert.EqualError(t, RunTaskSubnets(nil), "is empty: give subnets (at least 1)")
	assert.NoError(t, RunTaskSecurityGroups(n(5)))
	assert.EqualError(t, RunTaskSecurityGroups(n(6)), "has 6 security groups; ECS RunTask allows at most 5")
}

func TestSnowflakeQuery_acceptsOnlyAQuery(t *testing.T) {
	for _, ok := range []string{
		"SELECT * FROM t", "select a from t", "  WITH x AS (SELECT 1) SELECT * FROM x", "(SELECT 1)",
		"-- the training set\nSELECT * FROM t", "/* features */ SELECT 1", "\n\tSelect\n*\nfrom t",
	} {
		assert.NoError(t, SnowflakeQuery(ok), ok)
	}
	for _, bad := range []string{
		"", "DELETE FROM t", "INSERT INTO t SELECT 1", "CALL build_features()", "SHOW TABLES", "SELECTED", "-- only a comment",
		"/* unclosed SELECT", "UPDATE t SET a = 1", "COPY INTO @s FROM t",
	} {
		err := SnowflakeQuery(bad)
		if assert.Error(t, err, bad) {
			assert.Contains(t, err.Error(), "is not a query: an unload's source must start with SELECT or WITH")
		}
	}
}
