// Package enginetest runs schedkit programs under Pulumi's own deployment
// engine (github.com/pulumi/pulumi/pkg/v3), in-process, the way Pulumi tests
// its engine (pkg/engine/lifecycletest: golang_sdk_test.go and the framework
// that validates the journal and every intermediate snapshot). It is a Go
// module of its own so that a program importing schedkit's components never
// builds the engine.
//
// The engine talks to stand-in `aws` and `snowflake` providers (StandIn) at
// the versions the program asks for, which answer as synth models the real
// ones: Create returns synth.Shape's outputs, Diff replaces on the inputs
// diff/replace.go lists. So the engine's state can be compared with synth's
// plan resource for resource (StatePlan), and `schedkit diff`'s verdicts with
// the engine's steps.
//
// The API, for this package's tests and other branches' (a provider upgrade
// from a recorded state, a multi-language Construct):
//
//	p, err := enginetest.Load(dir, "dev", stacks.Program)  // config from Pulumi.yaml + Pulumi.dev.yaml
//	p.Binary = built                                       // or run a built program instead of p.Run
//	res := enginetest.Update(t, p, nil, enginetest.Options{})       // preview, then update (pulumi up)
//	res = enginetest.Update(t, p, res.Snapshot, enginetest.Options{SkipPreview: true}) // pulumi up --skip-preview
//	res = enginetest.Preview(t, p, res.Snapshot, enginetest.Options{}) // pulumi preview
//	res.Steps, res.Snapshot, res.Calls.Deletes(), res.Err
//	enginetest.StatePlan(p.Project, p.Stack, res.Snapshot)           // the state as a plan.Plan
//	enginetest.Differences(synthPlan, statePlan)                     // how they differ, one line each
//	enginetest.Synth(p)                                              // synth's plan of the program
//
// Options.Loaders replaces the default providers (Providers), e.g. with an
// older and a newer aws for an upgrade; Options.Runtime serves another
// language's program. Programs run in their folder (Program.Dir) as `pulumi
// up` runs them. The tests of this package take one and a half to four
// minutes on two shared cores, building every example included (see the
// README's "Safe changes").
package enginetest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/display"
	"github.com/pulumi/pulumi/pkg/v3/engine"
	lt "github.com/pulumi/pulumi/pkg/v3/engine/lifecycletest/framework"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy/deploytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

// TB is what the harness needs of a test: *testing.T, or the framework's
// TB for anything else.
type TB = lt.TB

// Program is a Pulumi program and the stack it runs as.
type Program struct {
	Project string
	Stack   string
	// Config maps full keys ("aws:region", "schedkit:env") to values, as
	// synth.LoadStack reads them (lists and objects as JSON); SecretKeys are
	// the keys whose values are secret.
	Config     map[string]string
	SecretKeys []string
	// Dir is the folder the program runs in (Pulumi.yaml's), "" for here.
	Dir string
	// Run is the program, run in-process; or Binary, a built Go program
	// (synth.Main or pulumi.Run) run as the Go language host runs it.
	Run    pulumi.RunFunc
	Binary string
}

// Load reads the stack's configuration from dir/Pulumi.yaml and
// dir/Pulumi.<stack>.yaml as synth does (secure values become "[secret]").
func Load(dir, stack string, run pulumi.RunFunc) (Program, error) {
	opts, err := synth.LoadStack(dir, stack)
	if err != nil {
		return Program{}, err
	}
	return Program{Project: opts.Project, Stack: opts.Stack, Config: opts.Config, SecretKeys: opts.SecretKeys, Dir: dir, Run: run}, nil
}

// With returns a copy of the program with these config values set.
func (p Program) With(config map[string]string) Program {
	cfg := make(map[string]string, len(p.Config)+len(config))
	for k, v := range p.Config {
		cfg[k] = v
	}
	for k, v := range config {
		cfg[k] = v
	}
	p.Config = cfg
	return p
}

// Options tune one operation.
type Options struct {
	// SkipPreview runs the update without a preview first, as `pulumi up
	// --skip-preview` and the Automation API's up do.
	SkipPreview bool
	// ExpectFailure: the operation's error is returned in Result.Err instead
	// of failing the test.
	ExpectFailure bool
	// Parallel is the engine's parallelism (default: the CPUs).
	Parallel int32
	// Loaders replace Providers(calls, region).
	Loaders func(calls *Calls, region string) []*deploytest.ProviderLoader
	// Runtime replaces the Go program as the language runtime (another
	// language's program, or a test's own).
	Runtime deploytest.ProgramFunc
}

