package stream

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	firehoseT = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
	bucketT   = "aws:s3/bucket:Bucket"
)

var s3SinkChildren = []string{
	"aws:cloudwatch/logGroup:LogGroup clicks-sink-logs",
	"aws:cloudwatch/metricAlarm:MetricAlarm clicks-sink-data-freshness",
	"aws:cloudwatch/logStream:LogStream clicks-sink-delivery-log",
	"aws:iam/role:Role clicks-sink-role",
	"aws:iam/rolePolicy:RolePolicy clicks-sink-policy",
	"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink",
	"aws:kinesis/stream:Stream clicks-stream",
}

var bucketChildren = []string{
	"aws:s3/bucket:Bucket clicks-sink-bucket",
	"aws:s3/bucketVersioning:BucketVersioning clicks-sink-bucket-versioning",
	"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration clicks-sink-bucket-encryption",
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock clicks-sink-bucket-public-access",
	"aws:s3/bucketPolicy:BucketPolicy clicks-sink-bucket-policy",
	"aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration clicks-sink-bucket-lifecycle",
}

func TestStreamProcessor_s3SinkCreatesExactChildren(t *testing.T) {
	plan := mustSynth(t, s3Sink())
	want := with(with(coreChildren, s3SinkChildren...), bucketChildren...)
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "clicks"))

	given := s3Sink()
	given.Sink.BucketArn = pulumi.String(testBucketARN)
	assert.ElementsMatch(t, with(coreChildren, s3SinkChildren...), synthtest.ChildrenOf(t, mustSynth(t, given), Type, "clicks"), "a given bucket is not created")
}

func TestStreamProcessor_s3SinkAlarmsWhenDeliveryFallsBehind(t *testing.T) {
	plan := mustSynth(t, s3Sink())
	delivery := synthtest.Find(t, plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-sink")
	a := synthtest.Find(t, plan, "aws:cloudwatch/metricAlarm:MetricAlarm", "clicks-sink-data-freshness")
	assert.Equal(t, "AWS/Firehose", a.String("namespace"))
	assert.Equal(t, "DeliveryToS3.DataFreshness", a.String("metricName"))
	assert.Equal(t, map[string]any{"DeliveryStreamName": delivery.Output("name")}, a.Inputs["dimensions"])
	assert.Equal(t, "Maximum", a.String("statistic"))
	assert.Equal(t, 900.0, a.Inputs["threshold"])
	assert.Equal(t, "GreaterThanThreshold", a.String("comparisonOperator"))
	assert.Equal(t, []any{synthtest.Find(t, plan, "aws:sns/topic:Topic", "clicks-alerts").Output("arn")}, a.Inputs["alarmActions"])
}

func TestStreamProcessor_s3SinkBucketIsPrivateEncryptedVersionedTLSOnly(t *testing.T) {
	plan := mustSynth(t, s3Sink())
	bucket := synthtest.Find(t, plan, bucketT, "clicks-sink-bucket")
	name, arn := bucket.Output("bucket"), bucket.Output("arn")
	require.NotEmpty(t, name)
	assert.Nil(t, bucket.Inputs["forceDestroy"], "a bucket with data is never force-destroyed")

	versioning := synthtest.Find(t, plan, "aws:s3/bucketVersioning:BucketVersioning", "clicks-sink-bucket-versioning")
	assert.Equal(t, name, versioning.String("bucket"))
	assert.Equal(t, "Enabled", versioning.Get("versioningConfiguration", "status"))

	sse := synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "clicks-sink-bucket-encryption")
	assert.Equal(t, name, sse.String("bucket"))
	assert.Equal(t, "aws:kms", sse.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	assert.Nil(t, sse.Get("rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"), "the AWS-managed aws/s3 key")
	assert.Equal(t, true, sse.Get("rules", 0, "bucketKeyEnabled"))

	block := synthtest.Find(t, plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "clicks-sink-bucket-public-access")
	assert.Equal(t, name, block.String("bucket"))
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equalf(t, true, block.Inputs[k], "%s", k)
	}

	bp := synthtest.Find(t, plan, "aws:s3/bucketPolicy:BucketPolicy", "clicks-sink-bucket-policy")
	assert.Equal(t, name, bp.String("bucket"))
	assert.Contains(t, bp.Dependencies, block.URN)
	doc := synthtest.ParsePolicy(t, bp.String("policy"))
	require.Len(t, doc.Statement, 1)
	deny := synthtest.Statement(t, doc, "DenyInsecureTransport")
	assert.Equal(t, iampolicy.Deny, deny.Effect)
	assert.Equal(t, []string{"s3:*"}, deny.Action)
	assert.Equal(t, []string{arn, arn + "/*"}, deny.Resource)
	assert.Equal(t, []string{"false"}, deny.Condition["Bool"]["aws:SecureTransport"])

	lc := synthtest.Find(t, plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "clicks-sink-bucket-lifecycle")
	assert.Equal(t, name, lc.String("bucket"))
	assert.Equal(t, "Enabled", lc.Get("rules", 0, "status"))
	assert.Equal(t, map[string]any{}, lc.Get("rules", 0, "filter"), "the whole bucket")
	assert.Equal(t, 90.0, lc.Get("rules", 0, "noncurrentVersionTransitions", 0, "noncurrentDays"))
	assert.Equal(t, "GLACIER", lc.Get("rules", 0, "noncurrentVersionTransitions", 0, "storageClass"))
	assert.Contains(t, lc.Dependencies, versioning.URN)

	assert.Equal(t, name, plan.Outputs["sinkBucketName"])
}

