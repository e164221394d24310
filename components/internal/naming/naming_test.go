package naming

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAutonameSuffix_isADashAndSevenHexCharacters(t *testing.T) {
	assert.Equal(t, len("-")+7, AutonameSuffix)
}

func TestChild_joinsComponentAndSuffixWithADash(t *testing.T) {
	assert.Equal(t, "nightly-task-role", Child("nightly", "task-role"))
	assert.Equal(t, "a-b", Child("a", "b"))
	assert.Equal(t, "nightly-", Child("nightly", ""))
}

func TestCheck_leavesRoomForTheAutonameSuffix(t *testing.T) {
	cases := []struct {
		name    string
		kind    Kind
		logical string
		ok      bool
		length  int // with the suffix, for the error message
	}{
		{"IAM role of 56 characters fits 64", IAMRole, strings.Repeat("r", 56), true, 0},
		{"IAM role of 57 characters does not", IAMRole, strings.Repeat("r", 57), false, 65},
		{"state machine of 72 characters fits 80", StateMachine, strings.Repeat("m", 72), true, 0},
		{"state machine of 73 characters does not", StateMachine, strings.Repeat("m", 73), false, 81},
		{"S3 bucket of 55 characters fits 63", S3Bucket, strings.Repeat("b", 55), true, 0},
		{"S3 bucket of 56 characters does not", S3Bucket, strings.Repeat("b", 56), false, 64},
		{"Lambda function of 57 characters does not fit 64", LambdaFunction, strings.Repeat("f", 57), false, 65},
		{"schedule of 56 characters fits 64", Schedule, strings.Repeat("s", 56), true, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Check("cronjob", "nightly", "name", tc.kind, tc.logical)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, `cronjob "nightly": `+"`name`"), msg)
			assert.Contains(t, msg, tc.kind.Name)
			assert.Contains(t, msg, `"`+tc.logical+`"`)
			assert.Contains(t, msg, "of "+strconv.Itoa(tc.length)+" characters")
			assert.Contains(t, msg, "Pulumi's 8-character suffix")
			assert.Contains(t, msg, "the limit is "+strconv.Itoa(tc.kind.Limit))
		})
	}
}

func TestCheck_rejectsCharactersTheKindDoesNotAllow(t *testing.T) {
	cases := []struct {
		name    string
		kind    Kind
		logical string
	}{
		{"IAM role with a space", IAMRole, "nightly task-role"},
		{"IAM role with a slash", IAMRole, "nightly/task-role"},
		{"S3 bucket with upper case", S3Bucket, "Nightly-reports"},
		{"S3 bucket starting with a dash", S3Bucket, "-reports"},
		{"S3 bucket with an underscore", S3Bucket, "nightly_reports"},
		{"SQS queue with a dot", SQSQueue, "nightly.dlq"},
		{"state machine with a colon", StateMachine, "nightly:workflow"},
		{"SageMaker name ending in a dash", SageMaker, "model-"},
		{"empty name", IAMRole, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Check("stream", "clicks", "name", tc.kind, tc.logical)
			require.Error(t, err)
			assert.Equal(t,
				`stream "clicks": `+"`name`"+` gives the `+tc.kind.Name+` "`+tc.logical+`", which may contain only `+tc.kind.Rule,
				err.Error())
		})
	}
}

func TestCheck_acceptsTheCharactersEachKindAllows(t *testing.T) {
	cases := []struct {
		name    string
		kind    Kind
		logical string
	}{
		{"IAM role with +=,.@_-", IAMRole, "a+b=c,d.e@f_g-h"},
		{"S3 bucket lower case with dots", S3Bucket, "nightly.reports-2026"},
		{"log group with slashes", LogGroup, "/aws/ecs/nightly#1"},
		{"schedule with dots", Schedule, "nightly.v2_schedule"},
		{"SageMaker with single dashes", SageMaker, "churn-model-v2"},
		{"alarm with spaces", Alarm, "nightly job failed: 3 times"},
		{"KMS alias with a slash", KMSAlias, "alias/nightly"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.NoError(t, Check("cronjob", "nightly", "name", tc.kind, tc.logical))
		})
	}
}