// Step is one step the engine performed (or, in a preview, planned).
type Step struct {
	Op   display.StepOp
	URN  resource.URN
	Type tokens.Type
}

// Result is what one operation did.
type Result struct {
	// Snapshot is the state after the update (nil after a preview).
	Snapshot *deploy.Snapshot
	// Steps are the steps the engine applied, in order, from its journal
	// (a preview's are the steps it planned, the refused one included);
	// same steps included.
	Steps []Step
	// Calls are the provider calls of the operation.
	Calls *Calls
	// Err is the operation's error (only with ExpectFailure).
	Err error
}

// Ops returns, for each URN, the operations performed on it, in order
// ("create-replacement", "replace", "delete-replaced" for a replace).
func (r Result) Ops() map[resource.URN][]display.StepOp {
	out := map[resource.URN][]display.StepOp{}
	for _, s := range r.Steps {
		out[s.URN] = append(out[s.URN], s.Op)
	}
	return out
}

// ByOp returns the URNs of each operation, sorted.
func (r Result) ByOp() map[display.StepOp][]resource.URN {
	out := map[display.StepOp][]resource.URN{}
	for _, s := range r.Steps {
		out[s.Op] = append(out[s.Op], s.URN)
	}
	for _, urns := range out {
		sort.Slice(urns, func(i, j int) bool { return urns[i] < urns[j] })
	}
	return out
}

// Providers are the default stand-ins: aws at AWSVersion and snowflake at
// SnowflakeVersion, in the stack's region.
func Providers(calls *Calls, region string) []*deploytest.ProviderLoader {
	return []*deploytest.ProviderLoader{
		StandIn("aws", AWSVersion, region, calls),
		StandIn("snowflake", SnowflakeVersion, region, calls),
	}
}

// Region is the stack's aws:region, synth's default without one.
func (p Program) Region() string {
	if r := p.Config["aws:region"]; r != "" {
		return r
	}
	return synth.DefaultRegion
}

// Update runs `pulumi up` of the program on base (nil: an empty stack): a
// preview first unless opts.SkipPreview, then the update.
func Update(t TB, p Program, base *deploy.Snapshot, opts Options) Result {
	t.Helper()
	if !opts.SkipPreview {
		if pre := run(t, p, base, opts, true); pre.Err != nil {
			return pre
		}
	}
	return run(t, p, base, opts, false)
}

// Preview runs `pulumi preview` of the program on base.
func Preview(t TB, p Program, base *deploy.Snapshot, opts Options) Result {
	t.Helper()
	return run(t, p, base, opts, true)
}

func run(t TB, p Program, base *deploy.Snapshot, opts Options, dryRun bool) Result {
	t.Helper()
	calls := &Calls{}
	loaders := Providers(calls, p.Region())
	if opts.Loaders != nil {
		loaders = opts.Loaders(calls, p.Region())
	}
	program := opts.Runtime
	if program == nil {
		program = p.languageHost
	}
	hostF := deploytest.NewPluginHostF(nil, nil, deploytest.NewLanguageRuntimeF(program), nil, nil, loaders...)

	cfg := config.Map{}
	for k, v := range p.Config {
		key, err := config.ParseKey(k)
		if err != nil {
			t.Fatalf("enginetest: config key %q: %v", k, err)
		}
		cfg[key] = config.NewValue(v)
	}
	target := deploy.Target{
		Name:      tokens.MustParseStackName(p.Stack),
		Config:    cfg,
		Decrypter: config.NopDecrypter,
		Snapshot:  lt.CloneSnapshot(t, base),
	}
	project := workspace.Project{
		Name:    tokens.PackageName(p.Project),
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
	}
	updateOpts := lt.TestUpdateOptions{
		T: t, HostF: hostF, SkipDisplayTests: true,
		UpdateOptions: engine.UpdateOptions{Parallel: opts.Parallel},
	}

	var steps []Step
	validate := func(_ workspace.Project, _ deploy.Target, entries engine.JournalEntries, events []engine.Event, err error) error {
		if !dryRun { // the steps the engine applied, from its journal
			for _, e := range entries {
				if e.Kind == engine.TestJournalEntrySuccess {
					steps = append(steps, Step{Op: e.Step.Op(), URN: e.Step.URN(), Type: e.Step.Type()})
				}
			}
			return err
		}
		for _, e := range events { // the steps a preview plans
			if e.Type != engine.ResourcePreEvent {
				continue
			}
			m := e.Payload().(engine.ResourcePreEventPayload).Metadata
			steps = append(steps, Step{Op: m.Op, URN: m.URN, Type: m.Type})
		}
		return err
	}
	// The engine reads the program's assets and archives relative to the
	// project's root (the framework's default is "/").
	root, err := filepath.Abs(p.Dir)
	if err != nil {
		t.Fatalf("enginetest: %v", err)
	}
	update := lt.TestOp(func(info engine.UpdateInfo, ctx *engine.Context, opts engine.UpdateOptions, dryRun bool) (*deploy.Plan, display.ResourceChanges, error) {
		info.Root = root
		return engine.Update(info, ctx, opts, dryRun)
	})
	snap, err := update.RunStep(project, target, updateOpts, dryRun, nil, validate, "")
	res := Result{Snapshot: snap, Steps: steps, Calls: calls, Err: err}
	if err != nil && !opts.ExpectFailure {
		t.Fatalf("enginetest: %s of %s/%s: %v", map[bool]string{true: "preview", false: "update"}[dryRun], p.Project, p.Stack, err)
	}
	return res
}

