package stream

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

// StreamProcessorArgs configures a StreamProcessor. Code (one of
// CodeArchivePath, CodeS3Bucket/CodeS3Key or ImageUri) is required, with
// Runtime and Handler for an archive; everything else has a production
// default that never blocks a shard.
type StreamProcessorArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// StreamArn consumes an existing Kinesis stream. Leave nil to create one.
	StreamArn pulumi.StringInput
	// StreamKmsKeyArn is the customer-managed key that encrypts StreamArn, if
	// any; the consumer (and the sink) may decrypt with it. Not needed for
	// streams encrypted with the AWS-managed alias/aws/kinesis key.
	StreamKmsKeyArn pulumi.StringInput
	// Stream configures the stream created when StreamArn is nil. Giving both is an error.
	Stream *StreamArgs

	// CodeArchivePath is a local directory or .zip/.jar file with the
	// function's code (pulumi.NewFileArchive); it must exist.
	CodeArchivePath string
	// CodeS3Bucket and CodeS3Key name a .zip in S3 with the function's code.
	CodeS3Bucket, CodeS3Key string
	// ImageUri is a container image in ECR; it must be built for Architecture.
	ImageUri pulumi.StringInput
	// Runtime is the Lambda runtime of an archive, e.g. "python3.12". Required
	// for CodeArchivePath and CodeS3Key; not allowed with ImageUri.
	Runtime string
	// Handler is the entry point of an archive, e.g. "index.handler". Required
	// for CodeArchivePath and CodeS3Key; not allowed with ImageUri.
	Handler string
	// Architecture is arm64 or x86_64. Defaults to arm64.
	Architecture string
	// MemoryMB is the function's memory, 128–10240 MiB. Defaults to 256.
	MemoryMB int
	// Timeout is the function's timeout, 1s–15m in whole seconds. Defaults to 1 minute.
	Timeout time.Duration
	// Environment holds plain environment variables. Names that look like
	// credentials (PASSWORD, SECRET, TOKEN, ...) and Lambda's reserved names
	// are rejected: read secrets from Secrets Manager in the code, granted
	// through FunctionPolicyStatements.
	Environment map[string]pulumi.StringInput
	// ReservedConcurrency reserves (and caps) the function's concurrency, at
	// least 1. Defaults to none (the account's unreserved pool).
	ReservedConcurrency *int
	// FunctionName is the function's exact name. Defaults to
	// "<component>-<7 hex>", the hex derived from project, stack and
	// component, so that the name (and the log group /aws/lambda/<name>) is
	// known before the function exists and differs between stacks.
	FunctionName string
	// FunctionPolicyStatements are the function's own permissions (what the
	// code calls); the role has only what the consumer needs otherwise.
	FunctionPolicyStatements []iampolicy.Statement
	// LogFormat is Text or JSON. Defaults to Text.
	LogFormat string
	// LogRetentionDays applies to the function's and the sink's log groups. Defaults to 30.
	LogRetentionDays int

	// StartingPosition is LATEST, TRIM_HORIZON or AT_TIMESTAMP. Defaults to LATEST.
	StartingPosition string
	// StartingPositionTimestamp is the RFC 3339 time AT_TIMESTAMP starts at. Required with it, only with it.
	StartingPositionTimestamp string
	// BatchSize is the most records per invocation, 1–10000. Defaults to 100.
	BatchSize int
	// BatchingWindow is how long to gather records before invoking, 0–5m in
	// whole seconds. Defaults to 0 (invoke as soon as records arrive).
	BatchingWindow time.Duration
	// ParallelizationFactor is how many batches of one shard run at once, 1–10. Defaults to 1.
	ParallelizationFactor int
	// MaximumRetryAttempts is how often a failed batch is retried (after
	// bisecting), 0–10000; -1 retries until the record expires, which blocks
	// the shard and breaks the policy rule esm-finite-retries. Defaults to 3.
	MaximumRetryAttempts *int
	// MaximumRecordAgeSeconds discards (to the failure queue) records older
	// than this, 60–604800; -1 keeps them until the stream expires them.
	// 0 means the default, 3600 (1 hour).
	MaximumRecordAgeSeconds int
	// FilterPatterns are Lambda event filter patterns (JSON objects, up to 5);
	// records matching none are skipped. Defaults to none (every record).
	FilterPatterns []string
	// TumblingWindow aggregates state over windows of this length, 1s–15m in
	// whole seconds. Defaults to 0 (off).
	TumblingWindow time.Duration
	// EnhancedFanOut registers a dedicated stream consumer for the function
	// (2 MB/s per shard of its own); the mapping reads through it. Defaults to false.
	EnhancedFanOut bool
	// Enabled turns the mapping on. Defaults to true.
	Enabled *bool

	// IteratorAgeAlarmThreshold alarms when the oldest record waits longer
	// than this, at least 1 minute. Defaults to 15 minutes.
	IteratorAgeAlarmThreshold time.Duration
	// AlertTopicArn sends alerts to an existing topic. Leave nil to create an encrypted one.
	AlertTopicArn pulumi.StringInput
	// AlertTopicKmsKeyArn is the key encrypting AlertTopicArn, if any.
	AlertTopicKmsKeyArn pulumi.StringInput
	// AlertEmail subscribes an address to a created alert topic.
	AlertEmail string

	// Sink copies the stream to S3 or Snowflake through Firehose. Optional.
	// Its children are named <name>-sink, <name>-sink-role, ...
	Sink *SinkArgs
	// Sinks are further Firehose copies of the same stream, by name: a
	// lower-case name such as "archive" (letters, digits and -, starting with
	// a letter). Each is a delivery stream of its own, <name>-<sink>-sink,
	// with its own role and policy (<name>-<sink>-sink-role, -policy), log
	// group (/aws/kinesisfirehose/<name>-<sink>-...) and log streams, and,
	// unless BucketArn is given, its own bucket (<name>-<sink>-sink-bucket).
	// Sink and Sinks may be used together. Every sink is one more reader of
	// each shard (a shard serves 5 reads per second to all its shared-
	// throughput readers): watch the read-throughput-exceeded alarm, or read
	// the function through EnhancedFanOut. Defaults to none.
	Sinks map[string]SinkArgs

	// RetainOnDelete keeps stateful children (the stream, the failure queue,
	// the sink bucket and its delivery stream, log groups, the alert topic
	// and its key), and the settings that guard them (the bucket's
	// encryption, versioning, public access block, TLS-only policy and
	// lifecycle; the queue's and topic's policies), and what a kept delivery
	// stream needs to keep delivering (its role, the role's policy and its
	// log streams), when the component is deleted. Defaults to false; prod
	// stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every child that takes tags.
	Tags map[string]string
}