func TestStreamProcessor_s3SinkBucketEncryptionChoices(t *testing.T) {
	withKey := s3Sink()
	withKey.Sink.BucketKmsKeyArn = pulumi.String(testKey2ARN)
	plan := mustSynth(t, withKey)
	sse := synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "clicks-sink-bucket-encryption")
	assert.Equal(t, "aws:kms", sse.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	assert.Equal(t, testKey2ARN, sse.Get("rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"))
	use := synthtest.Statement(t, synthtest.Policy(t, plan, "clicks-sink-policy"), "EncryptSinkObjects")
	assert.Equal(t, []string{"kms:GenerateDataKey", "kms:Decrypt"}, use.Action)
	assert.Equal(t, []string{testKey2ARN}, use.Resource)
	assert.Equal(t, []string{"s3.us-east-1.amazonaws.com"}, use.Condition["StringEquals"]["kms:ViaService"])

	aes := s3Sink()
	aes.Sink.BucketEncryption = "AES256"
	plan = mustSynth(t, aes)
	sse = synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "clicks-sink-bucket-encryption")
	assert.Equal(t, "AES256", sse.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	assert.Nil(t, sse.Get("rules", 0, "bucketKeyEnabled"))
	_, usesKey := synthtest.Policy(t, plan, "clicks-sink-policy").FindSid("EncryptSinkObjects")
	assert.False(t, usesKey)
}

func TestStreamProcessor_s3SinkDeliversDatePartitionedGzip(t *testing.T) {
	a := s3Sink()
	a.Sink.Prefix = "clicks/"
	plan := mustSynth(t, a)
	f := synthtest.Find(t, plan, firehoseT, "clicks-sink")
	stream := synthtest.Find(t, plan, streamT, "clicks-stream")
	role := synthtest.Find(t, plan, roleT, "clicks-sink-role")
	group := synthtest.Find(t, plan, logGroupT, "clicks-sink-logs")
	bucket := synthtest.Find(t, plan, bucketT, "clicks-sink-bucket")

	assert.Equal(t, "extended_s3", f.String("destination"))
	assert.Equal(t, stream.Output("arn"), f.Get("kinesisSourceConfiguration", "kinesisStreamArn"))
	assert.Equal(t, role.Output("arn"), f.Get("kinesisSourceConfiguration", "roleArn"))
	assert.Nil(t, f.Inputs["serverSideEncryption"], "Firehose refuses SSE with a Kinesis source; the stream and the bucket encrypt at rest")

	s3 := func(path ...any) any { return f.Get(append([]any{"extendedS3Configuration"}, path...)...) }
	assert.Equal(t, bucket.Output("arn"), s3("bucketArn"))
	assert.Equal(t, role.Output("arn"), s3("roleArn"))
	assert.Equal(t, "clicks/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", s3("prefix"))
	assert.Equal(t, "clicks/errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", s3("errorOutputPrefix"))
	assert.Equal(t, "GZIP", s3("compressionFormat"))
	assert.Equal(t, 5.0, s3("bufferingSize"))
	assert.Equal(t, 300.0, s3("bufferingInterval"))
	assert.Equal(t, true, s3("cloudwatchLoggingOptions", "enabled"))
	assert.Equal(t, group.Output("name"), s3("cloudwatchLoggingOptions", "logGroupName"))
	assert.Equal(t, "DestinationDelivery", s3("cloudwatchLoggingOptions", "logStreamName"))
	assert.Equal(t, 30.0, group.Inputs["retentionInDays"])
	assert.Equal(t, group.Output("name"), synthtest.Find(t, plan, "aws:cloudwatch/logStream:LogStream", "clicks-sink-delivery-log").String("logGroupName"))
	assert.Contains(t, f.Dependencies, synthtest.Find(t, plan, "aws:iam/rolePolicy:RolePolicy", "clicks-sink-policy").URN,
		"Firehose checks its access to the stream when it is created")

	assert.Equal(t, f.Output("arn"), plan.Outputs["deliveryStreamArn"])
	assert.Regexp(t, `^arn:aws:firehose:us-east-1:123456789012:deliverystream/clicks-sink-[0-9a-f]{7}$`, plan.Outputs["deliveryStreamArn"])

	a = s3Sink()
	a.Sink.S3 = &S3SinkArgs{BufferingSizeMB: 64, BufferingInterval: 60 * time.Second}
	f = synthtest.Find(t, mustSynth(t, a), firehoseT, "clicks-sink")
	assert.Equal(t, 64.0, f.Get("extendedS3Configuration", "bufferingSize"))
	assert.Equal(t, 60.0, f.Get("extendedS3Configuration", "bufferingInterval"))
	assert.Equal(t, "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", f.Get("extendedS3Configuration", "prefix"))
}

