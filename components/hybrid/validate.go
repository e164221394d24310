package hybrid

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "hybridpipeline"

// validate checks every argument, and the producer, pipe and graphs it
// composes, before anything is registered, and returns all problems at once.
func validate(name string, raw *HybridPipelineArgs) (HybridPipelineArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Producer, LandingPrefix, Format, Database, Schema, Table, Columns, Transform and Freshness are required")
		return HybridPipelineArgs{}, errs.Err()
	}
	a := withDefaults(*raw)
	errs.Field("LandingPrefix", verify.KeyPrefix(a.LandingPrefix))
	errs.Field("Database", verify.SnowflakeIdentifier(a.Database))
	errs.Field("Schema", verify.SnowflakeIdentifier(a.Schema))
	errs.Field("Table", verify.SnowflakeIdentifier(a.Table))
	if len(a.Transform) == 0 {
		errs.Addf("Transform", "is empty: give the SQL that turns new landing rows into the target")
	}
	// The watch graph's tasks live in the same schema as the transform's.
	watchTasks := []verify.Derived{{Name: freshnessTask(a.Table), What: "the watch graph's freshness task"}}
	if *a.Fallback {
		watchTasks = append(watchTasks, verify.Derived{Name: keepaliveTask(a.Table), What: "the watch graph's keep-alive task"})
	}
	if !a.Freshness.DisableDeadline {
		watchTasks = append(watchTasks, verify.Derived{Name: watchRoot(a) + taskgraph.DeadlineTaskSuffix, What: "the watch graph's deadline check task"})
	}
	for i, t := range a.Transform {
		errs.Field(fmt.Sprintf("Transform[%d].Name", i), verify.NameFree(t.Name, watchTasks...))
	}
	for _, k := range []string{LandingURIVariable, LandingFormatVariable} {
		if _, set := a.Producer.Environment[k]; set {
			errs.Addf("Producer.Environment", "%q is set; the pipeline sets it to the landing prefix and format the pipe reads", k)
		}
	}
	p := a.Producer
	for f, set := range map[string]bool{
		"AlertTopicArn": p.AlertTopicArn != nil, "AlertTopicKmsKeyArn": p.AlertTopicKmsKeyArn != nil, "AlertEmail": p.AlertEmail != "",
		"RetainOnDelete": p.RetainOnDelete, "Protect": p.Protect, "Tags": len(p.Tags) > 0,
	} {
		if set {
			errs.Addf("Producer."+f, "is set; the pipeline sets it for all its parts: use the pipeline's own field")
		}
	}
	f := a.Freshness
	errs.Field("Freshness.Table", verify.SnowflakeName(f.Table))
	errs.Field("Freshness.Column", verify.SnowflakeIdentifier(f.Column))
	if f.MaxAge < time.Minute || f.MaxAge%time.Minute != 0 {
		errs.Addf("Freshness.MaxAge", "%s is not a whole number of minutes of at least 1m0s", f.MaxAge)
	}
	if f.SuspendAfterFailures < 1 {
		errs.Addf("Freshness.SuspendAfterFailures", "%d is below 1", f.SuspendAfterFailures)
	}
	alerting.TopicArgs{ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail}.Validate(errs)
	tags.Validate(errs, a.Tags)
	if err := errs.Err(); err != nil {
		return HybridPipelineArgs{}, err // the composed components' own checks need sound values
	}

	// The composed components, with stand-ins for what exists only once
	// deployed (the topic, the bucket, the stream).
	sh := shared{
		database:  pulumi.String(a.Database),
		schema:    pulumi.String(a.Schema),
		topic:     pulumi.String("arn:aws:sns:us-east-1:123456789012:" + name),
		bucketArn: pulumi.String("arn:aws:s3:::stand-in").ToStringOutput(),
		landing:   pulumi.String("s3://stand-in/" + a.LandingPrefix).ToStringOutput(),
		stream:    pulumi.String(streamName(a)),
	}
	errs.Composed(snowpipe.Validate(ingestName(name), ingestArgs(a, sh)), renamed(map[string]string{
		"Pipes[0].Prefix": "LandingPrefix", "Pipes[0].Format": "Format", "Pipes[0].Columns": "Columns", "Pipes[0].CopyOptions": "CopyOptions",
	}))
	// The producer's own fields keep the producer's name in their messages:
	// an Output among them is checked at deploy time by the CronJob, in its words.
	errs.Composed(cronjob.Validate(producerName(name), producerArgs(a, sh)), renamed(nil))
	errs.Composed(taskgraph.Validate(transformName(name), transformArgs(a, sh)), renamed(map[string]string{
		"Tasks": "Transform", "TargetCompletionInterval": "TargetCompletionInterval", "Warehouse": "Warehouse",
		"MaxAge": "TransformMaxAge",
	}))
	errs.Composed(taskgraph.Validate(watchName(name), watchArgs(name, a, sh)), renamed(map[string]string{
		"Cron": "Freshness.Cron", "Warehouse": "Warehouse",
		"DeadlineGrace": "Freshness.DeadlineGrace", "DisableDeadline": "Freshness.DisableDeadline",
	}))
	return a, errs.Err()
}

// renamed maps a composed component's field to the composite's field it
// was filled from: the field itself or anything below it (Pipes[0].Format.Type
// under Pipes[0].Format becomes Format.Type).
func renamed(fields map[string]string) func(string) (string, bool) {
	return func(f string) (string, bool) {
		for from, to := range fields {
			if rest, ok := strings.CutPrefix(f, from); ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
				return to + rest, true
			}
		}
		return "", false
	}
}

// The composed components' names.
func ingestName(name string) string    { return name + "-ingest" }
func producerName(name string) string  { return name + "-producer" }
func transformName(name string) string { return name + "-transform" }
func watchName(name string) string     { return name + "-watch" }

// streamName is the landing table's stream, as SnowpipeIngest names it.
func streamName(a HybridPipelineArgs) string {
	return a.Database + "." + a.Schema + "." + a.Table + snowpipe.StreamSuffix
}
