package lambdaarch

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
)

// The composed components' names, derived from the composite's.
func processorName(name string) string { return name + "-events" }
func ingestName(name string) string    { return name + "-raw" }
func graphName(name string) string     { return name + "-tasks" }

// shared is what the composed components take from the composite: the
// database and schema (resolving once the composite's DependsOn exist), the
// alert topic and its key (nil for a given topic without one), and the
// Snowflake key secret and its key.
type shared struct {
	database, schema  pulumi.StringInput
	topic, key        pulumi.StringInput
	secret, secretKey pulumi.StringInput
	archiveBucket     pulumi.StringInput
	objects           objects
}

// processorArgs is the StreamProcessor: the caller's Processor with the two
// sinks, the speed table's loader and the raw archive, and the composite's
// alert topic, retention and tags.
func processorArgs(a LambdaArchitectureArgs, sh shared) *stream.StreamProcessorArgs {
	o := sh.objects
	p := a.Processor
	p.Sink = nil
	p.Sinks = map[string]stream.SinkArgs{
		SpeedSink: {Snowflake: &stream.SnowflakeSinkArgs{
			AccountUrl:          a.SnowflakeAccountUrl,
			Database:            o.database,
			Schema:              o.schema,
			Table:               o.speed(),
			Role:                a.LoaderRole,
			PrivateKeySecretArn: sh.secret,
			SecretKmsKeyArn:     sh.secretKey,
			// Each JSON key of an event goes to the column of its name.
			DataLoadingOption: "JSON_MAPPING",
		}},
		ArchiveSink: {
			S3:     &stream.S3SinkArgs{ErrorPrefix: ErrorFolder + a.ArchivePrefix},
			Prefix: a.ArchivePrefix,
			// SSE-S3, like SnowpipeIngest's own buckets: Snowflake reads
			// the archive with no key permission to grant.
			BucketEncryption: "AES256",
		},
	}
	p.AlertTopicArn, p.AlertTopicKmsKeyArn, p.AlertEmail = sh.topic, sh.key, ""
	p.RetainOnDelete, p.Protect = a.RetainOnDelete, a.Protect
	p.Tags = a.Tags
	if stable := naming.StableChild(a.StableName, processorName); stable != "" {
		p.StableName = stable
	}
	return &p
}

// ingestArgs is the SnowpipeIngest loading the archive into the raw table,
// reporting load errors to the shared topic.
func ingestArgs(a LambdaArchitectureArgs, sh shared) *snowpipe.SnowpipeIngestArgs {
	o := sh.objects
	cols := make([]snowpipe.Column, len(a.Columns))
	for i, c := range a.Columns {
		cols[i] = snowpipe.Column{Name: c.Name, Type: c.Type}
	}
	return &snowpipe.SnowpipeIngestArgs{
		StableName: naming.StableChild(a.StableName, ingestName),
		Database:   sh.database,
		Schema:     sh.schema,
		BucketName: sh.archiveBucket,
		Pipes: []snowpipe.PipeSpec{{
			Name:   o.raw(),
			Prefix: a.ArchivePrefix,
			// Firehose writes the records of a batch back to back, GZIP-compressed.
			Format:      snowpipe.FileFormat{Type: "JSON", Compression: "GZIP"},
			Columns:     cols,
			CopyOptions: RawCopyOptions,
		}},
		AlertTopicArn:       sh.topic,
		AlertTopicKmsKeyArn: sh.key,
		RetainOnDelete:      a.RetainOnDelete,
		Protect:             a.Protect,
		Tags:                a.Tags,
	}
}

// graphArgs is the TaskGraph: with BatchByTask, the recompute on its
// schedule followed by the cleanup; with BatchByDynamicTable, the cleanup
// alone on its own schedule. Errors go to the shared topic.
func graphArgs(a LambdaArchitectureArgs, sh shared, warehouse pulumi.StringInput) *taskgraph.TaskGraphArgs {
	o, l := sh.objects, newLayers(a)
	cleanup := taskgraph.TaskSpec{Name: o.cleanupTask(), SQL: l.cleanup(o.fqn(o.speed()), o.fqn(o.batch()), a.CleanupMargin)}
	g := &taskgraph.TaskGraphArgs{
		StableName:          naming.StableChild(a.StableName, graphName),
		Database:            sh.database,
		Schema:              sh.schema,
		Started:             a.Started,
		DeadlineGrace:       a.DeadlineGrace,
		DisableDeadline:     a.DisableDeadline,
		AlertTopicArn:       sh.topic,
		AlertTopicKmsKeyArn: sh.key,
		RetainOnDelete:      a.RetainOnDelete,
		Protect:             a.Protect,
		Tags:                a.Tags,
	}
	if a.BatchMode == BatchByDynamicTable {
		g.Tasks = []taskgraph.TaskSpec{cleanup}
		g.EveryMinutes = int(a.CleanupEvery.Minutes())
		return g
	}
	cleanup.After = []string{o.recomputeTask()}
	g.Tasks = []taskgraph.TaskSpec{
		{Name: o.recomputeTask(), SQL: l.recompute(o.fqn(o.batch()), o.fqn(o.raw()))},
		cleanup,
	}
	g.EveryMinutes = int(a.RecomputeEvery.Minutes())
	g.Warehouse = warehouse
	return g
}

// tableColumns are the columns of the speed and batch tables.
func tableColumns(cols []Column) []snowflake.TableColumn {
	out := make([]snowflake.TableColumn, len(cols))
	for i, c := range cols {
		out[i] = snowflake.TableColumn{Name: pulumi.String(c.Name), Type: pulumi.String(c.Type)}
	}
	return out
}

// The fields of the composed components that the composite fills from its
// own, by the composite's field names. Any other field of Processor keeps
// the StreamProcessor's name and message.
var (
	speedSink      = fmt.Sprintf("Sinks[%q].Snowflake.", SpeedSink)
	processorField = renames(map[string]string{
		speedSink + "AccountUrl":          "SnowflakeAccountUrl",
		speedSink + "PrivateKeySecretArn": "PrivateKeySecretArn",
		speedSink + "SecretKmsKeyArn":     "SecretKmsKeyArn",
		speedSink + "Role":                "LoaderRole",
		"Tags":                            "Tags",
	})
	ingestField = func(f string) (string, bool) {
		if rest, ok := strings.CutPrefix(f, "Pipes[0]."); ok {
			switch {
			case rest == "Name":
				return "Name", true
			case rest == "Prefix":
				return "ArchivePrefix", true
			case strings.HasPrefix(rest, "Columns["):
				return rest, true
			}
		}
		return renames(map[string]string{"Database": "Database", "Schema": "Schema", "Tags": "Tags"})(f)
	}
)

// graphField renames the TaskGraph's fields; its schedule is RecomputeEvery
// or CleanupEvery by batch mode.
func graphField(mode string) func(string) (string, bool) {
	every := "RecomputeEvery"
	if mode == BatchByDynamicTable {
		every = "CleanupEvery"
	}
	return renames(map[string]string{
		"Database": "Database", "Schema": "Schema", "Warehouse": "Warehouse",
		"Tags": "Tags", "EveryMinutes": every,
		"DeadlineGrace": "DeadlineGrace", "DisableDeadline": "DisableDeadline",
	})
}

// renames looks a composed component's field up in m.
func renames(m map[string]string) func(string) (string, bool) {
	return func(f string) (string, bool) {
		to, ok := m[f]
		return to, ok
	}
}
