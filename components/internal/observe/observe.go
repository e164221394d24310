// Package observe collects, per program, the metrics its components emit
// or that AWS publishes for their resources, so that one dashboard per
// stack can show them (components/dashboard). Components add what they
// create (workflow runs and durations, every alarm's metric); a dashboard
// reads them once every component is registered.
package observe

import (
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Metric is one CloudWatch metric: its namespace, name, dimensions and the
// statistic a graph shows.
type Metric struct {
	Namespace  string
	Name       string
	Dimensions map[string]pulumi.StringInput
	Stat       string
	// Label names the line; "" shows the metric's name.
	Label string
}

// Graph is one widget: the metrics of one component drawn together.
type Graph struct {
	// Component is the component's name (the widget's row).
	Component string
	Title     string
	Metrics   []Metric
	// Threshold, when set, draws an alarm's threshold.
	Threshold *float64
}

var (
	mu     sync.Mutex
	graphs = map[*pulumi.Context][]Graph{}
)

// Add records graphs of the program ctx runs.
func Add(ctx *pulumi.Context, g ...Graph) {
	mu.Lock()
	defer mu.Unlock()
	graphs[ctx] = append(graphs[ctx], g...)
}

// Graphs are the graphs recorded for the program ctx runs, in the order added.
func Graphs(ctx *pulumi.Context) []Graph {
	mu.Lock()
	defer mu.Unlock()
	return append([]Graph(nil), graphs[ctx]...)
}
