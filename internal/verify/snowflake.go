package verify

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MaxSnowflakeIdentifier is the longest identifier Snowflake accepts,
// quoted or unquoted ("Identifier requirements", Snowflake docs).
const MaxSnowflakeIdentifier = 255

// SnowflakeIdentifier accepts a valid unquoted Snowflake identifier: an ASCII
// letter or underscore, then ASCII letters, digits, underscores or dollar
// signs, at most 255 characters ("Identifier requirements", Snowflake docs).
// Snowflake stores it upper-case.
func SnowflakeIdentifier(s string) error {
	switch {
	case s == "":
		return errors.New("snowflake identifier is empty")
	case len(s) > MaxSnowflakeIdentifier:
		return fmt.Errorf("snowflake identifier %q is %d characters long, the maximum is %d", s, len(s), MaxSnowflakeIdentifier)
	}
	for i, r := range s {
		letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		if letter || (i > 0 && (r == '$' || ('0' <= r && r <= '9'))) {
			continue
		}
		if i == 0 {
			return fmt.Errorf("snowflake identifier %q must start with a letter or underscore", s)
		}
		return fmt.Errorf("snowflake identifier %q contains %q at byte %d: only letters, digits, '_' and '$' are allowed", s, r, i)
	}
	return nil
}

// SnowflakeName accepts a name that is, or resolves to, one Snowflake
// object: a fully qualified name ("DB"."SCHEMA"."T" or DB.SCHEMA.T), each
// part at most 255 characters, with nothing that could end or escape the
// statement it is written into (; ' or a line break).
func SnowflakeName(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("is empty; give the object's fully qualified name")
	case strings.ContainsAny(s, ";'\n\r"):
		return fmt.Errorf("%q is not an object name (it contains ; or ' or a line break)", s)
	}
	for _, part := range strings.Split(s, ".") {
		if n := len(strings.Trim(part, `"`)); n > MaxSnowflakeIdentifier {
			return fmt.Errorf("%q has a part of %d characters; a Snowflake identifier has at most %d", s, n, MaxSnowflakeIdentifier)
		}
	}
	return nil
}

// Limits of Snowflake's parameterised types ("Summary of data types" and
// the numeric, text, date-time and vector type pages, Snowflake docs, read
// 2026-12): NUMBER up to 38 digits with scale 0–37 and at most the
// precision; VARCHAR up to 134,217,728 bytes; BINARY up to 67,108,864
// bytes; fractional seconds 0–9; VECTOR of INT or FLOAT with up to 4,096
// dimensions.
const (
	MaxNumberPrecision = 38
	MaxNumberScale     = 37
	MaxVarcharLength   = 134217728
	MaxBinaryLength    = 67108864
	MaxTimePrecision   = 9
	MaxVectorDimension = 4096
)

// columnTypes maps each Snowflake type name to the parameters it takes.
var columnTypes = map[string]typeParams{
	"NUMBER": numeric, "DECIMAL": numeric, "DEC": numeric, "NUMERIC": numeric,
	"INT": none, "INTEGER": none, "BIGINT": none, "SMALLINT": none, "TINYINT": none, "BYTEINT": none,
	"FLOAT": none, "FLOAT4": none, "FLOAT8": none, "DOUBLE": none, "DOUBLE PRECISION": none, "REAL": none,
	"DECFLOAT": none,
	"VARCHAR":  text, "STRING": text, "TEXT": text, "NVARCHAR": text, "NVARCHAR2": text, "VARCHAR2": text,
	"CHAR VARYING": text, "NCHAR VARYING": text, "CHAR": text, "CHARACTER": text, "NCHAR": text,
	"BINARY": binary, "VARBINARY": binary,
	"BOOLEAN": none, "DATE": none,
	"TIME": fraction, "DATETIME": fraction, "TIMESTAMP": fraction,
	"TIMESTAMP_NTZ": fraction, "TIMESTAMPNTZ": fraction, "TIMESTAMP WITHOUT TIME ZONE": fraction,
	"TIMESTAMP_LTZ": fraction, "TIMESTAMPLTZ": fraction, "TIMESTAMP WITH LOCAL TIME ZONE": fraction,
	"TIMESTAMP_TZ": fraction, "TIMESTAMPTZ": fraction, "TIMESTAMP WITH TIME ZONE": fraction,
	"VARIANT": none, "OBJECT": none, "ARRAY": none, "GEOGRAPHY": none, "GEOMETRY": none,
	"UUID": none, "FILE": none, "VECTOR": vector,
}

