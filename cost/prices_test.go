package cost

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPrices_euWest1SaysWhereEachFigureWasFound: every eu-west-1 price names
// eu-west-1 in its source, and the ones found only for us-east-1 say so
// instead of passing for eu-west-1 figures.
func TestPrices_euWest1SaysWhereEachFigureWasFound(t *testing.T) {
	var notConfirmed []string
	for key, p := range priceTables["eu-west-1"].Prices {
		assert.Contains(t, p.Source, "eu-west-1", key)
		assert.Equal(t, recorded, p.Recorded, key)
		if strings.HasPrefix(p.Source, "not confirmed for eu-west-1 (same as us-east-1 on https://aws.amazon.com/") {
			notConfirmed = append(notConfirmed, string(key))
			assert.Equal(t, priceTables["us-east-1"].Prices[key].USD, p.USD, "%s: an unconfirmed figure is us-east-1's", key)
		}
	}
	sort.Strings(notConfirmed)
	assert.Equal(t, []string{
		string(DashboardMonth), string(KinesisPutUnits), string(KinesisShardHour), string(SchedulerInvocation), string(SecretMonth),
	}, notConfirmed)
}

// TestPrices_euWest1LeavesUnfoundPricesUnknown: no eu-west-1 source was
// found for these, so the table has none (and the estimate says unknown).
func TestPrices_euWest1LeavesUnfoundPricesUnknown(t *testing.T) {
	for _, key := range []PriceKey{
		KinesisStreamHour, KinesisGBIn, KinesisGBOut, KinesisRetentionGB, KinesisFanOutHour, KinesisShardRetain,
		FirehoseGB, AlarmHighResMonth, SageMakerTraining + "ml.m5.large", SageMakerTransform + "ml.m5.large",
	} {
		_, ok := priceTables["eu-west-1"].Lookup(key)
		assert.False(t, ok, key)
	}
}
