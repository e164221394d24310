package cli

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/schedkit/schedkit/plan"
)

// How `diff --base` gets the plan of a commit: the commit's files are
// exported once (git archive) into a cache folder named by the commit; its
// program is built once and kept beside them; each stack runs that binary
// with `synth --out` in the exported project folder. A commit never changes,
// so neither does what is built from it: the second stack, and any later
// diff against the same commit, only runs the binary.
//
// The build runs in the repository itself, with a go build -overlay that
// puts back the commit's version of every file that differs from it (and
// hides files the commit does not have). Packages the change did not touch
// are then the very packages, in the very folders, that the working tree's
// own build compiled: the go build cache has them, and only what the change
// touched is compiled again, with this machine's module cache (no network).

// baseCacheEnv names the folder that holds the exported commits and their
// programs, instead of the user's cache folder (schedkit/diff-base in
// os.UserCacheDir).
const baseCacheEnv = "SCHEDKIT_DIFF_CACHE"

// baseCacheKeep is how many commits the cache keeps, the most recently used:
// each is the repository's files and a program binary (about 100 MB).
const baseCacheKeep = 4

// basePlan synthesizes the stack as it is at ref. found is false when ref
// names no commit.
func basePlan(dir, stack, ref, program string, stderr io.Writer) (p *plan.Plan, found bool, err error) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		// git reports the root with symlinks resolved; so must the folder
		// whose place under it is kept.
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return nil, false, err
	}
	root, err := gitRoot(abs)
	if err != nil {
		return nil, false, err
	}
	if !commitExists(root, ref) {
		return nil, false, nil
	}
	commit, err := git(root, "rev-parse", "--verify", ref+"^{commit}")
	if err != nil {
		return nil, true, err
	}
	commit = strings.TrimSpace(commit)
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return nil, false, err
	}
	baseRel, err := projectAt(root, ref, abs, rel, stack)
	if err != nil {
		return nil, true, err
	}
	if baseRel == "" {
		fmt.Fprintf(stderr, "note: %s has no Pulumi.yaml or Pulumi.%s.yaml in %s: every resource is new\n", ref, stack, rel)
		return &plan.Plan{Stack: stack, Resources: []plan.Resource{}, Outputs: map[string]any{}}, true, nil
	}
	if baseRel != rel {
		fmt.Fprintf(stderr, "note: at %s the project is in %s; it moved to %s since\n", ref, baseRel, rel)
	}

	cache, err := commitCache(commit)
	if err != nil {
		return nil, true, err
	}
	src, err := exportCommit(root, commit, cache)
	if err != nil {
		return nil, true, fmt.Errorf("base %s: %w", ref, err)
	}
	baseDir := filepath.Join(src, baseRel)
	if program == "" {
		if program, err = projectMain(baseDir); err != nil {
			return nil, true, fmt.Errorf("base %s: %w", ref, err)
		}
	}
	bin, err := buildProgram(root, src, baseRel, program, commit, cache, ref, stderr)
	if err != nil {
		return nil, true, fmt.Errorf("base %s: %w", ref, err)
	}
	tmp, err := os.MkdirTemp("", "schedkit-diff-")
	if err != nil {
		return nil, true, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "base.json")
	if err := synthAt(bin, baseDir, program, stack, out, stderr); err != nil {
		return nil, true, fmt.Errorf("base %s: %w", ref, err)
	}
	p, err = plan.Read(out)
	return p, true, err
}

// commitCache is the cache folder of one commit, created if need be and
// marked as just used; older commits beyond baseCacheKeep are removed.
func commitCache(commit string) (string, error) {
	top := os.Getenv(baseCacheEnv)
	if top == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			user = os.TempDir()
		}
		top = filepath.Join(user, "schedkit", "diff-base")
	}
	dir := filepath.Join(top, commit)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("the base cache: %w", err)
	}
	now := time.Now()
	_ = os.Chtimes(dir, now, now)
	pruneCache(top, commit)
	return dir, nil
}

