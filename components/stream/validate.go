package stream

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/verify"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
)

// kind names the component in error messages.
const kind = "stream"

// Validate checks args exactly as NewStreamProcessor does before it
// registers anything, so that a component composing a StreamProcessor can
// refuse bad input before registering anything either.
func Validate(name string, args *StreamProcessorArgs) error {
	_, err := validate(name, args)
	return err
}

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, raw *StreamProcessorArgs) (StreamProcessorArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; the function's code (CodeArchivePath, CodeS3Bucket/CodeS3Key or ImageUri) is required")
		return StreamProcessorArgs{}, errs.Err()
	}
	if raw.StreamArn != nil && raw.Stream != nil {
		errs.Addf("Stream", "is set together with `StreamArn`; give an existing stream or settings for a new one, not both")
	}
	if raw.StreamArn == nil && raw.StreamKmsKeyArn != nil {
		errs.Addf("StreamKmsKeyArn", "is set without `StreamArn`; a created stream takes its key in `Stream.KmsKeyArn`")
	}
	alerting.TopicArgs{ExistingArn: raw.AlertTopicArn, ExistingKeyArn: raw.AlertTopicKmsKeyArn, Email: raw.AlertEmail}.Validate(errs)
	for _, sp := range sinkSpecs(*raw) {
		if sp.args.BucketArn != nil && sp.args.BucketEncryption != "" {
			errs.Addf(sp.field+".BucketEncryption", "%q is set with `%s.BucketArn`; an existing bucket keeps its own encryption", sp.args.BucketEncryption, sp.field)
		}
	}
	a := withDefaults(*raw)
	tags.Validate(errs, a.Tags)

	validateStream(errs, a)
	validateFunction(errs, name, a)
	validateMapping(errs, a)
	if a.IteratorAgeAlarmThreshold < time.Minute {
		errs.Addf("IteratorAgeAlarmThreshold", "%s is under 1m0s", a.IteratorAgeAlarmThreshold)
	}
	for n := range a.Sinks {
		if !sinkName.MatchString(n) {
			errs.Addf("Sinks", "has the name %q; a sink's name is lower-case letters, digits and -, starting with a letter (it names the sink's children)", n)
		}
	}
	for _, sp := range sinkSpecs(a) {
		validateSink(errs, sp.field, sp.args)
	}
	errs.Add(naming.CheckChildren(kind, name, childNames(name, a)))
	errs.Add(naming.CheckStable(kind, name, a.StableName, childNames(a.StableName, a)))
	a.StableName = naming.Stable(name, a.StableName)
	return a, errs.Err()
}

func validateStream(errs *check.Errors, a StreamProcessorArgs) {
	errs.Plain("StreamArn", a.StreamArn, verify.KinesisStreamARN)
	errs.Plain("StreamKmsKeyArn", a.StreamKmsKeyArn, verify.KMSKeyARN)
	if a.Stream == nil {
		return
	}
	s := a.Stream
	errs.OneOf("Stream.Mode", s.Mode, "ON_DEMAND", "PROVISIONED")
	switch {
	case s.Mode == "PROVISIONED" && s.ShardCount == 0:
		errs.Addf("Stream.ShardCount", "is required with PROVISIONED: give the number of shards")
	case s.Mode == "PROVISIONED":
		errs.Range("Stream.ShardCount", s.ShardCount, 1, 10000)
	case s.Mode == "ON_DEMAND" && s.ShardCount != 0:
		errs.Addf("Stream.ShardCount", "%d is set with ON_DEMAND, which scales its shards itself", s.ShardCount)
	}
	errs.Range("Stream.RetentionHours", s.RetentionHours, 24, 8760)
	errs.Plain("Stream.KmsKeyArn", s.KmsKeyArn, verify.KMSKeyARN)
}

