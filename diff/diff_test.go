package diff_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/diff"
	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/synth"
)

const (
	pre       = "urn:pulumi:prod::shop::"
	bucketT   = "aws:s3/bucket:Bucket"
	queueT    = "aws:sqs/queue:Queue"
	logGroupT = "aws:cloudwatch/logGroup:LogGroup"
	alarmT    = "aws:cloudwatch/metricAlarm:MetricAlarm"
	roleT     = "aws:iam/role:Role"
	ingestT   = "schedkit:test:Ingest"
	reportsT  = "schedkit:test:Reports"
	trust     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
)

var opts = synth.Options{Project: "shop", Stack: "prod"}

type component struct{ pulumi.ResourceState }

// shop is the program before and after a change: after, the reports
// component is renamed (no alias), the raw bucket's name changes, the
// dead-letter queue keeps messages longer, and an alarm on it is added.
func shop(after bool) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		ingest := &component{}
		if err := ctx.RegisterComponentResource(ingestT, "ingest", ingest); err != nil {
			return err
		}
		bucket := "acme-ingest-raw"
		retention := 345600
		if after {
			bucket, retention = "acme-ingest-raw-v2", 1209600
		}
		if _, err := s3.NewBucket(ctx, "ingest-raw", &s3.BucketArgs{Bucket: pulumi.String(bucket)}, pulumi.Parent(ingest)); err != nil {
			return err
		}
		dlq, err := sqs.NewQueue(ctx, "ingest-dlq", &sqs.QueueArgs{MessageRetentionSeconds: pulumi.Int(retention)}, pulumi.Parent(ingest))
		if err != nil {
			return err
		}
		if _, err := iam.NewRole(ctx, "ingest-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(trust)}, pulumi.Parent(ingest)); err != nil {
			return err
		}
		if after {
			if _, err := cloudwatch.NewMetricAlarm(ctx, "ingest-dlq-depth", &cloudwatch.MetricAlarmArgs{
				ComparisonOperator: pulumi.String("GreaterThanThreshold"), EvaluationPeriods: pulumi.Int(1),
				MetricName: pulumi.String("ApproximateNumberOfMessagesVisible"), Namespace: pulumi.String("AWS/SQS"),
				Period: pulumi.Int(300), Statistic: pulumi.String("Maximum"), Threshold: pulumi.Float64(0),
				Dimensions: pulumi.StringMap{"QueueName": dlq.Name},
			}, pulumi.Parent(ingest)); err != nil {
				return err
			}
		}

		name := "reports"
		if after {
			name = "daily-reports"
		}
		reports := &component{}
		if err := ctx.RegisterComponentResource(reportsT, name, reports); err != nil {
			return err
		}
		if _, err := cloudwatch.NewLogGroup(ctx, name+"-logs", &cloudwatch.LogGroupArgs{
			Name: pulumi.String("/schedkit/reports"), RetentionInDays: pulumi.Int(30),
		}, pulumi.Parent(reports)); err != nil {
			return err
		}
		_, err = sqs.NewQueue(ctx, name+"-work", &sqs.QueueArgs{}, pulumi.Parent(reports))
		return err
	}
}

func run(t *testing.T, program pulumi.RunFunc) *plan.Plan {
	t.Helper()
	p, err := synth.Run(program, opts)
	require.NoError(t, err)
	return p
}

func find(t *testing.T, r *diff.Report, urn string) diff.Change {
	t.Helper()
	for _, c := range r.Changes {
		if c.URN == urn {
			return c
		}
	}
	t.Fatalf("no change for %s in %+v", urn, r.Changes)
	return diff.Change{}
}