type typeParams int

const (
	none typeParams = iota
	numeric
	text
	binary
	fraction
	vector
)

var columnType = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_ ]*?)\s*(?:\(\s*([^()]*?)\s*\))?$`)

// ColumnType accepts a Snowflake column data type as a table definition
// writes it: a known type name (any case, multi-word synonyms included) and
// the parameters that type takes, within their limits: "NUMBER(38,0)",
// "VARCHAR(100)", "TIMESTAMP_NTZ(9)", "VECTOR(FLOAT, 256)". Structured types
// (ARRAY(...), OBJECT(...), MAP(...)) are not accepted here.
func ColumnType(t string) error {
	m := columnType.FindStringSubmatch(strings.TrimSpace(t))
	if m == nil {
		return fmt.Errorf("%q is not a Snowflake data type such as NUMBER(38,0), VARCHAR(100) or TIMESTAMP_NTZ(9)", t)
	}
	name := typeName(m[1])
	kind, ok := columnTypes[name]
	if !ok {
		return fmt.Errorf("%q is not a Snowflake data type (unknown type %s)", t, name)
	}
	hasArgs := strings.Contains(t, "(")
	args := []string{}
	if hasArgs {
		for _, a := range strings.Split(m[2], ",") {
			args = append(args, strings.TrimSpace(a))
		}
	}
	bad := func(rule string, a ...any) error {
		return fmt.Errorf("%q is not a valid %s: %s", t, name, fmt.Sprintf(rule, a...))
	}
	ints := func(lo, hi []int) ([]int, error) {
		if len(args) < len(lo) || len(args) > len(hi) {
			return nil, bad("takes %d–%d parameters", len(lo), len(hi))
		}
		out := make([]int, len(args))
		for i, a := range args {
			n, err := strconv.Atoi(a)
			if err != nil {
				return nil, bad("%q is not a whole number", a)
			}
			out[i] = n
		}
		return out, nil
	}
	if !hasArgs {
		if kind == vector {
			return bad("VECTOR needs an element type and a dimension, e.g. VECTOR(FLOAT, 256)")
		}
		return nil
	}
	switch kind {
	case none:
		return bad("%s takes no parameters", name)
	case numeric:
		v, err := ints([]int{1}, []int{1, 2})
		if err != nil {
			return err
		}
		p, s := v[0], 0
		if len(v) == 2 {
			s = v[1]
		}
		switch {
		case p < 1 || p > MaxNumberPrecision:
			return bad("precision %d is outside 1–%d", p, MaxNumberPrecision)
		case s < 0 || s > MaxNumberScale:
			return bad("scale %d is outside 0–%d", s, MaxNumberScale)
		case s > p:
			return bad("scale %d is greater than precision %d", s, p)
		}
	case text, binary, fraction:
		v, err := ints([]int{1}, []int{1})
		if err != nil {
			return err
		}
		lo, hi := 1, MaxVarcharLength
		switch kind {
		case binary:
			hi = MaxBinaryLength
		case fraction:
			lo, hi = 0, MaxTimePrecision
		}
		if v[0] < lo || v[0] > hi {
			return bad("%d is outside %d–%d", v[0], lo, hi)
		}
	case vector:
		if len(args) != 2 {
			return bad("VECTOR takes an element type and a dimension, e.g. VECTOR(FLOAT, 256)")
		}
		if e := strings.ToUpper(args[0]); e != "INT" && e != "FLOAT" {
			return bad("element type %q is neither INT nor FLOAT", args[0])
		}
		d, err := strconv.Atoi(args[1])
		if err != nil || d < 1 || d > MaxVectorDimension {
			return bad("dimension %q is outside 1–%d", args[1], MaxVectorDimension)
		}
	}
	return nil
}

// typeName is a type's name as columnTypes keys it: upper case, single spaces.
func typeName(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), " ")) }

// eventTimeTypes are the types whose values are points in time ("Date &
// time data types", Snowflake docs): DATE and the TIMESTAMP variants with
// their synonyms. TIME is a time of day, without a date.
var eventTimeTypes = map[string]bool{
	"DATE": true, "DATETIME": true, "TIMESTAMP": true,
	"TIMESTAMP_NTZ": true, "TIMESTAMPNTZ": true, "TIMESTAMP WITHOUT TIME ZONE": true,
	"TIMESTAMP_LTZ": true, "TIMESTAMPLTZ": true, "TIMESTAMP WITH LOCAL TIME ZONE": true,
	"TIMESTAMP_TZ": true, "TIMESTAMPTZ": true, "TIMESTAMP WITH TIME ZONE": true,
}

// EventTimeColumnType accepts a column type (as ColumnType accepts it) whose
// values are points in time, so that MAX over the column is the latest event:
// DATE, DATETIME, TIMESTAMP, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ and
// their synonyms ("Date & time data types", Snowflake docs). TIME (a time of
// day) and text holding a date are refused.
func EventTimeColumnType(t string) error {
	if err := ColumnType(t); err != nil {
		return err
	}
	m := columnType.FindStringSubmatch(strings.TrimSpace(t))
	if !eventTimeTypes[typeName(m[1])] {
		return fmt.Errorf("%q is not a date or timestamp type (DATE, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ or a synonym)", t)
	}
	return nil
}

// SnowflakeUpperIdentifier accepts an unquoted identifier (see
// SnowflakeIdentifier) that is already upper case. Snowflake stores an
// unquoted name upper-cased while the provider quotes the names it is given
// ("Identifier requirements", Snowflake docs), so only an upper-case name
// means the same object in both: in SQL a component writes and in a resource
// the provider creates.
func SnowflakeUpperIdentifier(s string) error {
	if err := SnowflakeIdentifier(s); err != nil {
		return err
	}
	if s != strings.ToUpper(s) {
		return fmt.Errorf("%q is not upper case; Snowflake resolves the unquoted name to %s, but the provider quotes the name it is given", s, strings.ToUpper(s))
	}
	return nil
}

// SnowflakeWarehouseName accepts a warehouse name tasks can run on through
// the provider: an upper-case unquoted identifier. The provider compares a
// task's warehouse with the unquoted, upper-case name Snowflake reports.
func SnowflakeWarehouseName(s string) error {
	if err := SnowflakeIdentifier(s); err != nil {
		return err
	}
	if s != strings.ToUpper(s) {
		return fmt.Errorf("%q is not upper case; Snowflake tasks accept only upper-case warehouse names through the provider", s)
	}
	return nil
}

// MinDynamicTableTargetLag is the shortest target lag a dynamic table takes
// ("CREATE DYNAMIC TABLE", TARGET_LAG, Snowflake docs: the minimum is 60
// seconds).
const MinDynamicTableTargetLag = time.Minute

// DynamicTableTargetLag accepts a dynamic table's target lag: at least
// MinDynamicTableTargetLag.
func DynamicTableTargetLag(d time.Duration) error {
	if d < MinDynamicTableTargetLag {
		return fmt.Errorf("%s is under %s, the shortest target lag Snowflake accepts for a dynamic table", d, MinDynamicTableTargetLag)
	}
	return nil
}

// pipeRejectedOptions are the COPY INTO <table> options CREATE PIPE does not
// accept ("CREATE PIPE", usage notes, Snowflake docs), and why.
var pipeRejectedOptions = map[string]string{
	"FILES":              "a pipe loads the files its notifications name",
	"SIZE_LIMIT":         "a pipe does not take it",
	"PURGE":              "a pipe does not purge files; remove loaded files with a lifecycle rule",
	"FORCE":              "a pipe does not reload files",
	"RETURN_FAILED_ONLY": "a pipe does not take it",
	"VALIDATION_MODE":    "a pipe does not validate without loading",
}

var copyOption = regexp.MustCompile(`(?i)\b([A-Z_]+)\s*=\s*(\([^)]*\)|'[^']*'|[^\s]+)`)

