package iampolicy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocument_resolveReportsTheTypeOfANonStringValue(t *testing.T) {
	d := Document{Statements: []Statement{{Actions: []string{"a:B"}, Resources: Strings("r")}}}
	_, err := d.resolve([]interface{}{42})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "input resolved to int, want string")

	_, err = d.resolve(nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fewer values than inputs")
}