func TestStreamProcessor_s3SinkRoleIsLeastPrivilege(t *testing.T) {
	a := s3Sink()
	a.Sink.Prefix = "clicks/"
	plan := mustSynth(t, a)
	streamArn := synthtest.Find(t, plan, streamT, "clicks-stream").Output("arn")
	bucketArn := synthtest.Find(t, plan, bucketT, "clicks-sink-bucket").Output("arn")
	groupArn := synthtest.Find(t, plan, logGroupT, "clicks-sink-logs").Output("arn")

	trust := synthtest.TrustPolicy(t, plan, "clicks-sink-role")
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, []string{"firehose.amazonaws.com"}, trust.Statement[0].Principal["Service"])
	assert.Equal(t, []string{"123456789012"}, trust.Statement[0].Condition["StringEquals"]["sts:ExternalId"])

	doc := synthtest.Policy(t, plan, "clicks-sink-policy")
	assert.Equal(t, []string{"ReadSourceStream", "WriteSinkBucket", "WriteDeliveryLogs"}, synthtest.Sids(doc))
	read := synthtest.Statement(t, doc, "ReadSourceStream")
	assert.Equal(t, []string{"kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"}, read.Action)
	assert.Equal(t, []string{streamArn}, read.Resource)
	write := synthtest.Statement(t, doc, "WriteSinkBucket")
	assert.Equal(t, []string{"s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"}, write.Action)
	assert.Equal(t, []string{bucketArn, bucketArn + "/clicks/*"}, write.Resource, "objects only under the prefix")
	logsStmt := synthtest.Statement(t, doc, "WriteDeliveryLogs")
	assert.Equal(t, []string{"logs:PutLogEvents"}, logsStmt.Action)
	assert.Equal(t, []string{groupArn + ":log-stream:*"}, logsStmt.Resource)
}

func TestStreamProcessor_sinkDecryptsCustomerKeyedStream(t *testing.T) {
	a := s3Sink()
	a.Stream = &StreamArgs{KmsKeyArn: pulumi.String(testKeyARN)}
	doc := synthtest.Policy(t, mustSynth(t, a), "clicks-sink-policy")
	dec := synthtest.Statement(t, doc, "DecryptSourceStream")
	assert.Equal(t, []string{"kms:Decrypt"}, dec.Action)
	assert.Equal(t, []string{testKeyARN}, dec.Resource)
}

