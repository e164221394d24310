package lambdaarch

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "lambdaarch"

// validate checks every argument before anything is registered and returns
// all problems at once: the composite's own, then those the composed
// components find in the arguments it would give them. A value the
// composite already refused is handed to them as a good placeholder, so that
// each problem is reported once, under the field the caller wrote.
func validate(name string, raw *LambdaArchitectureArgs) (LambdaArchitectureArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Processor's code, Database, Schema, Columns, Watermark, SnowflakeAccountUrl and PrivateKeySecretArn are required")
		return LambdaArchitectureArgs{}, errs.Err()
	}
	a := withDefaults(name, *raw)
	safe := a

	p := raw.Processor
	for _, set := range []struct {
		field, use string
		is         bool
	}{
		{"Sink", "the composite adds its speed and archive sinks", p.Sink != nil},
		{"Sinks", "the composite adds its speed and archive sinks", len(p.Sinks) > 0},
		{"AlertTopicArn", "set the composite's `AlertTopicArn`: one topic gets every alert", p.AlertTopicArn != nil},
		{"AlertTopicKmsKeyArn", "set the composite's `AlertTopicKmsKeyArn`", p.AlertTopicKmsKeyArn != nil},
		{"AlertEmail", "set the composite's `AlertEmail`", p.AlertEmail != ""},
		{"RetainOnDelete", "set the composite's `RetainOnDelete`", p.RetainOnDelete},
		{"Protect", "set the composite's `Protect`", p.Protect},
		{"Tags", "set the composite's `Tags`", p.Tags != nil},
	} {
		if set.is {
			errs.Addf("Processor."+set.field, "is set; %s", set.use)
		}
	}

	// Names.
	for _, f := range []struct {
		field string
		value *string
		stand string
	}{{"Database", &safe.Database, "DATABASE"}, {"Schema", &safe.Schema, "SCHEMA"}} {
		if *f.value == "" {
			errs.Addf(f.field, "is required: the Snowflake %s of the tables, the view, the pipe and the tasks", strings.ToLower(f.field))
			*f.value = f.stand
		} else if err := verify.SnowflakeUpperIdentifier(*f.value); err != nil {
			errs.Field(f.field, err)
			*f.value = f.stand
		}
	}
	if err := verify.SnowflakeUpperIdentifier(a.Name); err != nil {
		errs.Field("Name", err)
		safe.Name = "NAME"
	} else if longest := a.Name + RawSuffix + snowpipe.FormatSuffix; len(longest) > verify.MaxSnowflakeIdentifier {
		errs.Addf("Name", "%q gives the raw pipe's file format the name %q of %d characters; Snowflake allows %d", a.Name, longest, len(longest), verify.MaxSnowflakeIdentifier)
		safe.Name = "NAME"
	}

	// Columns, watermark, dedupe key.
	if !checkColumns(errs, a) {
		safe.Columns = []Column{{Name: "EVENT", Type: "VARIANT"}, {Name: "TS", Type: "TIMESTAMP_NTZ"}}
		safe.Watermark, safe.DedupeKey = "TS", nil
	}

	// Archive.
	if err := checkArchivePrefix(a.ArchivePrefix); err != nil {
		errs.Field("ArchivePrefix", err)
		safe.ArchivePrefix = DefaultArchivePrefix
	}

	// Batch and cleanup.
	checkBatch(errs, raw, a, &safe)
	errs.Plain("Warehouse", a.Warehouse, verify.SnowflakeWarehouseName)
	alerting.TopicArgs{ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail}.Validate(errs)

	// The composed components, checked with the arguments they would get.
	// When the composite's name is refused, so are the names its children
	// derive from it: only their problems with arguments are kept.
	keep := func(err error) error { return err }
	if err := naming.CheckChildren(kind, name, childNames(name)); err != nil {
		errs.Add(err)
		keep = onlyProblems
	}
	// Stand-ins for what exists only once deployed: the topic and the bucket.
	sh := shared{
		database: pulumi.String(safe.Database), schema: pulumi.String(safe.Schema),
		topic:  pulumi.String("arn:aws:sns:us-east-1:123456789012:stand-in"),
		secret: a.PrivateKeySecretArn, secretKey: a.SecretKmsKeyArn,
		archiveBucket: pulumi.String("").ToStringOutput(),
		objects:       objects{safe.Database, safe.Schema, safe.Name},
	}
	errs.Composed(keep(stream.Validate(processorName(name), processorArgs(safe, sh))), processorField)
	errs.Composed(keep(snowpipe.Validate(ingestName(name), ingestArgs(safe, sh))), ingestField)
	errs.Composed(keep(taskgraph.Validate(graphName(name), graphArgs(safe, sh, a.Warehouse))), graphField(safe.BatchMode))
	return a, errs.Err()
}

