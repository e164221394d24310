// Package synth renders the full resource plan of any Pulumi program offline:
// it runs the program under a recording mock engine whose outputs are shaped
// like the real providers' (account 123456789012, the stack's region,
// auto-name suffixes, queue URLs, Snowflake fully-qualified names) and
// returns a Plan. It is what `schedkit synth` prints and what tests assert on.
//
//	plan, err := synth.Run(program, synth.Options{Project: "p", Stack: "dev", Config: cfg})
package synth

import (
	"fmt"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
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
// program error is returned as is, with the plan so far.
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

	var (
		mu      sync.Mutex
		outputs = map[string]any{}
	)
	wrapped := func(ctx *pulumi.Context) error {
		if err := program(ctx); err != nil {
			return err
		}
		for name, value := range ctx.GetCurrentExportMap() {
			name := name
			out := pulumi.ToOutput(value)
			secret := pulumi.IsSecret(out)
			pulumi.Unsecret(out).ApplyT(func(v any) any {
				mu.Lock()
				defer mu.Unlock()
				if secret {
					outputs[name] = Secret
				} else {
					outputs[name] = plainGo(v)
				}
				return nil
			})
		}
		return nil
	}

	err := pulumi.RunErr(wrapped,
		pulumi.WithMocks(opts.Project, opts.Stack, eng),
		withConfig(opts.Config, opts.SecretKeys),
	)

	eng.mu.Lock()
	resources := append([]Resource(nil), eng.resources...)
	eng.mu.Unlock()
	sort.Slice(resources, func(i, j int) bool { return resources[i].URN < resources[j].URN })
	mu.Lock()
	defer mu.Unlock()
	plan := &Plan{Project: opts.Project, Stack: opts.Stack, Resources: resources, Outputs: outputs}
	if err != nil {
		return plan, fmt.Errorf("synth %s/%s: %w", opts.Project, opts.Stack, err)
	}
	return plan, nil
}

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
