package diff

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocs_changeTableIsWhatTheReportPrints: the table of changes on the
// command line's page (docs/cli.md) shows each kind with the symbol the
// text and markdown reports print for it, and every kind is there.
func TestDocs_changeTableIsWhatTheReportPrints(t *testing.T) {
	b, err := os.ReadFile("../docs/cli.md")
	require.NoError(t, err)
	documented := map[Kind]string{}
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			in = strings.HasPrefix(line, "## diff")
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		require.GreaterOrEqual(t, len(cells), 3, line)
		documented[Kind(strings.TrimSpace(cells[1]))] = strings.Trim(strings.TrimSpace(cells[0]), "`")
	}
	assert.Equal(t, symbols, documented, "docs/cli.md's table of changes under ## diff")
}
