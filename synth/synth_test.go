package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sns"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/internal/verify"
)

const (
	stackURN = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"
	trust    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
)

type component struct{ pulumi.ResourceState }

type customResource struct{ pulumi.CustomResourceState }

// hexOf is the first n hex characters of the URN's SHA-256: the auto-name
// suffix synth gives it, computed independently of synth.
func hexOf(urn string, n int) string {
	sum := sha256.Sum256([]byte(urn))
	return hex.EncodeToString(sum[:])[:n]
}

func mustRun(t *testing.T, program pulumi.RunFunc, opts Options) *Plan {
	t.Helper()
	plan, err := Run(program, opts)
	require.NoError(t, err)
	return plan
}

func mustFind(t *testing.T, p *Plan, typ, name string) Resource {
	t.Helper()
	r, ok := p.Find(typ, name)
	require.Truef(t, ok, "no %s %q in the plan", typ, name)
	return r
}

// componentProgram registers a component with three children: a queue, a
// retained and protected role, and a topic that depends on the queue.
func componentProgram(ctx *pulumi.Context) error {
	var c component
	if err := ctx.RegisterComponentResource("schedkit:test:Thing", "comp", &c); err != nil {
		return err
	}
	q, err := sqs.NewQueue(ctx, "comp-q", &sqs.QueueArgs{
		MessageRetentionSeconds: pulumi.Int(60),
		SqsManagedSseEnabled:    pulumi.Bool(true),
		Tags:                    pulumi.StringMap{"team": pulumi.String("data")},
	}, pulumi.Parent(&c))
	if err != nil {
		return err
	}
	if _, err := iam.NewRole(ctx, "comp-keep", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(trust),
	}, pulumi.Parent(&c), pulumi.RetainOnDelete(true), pulumi.Protect(true)); err != nil {
		return err
	}
	if _, err := sns.NewTopic(ctx, "comp-after", &sns.TopicArgs{}, pulumi.Parent(&c), pulumi.DependsOn([]pulumi.Resource{q})); err != nil {
		return err
	}
	return ctx.RegisterResourceOutputs(&c, pulumi.Map{})
}

func TestRun_recordsEveryResourceWithItsOptions(t *testing.T) {
	plan := mustRun(t, componentProgram, Options{Project: "p", Stack: "dev"})

	const (
		compURN  = "urn:pulumi:dev::p::schedkit:test:Thing::comp"
		queueURN = "urn:pulumi:dev::p::schedkit:test:Thing$aws:sqs/queue:Queue::comp-q"
		roleURN  = "urn:pulumi:dev::p::schedkit:test:Thing$aws:iam/role:Role::comp-keep"
		topicURN = "urn:pulumi:dev::p::schedkit:test:Thing$aws:sns/topic:Topic::comp-after"
	)
	var urns []string
	for _, r := range plan.Resources {
		urns = append(urns, r.URN)
	}
	assert.Equal(t, []string{roleURN, topicURN, queueURN, compURN}, urns, "every resource, sorted by URN, and no stack")

	comp := mustFind(t, plan, "schedkit:test:Thing", "comp")
	assert.Equal(t, Resource{
		URN: compURN, Type: "schedkit:test:Thing", Name: "comp", Custom: false, Parent: stackURN,
		Dependencies: []string{}, Aliases: []string{}, Inputs: map[string]any{}, Outputs: map[string]any{},
	}, comp)

	queueName := "comp-q-" + hexOf(queueURN, 7)
	queue := mustFind(t, plan, "aws:sqs/queue:Queue", "comp-q")
	assert.Equal(t, Resource{
		URN: queueURN, Type: "aws:sqs/queue:Queue", Name: "comp-q", Custom: true, Parent: compURN,
		Dependencies: []string{}, Aliases: []string{},
		Inputs: map[string]any{
			"messageRetentionSeconds": float64(60),
			"sqsManagedSseEnabled":    true,
			"tags":                    map[string]any{"team": "data"},
		},
		Outputs: map[string]any{
			"messageRetentionSeconds": float64(60),
			"sqsManagedSseEnabled":    true,
			"tags":                    map[string]any{"team": "data"},
			"arn":                     "arn:aws:sqs:us-east-1:123456789012:" + queueName,
			"id":                      "https://sqs.us-east-1.amazonaws.com/123456789012/" + queueName,
			"name":                    queueName,
			"url":                     "https://sqs.us-east-1.amazonaws.com/123456789012/" + queueName,
			"region":                  "us-east-1", // pulumi-aws v7 reports where a regional resource is managed
		},
	}, queue)

	role := mustFind(t, plan, "aws:iam/role:Role", "comp-keep")
	assert.Equal(t, compURN, role.Parent)
	assert.True(t, role.Protect)
	assert.True(t, role.RetainOnDelete)
	assert.Equal(t, trust, role.String("assumeRolePolicy"))
	assert.False(t, queue.Protect || queue.RetainOnDelete, "options do not leak to siblings")

	topic := mustFind(t, plan, "aws:sns/topic:Topic", "comp-after")
	assert.Equal(t, []string{queueURN}, topic.Dependencies)
	assert.False(t, topic.Protect)
}