func validateFunction(errs *check.Errors, name string, a StreamProcessorArgs) {
	var sources []string
	if a.CodeArchivePath != "" {
		sources = append(sources, "`CodeArchivePath`")
	}
	if a.CodeS3Bucket != "" || a.CodeS3Key != "" {
		sources = append(sources, "`CodeS3Bucket`/`CodeS3Key`")
	}
	if a.ImageUri != nil {
		sources = append(sources, "`ImageUri`")
	}
	switch len(sources) {
	case 0:
		errs.Addf("CodeArchivePath", "is empty and no other code is given: the function needs code from `CodeArchivePath`, `CodeS3Bucket`/`CodeS3Key` or `ImageUri`")
	case 1:
	default:
		errs.Addf("CodeArchivePath", "and the other code sources are exclusive; give one of %s", strings.Join(sources, ", "))
	}
	if a.CodeArchivePath != "" {
		if _, err := os.Stat(a.CodeArchivePath); err != nil {
			errs.Addf("CodeArchivePath", "%q does not exist (paths are relative to the program's directory)", a.CodeArchivePath)
		}
	}
	if a.CodeS3Bucket != "" || a.CodeS3Key != "" {
		if a.CodeS3Bucket == "" {
			errs.Addf("CodeS3Bucket", "is required with `CodeS3Key` %q", a.CodeS3Key)
		} else {
			errs.Field("CodeS3Bucket", verify.BucketName(a.CodeS3Bucket))
		}
		if a.CodeS3Key == "" {
			errs.Addf("CodeS3Key", "is required with `CodeS3Bucket` %q", a.CodeS3Bucket)
		}
	}
	if a.ImageUri != nil {
		errs.Plain("ImageUri", a.ImageUri, verify.Image)
		if a.Runtime != "" {
			errs.Addf("Runtime", "%q is set with `ImageUri`; an image brings its own runtime", a.Runtime)
		}
		if a.Handler != "" {
			errs.Addf("Handler", "%q is set with `ImageUri`; set the image's CMD instead", a.Handler)
		}
	} else if len(sources) > 0 {
		if strings.TrimSpace(a.Runtime) == "" {
			errs.Addf("Runtime", "is empty; an archive needs a Lambda runtime, e.g. python3.12")
		} else {
			errs.Field("Runtime", verify.LambdaRuntime(a.Runtime))
		}
		if strings.TrimSpace(a.Handler) == "" || strings.ContainsAny(a.Handler, " \t\n") {
			errs.Addf("Handler", "%q is not a handler, e.g. index.handler; an archive needs one", a.Handler)
		}
	}
	errs.OneOf("Architecture", a.Architecture, "arm64", "x86_64")
	errs.Range("MemoryMB", a.MemoryMB, 128, 10240)
	if a.Timeout < time.Second || a.Timeout > 15*time.Minute || a.Timeout%time.Second != 0 {
		errs.Addf("Timeout", "%s is outside 1s–15m0s in whole seconds", a.Timeout)
	}
	plain := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(a.Environment)) {
		if err := verify.LambdaEnvName(k); err != nil {
			errs.Field("Environment", err)
		} else {
			errs.Field("Environment", verify.PlaintextEnv(k, "read it from Secrets Manager in the code (grant it in `FunctionPolicyStatements`)"))
		}
		switch v := a.Environment[k].(type) {
		case nil:
			errs.Addf("Environment", "%q has a nil value", k)
		case pulumi.String:
			plain[k] = string(v)
		default:
			plain[k] = "" // counted when known, see functionArgs
		}
	}
	errs.Field("Environment", verify.LambdaEnvironmentSize(plain))
	if a.ReservedConcurrency != nil && *a.ReservedConcurrency < 1 {
		errs.Addf("ReservedConcurrency", "%d is under 1; 0 would stop the function (set `Enabled` false to pause the mapping instead)", *a.ReservedConcurrency)
	}
	if a.FunctionName != "" {
		errs.Add(naming.CheckExact(kind, name, "FunctionName", naming.LambdaFunction, a.FunctionName))
	} else {
		// The default name is the component name plus a 7-hex suffix, as long as an autoname.
		errs.Add(naming.Check(kind, name, "name", naming.LambdaFunction, name))
	}
	for i, s := range a.FunctionPolicyStatements {
		errs.Field(fmt.Sprintf("FunctionPolicyStatements[%d]", i), s.ValidateGrant())
	}
	errs.OneOf("LogFormat", a.LogFormat, "Text", "JSON")
	errs.Field("LogRetentionDays", logs.CheckRetention(a.LogRetentionDays))
}

