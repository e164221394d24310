package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNameFree(t *testing.T) {
	taken := []Derived{{Name: "KEEP_ORDERS_STREAM", What: "the watch graph's keep-alive task"}, {Name: "CHECK_ORDERS_FRESHNESS", What: "the watch graph's freshness task"}}
	assert.NoError(t, NameFree("MERGE_ORDERS", taken...))
	assert.NoError(t, NameFree("KEEP_ORDERS_STREAM"))
	assert.EqualError(t, NameFree("check_orders_freshness", taken...),
		`"check_orders_freshness" is the name of the watch graph's freshness task, which the component creates itself (names compare without case); choose another`)
	assert.EqualError(t, NameFree("KEEP_ORDERS_STREAM", taken...),
		`"KEEP_ORDERS_STREAM" is the name of the watch graph's keep-alive task, which the component creates itself (names compare without case); choose another`)
	assert.EqualError(t, NameFree(`"RAW"."SALES"."ORDERS"`, Derived{Name: "RAW.SALES.ORDERS", What: "the table Pipes[1] creates"}),
		`"\"RAW\".\"SALES\".\"ORDERS\"" is the name of the table Pipes[1] creates, which the component creates itself (names compare without case); choose another`)
}