func TestRun_recordsDataFlowAsADependency(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		q, err := sqs.NewQueue(ctx, "src", &sqs.QueueArgs{})
		if err != nil {
			return err
		}
		_, err = sqs.NewQueue(ctx, "dst", &sqs.QueueArgs{RedrivePolicy: pulumi.Sprintf(`{"deadLetterTargetArn":"%s"}`, q.Arn)})
		return err
	}, Options{Project: "p", Stack: "dev"})
	dst := mustFind(t, plan, "aws:sqs/queue:Queue", "dst")
	src := mustFind(t, plan, "aws:sqs/queue:Queue", "src")
	assert.Equal(t, []string{src.URN}, dst.Dependencies)
	assert.Equal(t, `{"deadLetterTargetArn":"`+src.Output("arn")+`"}`, dst.String("redrivePolicy"))
}

func TestRun_rendersSecretInputsAsPlaceholder(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		_, err := iam.NewRole(ctx, "r", &iam.RoleArgs{
			AssumeRolePolicy: pulumi.ToSecret(pulumi.String(trust)).(pulumi.StringOutput),
			Tags:             pulumi.StringMap{"token": pulumi.ToSecret(pulumi.String("hunter2")).(pulumi.StringOutput), "team": pulumi.String("data")},
		})
		return err
	}, Options{})
	role := mustFind(t, plan, "aws:iam/role:Role", "r")
	assert.Equal(t, Secret, role.Inputs["assumeRolePolicy"])
	assert.Equal(t, Secret, role.Outputs["assumeRolePolicy"])
	assert.Equal(t, "[secret]", Secret)

	b, err := plan.JSON()
	require.NoError(t, err)
	assert.NotContains(t, string(b), "hunter2")
	assert.NotContains(t, string(b), "sts:AssumeRole")
}

func TestRun_rendersAssetsAndArchivesAsPaths(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		if _, err := s3.NewBucketObjectv2(ctx, "obj", &s3.BucketObjectv2Args{
			Bucket: pulumi.String("b"),
			Source: pulumi.NewFileAsset("testdata/report.sql"),
		}); err != nil {
			return err
		}
		_, err := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{
			Role:    pulumi.String("arn:aws:iam::123456789012:role/r"),
			Code:    pulumi.NewFileArchive("build/fn.zip"),
			Runtime: pulumi.String("python3.12"),
			Handler: pulumi.String("main.handler"),
		})
		return err
	}, Options{})
	obj := mustFind(t, plan, "aws:s3/bucketObjectv2:BucketObjectv2", "obj")
	assert.Equal(t, map[string]any{"path": "testdata/report.sql"}, obj.Inputs["source"])
	fn := mustFind(t, plan, "aws:lambda/function:Function", "fn")
	assert.Equal(t, map[string]any{"path": "build/fn.zip"}, fn.Inputs["code"])
	assert.Equal(t, map[string]any{"path": "build/fn.zip"}, fn.Get("code"))
}