// pruneCache removes all but the baseCacheKeep most recently used commits
// (keep among them). Failing to remove one is not the diff's concern.
func pruneCache(top, keep string) {
	entries, err := os.ReadDir(top)
	if err != nil {
		return
	}
	type used struct {
		name string
		at   time.Time
	}
	var all []used
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() && e.Name() != keep {
			all = append(all, used{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b used) int { return b.at.Compare(a.at) })
	for i, u := range all {
		if i >= baseCacheKeep-1 {
			_ = os.RemoveAll(filepath.Join(top, u.name))
		}
	}
}

// exportCommit writes the files of commit into cache/src once (git
// archive, so no worktree is registered in the repository) and returns
// that folder. The folder appears only complete: the files go to a
// temporary folder renamed into place.
func exportCommit(root, commit, cache string) (string, error) {
	src := filepath.Join(cache, "src")
	if _, err := os.Stat(src); err == nil {
		return src, nil
	}
	tmp, err := os.MkdirTemp(cache, "src-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("git", "-C", root, "archive", "--format=tar", commit)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	archive, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	untarErr := untar(archive, tmp)
	_, _ = io.Copy(io.Discard, archive)
	if err := cmd.Wait(); err != nil {
		return "", fmt.Errorf("git archive %s: %v: %s", commit, err, strings.TrimSpace(errOut.String()))
	}
	if untarErr != nil {
		return "", fmt.Errorf("exporting %s: %w", commit, untarErr)
	}
	if err := os.Rename(tmp, src); err != nil {
		if _, statErr := os.Stat(src); statErr == nil {
			return src, nil // another diff exported it meanwhile
		}
		return "", err
	}
	return src, nil
}

// untar writes the files of a tar stream (as git archive writes it) under
// dir.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(h.Name, "/")
		if h.Typeflag == tar.TypeXGlobalHeader || name == "" {
			continue
		}
		if !filepath.IsLocal(name) {
			return fmt.Errorf("the archive names %q, outside the repository", h.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(target, 0o755)
		case tar.TypeReg:
			err = writeFile(target, tr, os.FileMode(h.Mode).Perm()|0o600)
		case tar.TypeSymlink:
			if err = os.MkdirAll(filepath.Dir(target), 0o755); err == nil {
				err = os.Symlink(h.Linkname, target)
			}
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(path string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// buildProgram builds the program package (program, relative to the
// project folder rel of the repository at root) as it is at commit, once
// per commit and program, and returns the binary's path. src is the
// commit's exported files.
func buildProgram(root, src, rel, program, commit, cache, ref string, stderr io.Writer) (string, error) {
	where := filepath.ToSlash(filepath.Join(rel, program))
	if strings.HasPrefix(where, "../") || filepath.IsAbs(program) {
		return "", fmt.Errorf("the program %s is outside the repository", program)
	}
	sum := sha256.Sum256([]byte(where))
	bin := filepath.Join(cache, "program-"+hex.EncodeToString(sum[:6]))
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	fmt.Fprintf(stderr, "note: building the base program %s at %s, once for this commit\n", where, ref)
	overlay, err := writeOverlay(root, src, commit, cache)
	if err != nil {
		return "", err
	}
	defer os.Remove(overlay)
	tmp := bin + fmt.Sprintf(".%d.tmp", os.Getpid())
	defer os.Remove(tmp)
	pkg := packagePath(where)
	cmd := exec.Command("go", "build", "-buildvcs=false", "-overlay", overlay, "-o", tmp, pkg)
	cmd.Dir = root
	cmd.Env = baseEnv()
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &errOut, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build %s failed (%v); use --program to name the base's program package:\n%s", packagePath(program), err, indent(tail(errOut.String(), 20)))
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", err
	}
	return bin, nil
}

// writeOverlay writes the go build -overlay file that makes the repository
// at root read as it is at commit: each file the working tree changed or
// deleted since the commit is backed by the commit's copy in src, and each
// file it added (Go files and modules among the untracked ones too) is
// hidden.
func writeOverlay(root, src, commit, cache string) (string, error) {
	changed, err := git(root, "diff", "--no-renames", "--name-status", "-z", commit, "--")
	if err != nil {
		return "", err
	}
	untracked, err := git(root, "ls-files", "--others", "-z", "--", "*.go", "*go.mod", "*go.sum")
	if err != nil {
		return "", err
	}
	replace := map[string]string{}
	fields := strings.Split(changed, "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		status, file := fields[i], filepath.FromSlash(fields[i+1])
		if strings.HasPrefix(status, "A") {
			replace[filepath.Join(root, file)] = ""
		} else {
			replace[filepath.Join(root, file)] = filepath.Join(src, file)
		}
	}
	for _, file := range strings.Split(untracked, "\x00") {
		if file != "" {
			replace[filepath.Join(root, filepath.FromSlash(file))] = ""
		}
	}
	b, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(cache, "overlay-*.json")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// packagePath makes a program folder relative to the project a package
// path for the go command ("./prog", not the import path "prog").
func packagePath(program string) string {
	pkg := filepath.ToSlash(filepath.Clean(program))
	if !filepath.IsAbs(pkg) && pkg != "." && !strings.HasPrefix(pkg, "../") {
		pkg = "./" + pkg
	}
	return pkg
}

// synthAt runs the base program bin (built from program) as `synth --stack
// S --dir dir --out out` in dir. Exit status 1 with the plan written is a
// policy violation at the base, which must not block the diff; any other
// failure is the base program's, reported with the end of what it printed.
func synthAt(bin, dir, program, stack, out string, stderr io.Writer) error {
	cmd := exec.Command(bin, "synth", "--stack", stack, "--dir", dir, "--out", out)
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
		return fmt.Errorf("%s synth failed (%v); use --program to name the base's program package:\n%s", packagePath(program), err, indent(tail(errOut.String(), 20)))
	}
}

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