func validateMapping(errs *check.Errors, a StreamProcessorArgs) {
	errs.OneOf("StartingPosition", a.StartingPosition, "LATEST", "TRIM_HORIZON", "AT_TIMESTAMP")
	switch {
	case a.StartingPosition == "AT_TIMESTAMP" && a.StartingPositionTimestamp == "":
		errs.Addf("StartingPositionTimestamp", "is required with AT_TIMESTAMP: give an RFC 3339 time")
	case a.StartingPosition != "AT_TIMESTAMP" && a.StartingPositionTimestamp != "":
		errs.Addf("StartingPositionTimestamp", "%q is set but `StartingPosition` is %s, not AT_TIMESTAMP", a.StartingPositionTimestamp, a.StartingPosition)
	case a.StartingPositionTimestamp != "":
		if _, err := time.Parse(time.RFC3339, a.StartingPositionTimestamp); err != nil {
			errs.Addf("StartingPositionTimestamp", "%q is not an RFC 3339 time", a.StartingPositionTimestamp)
		}
	}
	errs.Range("BatchSize", a.BatchSize, 1, 10000)
	if w := a.BatchingWindow; w < 0 || w > 5*time.Minute || w%time.Second != 0 {
		errs.Addf("BatchingWindow", "%s is outside 0s–5m0s in whole seconds", w)
	}
	errs.Range("ParallelizationFactor", a.ParallelizationFactor, 1, 10)
	errs.Range("MaximumRetryAttempts", *a.MaximumRetryAttempts, -1, 10000)
	if age := a.MaximumRecordAgeSeconds; age != -1 && (age < 60 || age > 604800) {
		errs.Addf("MaximumRecordAgeSeconds", "%d is neither -1 (no limit) nor within 60–604800", age)
	}
	if len(a.FilterPatterns) > 5 {
		errs.Addf("FilterPatterns", "has %d patterns; Lambda allows 5", len(a.FilterPatterns))
	}
	for i, p := range a.FilterPatterns {
		var obj map[string]any
		if err := json.Unmarshal([]byte(p), &obj); err != nil || obj == nil {
			errs.Addf(fmt.Sprintf("FilterPatterns[%d]", i), "%q is not a JSON object", p)
		} else if len(p) > 4096 {
			errs.Addf(fmt.Sprintf("FilterPatterns[%d]", i), "is %d characters; a pattern has at most 4096", len(p))
		}
	}
	if w := a.TumblingWindow; w < 0 || w > 15*time.Minute || w%time.Second != 0 {
		errs.Addf("TumblingWindow", "%s is outside 0s–15m0s in whole seconds", w)
	}
}

