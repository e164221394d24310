package synth

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"gopkg.in/yaml.v3"
)

// projectFile is the part of Pulumi.yaml synth reads.
type projectFile struct {
	Name    string                   `yaml:"name"`
	Runtime any                      `yaml:"runtime"`
	Config  map[string]projectConfig `yaml:"config"`
}

// projectConfig is one entry of Pulumi.yaml's config schema.
type projectConfig struct {
	Type        string `yaml:"type"`
	Description string `yaml:"description"`
	Default     any    `yaml:"default"`
	Value       any    `yaml:"value"`
	Secret      bool   `yaml:"secret"`
}

type stackFile struct {
	Config map[string]any `yaml:"config"`
}

// LoadStack reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml — the files
// `pulumi up -s <stack>` reads — and returns the Options to run that stack
// with. Project-schema defaults apply under stack values; keys without a
// namespace belong to the project. Secure values cannot be decrypted offline:
// each becomes the placeholder "[secret]" and is marked secret.
func LoadStack(dir, stack string) (Options, error) {
	var proj projectFile
	if err := readYAML(filepath.Join(dir, "Pulumi.yaml"), &proj); err != nil {
		return Options{}, err
	}
	if proj.Name == "" {
		return Options{}, fmt.Errorf("synth: %s has no project name", filepath.Join(dir, "Pulumi.yaml"))
	}
	var st stackFile
	stackPath := filepath.Join(dir, "Pulumi."+stack+".yaml")
	if err := readYAML(stackPath, &st); err != nil {
		return Options{}, err
	}
	fullKey := func(k string) string {
		if strings.Contains(k, ":") {
			return k
		}
		return proj.Name + ":" + k
	}
	if err := undeclared(proj, st, stackPath, fullKey); err != nil {
		return Options{}, err
	}
	opts := Options{Project: proj.Name, Stack: stack, Config: map[string]string{}}
	secret := map[string]bool{}
	for k, c := range proj.Config {
		v := c.Value
		if v == nil {
			v = c.Default
		}
		if c.Secret {
			secret[fullKey(k)] = true
		}
		if v == nil {
			continue
		}
		s, err := configString(v)
		if err != nil {
			return Options{}, fmt.Errorf("synth: Pulumi.yaml config %q: %w", k, err)
		}
		opts.Config[fullKey(k)] = s
	}
	for k, v := range st.Config {
		key := fullKey(k)
		if m, ok := v.(map[string]any); ok && len(m) == 1 && m["secure"] != nil {
			opts.Config[key] = Secret
			secret[key] = true
			continue
		}
		s, err := configString(v)
		if err != nil {
			return Options{}, fmt.Errorf("synth: %s config %q: %w", stackPath, k, err)
		}
		opts.Config[key] = s
	}
	var missing []string
	for k, c := range proj.Config {
		key := fullKey(k)
		if _, ok := opts.Config[key]; !ok && c.Default == nil && c.Value == nil {
			// Pulumi refuses to run a stack that lacks a declared key
			// without a default; so does synth.
			missing = append(missing, key)
			continue
		}
		if err := checkType(key, c.Type, opts.Config[key]); err != nil {
			return Options{}, fmt.Errorf("synth: stack %s: %w", stack, err)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return Options{}, fmt.Errorf("synth: stack %s is missing required configuration %s (declared in Pulumi.yaml without a default)", stack, strings.Join(missing, ", "))
	}
	for k := range secret {
		opts.SecretKeys = append(opts.SecretKeys, k)
	}
	sort.Strings(opts.SecretKeys)
	return opts, nil
}

// undeclared refuses stack values in the project's namespace that
// Pulumi.yaml's config schema does not declare: a typo there would otherwise
// leave the real key at its default without a word (seen: prod's stream
// retention fell from 168 h to 24 h). A project without a schema is not
// checked.
func undeclared(proj projectFile, st stackFile, stackPath string, fullKey func(string) string) error {
	if len(proj.Config) == 0 {
		return nil
	}
	declared := map[string]bool{}
	var names []string
	for k := range proj.Config {
		declared[fullKey(k)] = true
		names = append(names, fullKey(k))
	}
	sort.Strings(names)
	var errs []error
	for k := range st.Config {
		key := fullKey(k)
		if !strings.HasPrefix(key, proj.Name+":") || declared[key] {
			continue
		}
		errs = append(errs, fmt.Errorf("%s sets %s, which Pulumi.yaml does not declare; did you mean %s?",
			stackPath, key, closest(key, names)))
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("synth: %w", errs[0])
	}
	return fmt.Errorf("synth: %w", problems(errs))
}

// closest is the candidate with the smallest edit distance to s, ignoring case.
func closest(s string, candidates []string) string {
	best, bestDistance := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if bestDistance < 0 || d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func readYAML(path string, into any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := yaml.Unmarshal(b, into); err != nil {
		return fmt.Errorf("synth: parsing %s: %w", path, err)
	}
	return nil
}

// configString renders a YAML value the way the engine passes config to a
// program: strings as they are, everything else as JSON.
func configString(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// checkType enforces the project schema's declared type on a value.
func checkType(key, typ, value string) error {
	if value == Secret {
		return nil
	}
	switch typ {
	case "", "string":
		return nil
	case "integer":
		var n json.Number
		if err := json.Unmarshal([]byte(value), &n); err != nil || strings.ContainsAny(value, ".eE") {
			return fmt.Errorf("config %q is %q, not an integer", key, value)
		}
		return nil
	case "boolean":
		if value != "true" && value != "false" {
			return fmt.Errorf("config %q is %q, not a boolean", key, value)
		}
		return nil
	case "array":
		var a []any
		if err := json.Unmarshal([]byte(value), &a); err != nil {
			return fmt.Errorf("config %q is not an array", key)
		}
		return nil
	}
	return fmt.Errorf("config %q has unknown schema type %q", key, typ)
}

// RunStack synthesizes program as the stack the files in dir describe.
// The program runs in dir, as Pulumi runs a program in its project's
// folder, so paths it reads relative to it (a function's code, say) resolve
// the same way with --dir as with `pulumi up`. Paths given on the command
// line (--out, --usage) stay relative to where the command was started:
// they are read or written outside this function.
func RunStack(program pulumi.RunFunc, dir, stack string) (plan *Plan, err error) {
	opts, err := LoadStack(dir, stack)
	if err != nil {
		return nil, err
	}
	back, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if err := os.Chdir(dir); err != nil {
		return nil, fmt.Errorf("synth: running the program in %s: %w", dir, err)
	}
	defer func() {
		if cerr := os.Chdir(back); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return Run(program, opts)
}
