package cost

// Report is the estimated monthly cost of a plan, per component.
type Report struct {
	Project string `json:"project"`
	Stack   string `json:"stack"`
	Region  string `json:"region"`
	// PriceDate is the date of the region's price table ("" when the region
	// has none and every AWS price is unknown).
	PriceDate string `json:"priceDate"`
	// CreditUSD is the price of a Snowflake credit used, and CreditFrom
	// whether it is the default or the usage file's.
	CreditUSD  float64          `json:"snowflakeCreditUSD"`
	CreditFrom string           `json:"snowflakeCreditFrom"`
	Components []*ComponentCost `json:"components"`
	// FixedUSD and VariableUSD sum the known lines; Unknown counts the lines
	// without a price, whose cost is not in any sum.
	FixedUSD    float64 `json:"fixedUSD"`
	VariableUSD float64 `json:"variableUSD"`
	TotalUSD    float64 `json:"totalUSD"`
	Unknown     int     `json:"unknownLines"`
	// NotEstimated names what the estimate leaves out.
	NotEstimated []string `json:"notEstimated"`
}

// Total is the known monthly cost: fixed plus variable. When Unknown > 0 the
// real cost is higher by the unknown lines.
func (r *Report) Total() float64 { return r.FixedUSD + r.VariableUSD }

// Component returns the named top-level component's cost, nil if absent.
func (r *Report) Component(name string) *ComponentCost {
	for _, c := range r.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ComponentCost is one top-level component's (or the resources outside any
// component's) monthly cost.
type ComponentCost struct {
	Name string `json:"name"`
	Type string `json:"type"`
	// FixedUSD is what it costs idle; VariableUSD what its runs and data
	// cost at the assumed usage. Both sum known lines only.
	FixedUSD    float64 `json:"fixedUSD"`
	VariableUSD float64 `json:"variableUSD"`
	// OneRunUSD is the cost of one run of each of its scheduled or triggered
	// workflows and task graphs (nil when it has none). OneRunKnown is false
	// when part of a run has no price.
	OneRunUSD   *float64 `json:"oneRunUSD,omitempty"`
	OneRunKnown bool     `json:"oneRunKnown"`
	// Runs are the run drivers: schedules and triggers with their runs per
	// month.
	Runs []Run `json:"runs"`
	// Unknown lists the lines without a price.
	Unknown     []string     `json:"unknown"`
	Assumptions []Assumption `json:"assumptions"`
	Lines       []Line       `json:"lines"`
}

// TotalUSD is the component's known monthly cost.
func (c *ComponentCost) TotalUSD() float64 { return c.FixedUSD + c.VariableUSD }

// Run is one thing that starts work: a schedule or a trigger.
type Run struct {
	Resource     string  `json:"resource"`
	What         string  `json:"what"`
	RunsPerMonth float64 `json:"runsPerMonth"`
}

// Line is one priced quantity of one resource.
type Line struct {
	Resource string `json:"resource"`
	Type     string `json:"type"`
	Item     string `json:"item"`
	Fixed    bool   `json:"fixed"`
	// Quantity is per month, in Unit.
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	// Price is nil when unknown; then MonthlyUSD is nil too.
	Price      *Price   `json:"price"`
	MonthlyUSD *float64 `json:"monthlyUSD"`
	// PerUSD is the cost of one Per (a "run" of the workflow or task graph,
	// an "active hour" of a warehouse), for lines driven by one.
	Per    string   `json:"per,omitempty"`
	PerUSD *float64 `json:"perUSD,omitempty"`
	Note   string   `json:"note,omitempty"`
}

// NoComponent names the group of resources outside any component.
const NoComponent = "(outside components)"
