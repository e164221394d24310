package snowflake

import (
	"strings"

	"github.com/schedkit/schedkit/internal/verify"
)

// MaxIdentifierLength is the longest identifier Snowflake accepts.
const MaxIdentifierLength = verify.MaxSnowflakeIdentifier

// ValidIdentifier reports whether s is a valid unquoted Snowflake identifier:
// it starts with an ASCII letter or underscore, continues with ASCII letters,
// digits, underscores or dollar signs, and is at most 255 characters long.
// Names that fail this check need quoting (see [QuoteIdentifier]). The rule
// itself is verify.SnowflakeIdentifier, shared with every component.
func ValidIdentifier(s string) error { return verify.SnowflakeIdentifier(s) }

// QuoteIdentifier returns s as a double-quoted Snowflake identifier, doubling
// any embedded double quotes. Quoting preserves case: "raw" and "RAW" are
// different objects, while the unquoted raw resolves to RAW.
func QuoteIdentifier(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// QuoteFQN returns the quoted fully qualified name "DB"."SCHEMA"."NAME", the
// same form the provider reports as fullyQualifiedName for schema objects.
// The parts are quoted as given (see [QuoteIdentifier]); no case folding is
// applied.
func QuoteFQN(db, schema, name string) string {
	return QuoteIdentifier(db) + "." + QuoteIdentifier(schema) + "." + QuoteIdentifier(name)
}