func TestStreamProcessor_sinkToGivenBucket(t *testing.T) {
	a := s3Sink()
	a.Sink.BucketArn = pulumi.String(testBucketARN)
	a.Sink.BucketKmsKeyArn = pulumi.String(testKey2ARN)
	plan := mustSynth(t, a)
	assert.Empty(t, plan.ByType(bucketT))
	assert.Equal(t, testBucketARN, synthtest.Find(t, plan, firehoseT, "clicks-sink").Get("extendedS3Configuration", "bucketArn"))
	doc := synthtest.Policy(t, plan, "clicks-sink-policy")
	assert.Equal(t, []string{testBucketARN, testBucketARN + "/*"}, synthtest.Statement(t, doc, "WriteSinkBucket").Resource)
	assert.Equal(t, []string{testKey2ARN}, synthtest.Statement(t, doc, "EncryptSinkObjects").Resource)
	assert.Equal(t, "acme-landing", plan.Outputs["sinkBucketName"])
}

func TestStreamProcessor_snowflakeSinkReadsKeyFromSecretsManager(t *testing.T) {
	a := snowflakeSink()
	a.Sink.Snowflake.SecretKmsKeyArn = pulumi.String(testKey2ARN)
	plan := mustSynth(t, a)
	want := with(with(coreChildren,
		"aws:cloudwatch/logGroup:LogGroup clicks-sink-logs",
		"aws:cloudwatch/logStream:LogStream clicks-sink-delivery-log",
		"aws:cloudwatch/logStream:LogStream clicks-sink-backup-log",
		"aws:iam/role:Role clicks-sink-role",
		"aws:iam/rolePolicy:RolePolicy clicks-sink-policy",
		"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink",
		"aws:kinesis/stream:Stream clicks-stream",
	), bucketChildren...)
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "clicks"))

	f := synthtest.Find(t, plan, firehoseT, "clicks-sink")
	role := synthtest.Find(t, plan, roleT, "clicks-sink-role").Output("arn")
	bucketArn := synthtest.Find(t, plan, bucketT, "clicks-sink-bucket").Output("arn")
	group := synthtest.Find(t, plan, logGroupT, "clicks-sink-logs").Output("name")
	sf := func(path ...any) any { return f.Get(append([]any{"snowflakeConfiguration"}, path...)...) }

	assert.Equal(t, "snowflake", f.String("destination"))
	assert.Nil(t, f.Inputs["extendedS3Configuration"])
	assert.Nil(t, f.Inputs["serverSideEncryption"])
	assert.Equal(t, synthtest.Find(t, plan, streamT, "clicks-stream").Output("arn"), f.Get("kinesisSourceConfiguration", "kinesisStreamArn"))
	assert.Equal(t, "https://acme-analytics.snowflakecomputing.com", sf("accountUrl"))
	assert.Equal(t, "RAW", sf("database"))
	assert.Equal(t, "EVENTS", sf("schema"))
	assert.Equal(t, "CLICKS", sf("table"))
	assert.Equal(t, role, sf("roleArn"))
	assert.Equal(t, "JSON_MAPPING", sf("dataLoadingOption"))
	assert.Equal(t, map[string]any{"enabled": true, "secretArn": testSecretARN, "roleArn": role}, sf("secretsManagerConfiguration"))
	assert.Nil(t, sf("privateKey"), "never a plaintext key")
	assert.Nil(t, sf("keyPassphrase"))
	assert.Nil(t, sf("user"), "the user is read from the secret")
	assert.Equal(t, map[string]any{"enabled": true, "snowflakeRole": "FIREHOSE_LOADER"}, sf("snowflakeRoleConfiguration"))
	assert.Equal(t, 1.0, sf("bufferingSize"))
	assert.Equal(t, 0.0, sf("bufferingInterval"))
	assert.Equal(t, 60.0, sf("retryDuration"))
	assert.Equal(t, "FailedDataOnly", sf("s3BackupMode"))
	assert.Equal(t, bucketArn, sf("s3Configuration", "bucketArn"))
	assert.Equal(t, role, sf("s3Configuration", "roleArn"))
	assert.Equal(t, "failed/", sf("s3Configuration", "prefix"))
	assert.Equal(t, "GZIP", sf("s3Configuration", "compressionFormat"))
	assert.Equal(t, "BackupDelivery", sf("s3Configuration", "cloudwatchLoggingOptions", "logStreamName"))
	assert.Equal(t, group, sf("s3Configuration", "cloudwatchLoggingOptions", "logGroupName"))
	assert.Equal(t, "DestinationDelivery", sf("cloudwatchLoggingOptions", "logStreamName"))
	assert.Equal(t, true, sf("cloudwatchLoggingOptions", "enabled"))

	doc := synthtest.Policy(t, plan, "clicks-sink-policy")
	assert.Equal(t, []string{"ReadSourceStream", "WriteSinkBucket", "WriteDeliveryLogs", "ReadSnowflakeKey", "DecryptSnowflakeKey"}, synthtest.Sids(doc))
	secret := synthtest.Statement(t, doc, "ReadSnowflakeKey")
	assert.Equal(t, []string{"secretsmanager:GetSecretValue"}, secret.Action)
	assert.Equal(t, []string{testSecretARN}, secret.Resource, "exactly that secret")
	dec := synthtest.Statement(t, doc, "DecryptSnowflakeKey")
	assert.Equal(t, []string{"kms:Decrypt"}, dec.Action)
	assert.Equal(t, []string{testKey2ARN}, dec.Resource)
	assert.Equal(t, []string{"secretsmanager.us-east-1.amazonaws.com"}, dec.Condition["StringEquals"]["kms:ViaService"])
}

