package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// StageExternalS3 is an external S3 stage
// (snowflake:index/stageExternalS3:StageExternalS3), the recommended S3
// stage. Preview feature snowflake_stage_external_s3_resource. For s3compat://
// URLs use StageExternalS3Compatible (not bound here).
type StageExternalS3 struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."STAGE" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the stage.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the stage.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the stage identifier.
	Name pulumi.StringOutput `pulumi:"name"`
	// Url is the bucket URL.
	Url pulumi.StringOutput `pulumi:"url"`
	// Cloud is the cloud of the stage location.
	Cloud pulumi.StringOutput `pulumi:"cloud"`
	// StageType is the stage type reported by Snowflake.
	StageType pulumi.StringOutput `pulumi:"stageType"`
	// ShowOutputs mirrors SHOW STAGES (hasCredentials, storageIntegration, region, url, ...).
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
	// DescribeOutputs mirrors DESCRIBE STAGE (locations, fileFormats, directoryTables, privatelinks).
	DescribeOutputs pulumi.MapArrayOutput `pulumi:"describeOutputs"`
}

// StageExternalS3Args are the inputs of [NewStageExternalS3]. Required:
// Database, Schema, Url.
type StageExternalS3Args struct {
	// Database that holds the stage. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the stage. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the stage identifier; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Url is the bucket URL, e.g. s3://bucket/path/. Required.
	Url pulumi.StringInput `wire:"url,required"`
	// StorageIntegration names the storage integration to authenticate with (preferred).
	StorageIntegration pulumi.StringPtrInput `wire:"storageIntegration"`
	// Credentials are direct AWS credentials, instead of a storage integration.
	Credentials *StageExternalS3Credentials `wire:"credentials"`
	// Encryption selects the bucket encryption mode.
	Encryption *StageExternalS3Encryption `wire:"encryption"`
	// FileFormat is a named or inline file format.
	FileFormat *StageExternalS3FileFormat `wire:"fileFormat"`
	// Directory holds directory-table settings.
	Directory *StageExternalS3Directory `wire:"directory"`
	// AwsAccessPointArn uses an S3 Access Point.
	AwsAccessPointArn pulumi.StringPtrInput `wire:"awsAccessPointArn"`
	// UsePrivatelinkEndpoint is tri-state ("true"/"false"/nil): reach S3 through PrivateLink.
	UsePrivatelinkEndpoint pulumi.StringPtrInput `wire:"usePrivatelinkEndpoint"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// StageExternalS3Credentials are direct AWS credentials. AwsSecretKey and
// AwsToken are always sent as secrets.
type StageExternalS3Credentials struct {
	// AwsKeyId is the access key ID.
	AwsKeyId pulumi.StringPtrInput `wire:"awsKeyId"`
	// AwsSecretKey is the secret access key. Secret.
	AwsSecretKey pulumi.StringPtrInput `wire:"awsSecretKey,secret"`
	// AwsToken is the session token. Secret.
	AwsToken pulumi.StringPtrInput `wire:"awsToken,secret"`
	// AwsRole is an IAM role ARN.
	AwsRole pulumi.StringPtrInput `wire:"awsRole"`
}

// StageExternalS3Encryption selects the encryption mode. Set exactly one field.
type StageExternalS3Encryption struct {
	// AwsCse is client-side encryption with a master key.
	AwsCse *StageExternalS3EncryptionAwsCse `wire:"awsCse"`
	// AwsSseS3, when true, selects SSE-S3 (sent as an empty object).
	AwsSseS3 bool `wire:"awsSseS3,empty"`
	// AwsSseKms selects SSE-KMS.
	AwsSseKms *StageExternalS3EncryptionAwsSseKms `wire:"awsSseKms"`
	// None, when true, disables encryption (sent as an empty object).
	None bool `wire:"none,empty"`
}

// StageExternalS3EncryptionAwsCse is client-side encryption.
type StageExternalS3EncryptionAwsCse struct {
	// MasterKey is the client-side master key. Required. Secret.
	MasterKey pulumi.StringInput `wire:"masterKey,required,secret"`
}

// StageExternalS3EncryptionAwsSseKms is SSE-KMS encryption.
type StageExternalS3EncryptionAwsSseKms struct {
	// KmsKeyId is the KMS key; nil uses the AWS-managed key.
	KmsKeyId pulumi.StringPtrInput `wire:"kmsKeyId"`
}

// StageExternalS3FileFormat is a named or inline file format. Set exactly one
// field. Inline formats other than CSV are free-form option maps keyed by
// wire name (an empty, non-nil map selects the format with its defaults).
type StageExternalS3FileFormat struct {
	// FormatName is the fully qualified name of a FileFormat (e.g. FileFormat.FullyQualifiedName).
	FormatName pulumi.StringPtrInput `wire:"formatName"`
	// Csv holds inline CSV options.
	Csv *StageExternalS3FileFormatCsv `wire:"csv"`
	// Json holds inline JSON options keyed by wire name.
	Json pulumi.Map `wire:"json"`
	// Avro holds inline Avro options keyed by wire name.
	Avro pulumi.Map `wire:"avro"`
	// Orc holds inline ORC options keyed by wire name.
	Orc pulumi.Map `wire:"orc"`
	// Parquet holds inline Parquet options keyed by wire name.
	Parquet pulumi.Map `wire:"parquet"`
	// Xml holds inline XML options keyed by wire name.
	Xml pulumi.Map `wire:"xml"`
}

// StageExternalS3FileFormatCsv holds inline CSV options. Only the options
// named in the provider facts are typed; pass any other by wire name in
// Options.
type StageExternalS3FileFormatCsv struct {
	// FieldDelimiter is the field delimiter.
	FieldDelimiter pulumi.StringPtrInput `wire:"fieldDelimiter"`
	// SkipHeader is the number of header lines to skip.
	SkipHeader pulumi.IntPtrInput `wire:"skipHeader"`
	// NullIf lists strings that mean SQL NULL (wire name nullIfs).
	NullIf pulumi.StringArrayInput `wire:"nullIfs"`
	// ParseHeader is tri-state ("true"/"false"/nil): use the first line for column names.
	ParseHeader pulumi.StringPtrInput `wire:"parseHeader"`
	// Options are further CSV options keyed by wire name, merged into the object.
	Options pulumi.Map `wire:",merge"`
}

// StageExternalS3Directory holds directory-table settings.
type StageExternalS3Directory struct {
	// Enable turns the directory table on. Required.
	Enable pulumi.BoolInput `wire:"enable,required"`
	// AutoRefresh is tri-state ("true"/"false"/nil).
	AutoRefresh pulumi.StringPtrInput `wire:"autoRefresh"`
	// RefreshOnCreate is tri-state ("true"/"false"/nil).
	RefreshOnCreate pulumi.StringPtrInput `wire:"refreshOnCreate"`
}

// NewStageExternalS3 registers an external S3 stage. Database, Schema and Url
// are required; credential secrets and the CSE master key are sent as
// secrets. The provider must enable snowflake_stage_external_s3_resource.
func NewStageExternalS3(ctx *pulumi.Context, name string, args *StageExternalS3Args, opts ...pulumi.ResourceOption) (*StageExternalS3, error) {
	return create[StageExternalS3](ctx, StageExternalS3Type, name, args, opts)
}