// chdir serialises in-process programs that need their own folder: the
// working directory belongs to the whole process.
var chdir sync.Mutex

// languageHost runs the program as Pulumi's Go language host would: against
// the engine's resource monitor, with the stack's config.
func (p Program) languageHost(info plugin.RunInfo, _ *deploytest.ResourceMonitor) error {
	cfg := map[string]string{}
	for k, v := range info.Config {
		cfg[k.String()] = v
	}
	if p.Binary != "" {
		return p.exec(info, cfg)
	}
	if p.Dir != "" {
		chdir.Lock()
		defer chdir.Unlock()
		back, err := os.Getwd()
		if err != nil {
			return err
		}
		if err := os.Chdir(p.Dir); err != nil {
			return err
		}
		defer func() { _ = os.Chdir(back) }()
	}
	//nolint:usetesting // the SDK context outlives the test's
	ctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{
		Project:          info.Project,
		Stack:            info.Stack,
		Parallel:         info.Parallel,
		DryRun:           info.DryRun,
		MonitorAddr:      info.MonitorAddress,
		Config:           cfg,
		ConfigSecretKeys: p.SecretKeys,
	})
	if err != nil {
		return err
	}
	return pulumi.RunWithContext(ctx, p.Run)
}

// exec runs a built program with the variables the Go language host sets
// (pulumi.EnvMonitor, EnvConfig, ...; sdk/go/pulumi/run.go reads them).
func (p Program) exec(info plugin.RunInfo, cfg map[string]string) error {
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	secrets := p.SecretKeys
	if secrets == nil {
		secrets = []string{}
	}
	secretJSON, err := json.Marshal(secrets)
	if err != nil {
		return err
	}
	engineAddr, stop, err := serveEngine()
	if err != nil {
		return err
	}
	cmd := exec.Command(p.Binary)
	cmd.Dir = p.Dir
	cmd.Env = append(os.Environ(),
		pulumi.EnvMonitor+"="+info.MonitorAddress,
		pulumi.EnvEngine+"="+engineAddr,
		pulumi.EnvProject+"="+info.Project,
		pulumi.EnvStack+"="+info.Stack,
		pulumi.EnvConfig+"="+string(cfgJSON),
		pulumi.EnvConfigSecretKeys+"="+string(secretJSON),
		pulumi.EnvDryRun+"="+strconv.FormatBool(info.DryRun),
		pulumi.EnvParallel+"="+strconv.Itoa(int(info.Parallel)),
	)
	out, err := cmd.CombinedOutput()
	logged := stop()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s%s", p.Binary, err, out, logged)
	}
	return nil
}

// Synth is synth's plan of the program: synth.Run in-process, or the built
// program's `synth --out` (synth.Main).
func Synth(p Program) (*plan.Plan, error) {
	if p.Binary != "" {
		out, err := os.CreateTemp("", "enginetest-plan-*.json")
		if err != nil {
			return nil, err
		}
		out.Close()
		defer os.Remove(out.Name())
		cmd := exec.Command(p.Binary, "synth", "--stack", p.Stack, "--out", out.Name())
		cmd.Dir = p.Dir
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("%s synth: %w\n%s", p.Binary, err, b)
		}
		return plan.Read(out.Name())
	}
	if p.Dir != "" {
		chdir.Lock()
		defer chdir.Unlock()
		back, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if err := os.Chdir(p.Dir); err != nil {
			return nil, err
		}
		defer func() { _ = os.Chdir(back) }()
	}
	return synth.Run(p.Run, synth.Options{Project: p.Project, Stack: p.Stack, Config: p.Config, SecretKeys: p.SecretKeys})
}
