// Package sfn describes Amazon States Language definitions as Go values, so
// components build workflows from typed states instead of JSON strings, and
// checks a definition's structure (every transition lands on a state, every
// state is reachable, every path ends) before it is deployed.
package sfn

import (
	"encoding/json"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Definition is a state machine definition (JSONPath query language).
type Definition struct {
	Comment        string           `json:"Comment,omitempty"`
	StartAt        string           `json:"StartAt"`
	States         map[string]State `json:"States"`
	TimeoutSeconds int              `json:"TimeoutSeconds,omitempty"`
}

// State is one state. Only the fields of its Type are set.
type State struct {
	Type string `json:"Type"`
	// QueryLanguage "JSONata" makes one state of a JSONPath machine use
	// JSONata ("Transforming data with JSONata in Step Functions"): its
	// Output then replaces Parameters, ResultPath and OutputPath.
	QueryLanguage  string         `json:"QueryLanguage,omitempty"`
	Output         any            `json:"Output,omitempty"`
	Comment        string         `json:"Comment,omitempty"`
	Resource       string         `json:"Resource,omitempty"`
	Parameters     map[string]any `json:"Parameters,omitempty"`
	ResultSelector map[string]any `json:"ResultSelector,omitempty"`
	ResultPath     *string        `json:"ResultPath,omitempty"`
	OutputPath     string         `json:"OutputPath,omitempty"`
	Result         any            `json:"Result,omitempty"`
	TimeoutSeconds int            `json:"TimeoutSeconds,omitempty"`
	Retry          []Retrier      `json:"Retry,omitempty"`
	Catch          []Catcher      `json:"Catch,omitempty"`
	Choices        []Choice       `json:"Choices,omitempty"`
	Default        string         `json:"Default,omitempty"`
	Seconds        int            `json:"Seconds,omitempty"`
	Error          string         `json:"Error,omitempty"`
	Cause          string         `json:"Cause,omitempty"`
	CausePath      string         `json:"CausePath,omitempty"`

	// Map state (Distributed mode when ItemProcessor.ProcessorConfig says so).
	ItemReader                 *ItemReader    `json:"ItemReader,omitempty"`
	ItemProcessor              *ItemProcessor `json:"ItemProcessor,omitempty"`
	ItemsPath                  string         `json:"ItemsPath,omitempty"`
	ItemSelector               map[string]any `json:"ItemSelector,omitempty"`
	MaxConcurrency             int            `json:"MaxConcurrency,omitempty"`
	ToleratedFailurePercentage *float64       `json:"ToleratedFailurePercentage,omitempty"`
	Label                      string         `json:"Label,omitempty"`

	Next string `json:"Next,omitempty"`
	End  bool   `json:"End,omitempty"`

	// ResultWriter exports a Distributed Map's child results to S3.
	ResultWriter *ResultWriter `json:"ResultWriter,omitempty"`
}

// ResultWriter writes a Distributed Map's child execution results to S3
// (Resource arn:aws:states:::s3:putObject, Parameters Bucket and Prefix),
// so the Map's own output stays small however many items it runs.
type ResultWriter struct {
	Resource   string         `json:"Resource"`
	Parameters map[string]any `json:"Parameters,omitempty"`
}

// ItemReader reads a Distributed Map's items (e.g. s3:listObjectsV2).
type ItemReader struct {
	Resource     string         `json:"Resource"`
	Parameters   map[string]any `json:"Parameters,omitempty"`
	ReaderConfig map[string]any `json:"ReaderConfig,omitempty"`
}

// ItemProcessor is the sub-workflow a Map state runs per item.
type ItemProcessor struct {
	ProcessorConfig map[string]string `json:"ProcessorConfig,omitempty"`
	StartAt         string            `json:"StartAt"`
	States          map[string]State  `json:"States"`
}

// Retrier retries a state on the listed errors with exponential backoff.
type Retrier struct {
	ErrorEquals     []string `json:"ErrorEquals"`
	IntervalSeconds int      `json:"IntervalSeconds,omitempty"`
	MaxAttempts     int      `json:"MaxAttempts"`
	BackoffRate     float64  `json:"BackoffRate,omitempty"`
	MaxDelaySeconds int      `json:"MaxDelaySeconds,omitempty"`
	JitterStrategy  string   `json:"JitterStrategy,omitempty"`
}

// Catcher sends the listed errors to Next, with the error at ResultPath.
type Catcher struct {
	ErrorEquals []string `json:"ErrorEquals"`
	ResultPath  string   `json:"ResultPath,omitempty"`
	Next        string   `json:"Next"`
}

// Choice is one rule of a Choice state. Only the comparison set is used.
type Choice struct {
	Variable                 string   `json:"Variable,omitempty"`
	NumericGreaterThan       *float64 `json:"NumericGreaterThan,omitempty"`
	NumericEquals            *float64 `json:"NumericEquals,omitempty"`
	NumericGreaterThanEquals *float64 `json:"NumericGreaterThanEquals,omitempty"`
	StringEquals             *string  `json:"StringEquals,omitempty"`
	BooleanEquals            *bool    `json:"BooleanEquals,omitempty"`
	IsPresent                *bool    `json:"IsPresent,omitempty"`
	And                      []Choice `json:"And,omitempty"`
	Or                       []Choice `json:"Or,omitempty"`
	Not                      *Choice  `json:"Not,omitempty"`
	Next                     string   `json:"Next,omitempty"`
}

// The state types of the States Language.
const (
	TypeTask     = "Task"
	TypePass     = "Pass"
	TypeChoice   = "Choice"
	TypeWait     = "Wait"
	TypeSucceed  = "Succeed"
	TypeFail     = "Fail"
	TypeParallel = "Parallel"
	TypeMap      = "Map"
)

// Errors the States Language defines.
const (
	ErrorAll        = "States.ALL"
	ErrorTimeout    = "States.Timeout"
	ErrorTaskFailed = "States.TaskFailed"
	ErrorHeartbeat  = "States.HeartbeatTimeout"
)

// Settings values of the States Language.
const (
	// JitterFull spreads retries randomly over the backoff interval.
	JitterFull = "FULL"
	// ModeDistributed runs a Map state as child workflow executions.
	ModeDistributed = "DISTRIBUTED"
	// ExecutionStandard is the standard (exactly-once) child execution type.
	ExecutionStandard = "STANDARD"
)

// Path returns a pointer to a JSONPath, for ResultPath.
func Path(p string) *string { return &p }

// JSON renders the definition.
func (d Definition) JSON() (string, error) {
	if err := d.Validate(); err != nil {
		return "", err
	}
	b, err := json.Marshal(d)
	return string(b), err
}

// Parse reads a definition, for tests and policy rules.
func Parse(doc string) (Definition, error) {
	var d Definition
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return Definition{}, fmt.Errorf("sfn: parsing definition: %w", err)
	}
	return d, nil
}