func TestCompare_classifiesEveryChange(t *testing.T) {
	r := diff.Compare(run(t, shop(false)), run(t, shop(true)), "main", "working tree")

	// The changed bucket name forces a new bucket: its objects are lost.
	bucket := find(t, r, pre+ingestT+"$"+bucketT+"::ingest-raw")
	assert.Equal(t, diff.Replace, bucket.Kind)
	assert.Equal(t, []diff.Forcing{{Input: "bucket", Source: "terraform aws_s3_bucket: bucket, forces new resource"}}, bucket.Forcing)
	assert.Equal(t, []diff.InputChange{{Path: "bucket", Old: "acme-ingest-raw", New: "acme-ingest-raw-v2"}}, bucket.Inputs)
	assert.Equal(t, "its objects", bucket.Loses)

	// A changed setting is an update in place, which loses nothing.
	dlq := find(t, r, pre+ingestT+"$"+queueT+"::ingest-dlq")
	assert.Equal(t, diff.Update, dlq.Kind)
	assert.Equal(t, []diff.InputChange{{Path: "messageRetentionSeconds", Old: 345600.0, New: 1209600.0}}, dlq.Inputs)
	assert.Empty(t, dlq.Forcing)
	assert.False(t, dlq.Stateful())

	// The added alarm is created.
	alarm := find(t, r, pre+ingestT+"$"+alarmT+"::ingest-dlq-depth")
	assert.Equal(t, diff.Create, alarm.Kind)

	// The renamed component: its explicitly named log group is the same
	// cloud object under a new URN (a rename an alias would have saved);
	// its auto-named queue is deleted and a new one created; the component
	// itself is deleted and created.
	logs := find(t, r, pre+reportsT+"$"+logGroupT+"::daily-reports-logs")
	assert.Equal(t, diff.Rename, logs.Kind)
	assert.Equal(t, pre+reportsT+"$"+logGroupT+"::reports-logs", logs.OldURN)
	assert.Equal(t, "/schedkit/reports", logs.PhysicalName)
	assert.Equal(t, "its logs", logs.Loses)
	assert.Equal(t, logs.OldURN, logs.AckURN())

	assert.Equal(t, diff.Delete, find(t, r, pre+reportsT+"$"+queueT+"::reports-work").Kind)
	assert.Equal(t, "the messages in it (a dead-letter queue's failed events)", find(t, r, pre+reportsT+"$"+queueT+"::reports-work").Loses)
	assert.Equal(t, diff.Create, find(t, r, pre+reportsT+"$"+queueT+"::daily-reports-work").Kind)
	assert.Equal(t, diff.Delete, find(t, r, pre+reportsT+"::reports").Kind)
	assert.Empty(t, find(t, r, pre+reportsT+"::reports").Loses, "a component holds nothing")
	assert.Equal(t, diff.Create, find(t, r, pre+reportsT+"::daily-reports").Kind)

	// Nothing else changes: the role and the ingest component stay.
	assert.Len(t, r.Changes, 8)
	assert.Equal(t, 2, r.Unchanged)
	assert.Equal(t, map[diff.Kind]int{diff.Create: 3, diff.Update: 1, diff.Replace: 1, diff.Rename: 1, diff.Delete: 2}, r.Counts())

	// Stateful losses come first, and are what the gate counts.
	var lost []string
	for _, c := range r.StatefulLosses() {
		lost = append(lost, string(c.Kind)+" "+c.AckURN())
	}
	assert.ElementsMatch(t, []string{
		"replace " + bucket.URN,
		"rename " + logs.OldURN,
		"delete " + pre + reportsT + "$" + queueT + "::reports-work",
	}, lost)
	for i, c := range r.Changes {
		assert.Equal(t, i < 3, c.Stateful(), "stateful changes first: %d %s", i, c.URN)
	}
}