// PipeCopyOptions accepts the copy options of a pipe's COPY statement
// ("ON_ERROR = CONTINUE", "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE"): every
// option is NAME = value, none is one CREATE PIPE rejects (FILES, SIZE_LIMIT,
// PURGE, FORCE, RETURN_FAILED_ONLY, VALIDATION_MODE, ON_ERROR =
// ABORT_STATEMENT), and nothing could end the statement (;). Source:
// "CREATE PIPE", usage notes, Snowflake docs.
func PipeCopyOptions(s string) error {
	if strings.Contains(s, ";") {
		return fmt.Errorf("%q contains ;, which would end the COPY statement", s)
	}
	rest := copyOption.ReplaceAllString(s, "")
	if strings.TrimSpace(rest) != "" {
		return fmt.Errorf("%q is not a list of NAME = value copy options (left over: %q)", s, strings.TrimSpace(rest))
	}
	for _, m := range copyOption.FindAllStringSubmatch(s, -1) {
		opt, val := strings.ToUpper(m[1]), strings.ToUpper(strings.Trim(m[2], "'"))
		if why, rejected := pipeRejectedOptions[opt]; rejected {
			return fmt.Errorf("%q sets %s, which CREATE PIPE does not accept: %s", s, opt, why)
		}
		if opt == "ON_ERROR" && val == "ABORT_STATEMENT" {
			return fmt.Errorf("%q sets ON_ERROR = ABORT_STATEMENT, which CREATE PIPE does not accept; pipes default to SKIP_FILE, the only mode that sends error notifications", s)
		}
	}
	return nil
}