func TestRun_recordsStackExports(t *testing.T) {
	// Run it a few times: exports of plain values once raced the end of the run.
	for i := 0; i < 10; i++ {
		plan := mustRun(t, func(ctx *pulumi.Context) error {
			q, err := sqs.NewQueue(ctx, "q", &sqs.QueueArgs{Name: pulumi.String("jobs")})
			if err != nil {
				return err
			}
			ctx.Export("queueUrl", q.Url)
			ctx.Export("plain", pulumi.String("hello"))
			ctx.Export("count", pulumi.Int(3))
			ctx.Export("flags", pulumi.Map{"on": pulumi.Bool(true), "names": pulumi.StringArray{pulumi.String("a")}})
			ctx.Export("password", pulumi.ToSecret(pulumi.String("hunter2")))
			ctx.Export("secretArn", pulumi.ToSecret(q.Arn))
			return nil
		}, Options{Project: "p", Stack: "dev"})
		require.Equal(t, map[string]any{
			"queueUrl":  "https://sqs.us-east-1.amazonaws.com/123456789012/jobs",
			"plain":     "hello",
			"count":     float64(3),
			"flags":     map[string]any{"on": true, "names": []any{"a"}},
			"password":  Secret,
			"secretArn": Secret,
		}, plan.Outputs, "run %d", i)
	}
}

func TestRun_shapesIAMRoleARNWithTheAutonameSuffix(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		_, err := iam.NewRole(ctx, "runner", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust)})
		return err
	}, Options{Project: "p", Stack: "dev"})
	role := mustFind(t, plan, "aws:iam/role:Role", "runner")
	name := "runner-" + hexOf(role.URN, 7)
	assert.Regexp(t, `^runner-[0-9a-f]{7}$`, name)
	assert.Equal(t, name, role.Output("name"))
	assert.Equal(t, name, role.Output("id"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/"+name, role.Output("arn"))
	assert.Regexp(t, `^AROA[0-9A-F]{17}$`, role.Output("uniqueId"))

	again := mustRun(t, func(ctx *pulumi.Context) error {
		_, err := iam.NewRole(ctx, "runner", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust)})
		return err
	}, Options{Project: "p", Stack: "dev"})
	assert.Equal(t, role.Outputs, mustFind(t, again, "aws:iam/role:Role", "runner").Outputs, "names are stable between runs")
}

func TestRun_shapesSQSQueueInTheConfiguredRegion(t *testing.T) {
	cases := []struct {
		name   string
		config map[string]string
		region string
	}{
		{"default region", nil, "us-east-1"},
		{"aws:region from config", map[string]string{"aws:region": "eu-west-1"}, "eu-west-1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan := mustRun(t, func(ctx *pulumi.Context) error {
				if _, err := sqs.NewQueue(ctx, "jobs", &sqs.QueueArgs{}); err != nil {
					return err
				}
				region, err := aws.GetRegion(ctx, nil)
				if err != nil {
					return err
				}
				ctx.Export("region", pulumi.String(region.Name))
				return nil
			}, Options{Project: "p", Stack: "dev", Config: tc.config})
			q := mustFind(t, plan, "aws:sqs/queue:Queue", "jobs")
			name := "jobs-" + hexOf(q.URN, 7)
			assert.Equal(t, name, q.Output("name"))
			assert.Equal(t, "arn:aws:sqs:"+tc.region+":123456789012:"+name, q.Output("arn"))
			assert.Equal(t, "https://sqs."+tc.region+".amazonaws.com/123456789012/"+name, q.Output("url"))
			assert.Equal(t, tc.region, plan.Outputs["region"], "getRegion answers with the same region")
		})
	}
}

