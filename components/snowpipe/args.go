package snowpipe

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// SnowpipeIngestArgs configures continuous loading from one S3 bucket into
// Snowflake. Database, Schema and at least one pipe are required.
//
// S3 allows one notification configuration per bucket, so every pipe that
// loads from a bucket belongs in one SnowpipeIngest: it writes the bucket's
// single notification configuration with one queue entry per pipe. The
// component owns that configuration; do not manage the bucket's
// notifications elsewhere.
type SnowpipeIngestArgs struct {
	// StableName is the name physical names derive from (name prefixes,
	// physical names, descriptions and other inputs that would replace a
	// child if they changed); defaults to the component's name. When
	// renaming a deployed component, set it to the old name beside
	// pulumi.Aliases, so the rename replaces nothing.
	StableName string
	// Database and Schema hold the stages, file formats, pipes, created
	// tables and streams. Required; plain values must be unquoted identifiers.
	Database pulumi.StringInput
	Schema   pulumi.StringInput

	// BucketName loads from an existing bucket. Leave nil to create a
	// versioned, encrypted (SSE-S3), TLS-only bucket with public access blocked.
	BucketName pulumi.StringInput
	// BucketKmsKeyArn is the KMS key an existing bucket encrypts objects with,
	// if any; the storage role may decrypt with it. Only with BucketName.
	BucketKmsKeyArn pulumi.StringInput

	// Pipes are the pipes loading from the bucket, each from its own prefix.
	// Required, names unique, prefixes not overlapping.
	Pipes []PipeSpec

	// ExternalID is the storage integration's external id (the role trusts
	// it). Defaults to a value derived from the project, stack and component
	// name (see snowaws.ExternalID); pass your own, e.g. a secret from
	// config, for an unguessable one. 2–1224 characters of letters, digits
	// and +=,.@:/-_.
	ExternalID pulumi.StringInput
	// StorageRoleName is the exact name of the IAM role Snowflake assumes to
	// read the bucket. Defaults to "schedkit-<name>-sf-s3"; set it when two
	// stacks of this component share an AWS account.
	StorageRoleName string

	// ErrorIntegration sends load-error notifications through an existing
	// notification integration (by name) instead of creating the SNS topic,
	// the role and the integration.
	ErrorIntegration string
	// NotificationRoleName is the exact name of the IAM role Snowflake
	// assumes to publish errors. Defaults to "schedkit-<name>-sf-notify".
	NotificationRoleName string
	// AlertEmail subscribes an address to the created notification topic
	// (standard, encrypted with the AWS-managed aws/sns key: see
	// snowaws.AWSManagedSNSKey).
	AlertEmail string
	// AlertTopicArn sends error notifications to this existing standard
	// topic (e.g. the alert topic of an AWS component, so one on-call sees
	// both halves) instead of creating one; AlertTopicKmsKeyArn is the key
	// encrypting it, if any. Snowflake's role gets sns:Publish on it and
	// use of the key.
	AlertTopicArn       pulumi.StringInput
	AlertTopicKmsKeyArn pulumi.StringInput

	// RetainOnDelete keeps stateful children (the created bucket, tables,
	// streams, stages, the notification topic), and the settings
	// that guard them (the bucket's encryption, versioning, public access
	// block and TLS-only policy; the topic's policy), and what a kept stage
	// needs to stay readable (the storage integration, the role it assumes
	// and the role's policy, the file formats), when the component is
	// deleted. Defaults to false; prod stacks turn it on.
	RetainOnDelete bool
	// Protect makes Pulumi refuse to delete the stateful children above:
	// removing the component, or a change that would replace one of them,
	// fails until the protection is lifted (`pulumi state unprotect`). It
	// implies RetainOnDelete. Defaults to false; prod stacks turn it on.
	Protect bool
	// Tags are added to every AWS child that takes tags.
	Tags map[string]string
}

// PipeSpec is one auto-ingest pipe: files created under Prefix (ending in
// Suffix, if set) are loaded into the target table.
type PipeSpec struct {
	// Name is an unquoted Snowflake identifier, unique in the component
	// (case-insensitively). The pipe's objects are named after it:
	// <Name>_PIPE, <Name>_STAGE, <Name>_FORMAT, <Name>_STREAM and, when
	// created, the table <Name>. Required.
	Name string
	// Prefix is the key prefix the pipe loads from, e.g. "orders/". Required;
	// it ends with "/", does not start with one, and no prefix of another
	// pipe starts with it (S3 rejects overlapping notification filters).
	Prefix string
	// Suffix filters notifications by key suffix, e.g. ".csv.gz".
	Suffix string
	// Format describes the files. Required.
	Format FileFormat

	// Table is the fully qualified name of an existing target table.
	Table pulumi.StringInput
	// Columns create the target table <Name> instead. Give Table or Columns.
	Columns []Column

	// CopyOptions are appended to the pipe's COPY INTO statement, e.g.
	// "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE" (needed to load PARQUET or
	// JSON into more than one column) or "ON_ERROR = CONTINUE".
	CopyOptions string

	// Stream creates an append-only stream on the target table, exposed in
	// Streams for a TaskGraph's TriggerStream.
	Stream bool
}

// FileFormat is a named Snowflake file format.
type FileFormat struct {
	// Type is CSV, JSON or PARQUET. Required.
	Type string
	// Compression of the files: AUTO, GZIP, BZ2, BROTLI, ZSTD, DEFLATE,
	// RAW_DEFLATE or NONE (CSV, JSON); AUTO, LZO, SNAPPY or NONE (PARQUET).
	// Defaults to Snowflake's AUTO.
	Compression string
	// SkipHeader is the number of header lines to skip (CSV).
	SkipHeader int
	// FieldDelimiter separates fields (CSV). Defaults to Snowflake's ",".
	FieldDelimiter string
	// FieldOptionallyEnclosedBy is the quote character, ' or " (CSV).
	FieldOptionallyEnclosedBy string
	// StripOuterArray loads each element of a top-level array as a row (JSON).
	StripOuterArray bool
}

// Column is one column of a created target table.
type Column struct {
	// Name is an unquoted identifier. Required.
	Name string
	// Type is a Snowflake data type, e.g. "NUMBER(38,0)", "VARIANT". Required.
	Type string
	// Nullable defaults to true.
	Nullable *bool
}
