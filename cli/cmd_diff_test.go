package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/synth"
)

const dataBucketURN = "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::data"

// bucketProgram names its bucket and sets its queue's retention.
func bucketProgram(bucket string, retention int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		if _, err := s3.NewBucket(ctx, "data", &s3.BucketArgs{Bucket: pulumi.String(bucket)}); err != nil {
			return err
		}
		_, err := sqs.NewQueue(ctx, "work", &sqs.QueueArgs{MessageRetentionSeconds: pulumi.Int(retention)})
		return err
	}
}

// planFiles writes the plans of two programs and returns their paths.
func planFiles(t *testing.T, before, after pulumi.RunFunc) (string, string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, program := range []pulumi.RunFunc{before, after} {
		p := mustRun(t, program, synth.Options{Project: "shop", Stack: "prod"})
		b, err := p.JSON()
		require.NoError(t, err)
		path := filepath.Join(dir, []string{"before.json", "after.json"}[i])
		require.NoError(t, os.WriteFile(path, b, 0o644))
		paths = append(paths, path)
	}
	return paths[0], paths[1]
}

func diffCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Command(append([]string{"diff"}, args...), nil, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDiff_statefulReplaceFailsUntilAcknowledged(t *testing.T) {
	from, to := planFiles(t, bucketProgram("acme-data", 345600), bucketProgram("acme-data-v2", 1209600))
	dir := t.TempDir()

	code, out, errOut := diffCmd("--from", from, "--to", to, "--dir", dir)
	assert.Equal(t, 1, code, errOut)
	assert.Contains(t, errOut, "1 stateful resource(s) would be lost without an acknowledgement in "+filepath.Join(dir, "schedkit-acknowledged.yaml"))
	assert.Regexp(t, `(?m)^ \+-\s+aws:s3/bucket:Bucket\s+data\s+replace\s+STATEFUL \[diff: ~bucket\]$`, out)
	assert.Regexp(t, `(?m)^ ~\s+aws:sqs/queue:Queue\s+work\s+update\s+\[diff: ~messageRetentionSeconds\]$`, out)
	assert.Contains(t, out, `~ bucket: "acme-data" → "acme-data-v2"`)
	assert.Contains(t, out, "replaced: bucket forces a new resource (terraform aws_s3_bucket: bucket, forces new resource)")
	assert.Contains(t, out, "STATEFUL: loses its objects")
	assert.Contains(t, out, "WARNING: 1 stateful resource(s) would be lost, 1 not acknowledged:")
	assert.Contains(t, out, "    - stack: prod\n      urn: \""+dataBucketURN+"\"\n      reason: <why this loss is intended>")
	assert.Contains(t, out, "    ~  1 to update\n    +- 1 to replace\n       0 unchanged")

	code, _, errOut = diffCmd("--from", from, "--to", to, "--dir", dir, "--fail-on", "none")
	assert.Equal(t, 0, code, errOut)

	// Acknowledged for this stack, the loss passes and the reason is shown.
	ack := filepath.Join(dir, "schedkit-acknowledged.yaml")
	require.NoError(t, os.WriteFile(ack, []byte("acknowledged:\n"+
		"  - stack: prod\n    urn: \""+dataBucketURN+"\"\n    reason: data moved to the v2 bucket (OPS-1)\n"), 0o644))
	code, out, errOut = diffCmd("--from", from, "--to", to, "--dir", dir)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "acknowledged: data moved to the v2 bucket (OPS-1)")
	assert.Contains(t, out, "1 stateful resource(s) would be lost, 0 not acknowledged")

	// An acknowledgement for another stack does not count.
	require.NoError(t, os.WriteFile(ack, []byte("acknowledged:\n"+
		"  - stack: dev\n    urn: \""+dataBucketURN+"\"\n    reason: dev only\n"), 0o644))
	code, _, _ = diffCmd("--from", from, "--to", to, "--dir", dir)
	assert.Equal(t, 1, code)

	// An entry without a reason is an error, whatever the diff.
	require.NoError(t, os.WriteFile(ack, []byte("acknowledged:\n  - stack: prod\n    urn: \""+dataBucketURN+"\"\n"), 0o644))
	code, _, errOut = diffCmd("--from", from, "--to", to, "--ack", ack, "--fail-on", "none")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "entry 1 (urn \""+dataBucketURN+"\") has no reason")
}

