package cost

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEstimate_regionWithoutATableMakesEveryAWSPriceUnknown(t *testing.T) {
	f := newFixture("ap-south-1")
	cronJob(t, f, "ENABLED")
	r := estimate(t, f, Usage{})
	c := component(t, r, "job")
	assert.Zero(t, r.Total(), "nothing is counted as zero-priced: nothing is counted")
	assert.Equal(t, "", r.PriceDate)
	assert.Len(t, c.Unknown, 7, "key, 2 alarms, invocations, transitions, vCPU, memory: every priced line")
	assert.Equal(t, len(c.Unknown), r.Unknown)
	assert.Contains(t, c.Unknown, "job-key: KMS key (no price table for region ap-south-1: price unknown)")
}

func TestEstimate_regionFromARNsWithoutConfig(t *testing.T) {
	f := newFixture("")
	cronJob(t, f, "ENABLED")
	r := estimate(t, f, Usage{})
	assert.Equal(t, "us-east-1", r.Region)
	assert.InDelta(t, 1.30, r.FixedUSD, 1e-9)
}

func TestEstimate_resourcesOutsideComponentsAreAGroup(t *testing.T) {
	f := newFixture("us-east-1")
	f.resource(kmsKeyType, "lonely-key", "", "", map[string]any{})
	f.resource("pulumi:providers:snowflake", "snowflake", "", "", map[string]any{})
	r := estimate(t, f, Usage{})
	require.Len(t, r.Components, 1)
	assert.Equal(t, NoComponent, r.Components[0].Name)
	assert.InDelta(t, 1.0, r.Components[0].FixedUSD, 1e-12)
}

func TestEstimate_nestedComponentsBelongToTheTopLevelOne(t *testing.T) {
	f := newFixture("us-east-1")
	outer := f.component("schedkit:pipelines:HybridPipeline", "orders", "")
	inner := f.component("schedkit:aws:CronJob", "orders-producer", outer)
	f.resource(kmsKeyType, "orders-key", outer, "", map[string]any{})
	f.resource(kmsKeyType, "orders-producer-key", inner, "", map[string]any{})
	r := estimate(t, f, Usage{})
	require.Len(t, r.Components, 1)
	assert.InDelta(t, 2.0, component(t, r, "orders").FixedUSD, 1e-12)
}

func TestEstimate_badScheduleIsAnError(t *testing.T) {
	f := newFixture("us-east-1")
	c := f.component("schedkit:aws:CronJob", "job", "")
	f.resource(scheduleType, "job-schedule", c, "", map[string]any{"scheduleExpression": "cron(0 2 * * * *)"})
	_, err := Estimate(f.p, Usage{})
	assert.ErrorContains(t, err, `cost: schedule "job-schedule": "cron(0 2 * * * *)": exactly one of day-of-month`)
}

func TestLoadUsage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	u, err := LoadUsage(write("ok.yaml", "snowflakeCreditUSD: 2.5\ndefaults:\n  taskMinutes: 15\ncomponents:\n  clicks: {gbPerMonth: 200, eventsPerMonth: 2.0e8}\n"))
	require.NoError(t, err)
	assert.Equal(t, 2.5, *u.SnowflakeCreditUSD)
	assert.Equal(t, 15.0, *u.Defaults.TaskMinutes)
	assert.Equal(t, 2e8, *u.Components["clicks"].EventsPerMonth)

	u, err = LoadUsage(write("checks.yaml", "components:\n  nightly: {deadlineCheckSeconds: 30}\n"))
	require.NoError(t, err)
	assert.Equal(t, 30.0, *u.Components["nightly"].DeadlineCheckSeconds, "the file `--usage` reads sets a check's runtime")
	_, err = LoadUsage(write("negative-check.yaml", "defaults:\n  deadlineCheckSeconds: -5\n"))
	assert.ErrorContains(t, err, "defaults: deadlineCheckSeconds is -5; it cannot be negative")

	_, err = LoadUsage(write("typo.yaml", "defaults:\n  taskMinute: 15\n"))
	assert.ErrorContains(t, err, "field taskMinute not found")
	_, err = LoadUsage(write("negative.yaml", "components:\n  job: {runsPerMonth: -1}\n"))
	assert.ErrorContains(t, err, "components.job: runsPerMonth is -1; it cannot be negative")
	_, err = LoadUsage(filepath.Join(dir, "missing.yaml"))
	assert.ErrorContains(t, err, "usage file")
	u, err = LoadUsage(write("empty.yaml", ""))
	require.NoError(t, err)
	assert.Nil(t, u.SnowflakeCreditUSD)
}

func TestReport_formats(t *testing.T) {
	f := newFixture("us-east-1")
	cronJob(t, f, "ENABLED")
	// us-east-1 has no Firehose price: the unknown line.
	c := f.component("schedkit:aws:StreamProcessor", "raw", "")
	f.resource(firehoseType, "raw-sink", c, "", map[string]any{})
	r := estimate(t, f, Usage{})

	var table bytes.Buffer
	require.NoError(t, r.WriteFormat(&table, "table"))
	assert.Contains(t, table.String(), "Monthly cost of cost/test in us-east-1 (prices of 2026-12-03; Snowflake credit $3.00, default)")
	assert.Regexp(t, `job\s+schedkit:aws:CronJob\s+\$1\.30\s+\$0\.25\s+\$1\.55\s+\$0\.0083\s+0`, table.String())
	assert.Regexp(t, `TOTAL\s+\$1\.30\s+\$0\.25\s+\$1\.55\s+1`, table.String())
	assert.Contains(t, table.String(), "job: job-schedule cron(0 2 * * ? *) UTC → 30.42 runs")
	assert.Contains(t, table.String(), "job: taskMinutes=10 (default)")
	assert.Contains(t, table.String(), "raw: raw-sink: Firehose GB ingested (us-east-1 has no firehose.gb-ingested price in the table: unknown)")
	assert.Contains(t, table.String(), "1 line(s) have no price and are not in any sum")

	var md bytes.Buffer
	require.NoError(t, r.WriteFormat(&md, "markdown"))
	assert.Contains(t, md.String(), "| job | `schedkit:aws:CronJob` | $1.30 | $0.25 | $1.55 | $0.0083 | 0 |")
	assert.Contains(t, md.String(), "| **Total** | | **$1.30** | **$0.25** | **$1.55** | | 1 |")
	assert.Contains(t, md.String(), "#### Unknown prices (not in any sum)")

	var js bytes.Buffer
	require.NoError(t, r.WriteFormat(&js, "json"))
	var back struct {
		TotalUSD   float64 `json:"totalUSD"`
		Components []struct {
			Name  string `json:"name"`
			Lines []struct {
				Item       string   `json:"item"`
				MonthlyUSD *float64 `json:"monthlyUSD"`
			} `json:"lines"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	assert.InDelta(t, 1.30+cronJobRun*day, back.TotalUSD, 1e-9)
	require.Len(t, back.Components, 2)
	assert.Nil(t, back.Components[1].Lines[0].MonthlyUSD, "an unknown price is null, not 0")

	assert.ErrorContains(t, r.WriteFormat(&js, "csv"), `format "csv" is not one of table, markdown, json`)
}

func TestUSD(t *testing.T) {
	assert.Equal(t, "$0.00", USD(0))
	assert.Equal(t, "$0.0024", USD(0.00243))
	assert.Equal(t, "$12.40", USD(12.4))
}