func TestCheckExact_hasNoSuffixAllowance(t *testing.T) {
	t.Run("64-character IAM role name passes", func(t *testing.T) {
		assert.NoError(t, CheckExact("cronjob", "nightly", "RoleName", IAMRole, strings.Repeat("r", 64)))
	})
	t.Run("65-character IAM role name fails", func(t *testing.T) {
		name := strings.Repeat("r", 65)
		err := CheckExact("cronjob", "nightly", "RoleName", IAMRole, name)
		require.Error(t, err)
		assert.Equal(t,
			`cronjob "nightly": `+"`RoleName`"+` "`+name+`" is 65 characters; a IAM role name has at most 64`,
			err.Error())
	})
	t.Run("255-character task family passes", func(t *testing.T) {
		assert.NoError(t, CheckExact("cronjob", "nightly", "Family", TaskFamily, strings.Repeat("f", 255)))
	})
	t.Run("task family with a space fails on the pattern", func(t *testing.T) {
		err := CheckExact("cronjob", "nightly", "Family", TaskFamily, "nightly report")
		require.Error(t, err)
		assert.Equal(t,
			`cronjob "nightly": `+"`Family`"+` "nightly report" is not a valid ECS task definition family: only letters, digits, - and _`,
			err.Error())
	})
	t.Run("upper-case bucket fails on the pattern", func(t *testing.T) {
		err := CheckExact("stream", "clicks", "BucketName", S3Bucket, "Clicks")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "`BucketName`")
		assert.Contains(t, err.Error(), "is not a valid S3 bucket name")
	})
}

func TestKinds_haveTheAWSLimits(t *testing.T) {
	limits := map[string]struct {
		kind  Kind
		limit int
	}{
		"IAM role":       {IAMRole, 64},
		"IAM policy":     {IAMPolicy, 128},
		"state machine":  {StateMachine, 80},
		"schedule":       {Schedule, 64},
		"event rule":     {EventRule, 64},
		"SQS queue":      {SQSQueue, 80},
		"SNS topic":      {SNSTopic, 256},
		"log group":      {LogGroup, 512},
		"task family":    {TaskFamily, 255},
		"ECS cluster":    {ECSCluster, 255},
		"alarm":          {Alarm, 255},
		"Lambda":         {LambdaFunction, 64},
		"Kinesis stream": {KinesisStream, 128},
		"Firehose":       {Firehose, 64},
		"S3 bucket":      {S3Bucket, 63},
		"SageMaker":      {SageMaker, 63},
		"KMS alias":      {KMSAlias, 256},
	}
	for name, tc := range limits {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.limit, tc.kind.Limit)
			assert.NotEmpty(t, tc.kind.Name)
			assert.NotEmpty(t, tc.kind.Rule)
			require.NotNil(t, tc.kind.Pattern)
		})
	}
}

func TestCheckChildren_reportsTheWorstChildAndTheLongestNameThatFits(t *testing.T) {
	children := func(name string) map[string]Kind {
		return map[string]Kind{
			Child(name, "task-role"):      IAMRole,      // 64 - 8 - 10 = 46
			Child(name, "scheduler-role"): IAMRole,      // 64 - 8 - 15 = 41
			Child(name, "workflow"):       StateMachine, // 80 - 8 - 9 = 63
		}
	}
	require.NoError(t, CheckChildren("cronjob", "nightly", children("nightly")))
	require.NoError(t, CheckChildren("cronjob", strings.Repeat("n", 41), children(strings.Repeat("n", 41))))

	long := strings.Repeat("n", 47)
	err := CheckChildren("cronjob", long, children(long))
	require.Error(t, err)
	assert.Equal(t, `cronjob "`+long+`": `+"`name`"+` is 47 characters, too long for the names AWS gives its children: IAM role name "`+long+`-scheduler-role" with Pulumi's 8-character suffix is 70 characters, over the limit of 64; a cronjob name may have at most 41 characters`, err.Error())

	err = CheckChildren("cronjob", "night ly", children("night ly"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "may contain only")
}

func TestStable_defaultsToTheName(t *testing.T) {
	if got := Stable("job-v2", ""); got != "job-v2" {
		t.Errorf("Stable without a stable name = %q, want the name", got)
	}
	if got := Stable("job-v2", "job"); got != "job" {
		t.Errorf("Stable = %q, want the stable name", got)
	}
	if got := StableChild("", func(s string) string { return s + "-ingest" }); got != "" {
		t.Errorf("StableChild without a stable name = %q, want empty (the child's own name)", got)
	}
	if got := StableChild("job", func(s string) string { return s + "-ingest" }); got != "job-ingest" {
		t.Errorf("StableChild = %q, want job-ingest", got)
	}
}

func TestCheckStable_appliesTheNameRulesToTheStableName(t *testing.T) {
	children := func(n string) map[string]Kind { return map[string]Kind{Child(n, "fn"): LambdaFunction} }
	if err := CheckStable("stream", "clicks", "", children("")); err != nil {
		t.Errorf("no stable name: %v", err)
	}
	long := "a-very-long-stable-name-that-no-lambda-function-could-carry"
	err := CheckStable("stream", "clicks", long, children(long))
	want := "stream \"clicks\": `StableName` \"" + long + "\" breaks the rules of a stream name: stream \"" + long + "\": `name` is 59 characters, too long for the names AWS gives its children: Lambda function name \"" + long + "-fn\" with Pulumi's 8-character suffix is 70 characters, over the limit of 64; a stream name may have at most 53 characters"
	if err == nil || err.Error() != want {
		t.Errorf("CheckStable = %v\nwant %s", err, want)
	}
}
