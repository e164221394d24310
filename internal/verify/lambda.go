package verify

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// lambdaRuntimeBlockCreate is every Lambda runtime identifier with the day
// from which Lambda refuses to create functions on it (the zero time: never
// announced). Source: "Lambda runtimes", AWS Lambda Developer Guide, as
// mirrored by cfn-lint's LmbdRuntimeLifecycle.json (2026-06-02) and
// endoflife.date (2026-08-16); read 2026-12-03. AWS has moved these dates
// more than once: update them with the date you read them.
var lambdaRuntimeBlockCreate = map[string]string{
	"nodejs24.x": "2028-06-01", "nodejs22.x": "2027-06-01", "nodejs20.x": "2027-02-01",
	"nodejs18.x": "2027-02-01", "nodejs16.x": "2027-02-01", "nodejs14.x": "2024-01-09",
	"nodejs12.x": "2023-03-31", "nodejs10.x": "2021-07-30",
	"python3.14": "2029-07-31", "python3.13": "2029-07-31", "python3.12": "2028-11-30",
	"python3.11": "2027-07-31", "python3.10": "2027-02-01", "python3.9": "2027-02-01",
	"python3.8": "2027-02-01", "python3.7": "2024-01-09", "python3.6": "2022-08-17", "python2.7": "2021-07-15",
	"java25": "2029-07-31", "java21": "2029-07-31", "java17": "2027-07-31", "java11": "2027-07-31",
	"java8.al2": "2027-07-31", "java8": "2024-02-08",
	"dotnet10": "2028-12-14", "dotnet8": "2027-02-01", "dotnet6": "2027-02-01",
	"dotnetcore3.1": "2023-03-31", "dotnetcore2.1": "2021-12-20",
	"ruby4.0": "2029-04-30", "ruby3.4": "2028-04-30", "ruby3.3": "2027-04-30", "ruby3.2": "2027-02-01",
	"ruby2.7": "2024-01-09", "ruby2.5": "2021-07-30",
	"provided.al2023": "2029-07-31", "provided.al2": "2027-02-01", "provided": "2024-02-08",
	"go1.x": "2024-02-08",
}

// LambdaRuntime accepts a runtime identifier Lambda creates functions on
// today.
func LambdaRuntime(r string) error { return LambdaRuntimeOn(r, time.Now()) }

// LambdaRuntimeOn accepts a runtime identifier Lambda creates functions on
// at day: one that exists and whose creation is not blocked by then.
func LambdaRuntimeOn(r string, day time.Time) error {
	block, ok := lambdaRuntimeBlockCreate[r]
	if !ok {
		return fmt.Errorf("%q is not a Lambda runtime (e.g. %s)", r, strings.Join(creatableRuntimes(day), ", "))
	}
	if blocked, _ := time.Parse(time.DateOnly, block); !day.Before(blocked) {
		return fmt.Errorf("%q can no longer be used for new functions (Lambda blocks it since %s); use one of %s", r, block, strings.Join(creatableRuntimes(day), ", "))
	}
	return nil
}

// creatableRuntimes are the newest runtime of each language Lambda creates
// functions on at day, for error messages.
func creatableRuntimes(day time.Time) []string {
	var out []string
	for r, block := range lambdaRuntimeBlockCreate {
		if blocked, _ := time.Parse(time.DateOnly, block); day.Before(blocked) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// MaxLambdaEnvironment is the size limit of a function's environment
// variables in aggregate: 4 KB ("Lambda quotas", AWS Lambda Developer Guide),
// measured as the compact JSON of the variables map in UTF-8 bytes, as
// Lambda's InvalidParameterValueException reports it ("String measured: ...").
const MaxLambdaEnvironment = 4096

// LambdaEnvironmentSize reports an environment whose variables together
// exceed Lambda's 4 KB limit. Values known only at deploy time count with
// their plain part (pass "" for them).
func LambdaEnvironmentSize(vars map[string]string) error {
	b, _ := json.Marshal(vars)
	if len(b) > MaxLambdaEnvironment {
		return fmt.Errorf("is %d bytes as Lambda measures it (the variables as compact JSON); Lambda allows %d in all", len(b), MaxLambdaEnvironment)
	}
	return nil
}

// lambdaReservedEnv are the environment variables Lambda sets itself and
// refuses in a function's configuration ("Defined runtime environment
// variables", AWS Lambda Developer Guide).
var lambdaReservedEnv = map[string]bool{
	"_HANDLER": true, "_X_AMZN_TRACE_ID": true, "AWS_DEFAULT_REGION": true, "AWS_REGION": true,
	"AWS_EXECUTION_ENV": true, "AWS_LAMBDA_FUNCTION_NAME": true, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": true,
	"AWS_LAMBDA_FUNCTION_VERSION": true, "AWS_LAMBDA_INITIALIZATION_TYPE": true, "AWS_LAMBDA_LOG_GROUP_NAME": true,
	"AWS_LAMBDA_LOG_STREAM_NAME": true, "AWS_ACCESS_KEY": true, "AWS_ACCESS_KEY_ID": true,
	"AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true, "AWS_LAMBDA_RUNTIME_API": true,
	"LAMBDA_TASK_ROOT": true, "LAMBDA_RUNTIME_DIR": true,
}

// LambdaEnvName accepts a variable a function's configuration may set: a
// valid name Lambda does not reserve for itself.
func LambdaEnvName(k string) error {
	if err := EnvName(k); err != nil {
		return err
	}
	if lambdaReservedEnv[k] {
		return fmt.Errorf("%q is reserved by Lambda", k)
	}
	return nil
}

var snowflakeAccountURL = regexp.MustCompile(`^https://[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?\.snowflakecomputing\.com$`)

// SnowflakeAccountURL accepts the URL of a Snowflake account as Firehose's
// Snowflake destination takes it: https://<account>.snowflakecomputing.com
// ("SnowflakeDestinationConfiguration", Amazon Data Firehose API Reference:
// 24–2048 characters matching .+?\.snowflakecomputing\.com).
func SnowflakeAccountURL(s string) error {
	if !snowflakeAccountURL.MatchString(s) || len(s) < 24 || len(s) > 2048 {
		return fmt.Errorf("%q is not https://<account>.snowflakecomputing.com", s)
	}
	return nil
}