// sinkName is the form of a key of Sinks.
var sinkName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// validateSink checks one sink, named field in messages ("Sink" or `Sinks["archive"]`).
func validateSink(errs *check.Errors, field string, s SinkArgs) {
	f := func(name string) string { return field + "." + name }
	switch {
	case s.S3 == nil && s.Snowflake == nil:
		errs.Addf(field, "has no destination; set one of `%s` or `%s`", f("S3"), f("Snowflake"))
	case s.S3 != nil && s.Snowflake != nil:
		errs.Addf(field, "has both `%s` and `%s`; a delivery stream has one destination", f("S3"), f("Snowflake"))
	}
	errs.Plain(f("BucketArn"), s.BucketArn, verify.S3BucketARN)
	if s.BucketArn == nil {
		errs.OneOf(f("BucketEncryption"), s.BucketEncryption, "aws:kms", "AES256")
		if s.BucketEncryption == "AES256" && s.BucketKmsKeyArn != nil {
			errs.Addf(f("BucketKmsKeyArn"), "is set with AES256 encryption; use aws:kms to encrypt with a key")
		}
	}
	errs.Plain(f("BucketKmsKeyArn"), s.BucketKmsKeyArn, verify.KMSKeyARN)
	// The longest key each prefix starts: errors under Prefix unless they have their own.
	tail := ErrorPartitions
	if s.S3 != nil && s.S3.ErrorPrefix != "" {
		tail = DatePartitions
	}
	checkPrefix(errs, f("Prefix"), s.Prefix, tail)
	if c := s.S3; c != nil {
		if c.ErrorPrefix != "" {
			checkPrefix(errs, f("S3.ErrorPrefix"), c.ErrorPrefix, ErrorTypePartitions)
		}
		errs.Range(f("S3.BufferingSizeMB"), c.BufferingSizeMB, 1, 128)
		checkSeconds(errs, f("S3.BufferingInterval"), c.BufferingInterval, 0, 15*time.Minute)
	}
	if c := s.Snowflake; c != nil {
		if c.AccountUrl == "" {
			errs.Addf(f("Snowflake.AccountUrl"), "is required, e.g. https://myorg-myaccount.snowflakecomputing.com")
		} else {
			errs.Field(f("Snowflake.AccountUrl"), verify.SnowflakeAccountURL(c.AccountUrl))
		}
		// Firehose takes each part as one Snowflake name of 1–255 characters
		// ("SnowflakeDestinationConfiguration", Amazon Data Firehose API Reference).
		for _, n := range []struct {
			field, value string
			required     bool
		}{
			{f("Snowflake.Database"), c.Database, true}, {f("Snowflake.Schema"), c.Schema, true}, {f("Snowflake.Table"), c.Table, true},
			{f("Snowflake.Role"), c.Role, false}, {f("Snowflake.ContentColumnName"), c.ContentColumnName, false},
			{f("Snowflake.MetadataColumnName"), c.MetadataColumnName, false},
		} {
			switch {
			case n.value == "" && n.required:
				errs.Addf(n.field, "is required")
			case n.value != "":
				errs.Field(n.field, verify.SnowflakeObjectName(n.value))
			}
		}
		if c.PrivateKeySecretArn == nil {
			errs.Addf(f("Snowflake.PrivateKeySecretArn"), "is required: Firehose reads the user and private key from this Secrets Manager secret, never from plaintext")
		}
		errs.Plain(f("Snowflake.PrivateKeySecretArn"), c.PrivateKeySecretArn, verify.SecretARN)
		errs.Plain(f("Snowflake.SecretKmsKeyArn"), c.SecretKmsKeyArn, verify.KMSKeyARN)
		errs.OneOf(f("Snowflake.DataLoadingOption"), c.DataLoadingOption, "JSON_MAPPING", "VARIANT_CONTENT_MAPPING", "VARIANT_CONTENT_AND_METADATA_MAPPING")
		switch c.DataLoadingOption {
		case "JSON_MAPPING":
			if c.ContentColumnName != "" || c.MetadataColumnName != "" {
				errs.Addf(f("Snowflake.ContentColumnName"), "and `MetadataColumnName` apply only to the VARIANT loading options")
			}
		case "VARIANT_CONTENT_MAPPING":
			if c.ContentColumnName == "" {
				errs.Addf(f("Snowflake.ContentColumnName"), "is required with VARIANT_CONTENT_MAPPING")
			}
			if c.MetadataColumnName != "" {
				errs.Addf(f("Snowflake.MetadataColumnName"), "applies only to VARIANT_CONTENT_AND_METADATA_MAPPING")
			}
		case "VARIANT_CONTENT_AND_METADATA_MAPPING":
			if c.ContentColumnName == "" || c.MetadataColumnName == "" {
				errs.Addf(f("Snowflake.ContentColumnName"), "and `MetadataColumnName` are required with VARIANT_CONTENT_AND_METADATA_MAPPING")
			}
		}
		errs.Range(f("Snowflake.BufferingSizeMB"), c.BufferingSizeMB, 1, 128)
		checkSeconds(errs, f("Snowflake.BufferingInterval"), c.BufferingInterval, 0, 15*time.Minute)
		checkSeconds(errs, f("Snowflake.RetryDuration"), c.RetryDuration, time.Second, 2*time.Hour)
	}
}

// checkPrefix checks a sink's key prefix ("" is the bucket's root); tail is
// the longest partition path Firehose appends to it.
func checkPrefix(errs *check.Errors, field, prefix, tail string) {
	switch {
	case prefix == "":
	case strings.Contains(prefix, "!{"):
		errs.Addf(field, "%q holds a Firehose expression; the date partitions are added for you", prefix)
	default:
		if err := verify.KeyPrefix(prefix); err != nil {
			errs.Field(field, err)
		} else if n := len(prefix + tail); n > verify.MaxKeyPrefix {
			errs.Addf(field, "%q is %d characters; with the partitions Firehose appends (%q) it is %d, over Firehose's limit of %d", prefix, len(prefix), tail, n, verify.MaxKeyPrefix)
		}
	}
}

func checkSeconds(errs *check.Errors, field string, d, lo, hi time.Duration) {
	if d < lo || d > hi || d%time.Second != 0 {
		errs.Addf(field, "%s is outside %s–%s in whole seconds", d, lo, hi)
	}
}