// StreamArgs configures the Kinesis stream a StreamProcessor creates.
type StreamArgs struct {
	// Mode is ON_DEMAND or PROVISIONED. Defaults to ON_DEMAND.
	Mode string
	// ShardCount is the number of shards; required with PROVISIONED, not allowed with ON_DEMAND.
	ShardCount int
	// RetentionHours is how long records stay, 24–8760. Defaults to 24.
	RetentionHours int
	// KmsKeyArn encrypts the stream with a customer-managed key (a key ARN).
	// Defaults to the AWS-managed key alias/aws/kinesis.
	KmsKeyArn pulumi.StringInput
}

// SinkArgs configures a Firehose delivery stream that reads the Kinesis
// stream and delivers to exactly one of S3 or Snowflake. Firehose reads the
// stream as a second consumer next to the function (shared 2 MB/s per shard
// unless EnhancedFanOut is on).
type SinkArgs struct {
	// S3 delivers every record to S3, GZIP-compressed under date partitions.
	S3 *S3SinkArgs
	// Snowflake delivers every record to a Snowflake table with Snowpipe
	// Streaming; records it cannot deliver go to the bucket.
	Snowflake *SnowflakeSinkArgs

	// BucketArn delivers to (or backs up to) an existing bucket. Leave nil to
	// create a versioned, encrypted, private, TLS-only bucket.
	BucketArn pulumi.StringInput
	// BucketKmsKeyArn is the customer-managed key of the bucket's default
	// encryption: the key a created bucket uses, or the key BucketArn uses.
	// Firehose may use it through S3. Defaults to none (the AWS-managed aws/s3
	// key for a created bucket with aws:kms).
	BucketKmsKeyArn pulumi.StringInput
	// BucketEncryption is the created bucket's default encryption, aws:kms or
	// AES256. Defaults to aws:kms. Not allowed with BucketArn.
	BucketEncryption string
	// Prefix is the key prefix of everything the sink writes, "" or ending in
	// "/". Defaults to "" (the bucket's root).
	Prefix string
}

// S3SinkArgs configures delivery to S3.
type S3SinkArgs struct {
	// ErrorPrefix is the key prefix of records Firehose could not process,
	// "" or a folder ending in "/"; the error type and date partitions follow
	// it. Give one outside Prefix when something loads everything under
	// Prefix (a Snowpipe, say). Defaults to Prefix + "errors/".
	ErrorPrefix string
	// BufferingSizeMB is how much Firehose gathers before writing, 1–128. Defaults to 5.
	BufferingSizeMB int
	// BufferingInterval is how long Firehose gathers before writing, 0s–15m in
	// whole seconds. Defaults to 300s.
	BufferingInterval time.Duration
}

// SnowflakeSinkArgs configures delivery to Snowflake with Snowpipe Streaming.
// Firehose signs in with key-pair authentication; the user and the private
// key are read from a Secrets Manager secret of the form
// {"user": "...", "private_key": "...", "key_passphrase": "..."}.
type SnowflakeSinkArgs struct {
	// AccountUrl is https://<account>.snowflakecomputing.com. Required.
	AccountUrl string
	// Database, Schema and Table name the target table. Required.
	Database, Schema, Table string
	// Role is the Snowflake role Firehose uses. Defaults to the user's default role.
	Role string
	// PrivateKeySecretArn is the Secrets Manager secret with the user and the
	// private key. Required: a key is never taken as plaintext.
	PrivateKeySecretArn pulumi.StringInput
	// SecretKmsKeyArn is the customer-managed key of that secret, if any.
	SecretKmsKeyArn pulumi.StringInput
	// DataLoadingOption is JSON_MAPPING, VARIANT_CONTENT_MAPPING or
	// VARIANT_CONTENT_AND_METADATA_MAPPING. Defaults to JSON_MAPPING.
	DataLoadingOption string
	// ContentColumnName and MetadataColumnName are the VARIANT columns of the
	// variant options; required with them, not allowed with JSON_MAPPING.
	ContentColumnName, MetadataColumnName string
	// BufferingSizeMB is how much Firehose gathers before loading, 1–128. Defaults to 1.
	BufferingSizeMB int
	// BufferingInterval is how long Firehose gathers before loading, 0s–15m in
	// whole seconds. Defaults to 0 (as soon as possible).
	BufferingInterval time.Duration
	// RetryDuration is how long Firehose retries a failed load before backing
	// the records up to S3, 1s–2h in whole seconds. Defaults to 60s.
	RetryDuration time.Duration
}
