package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// FileFormat is a named file format (snowflake:index/fileFormat:FileFormat),
// a single flat resource for every format type. Preview feature
// snowflake_file_format_resource. Set only the options that apply to the
// chosen FormatType.
type FileFormat struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."FORMAT" name; stages reference the format by it.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the file format.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the file format.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the file format name.
	Name pulumi.StringOutput `pulumi:"name"`
	// FormatType is CSV, JSON, AVRO, ORC, PARQUET or XML.
	FormatType pulumi.StringOutput `pulumi:"formatType"`
}

// FileFormatArgs are the inputs of [NewFileFormat]. Required: Database,
// Schema, FormatType.
type FileFormatArgs struct {
	// Database that holds the file format. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the file format. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// FormatType is CSV, JSON, AVRO, ORC, PARQUET or XML. Required.
	FormatType pulumi.StringInput `wire:"formatType,required"`
	// Name is the file format name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
	// Compression is the compression algorithm.
	Compression pulumi.StringPtrInput `wire:"compression"`
	// Encoding is the character set.
	Encoding pulumi.StringPtrInput `wire:"encoding"`
	// BinaryFormat is HEX, BASE64 or UTF8.
	BinaryFormat pulumi.StringPtrInput `wire:"binaryFormat"`
	// DateFormat is the date format.
	DateFormat pulumi.StringPtrInput `wire:"dateFormat"`
	// TimeFormat is the time format.
	TimeFormat pulumi.StringPtrInput `wire:"timeFormat"`
	// TimestampFormat is the timestamp format.
	TimestampFormat pulumi.StringPtrInput `wire:"timestampFormat"`
	// FieldDelimiter separates fields (CSV).
	FieldDelimiter pulumi.StringPtrInput `wire:"fieldDelimiter"`
	// RecordDelimiter separates records (CSV).
	RecordDelimiter pulumi.StringPtrInput `wire:"recordDelimiter"`
	// FieldOptionallyEnclosedBy is the quote character (CSV).
	FieldOptionallyEnclosedBy pulumi.StringPtrInput `wire:"fieldOptionallyEnclosedBy"`
	// Escape is the escape character for enclosed fields (CSV).
	Escape pulumi.StringPtrInput `wire:"escape"`
	// EscapeUnenclosedField is the escape character for unenclosed fields (CSV).
	EscapeUnenclosedField pulumi.StringPtrInput `wire:"escapeUnenclosedField"`
	// FileExtension is the extension of unloaded files.
	FileExtension pulumi.StringPtrInput `wire:"fileExtension"`
	// SkipHeader is the number of header lines to skip (CSV).
	SkipHeader pulumi.IntPtrInput `wire:"skipHeader"`
	// NullIf lists strings that mean SQL NULL (wire name nullIfs).
	NullIf pulumi.StringArrayInput `wire:"nullIfs"`
	// AllowDuplicate allows duplicate object field names (JSON).
	AllowDuplicate pulumi.BoolPtrInput `wire:"allowDuplicate"`
	// BinaryAsText reads binary columns as text (Parquet).
	BinaryAsText pulumi.BoolPtrInput `wire:"binaryAsText"`
	// DisableAutoConvert disables numeric and boolean conversion (XML).
	DisableAutoConvert pulumi.BoolPtrInput `wire:"disableAutoConvert"`
	// DisableSnowflakeData disables recognition of Snowflake semi-structured tags (XML).
	DisableSnowflakeData pulumi.BoolPtrInput `wire:"disableSnowflakeData"`
	// EmptyFieldAsNull loads empty fields as NULL (CSV).
	EmptyFieldAsNull pulumi.BoolPtrInput `wire:"emptyFieldAsNull"`
	// EnableOctal parses octal numbers (JSON).
	EnableOctal pulumi.BoolPtrInput `wire:"enableOctal"`
	// ErrorOnColumnCountMismatch fails on a column count mismatch (CSV).
	ErrorOnColumnCountMismatch pulumi.BoolPtrInput `wire:"errorOnColumnCountMismatch"`
	// IgnoreUtf8Errors replaces invalid UTF-8 instead of failing.
	IgnoreUtf8Errors pulumi.BoolPtrInput `wire:"ignoreUtf8Errors"`
	// ParseHeader uses the first line for column names (CSV).
	ParseHeader pulumi.BoolPtrInput `wire:"parseHeader"`
	// PreserveSpace keeps leading and trailing spaces in element content (XML).
	PreserveSpace pulumi.BoolPtrInput `wire:"preserveSpace"`
	// ReplaceInvalidCharacters replaces invalid UTF-8 characters.
	ReplaceInvalidCharacters pulumi.BoolPtrInput `wire:"replaceInvalidCharacters"`
	// SkipBlankLines skips blank lines (CSV).
	SkipBlankLines pulumi.BoolPtrInput `wire:"skipBlankLines"`
	// SkipByteOrderMark skips a BOM.
	SkipByteOrderMark pulumi.BoolPtrInput `wire:"skipByteOrderMark"`
	// StripNullValues removes null object fields (JSON).
	StripNullValues pulumi.BoolPtrInput `wire:"stripNullValues"`
	// StripOuterArray removes the outer brackets (JSON).
	StripOuterArray pulumi.BoolPtrInput `wire:"stripOuterArray"`
	// StripOuterElement removes the outer element (XML).
	StripOuterElement pulumi.BoolPtrInput `wire:"stripOuterElement"`
	// TrimSpace trims whitespace around fields (CSV).
	TrimSpace pulumi.BoolPtrInput `wire:"trimSpace"`
}

// NewFileFormat registers a file format. Database, Schema and FormatType are
// required. The provider must enable snowflake_file_format_resource.
func NewFileFormat(ctx *pulumi.Context, name string, args *FileFormatArgs, opts ...pulumi.ResourceOption) (*FileFormat, error) {
	return create[FileFormat](ctx, FileFormatType, name, args, opts)
}
