// Package tests holds cross-cutting tests: the README stays true to the
// code, and every example and stack synthesizes cleanly.
package tests

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/policy"
)

// readmeTable returns the rows (first cell → second cell) of the table
// under the heading.
func readmeTable(t *testing.T, heading string) map[string]string {
	t.Helper()
	f, err := os.Open("../README.md")
	require.NoError(t, err)
	defer f.Close()
	rows := map[string]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			in = strings.TrimSpace(strings.TrimLeft(line, "#")) == heading
			continue
		}
		if !in || !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) >= 2 {
			rows[strings.TrimSpace(cells[0])] = strings.TrimSpace(cells[1])
		}
	}
	require.NotEmptyf(t, rows, "README has no table under %q", heading)
	return rows
}

func TestReadme_cronJobDefaultsMatchTheCode(t *testing.T) {
	rows := readmeTable(t, "CronJob defaults")
	want := map[string]string{
		"`Cpu`":                            fmt.Sprint(cronjob.DefaultCpu),
		"`CpuArchitecture`":                cronjob.DefaultCpuArchitecture,
		"`CapacityProvider`":               cronjob.DefaultCapacityProvider,
		"`MaxRuntime`":                     strings.TrimSuffix(cronjob.DefaultMaxRuntime.String(), "0m0s"),
		"`StartAttempts`":                  fmt.Sprint(cronjob.DefaultStartAttempts),
		"`StopTimeout`":                    cronjob.DefaultStopTimeout.String(),
		"`LogRetentionDays`":               fmt.Sprint(cronjob.DefaultLogRetentionDays),
		"`Schedule.Timezone`":              trigger.DefaultTimezone,
		"`Schedule.RetryAttempts`":         fmt.Sprint(trigger.DefaultRetryAttempts),
		"`Schedule.MaxEventAge`":           strings.TrimSuffix(trigger.DefaultMaxEventAge.String(), "0m0s"),
		"`Schedule.Enabled`":               "true",
		"`Schedule.FlexibleWindowMinutes`": "0",
		"`AssignPublicIP`":                 "false",
		"`RetainOnDelete`":                 "false",
	}
	checkDefaults(t, "CronJob", rows, want)
}

func TestReadme_streamProcessorDefaultsMatchTheCode(t *testing.T) {
	rows := readmeTable(t, "StreamProcessor defaults")
	want := map[string]string{
		"`Stream.Mode`":                  stream.DefaultStreamMode,
		"`Stream.RetentionHours`":        fmt.Sprint(stream.DefaultRetentionHours),
		"`Architecture`":                 stream.DefaultArchitecture,
		"`MemoryMB`":                     fmt.Sprint(stream.DefaultMemoryMB),
		"`Timeout`":                      stream.DefaultTimeout.String(),
		"`LogRetentionDays`":             fmt.Sprint(stream.DefaultLogRetentionDays),
		"`StartingPosition`":             stream.DefaultStartingPosition,
		"`BatchSize`":                    fmt.Sprint(stream.DefaultBatchSize),
		"`BatchingWindow`":               stream.DefaultBatchingWindow.String(),
		"`ParallelizationFactor`":        fmt.Sprint(stream.DefaultParallelizationFactor),
		"`MaximumRetryAttempts`":         fmt.Sprint(stream.DefaultMaximumRetryAttempts),
		"`MaximumRecordAgeSeconds`":      fmt.Sprint(stream.DefaultMaximumRecordAgeSeconds),
		"`IteratorAgeAlarmThreshold`":    stream.DefaultIteratorAgeThreshold.String(),
		"`Sink.BucketEncryption`":        stream.DefaultBucketEncryption,
		"`S3SinkArgs.BufferingSizeMB`":   fmt.Sprint(stream.DefaultS3BufferingSizeMB),
		"`S3SinkArgs.BufferingInterval`": stream.DefaultS3BufferingInterval.String(),
		"`EnhancedFanOut`":               "false",
	}
	checkDefaults(t, "StreamProcessor", rows, want)
}

func checkDefaults(t *testing.T, component string, rows, want map[string]string) {
	t.Helper()
	for field, value := range want {
		got, ok := rows[field]
		if assert.Truef(t, ok, "README's %s defaults lack %s", component, field) {
			assert.Equalf(t, value, strings.Fields(got)[0], "README default of %s.%s", component, field)
		}
	}
}

func TestReadme_listsEveryPolicyRule(t *testing.T) {
	rows := readmeTable(t, "Policy rules")
	for _, r := range policy.All() {
		sev, ok := rows["`"+r.ID+"`"]
		if assert.Truef(t, ok, "README's policy table lacks %s", r.ID) {
			assert.Equal(t, string(r.Severity), sev, r.ID)
		}
	}
}