// Renamed with pulumi.Aliases: the component and a child are renamed, and
// the child also moves to another parent. Every old URN is matched: nothing
// is deleted, replaced or created, and auto-named children keep their
// names, so what refers to them does not change either.
func TestCompare_aliasesKeepRenamedResources(t *testing.T) {
	program := func(after bool) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			name, opts := "reports", []pulumi.ResourceOption{}
			if after {
				name = "daily-reports"
				opts = append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("reports")}}))
			}
			reports := &component{}
			if err := ctx.RegisterComponentResource(reportsT, name, reports, opts...); err != nil {
				return err
			}
			// Named after the component: the inherited alias follows.
			bucket, err := s3.NewBucket(ctx, name+"-archive", &s3.BucketArgs{}, pulumi.Parent(reports))
			if err != nil {
				return err
			}
			if _, err := s3.NewBucketPolicy(ctx, name+"-archive-policy", &s3.BucketPolicyArgs{
				Bucket: bucket.ID(), Policy: pulumi.String(trust),
			}, pulumi.Parent(reports)); err != nil {
				return err
			}
			// A child renamed and moved out of the component to the stack;
			// its alias names its old parent by the parent's new identity.
			childName, childOpts := "work", []pulumi.ResourceOption{pulumi.Parent(reports)}
			if after {
				childName = "work-queue"
				childOpts = []pulumi.ResourceOption{pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("work"), Parent: reports}})}
			}
			_, err = sqs.NewQueue(ctx, childName, &sqs.QueueArgs{}, childOpts...)
			return err
		}
	}
	before, after := run(t, program(false)), run(t, program(true))
	r := diff.Compare(before, after, "main", "working tree")

	assert.Empty(t, r.StatefulLosses())
	for _, c := range r.Changes {
		assert.Equal(t, diff.Update, c.Kind, c.URN)
		assert.True(t, c.Aliased, c.URN)
		assert.Empty(t, c.Inputs, "%s: the bucket keeps its name, so the policy's bucket input is unchanged", c.URN)
	}
	moved := map[string]string{}
	for _, c := range r.Changes {
		moved[c.OldURN] = c.URN
	}
	assert.Equal(t, map[string]string{
		pre + reportsT + "::reports":                                                 pre + reportsT + "::daily-reports",
		pre + reportsT + "$" + bucketT + "::reports-archive":                         pre + reportsT + "$" + bucketT + "::daily-reports-archive",
		pre + reportsT + "$aws:s3/bucketPolicy:BucketPolicy::reports-archive-policy": pre + reportsT + "$aws:s3/bucketPolicy:BucketPolicy::daily-reports-archive-policy",
		pre + reportsT + "$" + queueT + "::work":                                     pre + queueT + "::work-queue",
	}, moved)

	// The plan records the aliases the engine resolves.
	q, ok := after.ByURN(pre + queueT + "::work-queue")
	require.True(t, ok)
	assert.Contains(t, q.Aliases, pre+reportsT+"$"+queueT+"::work")

	// Without the aliases the same change deletes the bucket and the queue.
	without := func(ctx *pulumi.Context) error {
		reports := &component{}
		if err := ctx.RegisterComponentResource(reportsT, "daily-reports", reports); err != nil {
			return err
		}
		if _, err := s3.NewBucket(ctx, "daily-reports-archive", &s3.BucketArgs{}, pulumi.Parent(reports)); err != nil {
			return err
		}
		_, err := sqs.NewQueue(ctx, "work-queue", &sqs.QueueArgs{}, pulumi.Parent(reports))
		return err
	}
	r = diff.Compare(before, run(t, without), "main", "working tree")
	var deleted []string
	for _, c := range r.StatefulLosses() {
		deleted = append(deleted, string(c.Kind)+" "+c.URN)
	}
	assert.ElementsMatch(t, []string{
		"delete " + pre + reportsT + "$" + bucketT + "::reports-archive",
		"delete " + pre + reportsT + "$" + queueT + "::work",
	}, deleted)
}

func TestCompare_identicalPlansHaveNoChanges(t *testing.T) {
	r := diff.Compare(run(t, shop(true)), run(t, shop(true)), "a", "b")
	assert.Empty(t, r.Changes)
	assert.Equal(t, 8, r.Unchanged)
	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	assert.Contains(t, out.String(), "No changes: 8 resources unchanged.")
}

// A plan read back from the JSON synth writes compares equal to the plan it
// was written from: numbers, empty maps and lists agree.
func TestCompare_planFromJSONEqualsPlanInProcess(t *testing.T) {
	p := run(t, shop(true))
	b, err := p.JSON()
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "plan.json")
	require.NoError(t, os.WriteFile(file, b, 0o644))
	read, err := plan.Read(file)
	require.NoError(t, err)
	r := diff.Compare(read, p, "file", "process")
	assert.Empty(t, r.Changes)
	assert.Equal(t, len(p.Resources), r.Unchanged)
}

func TestCompare_jsonReportShape(t *testing.T) {
	r := diff.Compare(run(t, shop(false)), run(t, shop(true)), "main", "working tree")
	var out bytes.Buffer
	require.NoError(t, r.WriteJSON(&out))
	var doc struct {
		Stack     string `json:"stack"`
		From      string `json:"from"`
		Unchanged int    `json:"unchanged"`
		Changes   []struct {
			Kind, URN, OldURN, Loses string
			Forcing                  []map[string]string
		} `json:"changes"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &doc))
	assert.Equal(t, "prod", doc.Stack)
	assert.Equal(t, "main", doc.From)
	assert.Equal(t, 2, doc.Unchanged)
	require.Len(t, doc.Changes, 8)
	kinds := []string{}
	for _, c := range doc.Changes[:3] {
		kinds = append(kinds, c.Kind)
	}
	assert.Equal(t, []string{"delete", "rename", "replace"}, kinds, "stateful losses first, deletes first")
	assert.Equal(t, pre+reportsT+"$"+logGroupT+"::reports-logs", doc.Changes[1].OldURN)
	assert.Equal(t, "its logs", doc.Changes[1].Loses)
	assert.Equal(t, "bucket", doc.Changes[2].Forcing[0]["input"])
}