// SnowflakeObjectName accepts one part of a Snowflake name as a service such
// as Firehose writes it into SQL: an unquoted identifier (see
// SnowflakeIdentifier) or a double-quoted one ("my table", embedded quotes
// doubled), at most 255 characters inside the quotes.
func SnowflakeObjectName(s string) error {
	inner, quoted := strings.CutPrefix(s, `"`)
	if !quoted {
		return SnowflakeIdentifier(s)
	}
	inner, closed := strings.CutSuffix(inner, `"`)
	switch {
	case !closed || inner == "":
		return fmt.Errorf("%q is not a quoted Snowflake identifier (\"name\")", s)
	case strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`):
		return fmt.Errorf("%q has an undoubled quote inside; write \" as \"\"", s)
	case len(inner) > MaxSnowflakeIdentifier:
		return fmt.Errorf("%q is %d characters inside its quotes; the maximum is %d", s, len(inner), MaxSnowflakeIdentifier)
	}
	return nil
}

// SnowflakePreviewFeatures maps each Snowflake resource token that is a
// preview feature of the provider plugin v2.17.0 to the snake_case name its
// provider must list in previewFeaturesEnabled, or the resource fails at
// apply ("Preview features", pulumi-snowflake v2.17.0 resource docs; the
// provider facts in shared/snowflake/provider-facts.md). Tokens absent from
// the map (Task, Warehouse, Database, Schema, StreamOnTable, View,
// AccountRole, GrantPrivilegesToAccountRole, ResourceMonitor, ...) are not
// gated.
var SnowflakePreviewFeatures = map[string]string{
	"snowflake:index/pipe:Pipe":                                                 "snowflake_pipe_resource",
	"snowflake:index/stage:Stage":                                               "snowflake_stage_resource",
	"snowflake:index/stageExternalS3:StageExternalS3":                           "snowflake_stage_external_s3_resource",
	"snowflake:index/stageInternal:StageInternal":                               "snowflake_stage_internal_resource",
	"snowflake:index/storageIntegration:StorageIntegration":                     "snowflake_storage_integration_resource",
	"snowflake:index/storageIntegrationAws:StorageIntegrationAws":               "snowflake_storage_integration_aws_resource",
	"snowflake:index/notificationIntegration:NotificationIntegration":           "snowflake_notification_integration_resource",
	"snowflake:index/emailNotificationIntegration:EmailNotificationIntegration": "snowflake_email_notification_integration_resource",
	"snowflake:index/table:Table":                                               "snowflake_table_resource",
	"snowflake:index/fileFormat:FileFormat":                                     "snowflake_file_format_resource",
	"snowflake:index/warehouseAdaptive:WarehouseAdaptive":                       "snowflake_warehouse_adaptive_resource",
	"snowflake:index/dynamicTable:DynamicTable":                                 "snowflake_dynamic_table_resource",
	"snowflake:index/alert:Alert":                                               "snowflake_alert_resource",
	"snowflake:index/externalTable:ExternalTable":                               "snowflake_external_table_resource",
}