func TestRun_recordsTheIDTheProgramSees(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		q, err := sqs.NewQueue(ctx, "q", &sqs.QueueArgs{})
		if err != nil {
			return err
		}
		m, err := lambda.NewEventSourceMapping(ctx, "m", &lambda.EventSourceMappingArgs{
			EventSourceArn: q.Arn, FunctionName: pulumi.String("fn"),
		})
		if err != nil {
			return err
		}
		r, err := iam.NewRole(ctx, "r", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust)})
		if err != nil {
			return err
		}
		ctx.Export("queueID", q.ID())
		ctx.Export("mappingID", m.ID())
		ctx.Export("roleID", r.ID())
		return nil
	}, Options{})
	q := mustFind(t, plan, "aws:sqs/queue:Queue", "q")
	assert.Equal(t, q.Output("url"), plan.Outputs["queueID"], "a queue's id is its URL")
	assert.Equal(t, plan.Outputs["queueID"], q.Output("id"))
	m := mustFind(t, plan, "aws:lambda/eventSourceMapping:EventSourceMapping", "m")
	assert.Equal(t, m.Output("uuid"), plan.Outputs["mappingID"])
	assert.Equal(t, plan.Outputs["mappingID"], m.Output("id"))
	r := mustFind(t, plan, "aws:iam/role:Role", "r")
	assert.Equal(t, r.Output("name"), plan.Outputs["roleID"])
	assert.Equal(t, plan.Outputs["roleID"], r.Output("id"))
}

func TestRun_explicitNameWinsOverAutonamingAndNamePrefixGetsASuffix(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		if _, err := iam.NewRole(ctx, "named", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust), Name: pulumi.String("exact-role")}); err != nil {
			return err
		}
		if _, err := iam.NewRole(ctx, "prefixed", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust), NamePrefix: pulumi.String("pre-")}); err != nil {
			return err
		}
		if _, err := sqs.NewQueue(ctx, "named-q", &sqs.QueueArgs{Name: pulumi.String("exact-queue.fifo"), FifoQueue: pulumi.Bool(true)}); err != nil {
			return err
		}
		_, err := s3.NewBucket(ctx, "Reports", &s3.BucketArgs{})
		return err
	}, Options{})

	named := mustFind(t, plan, "aws:iam/role:Role", "named")
	assert.Equal(t, "exact-role", named.Output("name"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/exact-role", named.Output("arn"))

	prefixed := mustFind(t, plan, "aws:iam/role:Role", "prefixed")
	assert.Equal(t, "pre-"+hexOf(prefixed.URN, 26), prefixed.Output("name"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/pre-"+hexOf(prefixed.URN, 26), prefixed.Output("arn"))

	q := mustFind(t, plan, "aws:sqs/queue:Queue", "named-q")
	assert.Equal(t, "https://sqs.us-east-1.amazonaws.com/123456789012/exact-queue.fifo", q.Output("url"))
	assert.Equal(t, "arn:aws:sqs:us-east-1:123456789012:exact-queue.fifo", q.Output("arn"))

	// A bucket is auto-named under the token pulumi-aws v6 deployed it as
	// (s3.NewBucket aliases aws:s3/bucketV2:BucketV2): moving to v7 keeps
	// its name.
	bucket := mustFind(t, plan, "aws:s3/bucket:Bucket", "Reports")
	name := "reports-" + hexOf("urn:pulumi:stack::project::aws:s3/bucketV2:BucketV2::Reports", 7)
	assert.Equal(t, name, bucket.Output("bucket"), "bucket auto-names are lower case")
	assert.Equal(t, "arn:aws:s3:::"+name, bucket.Output("arn"), "S3 ARNs have no region or account")
}

func TestRun_shapesSnowflakeFullyQualifiedNamesAndPipeChannel(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		var pipe customResource
		if err := ctx.RegisterResource("snowflake:index/pipe:Pipe", "p", pulumi.Map{
			"database": pulumi.String("DB"), "schema": pulumi.String("SC"), "name": pulumi.String("P"),
		}, &pipe); err != nil {
			return err
		}
		var db customResource
		return ctx.RegisterResource("snowflake:index/database:Database", "raw-db", pulumi.Map{}, &db)
	}, Options{Config: map[string]string{"aws:region": "eu-central-1"}})

	pipe := mustFind(t, plan, "snowflake:index/pipe:Pipe", "p")
	assert.Equal(t, `"DB"."SC"."P"`, pipe.Output("fullyQualifiedName"))
	assert.Equal(t, "P", pipe.Output("name"))
	assert.Regexp(t, regexp.MustCompile(`^arn:aws:sqs:eu-central-1:999999999999:sf-snowpipe-AIDA[0-9A-F]{12}-[0-9a-f]{22}$`), pipe.Output("notificationChannel"))
	assert.Equal(t, "999999999999", SnowflakeAWSAccount)

	db := mustFind(t, plan, "snowflake:index/database:Database", "raw-db")
	want := "RAW_DB_" + strings.ToUpper(hexOf(db.URN, 7))
	assert.Equal(t, want, db.Output("name"), "Snowflake auto-names are upper case with underscores")
	assert.Equal(t, `"`+want+`"`, db.Output("fullyQualifiedName"))
}

func TestRun_wrapsAProgramErrorWithProjectAndStack(t *testing.T) {
	boom := errors.New("boom")
	plan, err := Run(func(ctx *pulumi.Context) error {
		if _, err := sqs.NewQueue(ctx, "before", &sqs.QueueArgs{}); err != nil {
			return err
		}
		return boom
	}, Options{Project: "p", Stack: "dev"})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "synth p/dev: "), err.Error())
	assert.Contains(t, err.Error(), "boom")
	assert.ErrorIs(t, err, boom)
	require.NotNil(t, plan, "the plan so far comes back with the error")
	_, ok := plan.Find("aws:sqs/queue:Queue", "before")
	assert.True(t, ok)
	assert.Empty(t, plan.Outputs)
}

