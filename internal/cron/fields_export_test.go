package cron

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSnowflakeFields_areWhatTheParserRead(t *testing.T) {
	s, err := SnowflakeCron("0,30 2 1,L JAN-MAR 7,5L Europe/Berlin")
	require.NoError(t, err)
	f, ok := s.SnowflakeFields()
	require.True(t, ok)
	assert.Equal(t, []int{0, 30}, f.Minutes)
	assert.Equal(t, []int{2}, f.Hours)
	assert.Equal(t, []int{1, 2, 3}, f.Months)
	assert.False(t, f.AnyDayOfMonth)
	assert.Equal(t, []int{1}, f.DaysOfMonth)
	assert.True(t, f.LastDayOfMonth)
	assert.False(t, f.AnyDayOfWeek)
	assert.Equal(t, []time.Weekday{time.Sunday}, f.DaysOfWeek, "Snowflake's 7 is Sunday")
	assert.Equal(t, []time.Weekday{time.Friday}, f.LastWeekdays)
	assert.Equal(t, "Europe/Berlin", f.Location.String())

	s, err = SnowflakeCron("* * * * * UTC")
	require.NoError(t, err)
	f, _ = s.SnowflakeFields()
	assert.Len(t, f.Minutes, 60)
	assert.True(t, f.AnyDayOfMonth && f.AnyDayOfWeek)

	aws, err := EventBridge("cron(0 2 * * ? *)", "UTC")
	require.NoError(t, err)
	_, ok = aws.SnowflakeFields()
	assert.False(t, ok, "only Snowflake cron schedules")
	every, err := Every(time.Hour)
	require.NoError(t, err)
	_, ok = every.SnowflakeFields()
	assert.False(t, ok)
}
