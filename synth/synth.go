// Package synth renders the full resource plan of any Pulumi program offline:
// it runs the program under a recording mock engine whose outputs are shaped
// like the real providers' (account 123456789012, the stack's region,
// auto-name suffixes, queue URLs, Snowflake fully-qualified names) and
// returns a Plan. It is what `schedkit synth` prints and what tests assert on.
//
//	plan, err := synth.Run(program, synth.Options{Project: "p", Stack: "dev", Config: cfg})
package synth

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/schedkit/schedkit/internal/verify"
)

// DefaultRegion is used when the config sets no aws:region.
const DefaultRegion = "us-east-1"

// Options say which project and stack to run as, with what config.
type Options struct {
	Project string
	Stack   string
	// Config maps full keys ("aws:region", "schedkit:env") to values; objects
	// and lists as JSON, as the Pulumi engine passes them.
	Config map[string]string
	// SecretKeys lists the config keys whose values are secret.
	SecretKeys []string
}

// Run executes program under the recording engine and returns its plan. A
// program error is returned wrapped with the project and stack, together
// with the plan so far.
func Run(program pulumi.RunFunc, opts Options) (*Plan, error) {
	if opts.Project == "" {
		opts.Project = "project"
	}
	if opts.Stack == "" {
		opts.Stack = "stack"
	}
	region := opts.Config["aws:region"]
	if region == "" {
		region = DefaultRegion
	}
	eng := &engine{project: opts.Project, stack: opts.Stack, region: region}

	var exports map[string]pulumi.Input
	wrapped := func(ctx *pulumi.Context) (err error) {
		defer func() {
			// A panic in the program itself (config.Require of a key the
			// stack lacks, a nil map) is the program's error, not a crash.
			if r := recover(); r != nil {
				err = programPanic{message: oneLine(fmt.Sprint(r)), frame: programFrame(string(debug.Stack()))}
			}
		}()
		if err := program(ctx); err != nil {
			return err
		}
		exports = ctx.GetCurrentExportMap()
		return nil
	}

	err := pulumi.RunErr(wrapped,
		pulumi.WithMocks(opts.Project, opts.Stack, eng),
		withConfig(opts.Config, opts.SecretKeys),
	)

	// The run has resolved every export; read them only now. (An apply
	// registered on an export inside the program is not awaited by the run
	// when the export holds no resource output, so it could land late.)
	outputs := map[string]any{}
	if err == nil {
		for name, value := range exports {
			res, aerr := internals.UnsafeAwaitOutput(context.Background(), pulumi.ToOutput(value))
			switch {
			case aerr != nil:
				err = fmt.Errorf("export %q: %w", name, aerr)
			case res.Secret:
				outputs[name] = Secret
			case res.Known:
				outputs[name] = plainGo(res.Value)
			}
		}
	}

	eng.mu.Lock()
	resources := append([]Resource{}, eng.resources...)
	eng.mu.Unlock()
	sort.Slice(resources, func(i, j int) bool { return resources[i].URN < resources[j].URN })
	plan := &Plan{Project: opts.Project, Stack: opts.Stack, Resources: resources, Outputs: outputs, Config: opts.Config}
	if err != nil {
		return plan, fmt.Errorf("synth %s/%s: %w", opts.Project, opts.Stack, counted(reported(single(err))))
	}
	return plan, nil
}

// reported is the error to show for a failed run: a component's input
// problem found at deploy time, as the component states it, not wrapped in
// the engine's "waiting for RPCs: marshaling properties: awaiting input
// property ..." context; anything else as it is.
func reported(err error) error {
	for e := err; e != nil; {
		if p, ok := e.(*verify.Problem); ok {
			return p
		}
		if multi, ok := e.(interface{ Unwrap() []error }); ok {
			for _, m := range multi.Unwrap() {
				if _, isProblem := m.(*verify.Problem); !isProblem {
					return err
				}
			}
			return e // problems found together, e.g. in one list
		}
		e = errors.Unwrap(e)
	}
	return err
}

// single takes the program's error out of the one-entry multierror the
// Pulumi SDK wraps it in ("1 error occurred:\n\t* ...").
func single(err error) error {
	for {
		multi, ok := err.(interface{ WrappedErrors() []error })
		if !ok || len(multi.WrappedErrors()) != 1 {
			return err
		}
		err = multi.WrappedErrors()[0]
	}
}

// counted gives errors found together a header that says how many there
// are, one per line below it; a single error stays as it is.
func counted(err error) error {
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return err
	}
	var all []error
	for _, e := range multi.Unwrap() {
		all = append(all, flattenJoined(e)...)
	}
	if len(all) < 2 {
		return err
	}
	return problems(all)
}

// flattenJoined expands errors.Join inside errors.Join.
func flattenJoined(err error) []error {
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range multi.Unwrap() {
		out = append(out, flattenJoined(e)...)
	}
	return out
}

// problems are errors a run found together.
type problems []error

func (p problems) Error() string {
	lines := make([]string, len(p))
	for i, e := range p {
		lines[i] = "  - " + strings.ReplaceAll(e.Error(), "\n", "\n    ")
	}
	return fmt.Sprintf("%d problems:\n%s", len(p), strings.Join(lines, "\n"))
}

func (p problems) Unwrap() []error { return p }

func withConfig(cfg map[string]string, secret []string) pulumi.RunOption {
	return func(info *pulumi.RunInfo) {
		info.Config = cfg
		info.ConfigSecretKeys = secret
	}
}

// plainGo turns a resolved Go value into plain JSON values.
func plainGo(v any) any {
	pv := resource.NewPropertyValue(v)
	return plain(pv)
}