func TestRun_defaultsProjectAndStackNames(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		ctx.Export("who", pulumi.String(ctx.Project()+"/"+ctx.Stack()))
		return nil
	}, Options{})
	assert.Equal(t, "project", plan.Project)
	assert.Equal(t, "stack", plan.Stack)
	assert.Equal(t, "project/stack", plan.Outputs["who"])
	assert.NotNil(t, plan.Resources, "an empty plan still renders resources as []")
}

func TestRun_passesConfigToTheProgram(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		env, _ := ctx.GetConfig("schedkit:env")
		_, missing := ctx.GetConfig("schedkit:absent")
		ctx.Export("env", pulumi.String(env))
		ctx.Export("absentFound", pulumi.Bool(missing))
		return nil
	}, Options{Config: map[string]string{"schedkit:env": "dev"}})
	assert.Equal(t, "dev", plan.Outputs["env"])
	assert.Equal(t, false, plan.Outputs["absentFound"])
}

func TestRun_answersKnownInvokesAndFailsUnknownOnes(t *testing.T) {
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		id, err := aws.GetCallerIdentity(ctx, nil)
		if err != nil {
			return err
		}
		part, err := aws.GetPartition(ctx, nil)
		if err != nil {
			return err
		}
		ctx.Export("account", pulumi.String(id.AccountId))
		ctx.Export("partition", pulumi.String(part.Partition))
		return nil
	}, Options{})
	assert.Equal(t, Account, plan.Outputs["account"])
	assert.Equal(t, "aws", plan.Outputs["partition"])

	_, err := Run(func(ctx *pulumi.Context) error {
		var out struct{}
		return ctx.Invoke("aws:ec2/getVpc:getVpc", map[string]any{}, &out)
	}, Options{Project: "p", Stack: "dev"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "synth p/dev")
	assert.Contains(t, err.Error(), "synth: no offline answer for invoke aws:ec2/getVpc:getVpc")
}