func TestDiff_markdownAndJSON(t *testing.T) {
	from, to := planFiles(t, bucketProgram("acme-data", 345600), bucketProgram("acme-data-v2", 1209600))
	dir := t.TempDir()

	code, out, _ := diffCmd("--from", from, "--to", to, "--dir", dir, "--format", "markdown", "--fail-on", "none")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "### schedkit diff: `prod`, "+from+" → "+to)
	assert.Contains(t, out, "> [!CAUTION]\n> **1 stateful resource(s) would be lost and are not acknowledged.**")
	assert.Contains(t, out, "1 to update, 1 to replace, 0 unchanged.")
	assert.Contains(t, out, "| | Change | Type | Name | Details |\n|---|---|---|---|---|\n")
	assert.Contains(t, out, "| 🛑 | `+-` replace | `aws:s3/bucket:Bucket` | `data` | replaced: bucket forces a new resource")
	assert.Contains(t, out, "|  | `~` update | `aws:sqs/queue:Queue` | `work` | ~ messageRetentionSeconds: 345600 → 1209600 |")

	code, out, _ = diffCmd("--from", from, "--to", to, "--dir", dir, "--format", "json")
	assert.Equal(t, 1, code, "the gate applies to every format")
	var doc struct {
		Stack   string `json:"stack"`
		Changes []struct {
			Kind string `json:"kind"`
			URN  string `json:"urn"`
		} `json:"changes"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "prod", doc.Stack)
	require.Len(t, doc.Changes, 2)
	assert.Equal(t, "replace", doc.Changes[0].Kind)
	assert.Equal(t, dataBucketURN, doc.Changes[0].URN)
}

func TestDiff_badUsage(t *testing.T) {
	from, to := planFiles(t, bucketProgram("a-bucket", 60), bucketProgram("a-bucket", 60))
	for name, args := range map[string][]string{
		"nothing":            {},
		"base without stack": {"--base", "HEAD"},
		"base and files":     {"--stack", "prod", "--base", "HEAD", "--from", from, "--to", to},
		"one file":           {"--from", from},
		"format":             {"--from", from, "--to", to, "--format", "html"},
		"fail-on":            {"--from", from, "--to", to, "--fail-on", "all"},
		"argument":           {"--from", from, "--to", to, "extra"},
	} {
		code, _, errOut := diffCmd(args...)
		assert.Equal(t, 2, code, name)
		assert.Contains(t, errOut, "usage: diff", name)
	}
	code, _, errOut := diffCmd("--stack", "dev", "--from", from, "--to", to)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, `--stack dev: the plans are of stacks "prod" and "prod"`)
	code, _, errOut = diffCmd("--from", filepath.Join(t.TempDir(), "none.json"), "--to", to)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "reading plan")
}

// fakeProgram stands for a program's `synth --out` at the base: it writes
// a plan with the bucket named in bucket.txt of --dir, fails when --dir has
// a file "fail", and writes its plan but exits 1 (a policy violation) when
// it has "violate". It uses only the standard library, so `go build` builds
// it in a moment.
const fakeProgram = `package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	stack := fs.String("stack", "", "")
	dir := fs.String("dir", "", "")
	out := fs.String("out", "", "")
	fs.Parse(os.Args[2:])
	if _, err := os.Stat(filepath.Join(*dir, "fail")); err == nil {
		fmt.Fprintln(os.Stderr, "error: boom at the base")
		os.Exit(2)
	}
	b, _ := os.ReadFile(filepath.Join(*dir, "bucket.txt"))
	plan := fmt.Sprintf(` + "`" + `{"project":"shop","stack":%q,"outputs":{},"resources":[{"urn":"urn:pulumi:%s::shop::aws:s3/bucket:Bucket::data","type":"aws:s3/bucket:Bucket","name":"data","custom":true,"parent":"","dependencies":[],"protect":false,"retainOnDelete":false,"inputs":{"bucket":%q},"outputs":{}}]}` + "`" + `, *stack, *stack, strings.TrimSpace(string(b)))
	os.WriteFile(*out, []byte(plan), 0o644)
	if _, err := os.Stat(filepath.Join(*dir, "violate")); err == nil {
		fmt.Fprintln(os.Stderr, "1 policy violation(s)")
		os.Exit(1)
	}
}
`

// gitRepo makes a repository whose stack lives in infra/ (Pulumi.yaml main:
// ../prog, the fake program) and returns its root and a function that
// writes files under infra/ and commits them.
func gitRepo(t *testing.T) (string, func(files map[string]string)) {
	t.Helper()
	root := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	write := func(path, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, path)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, path), []byte(text), 0o644))
	}
	run("init", "-q")
	write("go.mod", "module example.com/fake\n\ngo 1.21\n")
	write("prog/main.go", fakeProgram)
	write("infra/Pulumi.yaml", "name: shop\nruntime: go\nmain: ../prog\n")
	write("infra/Pulumi.prod.yaml", "config: {}\n")
	commit := func(files map[string]string) {
		for path, text := range files {
			if text == "" {
				require.NoError(t, os.Remove(filepath.Join(root, "infra", path)))
				continue
			}
			write(filepath.Join("infra", path), text)
		}
		run("add", "-A")
		run("commit", "-q", "-m", "change")
	}
	return root, commit
}

func worktrees(t *testing.T, root string) int {
	out, err := exec.Command("git", "-C", root, "worktree", "list", "--porcelain").Output()
	require.NoError(t, err)
	return strings.Count(string(out), "worktree ")
}

// The --base path end to end: a real repository, the ref's files exported
// into the cache (no worktree registered), Pulumi.yaml's main built there
// once per commit (the fake program), the working tree synthesized in this
// process.
func TestDiff_baseRefBuiltOncePerCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cache := t.TempDir()
	t.Setenv(baseCacheEnv, cache)
	root, commit := gitRepo(t)
	infra := filepath.Join(root, "infra")
	working := bucketProgram("acme-data-v2", 60)
	base := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Command(append([]string{"diff", "--stack", "prod", "--dir", infra}, args...), working, &out, &errOut)
		return code, out.String(), errOut.String()
	}

	commit(map[string]string{"bucket.txt": "acme-data\n"})
	// A first commit has no parent: nothing to compare, no failure.
	code, out, errOut := base("--base", "HEAD~1")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "no base: HEAD~1 is not a commit of this repository")

	// The base names the bucket acme-data, the working tree acme-data-v2:
	// a stateful replace, which fails the run. The queue is new.
	code, out, errOut = base("--base", "HEAD")
	assert.Equal(t, 1, code, errOut)
	assert.Contains(t, errOut, "note: building the base program prog at HEAD, once for this commit")
	assert.Contains(t, out, "schedkit diff prod: HEAD → working tree")
	assert.Regexp(t, `(?m)^ \+-\s+aws:s3/bucket:Bucket\s+data\s+replace`, out)
	assert.Regexp(t, `(?m)^ \+\s+aws:sqs/queue:Queue\s+work\s+create`, out)
	assert.Contains(t, out, `~ bucket: "acme-data" → "acme-data-v2"`)
	assert.Equal(t, 1, worktrees(t, root), "no worktree is left registered")

	// The same commit again: exported and built already, the binary only
	// runs. The cache holds that one commit.
	head := strings.TrimSpace(gitOut(t, root, "rev-parse", "HEAD"))
	bins, err := filepath.Glob(filepath.Join(cache, head, "program-*"))
	require.NoError(t, err)
	require.Len(t, bins, 1)
	built, err := os.Stat(bins[0])
	require.NoError(t, err)
	code, out, errOut = base("--base", "HEAD")
	assert.Equal(t, 1, code, errOut)
	assert.NotContains(t, errOut, "building", "the commit's program is built once")
	assert.Regexp(t, `(?m)^ \+-\s+aws:s3/bucket:Bucket\s+data\s+replace`, out)
	again, err := os.Stat(bins[0])
	require.NoError(t, err)
	assert.Equal(t, built.ModTime(), again.ModTime())

	// A base plan with a policy violation still compares.
	commit(map[string]string{"bucket.txt": "acme-data-v2\n", "violate": "x"})
	code, out, errOut = base("--base", "HEAD")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "note: building the base program", "a new commit is built anew")
	assert.Contains(t, errOut, "note: the base plan has policy violations")
	assert.Regexp(t, `(?m)^ \+\s+aws:sqs/queue:Queue\s+work\s+create`, out)
	assert.NotContains(t, out, "replace")

	// A base program that fails is reported as such.
	commit(map[string]string{"violate": "", "fail": "x"})
	code, _, errOut = base("--base", "HEAD")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "error: base HEAD: ../prog synth failed")
	assert.Contains(t, errOut, "error: boom at the base")

	// --program names another package (relative to --dir); the previous
	// commit's fake works again, and a package that is not there does not
	// build.
	code, _, errOut = base("--base", "HEAD~1", "--program", "../prog")
	assert.Equal(t, 0, code, errOut)
	code, _, errOut = base("--base", "HEAD~1", "--program", "../nowhere")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "error: base HEAD~1: go build ../nowhere failed")
	assert.Equal(t, 1, worktrees(t, root))

	// Only the most recently used commits stay in the cache.
	entries, err := os.ReadDir(cache)
	require.NoError(t, err)
	assert.LessOrEqual(t, len(entries), baseCacheKeep)
}

func gitOut(t *testing.T, root string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", root}, args...)...).Output()
	require.NoError(t, err)
	return string(out)
}

func TestDiff_showsWhatTheChangeDoesToTheMonthlyCost(t *testing.T) {
	withKeyAndAlarm := func(ctx *pulumi.Context) error {
		if err := bucketProgram("acme-data", 345600)(ctx); err != nil {
			return err
		}
		if _, err := kms.NewKey(ctx, "data-key", &kms.KeyArgs{EnableKeyRotation: pulumi.Bool(true)}); err != nil {
			return err
		}
		_, err := cloudwatch.NewMetricAlarm(ctx, "work-depth", &cloudwatch.MetricAlarmArgs{
			ComparisonOperator: pulumi.String("GreaterThanThreshold"), EvaluationPeriods: pulumi.Int(1),
			MetricName: pulumi.String("ApproximateNumberOfMessagesVisible"), Namespace: pulumi.String("AWS/SQS"),
			Period: pulumi.Int(300), Statistic: pulumi.String("Maximum"), Threshold: pulumi.Float64(0),
		})
		return err
	}
	from, to := planFiles(t, bucketProgram("acme-data", 345600), withKeyAndAlarm)
	// A customer managed key is $1.00 a month, a standard alarm $0.10
	// (cost/prices.go, us-east-1).
	code, out, errOut := diffCmd("--from", from, "--to", to)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "\nMonthly cost: $0.00 → $1.10 (+$1.10/month), by schedkit cost at its default usage.\n")

	code, out, _ = diffCmd("--from", to, "--to", from, "--format", "markdown", "--fail-on", "none")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "\n**Monthly cost:** $1.10 → $0.00 (-$1.10/month), by schedkit cost at its default usage.\n")

	_, out, _ = diffCmd("--from", from, "--to", to, "--format", "json")
	assert.NotContains(t, out, "Monthly cost", "JSON is the report alone")
}

// A project that moved since the base (here infra/ → deploy/platform/) is
// compared with where the base has it: the folder whose Pulumi.yaml names
// the same project, not "every resource is new".
func TestDiff_baseFindsAProjectThatMoved(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv(baseCacheEnv, t.TempDir())
	root, commit := gitRepo(t)
	commit(map[string]string{"bucket.txt": "acme-data\n"})
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(root, "deploy"), 0o755))
	git("mv", "infra", "deploy/platform")
	require.NoError(t, os.WriteFile(filepath.Join(root, "deploy/platform/Pulumi.yaml"), []byte("name: shop\nruntime: go\nmain: ../../prog\n"), 0o644))
	git("add", "-A")
	git("commit", "-q", "-m", "move the project")

	var out, errOut bytes.Buffer
	code := Command([]string{"diff", "--stack", "prod", "--dir", filepath.Join(root, "deploy/platform"), "--base", "HEAD~1"},
		bucketProgram("acme-data", 60), &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, errOut.String(), "note: at HEAD~1 the project is in infra; it moved to "+filepath.Join("deploy", "platform")+" since")
	assert.NotContains(t, errOut.String(), "every resource is new")
	assert.NotRegexp(t, `(?m)^ \+\s+aws:s3/bucket:Bucket`, out.String(), "the bucket was there at the base")
	assert.Regexp(t, `(?m)^ \+\s+aws:sqs/queue:Queue\s+work\s+create`, out.String())
	assert.Equal(t, 1, worktrees(t, root))

	// Two projects of that name with the stack at the base: no guess.
	git("checkout", "-q", "HEAD~1")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "copy"), 0o755))
	for _, f := range []string{"Pulumi.yaml", "Pulumi.prod.yaml", "bucket.txt"} {
		b, err := os.ReadFile(filepath.Join(root, "infra", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(root, "copy", f), b, 0o644))
	}
	git("add", "-A")
	git("commit", "-q", "-m", "a second copy")
	git("tag", "twice")
	git("checkout", "-q", "-")
	out.Reset()
	errOut.Reset()
	code = Command([]string{"diff", "--stack", "prod", "--dir", filepath.Join(root, "deploy/platform"), "--base", "twice"},
		bucketProgram("acme-data", 60), &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "twice has 2 projects named shop with a stack prod (copy, infra): cannot tell which to compare with")
}

// A change pulumi up refuses (a protected bucket replaced) fails the diff
// even when the loss is acknowledged: acknowledging does not make the
// update pass, and without a preview it would delete first.
func TestDiff_refusedChangeFailsWhateverIsAcknowledged(t *testing.T) {
	protected := func(bucket string) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			_, err := s3.NewBucket(ctx, "data", &s3.BucketArgs{Bucket: pulumi.String(bucket)}, pulumi.Protect(true))
			return err
		}
	}
	from, to := planFiles(t, protected("acme-data"), protected("acme-data-v2"))
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "schedkit-acknowledged.yaml"), []byte("acknowledged:\n"+
		"  - stack: prod\n    urn: \""+dataBucketURN+"\"\n    reason: data moved to the v2 bucket (OPS-1)\n"), 0o644))
	code, out, errOut := diffCmd("--from", from, "--to", to, "--dir", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "UPDATE WILL FAIL: pulumi up refuses to delete or replace 1 protected resource(s):\n  data\n")
	assert.Contains(t, errOut, "diff: pulumi up will fail on 1 protected resource(s), with or without a preview before deleting anything")
}

// The base program is built in the repository through an overlay: what the
// working tree changed in the program's sources, what it added (untracked
// files too) and what it deleted must not leak into the base's binary.
func TestDiff_baseIsBuiltFromTheCommitNotTheWorkingTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv(baseCacheEnv, t.TempDir())
	root, commit := gitRepo(t)
	// At the commit, main.go needs name.go.
	main := filepath.Join(root, "prog", "main.go")
	require.NoError(t, os.WriteFile(main, []byte(strings.Replace(fakeProgram, "func main() {", "func main() {\n\t_ = stackNote", 1)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "prog", "name.go"), []byte("package main\n\nconst stackNote = \"\"\n"), 0o644))
	commit(map[string]string{"bucket.txt": "acme-data\n"})

	b, err := os.ReadFile(main)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(main, []byte(strings.Replace(string(b), "func main() {", "func main() {\n\tpanic(\"the working tree's program\")", 1)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(root, "prog", "extra.go"), []byte("package main\n\nfunc init() { panic(\"an untracked file\") }\n"), 0o644))
	require.NoError(t, os.Remove(filepath.Join(root, "prog", "name.go"))) // deleted since, and needed by the base

	var out, errOut bytes.Buffer
	code := Command([]string{"diff", "--stack", "prod", "--dir", filepath.Join(root, "infra"), "--base", "HEAD"},
		bucketProgram("acme-data", 60), &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, errOut.String(), "note: building the base program prog at HEAD")
	assert.NotContains(t, errOut.String(), "panic")
	assert.NotRegexp(t, `(?m)BucketV2\s+data\s+(create|replace)`, out.String(), "the base, built from the commit, has the same bucket")
	assert.Regexp(t, `(?m)^ \+\s+aws:sqs/queue:Queue\s+work\s+create`, out.String())
}