func TestStreamProcessor_snowflakeSinkVariantLoading(t *testing.T) {
	a := snowflakeSink()
	a.Sink.Snowflake.Role = ""
	a.Sink.Snowflake.DataLoadingOption = "VARIANT_CONTENT_AND_METADATA_MAPPING"
	a.Sink.Snowflake.ContentColumnName = "RECORD"
	a.Sink.Snowflake.MetadataColumnName = "META"
	a.Sink.Snowflake.BufferingSizeMB = 4
	a.Sink.Snowflake.BufferingInterval = 30 * time.Second
	a.Sink.Snowflake.RetryDuration = 2 * time.Hour
	f := synthtest.Find(t, mustSynth(t, a), firehoseT, "clicks-sink")
	assert.Equal(t, "VARIANT_CONTENT_AND_METADATA_MAPPING", f.Get("snowflakeConfiguration", "dataLoadingOption"))
	assert.Equal(t, "RECORD", f.Get("snowflakeConfiguration", "contentColumnName"))
	assert.Equal(t, "META", f.Get("snowflakeConfiguration", "metadataColumnName"))
	assert.Equal(t, 4.0, f.Get("snowflakeConfiguration", "bufferingSize"))
	assert.Equal(t, 30.0, f.Get("snowflakeConfiguration", "bufferingInterval"))
	assert.Equal(t, 7200.0, f.Get("snowflakeConfiguration", "retryDuration"))
	assert.Nil(t, f.Get("snowflakeConfiguration", "snowflakeRoleConfiguration"), "the user's default role")
}

// twoSinks is validArgs with the Lambda architecture's pair of named sinks:
// "speed" into Snowflake, "archive" into S3 with errors outside its prefix.
func twoSinks() *StreamProcessorArgs {
	a := validArgs()
	a.Sinks = map[string]SinkArgs{
		"speed":   *snowflakeSink().Sink,
		"archive": {S3: &S3SinkArgs{ErrorPrefix: "errors/events/"}, Prefix: "events/", BucketEncryption: "AES256"},
	}
	return a
}

// namedSinkChildren are the children of the sink named sink, delivering to
// S3 (or, with snowflake, to Snowflake with a backup log stream).
func namedSinkChildren(sink string, snowflake bool) []string {
	c := "clicks-" + sink + "-sink"
	out := []string{
		"aws:cloudwatch/logGroup:LogGroup " + c + "-logs",
		"aws:cloudwatch/logStream:LogStream " + c + "-delivery-log",
		"aws:iam/role:Role " + c + "-role",
		"aws:iam/rolePolicy:RolePolicy " + c + "-policy",
		"aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream " + c,
		"aws:s3/bucket:Bucket " + c + "-bucket",
		"aws:s3/bucketVersioning:BucketVersioning " + c + "-bucket-versioning",
		"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration " + c + "-bucket-encryption",
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock " + c + "-bucket-public-access",
		"aws:s3/bucketPolicy:BucketPolicy " + c + "-bucket-policy",
		"aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration " + c + "-bucket-lifecycle",
	}
	if snowflake {
		return append(out, "aws:cloudwatch/logStream:LogStream "+c+"-backup-log")
	}
	return append(out, "aws:cloudwatch/metricAlarm:MetricAlarm "+c+"-data-freshness")
}

