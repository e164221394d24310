package snowflake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidIdentifier_AcceptsAndRejects(t *testing.T) {
	for _, ok := range []string{"a", "_", "RAW", "my_db$1", "_x9", strings.Repeat("a", 255)} {
		assert.NoError(t, ValidIdentifier(ok), ok)
	}
	for _, bad := range []string{"", "1abc", "$x", "a-b", "a b", "a.b", `"q"`, "é", strings.Repeat("a", 256)} {
		assert.Error(t, ValidIdentifier(bad), bad)
	}
}

func TestQuoteFQN_QuotesAndEscapes(t *testing.T) {
	assert.Equal(t, `"DB"."SCHEMA"."NAME"`, QuoteFQN("DB", "SCHEMA", "NAME"))
	assert.Equal(t, `"raw"."my schema"."a""b"`, QuoteFQN("raw", "my schema", `a"b`))
	assert.Equal(t, `"X"`, QuoteIdentifier("X"))
}
