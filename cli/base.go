package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// The git and go commands `diff --base` runs: the base is built from its own
// sources in a temporary worktree, with the module cache and build cache of
// this machine, so no network is needed for modules the working tree uses.

// gitRoot is the top folder of the git repository dir is in.
func gitRoot(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("--base needs a git repository: %w", err)
	}
	return strings.TrimSpace(out), nil
}

// commitExists says whether ref names a commit (HEAD~1 of a first commit
// does not).
func commitExists(root, ref string) bool {
	_, err := git(root, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	return err == nil
}

// addWorktree checks ref out, detached, at path.
func addWorktree(root, path, ref string) error {
	if _, err := git(root, "worktree", "add", "--detach", path, ref); err != nil {
		return fmt.Errorf("checking out %s: %w", ref, err)
	}
	return nil
}

// removeWorktree removes the worktree at path, even with changes in it.
func removeWorktree(root, path string) error {
	if _, err := git(root, "worktree", "remove", "--force", path); err != nil {
		_, _ = git(root, "worktree", "prune")
		return fmt.Errorf("removing the base worktree: %w", err)
	}
	return nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return stdout.String(), nil
}

// projectAt is the folder, relative to the repository's root, of the
// project in dir (rel from the root) as it is at commit ref: rel itself when
// ref has the project's Pulumi.yaml and the stack's file there; otherwise
// the one folder of ref whose Pulumi.yaml names the same project and which
// has the stack's file (the project moved since); "" when there is none.
func projectAt(root, ref, dir, rel, stack string) (string, error) {
	has := func(folder, file string) bool {
		_, err := git(root, "cat-file", "-e", ref+":"+path.Join(filepath.ToSlash(folder), file))
		return err == nil
	}
	if has(rel, "Pulumi.yaml") && has(rel, "Pulumi."+stack+".yaml") {
		return rel, nil
	}
	name, err := projectName(os.ReadFile(filepath.Join(dir, "Pulumi.yaml")))
	if err != nil {
		return "", err
	}
	files, err := git(root, "ls-tree", "-r", "--name-only", ref)
	if err != nil {
		return "", err
	}
	var found []string
	for _, f := range strings.Split(strings.TrimSpace(files), "\n") {
		if path.Base(f) != "Pulumi.yaml" {
			continue
		}
		folder := path.Dir(f)
		text, err := git(root, "show", ref+":"+f)
		if err != nil {
			return "", err
		}
		if other, err := projectName([]byte(text), nil); err == nil && other == name && has(folder, "Pulumi."+stack+".yaml") {
			found = append(found, folder)
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return filepath.FromSlash(found[0]), nil
	}
	return "", fmt.Errorf("%s has %d projects named %s with a stack %s (%s): cannot tell which to compare with", ref, len(found), name, stack, strings.Join(found, ", "))
}

// projectName is the `name:` of a Pulumi.yaml's text.
func projectName(text []byte, err error) (string, error) {
	if err != nil {
		return "", err
	}
	var proj struct {
		Name string `yaml:"name"`
	}
	if err := yaml.Unmarshal(text, &proj); err != nil {
		return "", fmt.Errorf("Pulumi.yaml: %w", err)
	}
	return proj.Name, nil
}

// projectMain is the program folder Pulumi.yaml in dir names (`main:`),
// relative to dir; "." when it names none.
func projectMain(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return "", err
	}
	var proj struct {
		Main string `yaml:"main"`
	}
	if err := yaml.Unmarshal(b, &proj); err != nil {
		return "", fmt.Errorf("Pulumi.yaml: %w", err)
	}
	if proj.Main == "" {
		return ".", nil
	}
	return proj.Main, nil
}

// synthAt runs `go run ./<program> synth --stack S --dir dir --out out` in
// dir. Exit status 1 with the plan written is a policy violation at the
// base, which must not block the diff; any other failure is the base
// program's, reported with the end of what it printed.
func synthAt(dir, program, stack, out string, stderr io.Writer) error {
	pkg := filepath.ToSlash(filepath.Clean(program))
	if !filepath.IsAbs(pkg) && pkg != "." && !strings.HasPrefix(pkg, "../") {
		pkg = "./" + pkg // a package path, not an import path
	}
	cmd := exec.Command("go", "run", pkg, "synth", "--stack", stack, "--dir", dir, "--out", out)
	cmd.Dir = dir
	cmd.Env = baseEnv()
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() == 1 && nonEmpty(out):
		fmt.Fprintf(stderr, "note: the base plan has policy violations (not this diff's concern):\n%s", indent(tail(errOut.String(), 10)))
		return nil
	default:
		return fmt.Errorf("go run %s synth failed (%v); use --program to name the base's program package:\n%s", pkg, err, indent(tail(errOut.String(), 20)))
	}
}

// baseEnv is this process's environment for the base program, without the
// variables that would make it behave as the engine's or as a supervised
// child.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == childEnv || name == "PULUMI_MONITOR" || name == "PULUMI_ENGINE" {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func nonEmpty(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Size() > 0
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func indent(s string) string {
	if strings.TrimSpace(s) == "" {
		return "  (no output)\n"
	}
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}