// childNames are the longest AWS names the children derive from the
// composite's name: the archive's and the speed sink's buckets (63
// lower-case characters), their roles and delivery streams (64).
func childNames(name string) map[string]naming.Kind {
	out := map[string]naming.Kind{}
	for _, sink := range []string{ArchiveSink, SpeedSink} {
		base := naming.Child(processorName(name), sink+"-sink")
		out[base] = naming.Firehose
		out[base+"-role"] = naming.IAMRole
		out[base+"-bucket"] = naming.S3Bucket
	}
	return out
}

// onlyProblems keeps the verify.Problems of a joined error: the problems
// with arguments, not with names.
func onlyProblems(err error) error {
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return nil
	}
	var out []error
	for _, e := range joined.Unwrap() {
		if _, ok := e.(*verify.Problem); ok {
			out = append(out, e)
		}
	}
	return errors.Join(out...)
}

// checkColumns checks Columns, Watermark and DedupeKey, and reports whether
// they are good.
func checkColumns(errs *check.Errors, a LambdaArchitectureArgs) bool {
	ok := true
	add := func(field, format string, args ...any) {
		ok = false
		errs.Addf(field, format, args...)
	}
	rule := func(field string, err error) {
		if err != nil {
			ok = false
			errs.Field(field, err)
		}
	}
	types := map[string]string{}
	if len(a.Columns) == 0 {
		add("Columns", "is empty; give the events' columns (names and Snowflake types)")
	}
	for i, c := range a.Columns {
		field := fmt.Sprintf("Columns[%d]", i)
		if err := verify.SnowflakeUpperIdentifier(c.Name); err != nil {
			rule(field+".Name", err)
		} else if _, dup := types[c.Name]; dup {
			add(field+".Name", "%q is a duplicate column", c.Name)
		}
		types[c.Name] = c.Type
		if err := verify.ColumnType(c.Type); err != nil {
			rule(field+".Type", err)
		} else if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(c.Type)), "VECTOR") {
			// "Vector data types", Snowflake docs: Snowpipe cannot load VECTOR.
			add(field+".Type", "%q cannot be loaded by Snowpipe; load the vector as an ARRAY", c.Type)
		}
	}
	switch t, known := types[a.Watermark]; {
	case a.Watermark == "":
		add("Watermark", "is required: the column that orders events in time")
	case !known:
		add("Watermark", "%q is not one of the `Columns`", a.Watermark)
	default:
		if err := verify.EventTimeColumnType(t); err != nil {
			add("Watermark", "%q names a column whose type %v", a.Watermark, err)
		}
	}
	seen := map[string]bool{}
	for i, k := range a.DedupeKey {
		field := fmt.Sprintf("DedupeKey[%d]", i)
		if _, known := types[k]; !known {
			add(field, "%q is not one of the `Columns`", k)
		} else if seen[k] {
			add(field, "%q is named twice", k)
		}
		seen[k] = true
	}
	return ok
}