func TestStreamProcessor_namedSinksHaveTheirOwnChildren(t *testing.T) {
	plan := mustSynth(t, twoSinks())
	want := with(with(with(coreChildren, "aws:kinesis/stream:Stream clicks-stream"),
		namedSinkChildren("archive", false)...), namedSinkChildren("speed", true)...)
	assert.ElementsMatch(t, want, synthtest.ChildrenOf(t, plan, Type, "clicks"))

	// Sink keeps its children's names next to named sinks.
	both := twoSinks()
	both.Sink = &SinkArgs{S3: &S3SinkArgs{}}
	plan = mustSynth(t, both)
	assert.ElementsMatch(t, with(with(want, s3SinkChildren[:6]...), bucketChildren...), synthtest.ChildrenOf(t, plan, Type, "clicks"))
	assert.Equal(t, synthtest.Find(t, plan, firehoseT, "clicks-sink").Output("arn"), plan.Outputs["deliveryStreamArn"])

	// Each sink reads the stream with its own role and logs to its own group.
	groups := map[string]bool{}
	for _, sink := range []string{"sink", "archive-sink", "speed-sink"} {
		f := synthtest.Find(t, plan, firehoseT, "clicks-"+sink)
		assert.Equal(t, synthtest.Find(t, plan, roleT, "clicks-"+sink+"-role").Output("arn"), f.Get("kinesisSourceConfiguration", "roleArn"), sink)
		group := synthtest.Find(t, plan, logGroupT, "clicks-"+sink+"-logs")
		groups[group.Output("name")] = true
		assert.Equal(t, 30.0, group.Inputs["retentionInDays"])
	}
	assert.Len(t, groups, 3, "one log group per sink")
	assert.Equal(t, "/aws/kinesisfirehose/clicks-archive-", synthtest.Find(t, plan, logGroupT, "clicks-archive-sink-logs").String("namePrefix"))
	assert.Equal(t, "/aws/kinesisfirehose/clicks-", synthtest.Find(t, plan, logGroupT, "clicks-sink-logs").String("namePrefix"))
}

func TestStreamProcessor_namedSinksDeliverToTheirDestinations(t *testing.T) {
	plan := mustSynth(t, twoSinks())
	stream := synthtest.Find(t, plan, streamT, "clicks-stream").Output("arn")

	archive := synthtest.Find(t, plan, firehoseT, "clicks-archive-sink")
	bucket := synthtest.Find(t, plan, bucketT, "clicks-archive-sink-bucket")
	assert.Equal(t, "extended_s3", archive.String("destination"))
	assert.Equal(t, stream, archive.Get("kinesisSourceConfiguration", "kinesisStreamArn"))
	assert.Equal(t, bucket.Output("arn"), archive.Get("extendedS3Configuration", "bucketArn"))
	assert.Equal(t, "events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/", archive.Get("extendedS3Configuration", "prefix"))
	assert.Equal(t, "errors/events/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
		archive.Get("extendedS3Configuration", "errorOutputPrefix"), "errors land outside the prefix")
	assert.Equal(t, "GZIP", archive.Get("extendedS3Configuration", "compressionFormat"))
	assert.Equal(t, "AES256", synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
		"clicks-archive-sink-bucket-encryption").Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	alarm := synthtest.Find(t, plan, alarmT, "clicks-archive-sink-data-freshness")
	assert.Equal(t, map[string]any{"DeliveryStreamName": archive.Output("name")}, alarm.Inputs["dimensions"])
	assert.Contains(t, alarm.String("alarmDescription"), "The archive S3 sink is not delivering")

	speed := synthtest.Find(t, plan, firehoseT, "clicks-speed-sink")
	assert.Equal(t, "snowflake", speed.String("destination"))
	assert.Equal(t, stream, speed.Get("kinesisSourceConfiguration", "kinesisStreamArn"))
	assert.Equal(t, "CLICKS", speed.Get("snowflakeConfiguration", "table"))
	assert.Equal(t, "JSON_MAPPING", speed.Get("snowflakeConfiguration", "dataLoadingOption"))
	assert.Equal(t, synthtest.Find(t, plan, bucketT, "clicks-speed-sink-bucket").Output("arn"), speed.Get("snowflakeConfiguration", "s3Configuration", "bucketArn"))
	assert.Equal(t, "failed/", speed.Get("snowflakeConfiguration", "s3Configuration", "prefix"))

	assert.Equal(t, map[string]any{"archive": archive.Output("arn"), "speed": speed.Output("arn")}, plan.Outputs["deliveryStreamArns"])
	assert.Equal(t, map[string]any{
		"archive": bucket.Output("bucket"),
		"speed":   synthtest.Find(t, plan, bucketT, "clicks-speed-sink-bucket").Output("bucket"),
	}, plan.Outputs["sinkBucketNames"])
	assert.Equal(t, "", plan.Outputs["deliveryStreamArn"], "Sink is unset")
}