// Validate checks the structure the Step Functions service checks on create:
// StartAt names a state; every Next, Default and Catch target exists; every
// non-terminal state has exactly one of Next or End; Choice states have rules;
// every state is reachable from StartAt; a Task (and a Map's ItemReader and
// ResultWriter) passes an optimized integration only the parameters Step
// Functions takes for it (see integrations). Nested Map processors are
// checked too.
func (d Definition) Validate() error {
	return validateMachine("", d.StartAt, d.States)
}

func validateMachine(scope, startAt string, states map[string]State) error {
	if len(states) == 0 {
		return fmt.Errorf("sfn%s: no states", scope)
	}
	if _, ok := states[startAt]; !ok {
		return fmt.Errorf("sfn%s: StartAt %q is not a state", scope, startAt)
	}
	names := make([]string, 0, len(states))
	for n := range states {
		names = append(names, n)
	}
	sort.Strings(names)
	edges := map[string][]string{}
	for _, n := range names {
		s := states[n]
		if utf8.RuneCountInString(n) > 80 {
			return fmt.Errorf("sfn%s: state name %q is longer than 80 characters", scope, n)
		}
		var next []string
		switch s.Type {
		case TypeChoice:
			if len(s.Choices) == 0 {
				return fmt.Errorf("sfn%s: Choice state %q has no rules", scope, n)
			}
			for _, c := range s.Choices {
				if c.Next == "" {
					return fmt.Errorf("sfn%s: a rule of Choice state %q has no Next", scope, n)
				}
				next = append(next, c.Next)
			}
			if s.Default != "" {
				next = append(next, s.Default)
			}
			if s.Next != "" || s.End {
				return fmt.Errorf("sfn%s: Choice state %q cannot have Next or End", scope, n)
			}
		case TypeSucceed, TypeFail:
			if s.Next != "" || s.End {
				return fmt.Errorf("sfn%s: %s state %q cannot have Next or End", scope, s.Type, n)
			}
		case TypeTask, TypePass, TypeWait, TypeParallel, TypeMap:
			if (s.Next == "") == !s.End {
				return fmt.Errorf("sfn%s: state %q needs exactly one of Next or End", scope, n)
			}
			if s.Next != "" {
				next = append(next, s.Next)
			}
			if s.Type == TypeTask && s.Resource == "" {
				return fmt.Errorf("sfn%s: Task state %q has no Resource", scope, n)
			}
			if s.Type == TypeTask {
				if err := checkIntegration(scope, fmt.Sprintf("state %q", n), s.Resource, s.Parameters); err != nil {
					return err
				}
			}
			if s.Type == TypeMap {
				if s.ItemProcessor == nil {
					return fmt.Errorf("sfn%s: Map state %q has no ItemProcessor", scope, n)
				}
				if r := s.ItemReader; r != nil {
					if err := checkIntegration(scope, fmt.Sprintf("the ItemReader of Map state %q", n), r.Resource, r.Parameters); err != nil {
						return err
					}
				}
				if w := s.ResultWriter; w != nil {
					if err := checkIntegration(scope, fmt.Sprintf("the ResultWriter of Map state %q", n), w.Resource, w.Parameters); err != nil {
						return err
					}
				}
				if err := validateMachine(fmt.Sprintf(" (in Map %q)", n), s.ItemProcessor.StartAt, s.ItemProcessor.States); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("sfn%s: state %q has unknown type %q", scope, n, s.Type)
		}
		for _, c := range s.Catch {
			next = append(next, c.Next)
		}
		for _, r := range s.Retry {
			if len(r.ErrorEquals) == 0 {
				return fmt.Errorf("sfn%s: state %q has a retrier without ErrorEquals", scope, n)
			}
		}
		for _, t := range next {
			if _, ok := states[t]; !ok {
				return fmt.Errorf("sfn%s: state %q moves to %q, which is not a state", scope, n, t)
			}
		}
		edges[n] = next
	}
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, t := range edges[n] {
			walk(t)
		}
	}
	walk(startAt)
	for _, n := range names {
		if !seen[n] {
			return fmt.Errorf("sfn%s: state %q cannot be reached from %q", scope, n, startAt)
		}
	}
	return nil
}

// Reachable lists, in order, the states visited from StartAt when each
// state's Next is followed and, for a Choice, the rule at index pick[state]
// (or Default when pick is absent). Tests use it to walk a path.
func (d Definition) Reachable(pick map[string]int) []string {
	var path []string
	seen := map[string]bool{}
	for n := d.StartAt; n != "" && !seen[n]; {
		seen[n] = true
		path = append(path, n)
		s := d.States[n]
		switch {
		case s.Type == TypeChoice:
			if i, ok := pick[n]; ok && i < len(s.Choices) {
				n = s.Choices[i].Next
			} else {
				n = s.Default
			}
		default:
			n = s.Next
		}
	}
	return path
}