func TestPlan_jsonHasExactlyTheDocumentedKeys(t *testing.T) {
	plan := mustRun(t, componentProgram, Options{Project: "p", Stack: "dev"})
	b, err := plan.JSON()
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("{\n  \"project\": \"p\",")), "indented, project first")

	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &top))
	assert.ElementsMatch(t, []string{"project", "stack", "resources", "outputs"}, keys(top))

	var doc struct {
		Resources []map[string]json.RawMessage `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	require.Len(t, doc.Resources, 4)
	for _, r := range doc.Resources {
		assert.ElementsMatch(t, []string{
			"urn", "type", "name", "custom", "parent", "dependencies", "protect", "retainOnDelete", "aliases", "inputs", "outputs",
		}, keys(r))
		assert.NotEqual(t, "null", string(r["dependencies"]), "dependencies is always an array")
		assert.NotEqual(t, "null", string(r["aliases"]), "aliases is always an array")
		assert.NotEqual(t, "null", string(r["inputs"]))
		assert.NotEqual(t, "null", string(r["outputs"]))
	}

	empty := mustRun(t, func(*pulumi.Context) error { return nil }, Options{})
	b, err = empty.JSON()
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &top))
	assert.JSONEq(t, "[]", string(top["resources"]))
	assert.JSONEq(t, "{}", string(top["outputs"]))
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const projectYAML = `name: pipes
runtime: go
description: test project
config:
  env:
    type: string
    description: Environment.
  region2:
    type: string
    default: eu-central-1
  enabled:
    type: boolean
    default: true
  cpu:
    type: integer
    default: 256
  memory:
    type: integer
    default: 512
  subnets:
    type: array
    items:
      type: string
  zones:
    type: array
    items:
      type: string
    default: [a, b]
  apiKey:
    type: string
    secret: true
  aws:region:
    value: us-west-2
`

const devYAML = `config:
  aws:region: eu-west-1
  pipes:env: dev
  cpu: 1024
  subnets:
    - subnet-1
    - subnet-2
  pipes:apiKey:
    secure: AAABAGFzZWNyZXQ=
  other:thing: x
`

func writeStack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	return dir
}

func TestLoadStack_mergesProjectDefaultsUnderStackValues(t *testing.T) {
	dir := writeStack(t, map[string]string{"Pulumi.yaml": projectYAML, "Pulumi.dev.yaml": devYAML})
	opts, err := LoadStack(dir, "dev")
	require.NoError(t, err)
	assert.Equal(t, Options{
		Project: "pipes",
		Stack:   "dev",
		Config: map[string]string{
			"aws:region":    "eu-west-1",
			"pipes:env":     "dev",
			"pipes:region2": "eu-central-1",
			"pipes:enabled": "true",
			"pipes:cpu":     "1024",
			"pipes:memory":  "512",
			"pipes:subnets": `["subnet-1","subnet-2"]`,
			"pipes:zones":   `["a","b"]`,
			"pipes:apiKey":  Secret,
			"other:thing":   "x",
		},
		SecretKeys: []string{"pipes:apiKey"},
	}, opts)
}

func TestLoadStack_runsTheProgramWithTheStacksConfig(t *testing.T) {
	dir := writeStack(t, map[string]string{"Pulumi.yaml": projectYAML, "Pulumi.dev.yaml": devYAML})
	opts, err := LoadStack(dir, "dev")
	require.NoError(t, err)
	plan := mustRun(t, func(ctx *pulumi.Context) error {
		_, err := sqs.NewQueue(ctx, "q", &sqs.QueueArgs{})
		return err
	}, opts)
	assert.Equal(t, "pipes", plan.Project)
	assert.Equal(t, "dev", plan.Stack)
	q := mustFind(t, plan, "aws:sqs/queue:Queue", "q")
	assert.True(t, strings.HasPrefix(q.Output("arn"), "arn:aws:sqs:eu-west-1:"), q.Output("arn"))
}

func TestLoadStack_rejectsBadFilesAndValues(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "missing Pulumi.yaml",
			files: map[string]string{"Pulumi.dev.yaml": devYAML},
			want:  "Pulumi.yaml",
		},
		{
			name:  "missing stack file",
			files: map[string]string{"Pulumi.yaml": projectYAML},
			want:  "Pulumi.dev.yaml",
		},
		{
			name:  "project without a name",
			files: map[string]string{"Pulumi.yaml": "runtime: go\n", "Pulumi.dev.yaml": "config: {}\n"},
			want:  "has no project name",
		},
		{
			name:  "Pulumi.yaml is not YAML",
			files: map[string]string{"Pulumi.yaml": "name: [unclosed\n", "Pulumi.dev.yaml": "config: {}\n"},
			want:  "parsing",
		},
		{
			name:  "integer that is a fraction",
			files: map[string]string{"Pulumi.yaml": projectYAML, "Pulumi.dev.yaml": "config:\n  pipes:cpu: 1.5\n"},
			want:  `synth: stack dev: config "pipes:cpu" is "1.5", not an integer`,
		},
		{
			name:  "integer that is a word",
			files: map[string]string{"Pulumi.yaml": projectYAML, "Pulumi.dev.yaml": "config:\n  cpu: lots\n"},
			want:  `config "pipes:cpu" is "lots", not an integer`,
		},
		{
			name:  "boolean that is a word",
			files: map[string]string{"Pulumi.yaml": projectYAML, "Pulumi.dev.yaml": "config:\n  enabled: sometimes\n"},
			want:  `config "pipes:enabled" is "sometimes", not a boolean`,
		},
		{
			name:  "array that is a string",
			files: map[string]string{"Pulumi.yaml": projectYAML, "Pulumi.dev.yaml": "config:\n  subnets: subnet-1\n"},
			want:  `config "pipes:subnets" is not an array`,
		},
		{
			name: "unknown schema type",
			files: map[string]string{
				"Pulumi.yaml":     "name: pipes\nruntime: go\nconfig:\n  blob:\n    type: object\n    default: {}\n",
				"Pulumi.dev.yaml": "config: {}\n",
			},
			want: `config "pipes:blob" has unknown schema type "object"`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadStack(writeStack(t, tc.files), "dev")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLoadStack_missingRequiredConfigIsAnError(t *testing.T) {
	dir := writeStack(t, map[string]string{
		"Pulumi.yaml":     projectYAML,
		"Pulumi.dev.yaml": "config:\n  env: dev\n",
	})
	_, err := LoadStack(dir, "dev")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "synth: stack dev is missing required configuration pipes:apiKey, pipes:subnets (declared in Pulumi.yaml without a default)")
}

func TestLoadStack_skipsTypeChecksForSecureValues(t *testing.T) {
	dir := writeStack(t, map[string]string{
		"Pulumi.yaml":     projectYAML,
		"Pulumi.dev.yaml": "config:\n  env: dev\n  subnets: [subnet-1]\n  apiKey:\n    secure: AAAC\n  cpu:\n    secure: AAAB\n",
	})
	opts, err := LoadStack(dir, "dev")
	require.NoError(t, err)
	assert.Equal(t, Secret, opts.Config["pipes:cpu"])
	assert.Equal(t, []string{"pipes:apiKey", "pipes:cpu"}, opts.SecretKeys)
}

func TestRun_reportsAComponentProblemFoundAtDeployTimeAsTheComponentStatesIt(t *testing.T) {
	p := &verify.Problem{Kind: "stream", Name: "clicks", Field: "StreamArn", Err: errors.New(`"x" is not a Kinesis stream ARN`)}
	q := &verify.Problem{Kind: "stream", Name: "clicks", Field: "Subnets[1]", Err: errors.New("bad")}
	engine := func(err error) error {
		return fmt.Errorf("waiting for RPCs: %w", fmt.Errorf("marshaling properties: %w", fmt.Errorf("awaiting input property %q: %w", "x", err)))
	}
	assert.Same(t, p, reported(engine(p)))
	joined := errors.Join(p, q)
	assert.Equal(t, joined, reported(engine(joined)), "problems found together stay together")
	other := engine(errors.New("provider failed"))
	assert.Equal(t, other, reported(other), "anything else is shown as it is")
	mixed := engine(errors.Join(p, errors.New("provider failed")))
	assert.Equal(t, mixed, reported(mixed))

	_, err := Run(func(ctx *pulumi.Context) error {
		late := pulumi.String("x").ToStringOutput().ApplyT(func(string) (string, error) { return "", p }).(pulumi.StringOutput)
		_, err := sqs.NewQueue(ctx, "q", &sqs.QueueArgs{Name: late})
		return err
	}, Options{Project: "p", Stack: "dev"})
	assert.EqualError(t, err, "synth p/dev: stream \"clicks\": `StreamArn` \"x\" is not a Kinesis stream ARN")
}
