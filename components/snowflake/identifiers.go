package snowflake

import (
	"errors"
	"fmt"
	"strings"
)

// MaxIdentifierLength is the longest identifier Snowflake accepts.
const MaxIdentifierLength = 255

// ValidIdentifier reports whether s is a valid unquoted Snowflake identifier:
// it starts with an ASCII letter or underscore, continues with ASCII letters,
// digits, underscores or dollar signs, and is at most 255 characters long.
// Names that fail this check need quoting (see [QuoteIdentifier]).
func ValidIdentifier(s string) error {
	switch {
	case s == "":
		return errors.New("snowflake identifier is empty")
	case len(s) > MaxIdentifierLength:
		return fmt.Errorf("snowflake identifier %q is %d characters long, the maximum is %d", s, len(s), MaxIdentifierLength)
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
