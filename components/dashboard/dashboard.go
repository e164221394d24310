// Package dashboard creates one CloudWatch dashboard for a stack, generated
// from the components the program created before it: per component its
// runs, failures and durations (workflows), its deadline checks and missed
// deadlines, and the metric of every alarm it has (dead-letter depths,
// skipped runs, a stream's iterator age, a Snowflake pipe's or task's
// freshness, ...), and for each TaskGraph and SnowpipeIngest the messages
// published to the SNS topic its errors reach (task and load errors, and a
// TaskGraph's deadline alerts). Every widget names a metric a resource of the plan emits
// or AWS publishes for one; nothing else is drawn.
//
//	stack components ──(observe: metrics they emit or AWS publishes)──→ Dashboard ─→ cloudwatch.Dashboard <name>
//
// Create it last, after every component. A dashboard costs $3.00 a month
// (CloudWatch pricing, Dashboards; the first three of an account with up to
// 50 metrics each are free). Disabled is the one switch that turns it off.
package dashboard

import (
	"encoding/json"
	"fmt"
	"github.com/schedkit/schedkit/components/keep"
	"regexp"
	"sort"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/observe"
)

// Type is the Dashboard's Pulumi type token.
const Type = "schedkit:aws:Dashboard"

// MaxWidgets is CloudWatch's limit of widgets on one dashboard ("CloudWatch
// service quotas": 500 widgets per dashboard).
const MaxWidgets = 500

// Dashboard is the stack's CloudWatch dashboard.
type Dashboard struct {
	pulumi.ResourceState

	// Name is the dashboard's name ("" when Disabled).
	Name pulumi.StringOutput `pulumi:"name"`
}

var dashboardName = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// NewDashboard creates the dashboard name-<stack> (child name) from the
// metrics the program's components recorded so far.
func NewDashboard(ctx *pulumi.Context, name string, args *DashboardArgs, opts ...pulumi.ResourceOption) (*Dashboard, error) {
	a, err := validate(name, args)
	if err != nil {
		return nil, err
	}
	graphs := observe.Graphs(ctx)
	if n := widgets(graphs); n > MaxWidgets && !a.Disabled {
		return nil, fmt.Errorf("%s %q: the stack's components give %d widgets; a CloudWatch dashboard holds at most %d (split the stack, or set Disabled)", kind, name, n, MaxWidgets)
	}
	d := &Dashboard{}
	var children keep.Children // every child, for the delete lock
	if err := ctx.RegisterComponentResource(Type, name, d, children.Options(opts)...); err != nil {
		return nil, err
	}
	d.Name = pulumi.String("").ToStringOutput()
	if !a.Disabled {
		env := awsenv.Lookup(ctx, d)
		body := render(graphs, env.Region)
		db, err := cloudwatch.NewDashboard(ctx, name, &cloudwatch.DashboardArgs{
			DashboardName: pulumi.String(dashboardName.ReplaceAllString(a.StableName+"-"+ctx.Project()+"-"+ctx.Stack(), "-")),
			DashboardBody: body,
		}, pulumi.Parent(d))
		if err != nil {
			return nil, fmt.Errorf("dashboard %q: creating the dashboard: %w", name, err)
		}
		d.Name = db.DashboardName
	}
	// Last child: the lock depends on all the others (keep.Policy.Lock).
	if err := (keep.Policy{}).Lock(ctx, d, name, &children); err != nil {
		return nil, fmt.Errorf("dashboard %q: registering the delete lock: %w", name, err)
	}
	if err := ctx.RegisterResourceOutputs(d, pulumi.Map{"name": d.Name}); err != nil {
		return nil, err
	}
	return d, nil
}

// widgets is how many widgets graphs make: one heading per component and
// one graph each.
func widgets(graphs []observe.Graph) int {
	components := map[string]bool{}
	for _, g := range graphs {
		components[g.Component] = true
	}
	return len(components) + len(graphs)
}

// render is the dashboard body: per component (in name order) a heading
// across the width, then its graphs three to a row.
func render(graphs []observe.Graph, region pulumi.StringOutput) pulumi.StringOutput {
	var inputs []any
	inputs = append(inputs, region)
	for _, g := range graphs {
		for _, m := range g.Metrics {
			for _, k := range sortedKeys(m.Dimensions) {
				inputs = append(inputs, m.Dimensions[k])
			}
		}
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) (string, error) {
		region := v[0].(string)
		next := 1
		type resolved struct {
			g    observe.Graph
			rows [][]any
		}
		byComponent := map[string][]resolved{}
		for _, g := range graphs {
			r := resolved{g: g}
			for _, m := range g.Metrics {
				row := []any{m.Namespace, m.Name}
				for _, k := range sortedKeys(m.Dimensions) {
					row = append(row, k, v[next].(string))
					next++
				}
				opt := map[string]any{"stat": m.Stat}
				if m.Label != "" {
					opt["label"] = m.Label
				}
				r.rows = append(r.rows, append(row, opt))
			}
			byComponent[g.Component] = append(byComponent[g.Component], r)
		}
		names := make([]string, 0, len(byComponent))
		for n := range byComponent {
			names = append(names, n)
		}
		sort.Strings(names)
		var ws []map[string]any
		y := 0
		for _, n := range names {
			ws = append(ws, map[string]any{"type": "text", "x": 0, "y": y, "width": 24, "height": 1, "properties": map[string]any{"markdown": "## " + n}})
			y++
			for i, r := range byComponent[n] {
				props := map[string]any{
					"title": title(r.g.Title), "region": region, "view": "timeSeries", "period": 300,
					"metrics": r.rows,
				}
				if r.g.Threshold != nil {
					props["annotations"] = map[string]any{"horizontal": []map[string]any{{"label": "alarm", "value": *r.g.Threshold}}}
				}
				ws = append(ws, map[string]any{"type": "metric", "x": (i % 3) * 8, "y": y + (i/3)*6, "width": 8, "height": 6, "properties": props})
			}
			y += ((len(byComponent[n]) + 2) / 3) * 6
		}
		b, err := json.Marshal(map[string]any{"widgets": ws})
		return string(b), err
	}).(pulumi.StringOutput)
}

// title keeps a widget's title short.
func title(s string) string {
	if len(s) > 100 {
		return s[:97] + "..."
	}
	return s
}

func sortedKeys(m map[string]pulumi.StringInput) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