// checkArchivePrefix accepts a folder prefix that Firehose can write both
// the archive and its error records under (MaxKeyPrefix with the partitions).
func checkArchivePrefix(prefix string) error {
	if strings.Contains(prefix, "!{") {
		return fmt.Errorf("%q holds a Firehose expression; the date partitions are added for you", prefix)
	}
	if err := verify.KeyPrefix(prefix); err != nil {
		return err
	}
	if longest := ErrorFolder + prefix + stream.ErrorTypePartitions; len(longest) > verify.MaxKeyPrefix {
		return fmt.Errorf("%q gives the error prefix %q of %d characters, over Firehose's limit of %d", prefix, longest, len(longest), verify.MaxKeyPrefix)
	}
	return nil
}

// checkBatch checks the batch mode's settings and the cleanup's margin.
func checkBatch(errs *check.Errors, raw *LambdaArchitectureArgs, a LambdaArchitectureArgs, safe *LambdaArchitectureArgs) {
	cycleOK := true
	switch a.BatchMode {
	case BatchByTask:
		for _, f := range []struct {
			field string
			set   bool
		}{{"TargetLag", raw.TargetLag != 0}, {"RefreshMode", raw.RefreshMode != ""}} {
			if f.set {
				errs.Addf(f.field, "is set with BatchMode %s; it applies to %s only", BatchByTask, BatchByDynamicTable)
			}
		}
		if raw.CleanupEvery != 0 {
			errs.Addf("CleanupEvery", "%s is set with BatchMode %s, where the cleanup runs after every recompute", raw.CleanupEvery, BatchByTask)
		}
		if !checkEvery(errs, "RecomputeEvery", a.RecomputeEvery) {
			safe.RecomputeEvery, cycleOK = DefaultRecomputeEvery, false
		}
	case BatchByDynamicTable:
		if raw.RecomputeEvery != 0 {
			errs.Addf("RecomputeEvery", "%s is set with BatchMode %s, which Snowflake refreshes within `TargetLag`", raw.RecomputeEvery, BatchByDynamicTable)
		}
		if a.Warehouse == nil {
			errs.Addf("Warehouse", "is required with BatchMode %s: a dynamic table refreshes on a warehouse", BatchByDynamicTable)
		}
		if err := verify.DynamicTableTargetLag(a.TargetLag); err != nil {
			errs.Field("TargetLag", err)
			cycleOK = false
		} else if a.TargetLag%time.Minute != 0 {
			errs.Addf("TargetLag", "%s is not a whole number of minutes", a.TargetLag)
			cycleOK = false
		}
		errs.OneOf("RefreshMode", a.RefreshMode, "AUTO", "INCREMENTAL", "FULL")
		if !checkEvery(errs, "CleanupEvery", a.CleanupEvery) {
			safe.CleanupEvery = DefaultCleanupEvery
		}
	default:
		errs.OneOf("BatchMode", a.BatchMode, BatchByTask, BatchByDynamicTable)
		safe.BatchMode, safe.RecomputeEvery, cycleOK = BatchByTask, DefaultRecomputeEvery, false
	}

	m := a.CleanupMargin
	switch field, cycle := a.cycle(); {
	case m <= 0 || m%time.Minute != 0:
		errs.Addf("CleanupMargin", "%s is not a positive whole number of minutes", m)
		safe.CleanupMargin = DefaultCleanupMargin
	case cycleOK && m <= cycle:
		errs.Addf("CleanupMargin", "%s is not longer than `%s` %s; speed rows must outlive one batch cycle past the watermark", m, field, cycle)
	}
}

// checkEvery checks a task schedule: whole minutes from 1m to MaxEvery.
func checkEvery(errs *check.Errors, field string, d time.Duration) bool {
	if d < time.Minute || d > MaxEvery || d%time.Minute != 0 {
		errs.Addf(field, "%s is not a whole number of minutes from 1m0s to %s", d, MaxEvery)
		return false
	}
	return true
}
