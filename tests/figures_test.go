package tests

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/cost"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/synth"
)

// hoursPerMonth is the month schedkit cost prices (one twelfth of a year).
const hoursPerMonth = 730

// unpricedFigures are the dollar figures a page states that schedkit cost
// does not price, each with where it comes from. Any other figure in prose
// must be a price `schedkit cost` uses.
var unpricedFigures = map[string]map[string]string{
	"components/alerts/README.md": {
		"0.50": "SNS publishes per million, https://aws.amazon.com/sns/pricing/ (not estimated by schedkit cost)",
		"2.00": "SNS email notifications per 100,000, https://aws.amazon.com/sns/pricing/ (not estimated)",
	},
	"components/lambdaarch/README.md": {
		"0.035": "Firehose per GB in eu-west-2, the only region found; not in cost/prices.go, so reported unknown",
	},
	"docs/cli.md": {
		"1.10": "an example of the change in monthly cost a diff report prints",
	},
}

// TestDocs_everyDollarFigureIsAPriceCostUses: a price or monthly figure in
// the prose of any page is one that schedkit cost uses when it prices the
// patterns' fixtures and the sample deployment's stacks (a unit price, or
// an hourly price times the 730 hours of a month; a figure "about" a price
// may round it to whole dollars). Generated blocks, the cost table and the
// fixed-cost rows are checked by their own tests.
func TestDocs_everyDollarFigureIsAPriceCostUses(t *testing.T) {
	known := knownFigures(t)
	figure := regexp.MustCompile(`\$(\d[\d,]*(?:\.\d+)?)`)
	checked := 0
	for _, page := range docPages(t) {
		if page == "CHANGELOG.md" {
			continue // history: the figures of past releases
		}
		for _, line := range proseLines(t, page) {
			for _, m := range figure.FindAllStringSubmatch(line, -1) {
				checked++
				text := strings.ReplaceAll(m[1], ",", "")
				if _, ok := unpricedFigures[page][text]; ok {
					continue
				}
				v, err := strconv.ParseFloat(text, 64)
				require.NoError(t, err)
				assert.Truef(t, isKnown(v, text, known), "%s: $%s is no price schedkit cost uses (cost/prices.go): %q", page, text, strings.TrimSpace(line))
			}
		}
	}
	assert.Greater(t, checked, 20, "the pages' figures were read")
}

func isKnown(v float64, text string, known []float64) bool {
	for _, k := range known {
		if math.Abs(k-v) < 0.0005 || (!strings.Contains(text, ".") && math.Abs(k-v) < 0.5) {
			return true
		}
	}
	return false
}

// knownFigures are the unit prices, and the monthly figures of hourly
// prices, that schedkit cost uses on the fixtures and the sample stacks,
// and the default price of a Snowflake credit.
func knownFigures(t *testing.T) []float64 {
	t.Helper()
	known := []float64{cost.DefaultCreditUSD}
	add := func(plan *synth.Plan) {
		report, err := cost.Estimate(plan, cost.Usage{})
		require.NoError(t, err)
		for _, c := range report.Components {
			for _, l := range c.Lines {
				if l.Price == nil {
					continue
				}
				known = append(known, l.Price.USD)
				if strings.HasSuffix(l.Price.Unit, "-hour") && l.Price.Per == 1 {
					known = append(known, l.Price.USD*hoursPerMonth)
				}
			}
		}
	}
	for _, p := range costPatterns() {
		plan, err := synth.Run(p.program, synth.Options{Project: "cost", Stack: "fixture", Config: map[string]string{"aws:region": "us-east-1"}})
		require.NoError(t, err, p.pattern)
		add(plan)
	}
	for _, stack := range []string{"dev", "prod"} {
		opts, err := synth.LoadStack(platformDir, stack)
		require.NoError(t, err)
		plan, err := synth.Run(stacks.Program, opts)
		require.NoError(t, err)
		add(plan)
	}
	return known
}

// proseLines are a page's lines outside generated blocks, the cost table,
// the README's pattern table and the defaults tables' fixed-cost rows, all
// of which other tests check.
func proseLines(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	skip := false
	for _, line := range strings.Split(readPage(t, page), "\n") {
		switch {
		case strings.HasPrefix(line, generatedMarker) || line == costBegin:
			skip = true
		case line == generatedEnd || line == costEnd:
			skip = false
		case skip, strings.HasPrefix(line, "| fixed cost |"),
			page == "README.md" && strings.HasPrefix(line, "| ") && strings.HasSuffix(line, " a month |"):
		default:
			out = append(out, line)
		}
	}
	return out
}

// TestDocs_sharedAlertTopicKeyCountIsTheDevStacks: AlertTopic's page says
// how many KMS keys the dev stack plans with one shared topic; it does.
func TestDocs_sharedAlertTopicKeyCountIsTheDevStacks(t *testing.T) {
	m := regexp.MustCompile(`the dev stack plans (\d+) KMS keys`).FindStringSubmatch(readPage(t, componentPage("alerts")))
	require.NotNil(t, m, "AlertTopic's page counts the dev stack's keys")
	opts, err := synth.LoadStack(platformDir, "dev")
	require.NoError(t, err)
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	assert.Equal(t, m[1], strconv.Itoa(len(plan.ByType("aws:kms/key:Key"))))
}