func TestStreamProcessor_namedSinkRolesAreLeastPrivilege(t *testing.T) {
	plan := mustSynth(t, twoSinks())
	streamArn := synthtest.Find(t, plan, streamT, "clicks-stream").Output("arn")

	archiveBucket := synthtest.Find(t, plan, bucketT, "clicks-archive-sink-bucket").Output("arn")
	doc := synthtest.Policy(t, plan, "clicks-archive-sink-policy")
	assert.Equal(t, []string{"ReadSourceStream", "WriteSinkBucket", "WriteDeliveryLogs"}, synthtest.Sids(doc))
	assert.Equal(t, []string{streamArn}, synthtest.Statement(t, doc, "ReadSourceStream").Resource)
	assert.Equal(t, []string{archiveBucket, archiveBucket + "/events/*", archiveBucket + "/errors/events/*"},
		synthtest.Statement(t, doc, "WriteSinkBucket").Resource, "the archive prefix and the error prefix, nothing else")
	assert.Equal(t, []string{synthtest.Find(t, plan, logGroupT, "clicks-archive-sink-logs").Output("arn") + ":log-stream:*"},
		synthtest.Statement(t, doc, "WriteDeliveryLogs").Resource)
	trust := synthtest.TrustPolicy(t, plan, "clicks-archive-sink-role")
	assert.Equal(t, []string{"firehose.amazonaws.com"}, trust.Statement[0].Principal["Service"])
	assert.Equal(t, "Firehose copies the clicks stream to its archive sink with this role",
		synthtest.Find(t, plan, roleT, "clicks-archive-sink-role").String("description"))

	speed := synthtest.Policy(t, plan, "clicks-speed-sink-policy")
	assert.Equal(t, []string{"ReadSourceStream", "WriteSinkBucket", "WriteDeliveryLogs", "ReadSnowflakeKey"}, synthtest.Sids(speed))
	assert.Equal(t, []string{testSecretARN}, synthtest.Statement(t, speed, "ReadSnowflakeKey").Resource)
	speedBucket := synthtest.Find(t, plan, bucketT, "clicks-speed-sink-bucket").Output("arn")
	assert.Equal(t, []string{speedBucket, speedBucket + "/*"}, synthtest.Statement(t, speed, "WriteSinkBucket").Resource)
}

func TestStreamProcessor_namedSinkValuesAreReCheckedAtDeployTime(t *testing.T) {
	plain, output := twoSinks(), twoSinks()
	set := func(a *StreamProcessorArgs, v pulumi.StringInput) {
		speed := a.Sinks["speed"]
		c := *speed.Snowflake
		c.PrivateKeySecretArn = v
		speed.Snowflake = &c
		a.Sinks["speed"] = speed
	}
	set(plain, pulumi.String("-----BEGIN PRIVATE KEY-----"))
	set(output, pulumi.String("-----BEGIN PRIVATE KEY-----").ToStringOutput())
	msg := synthtest.SameRejection(t, program(plain), program(output), options)
	assert.Contains(t, msg, "stream \"clicks\": `Sinks[\"speed\"].Snowflake.PrivateKeySecretArn`")
}

func TestStreamProcessor_errorPrefixDefaultsUnderThePrefix(t *testing.T) {
	assert.Equal(t, "clicks/errors/", SinkArgs{S3: &S3SinkArgs{}, Prefix: "clicks/"}.errorPrefix())
	assert.Equal(t, "errors/", SinkArgs{S3: &S3SinkArgs{}}.errorPrefix())
	assert.Equal(t, "bad/", SinkArgs{S3: &S3SinkArgs{ErrorPrefix: "bad/"}, Prefix: "clicks/"}.errorPrefix())
	assert.Equal(t, []string{"clicks/"}, writePrefixes(SinkArgs{S3: &S3SinkArgs{ErrorPrefix: "clicks/bad/"}, Prefix: "clicks/"}),
		"an error prefix inside the prefix needs no grant of its own")
	assert.Equal(t, "errors/", DefaultErrorFolder)
}
