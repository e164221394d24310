package cost

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Formats WriteFormat accepts.
var Formats = []string{"table", "markdown", "json"}

// WriteFormat writes the report as a table, markdown or json.
func (r *Report) WriteFormat(w io.Writer, format string) error {
	switch format {
	case "table":
		return r.WriteTable(w)
	case "markdown":
		return r.WriteMarkdown(w)
	case "json":
		return r.WriteJSON(w)
	}
	return fmt.Errorf("format %q is not one of %s", format, strings.Join(Formats, ", "))
}

// WriteJSON writes the report, every line included, as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteTable writes the per-component table, then the runs, assumptions and
// unknown prices behind it.
func (r *Report) WriteTable(w io.Writer) error {
	fmt.Fprintln(w, r.heading())
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COMPONENT\tTYPE\tFIXED/MONTH\tVARIABLE/MONTH\tTOTAL/MONTH\tONE RUN\tUNKNOWN")
	for _, c := range r.Components {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", c.Name, c.Type, USD(c.FixedUSD), USD(c.VariableUSD), USD(c.TotalUSD()), c.OneRun(), len(c.Unknown))
	}
	fmt.Fprintf(tw, "TOTAL\t\t%s\t%s\t%s\t\t%d\n", USD(r.FixedUSD), USD(r.VariableUSD), USD(r.Total()), r.Unknown)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.summary())
	r.writeDetails(w, "", "  ")
	return nil
}

// WriteMarkdown writes the report for a pull request comment.
func (r *Report) WriteMarkdown(w io.Writer) error {
	fmt.Fprintf(w, "### %s\n\n", r.heading())
	fmt.Fprintln(w, "| Component | Type | Fixed/month | Variable/month | Total/month | One run | Unknown prices |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|")
	for _, c := range r.Components {
		typ := "-"
		if c.Type != "" {
			typ = "`" + c.Type + "`"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %d |\n", c.Name, typ, USD(c.FixedUSD), USD(c.VariableUSD), USD(c.TotalUSD()), c.OneRun(), len(c.Unknown))
	}
	fmt.Fprintf(w, "| **Total** | | **%s** | **%s** | **%s** | | %d |\n\n", USD(r.FixedUSD), USD(r.VariableUSD), USD(r.Total()), r.Unknown)
	fmt.Fprintln(w, r.summary())
	r.writeDetails(w, "#### ", "- ")
	return nil
}

func (r *Report) heading() string {
	region := r.Region
	if region == "" {
		region = "an unknown region"
	}
	date := "no price table"
	if r.PriceDate != "" {
		date = "prices of " + r.PriceDate
	}
	return fmt.Sprintf("Monthly cost of %s/%s in %s (%s; Snowflake credit %s, %s)", r.Project, r.Stack, region, date, USD(r.CreditUSD), r.CreditFrom)
}

func (r *Report) summary() string {
	s := fmt.Sprintf("Total: %s a month (fixed %s + variable %s at the usage below).", USD(r.Total()), USD(r.FixedUSD), USD(r.VariableUSD))
	if r.Unknown > 0 {
		s += fmt.Sprintf(" %d line(s) have no price and are not in any sum: the real cost is higher.", r.Unknown)
	}
	return s
}

func (r *Report) writeDetails(w io.Writer, heading, item string) {
	section := func(title string) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, heading+title)
		if heading != "" {
			fmt.Fprintln(w)
		}
	}
	section("Runs per month (from the plan's schedules; a month is 1/12 of 2027)")
	for _, c := range r.Components {
		for _, run := range c.Runs {
			fmt.Fprintf(w, "%s%s: %s %s → %s runs\n", item, c.Name, run.Resource, run.What, formatNumber(run.RunsPerMonth))
		}
	}
	section("Assumptions (override in --usage FILE)")
	for _, c := range r.Components {
		if len(c.Assumptions) == 0 {
			continue
		}
		parts := make([]string, len(c.Assumptions))
		for i, a := range c.Assumptions {
			parts[i] = a.String()
		}
		fmt.Fprintf(w, "%s%s: %s\n", item, c.Name, strings.Join(parts, ", "))
	}
	if r.Unknown > 0 {
		section("Unknown prices (not in any sum)")
		for _, c := range r.Components {
			for _, u := range c.Unknown {
				fmt.Fprintf(w, "%s%s: %s\n", item, c.Name, u)
			}
		}
	}
	section("Not estimated")
	fmt.Fprintf(w, "%s%s\n", item, strings.Join(r.NotEstimated, "; "))
}

// OneRun formats OneRunUSD: "-" without runs, "+ unknown" when part of a run has no price.
func (c *ComponentCost) OneRun() string {
	if c.OneRunUSD == nil {
		return "-"
	}
	s := USD(*c.OneRunUSD)
	if !c.OneRunKnown {
		s += " + unknown"
	}
	return s
}

// USD formats dollars: cents, or four decimals below a cent.
func USD(v float64) string {
	if v != 0 && v < 0.01 && v > -0.01 {
		return fmt.Sprintf("$%.4f", v)
	}
	return fmt.Sprintf("$%.2f", v)
}

// formatNumber prints a figure with at most two decimals.
func formatNumber(v float64) string {
	return strconv.FormatFloat(float64(int64(v*100+0.5))/100, 'f', -1, 64)
}

// number reads digits only (no sign).
func number(s string) (int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return strconv.Atoi(s)
}
