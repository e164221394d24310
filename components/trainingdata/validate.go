package trainingdata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "trainingdatapipeline"

var dataset = regexp.MustCompile(`^[a-z0-9](-?[a-z0-9])*$`)

// maxDataset keeps the names derived from a dataset within their limits.
const maxDataset = 40

// validate checks every argument, and the graph and training it composes,
// before anything is registered, and returns all problems at once.
func validate(name string, raw *TrainingDataPipelineArgs) (TrainingDataPipelineArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Database, Schema, Dataset, Query, LabelColumn, BucketName, a schedule and Training are required")
		return TrainingDataPipelineArgs{}, errs.Err()
	}
	a := withDefaults(*raw)
	errs.Field("Database", verify.SnowflakeIdentifier(a.Database))
	errs.Field("Schema", verify.SnowflakeIdentifier(a.Schema))
	switch {
	case !dataset.MatchString(a.Dataset):
		errs.Addf("Dataset", "%q may contain only lower-case letters, digits and single dashes, starting and ending with a letter or digit", a.Dataset)
	case len(a.Dataset) > maxDataset:
		errs.Addf("Dataset", "%q is %d characters; at most %d", a.Dataset, len(a.Dataset), maxDataset)
	}
	switch q := strings.TrimSpace(a.Query); {
	case q == "":
		errs.Addf("Query", "is empty; give the SELECT whose rows are the training set")
	case strings.Contains(q, ";"):
		errs.Addf("Query", "%q contains ;: give one SELECT", a.Query)
	case strings.Contains(q, "$$"):
		errs.Addf("Query", "%q contains $$, which would end the unload task's script", a.Query)
	default:
		errs.Field("Query", verify.SnowflakeQuery(a.Query))
	}
	errs.Field("LabelColumn", verify.SnowflakeIdentifier(a.LabelColumn))
	errs.OneOf("Format", a.Format, "CSV", "PARQUET")
	if a.BuiltInAlgorithm && a.Format == "PARQUET" {
		errs.Addf("Format", "PARQUET is set with `BuiltInAlgorithm`; SageMaker's built-in algorithms read headerless CSV with the label first: use CSV, or a framework container for Parquet")
	}
	errs.Field("BucketName", verify.BucketName(a.BucketName))
	errs.Plain("BucketKmsKeyArn", a.BucketKmsKeyArn, verify.KMSKeyARN)
	errs.Field("Prefix", verify.EventKeyPrefix(a.Prefix))
	errs.Plain("ExternalID", a.ExternalID, verify.ExternalID)
	if a.StorageRoleName != "" {
		errs.Add(snowaws.CheckRoleName(kind, name, "StorageRoleName", a.StorageRoleName))
	}
	tags.Validate(errs, a.Tags)
	validateTraining(errs, raw.Training)
	if dataset.MatchString(a.Dataset) {
		// The unload task is the graph's, in the schema the steps' tasks
		// are created in: one name for two tasks would make the graph's
		// second CREATE TASK replace the first.
		unload := verify.Derived{Name: unloadTaskName(a.Dataset), What: "the unload task"}
		for i, s := range a.FeatureSteps {
			errs.Field(fmt.Sprintf("FeatureSteps[%d].Name", i), verify.NameFree(s.Name, unload))
		}
	}
	if err := errs.Err(); err != nil {
		return TrainingDataPipelineArgs{}, err // the composed components' own checks need sound values
	}
	errs.Composed(taskgraph.Validate(graphName(name), graphArgs(name, a, nil)), func(f string) (string, bool) {
		// The caller's steps come first in the graph's tasks; the unload is the pipeline's.
		if rest, ok := strings.CutPrefix(f, "Tasks["); ok {
			if i, err := strconv.Atoi(rest[:strings.IndexByte(rest+"]", ']')]); err == nil && i < len(a.FeatureSteps) {
				return "FeatureSteps[" + rest, true
			}
		}
		switch f {
		case "Cron", "Timezone", "EveryMinutes", "Warehouse", "DeadlineGrace", "DisableDeadline":
			return f, true
		}
		return "", false
	})
	// The training's own fields keep the training's name in their messages:
	// an Output among them is checked at deploy time by the TrainingPipeline,
	// in its words.
	errs.Composed(training.Validate(trainingName(name), trainingArgs(a)), func(string) (string, bool) { return "", false })
	return a, errs.Err()
}

// checkRoleNames refuses a StorageRoleName that is the name of the role
// the task graph creates for its error notifications,
// schedkit-<project>-<stack>-<name>-features-sf-notify (or its hashed
// short form): IAM role names are unique in an account, without regard to
// case ("IAM identifiers", IAM User Guide), so the second role would fail
// at apply with EntityAlreadyExists. The names derive from the project and
// stack, so this runs in the constructor, before anything is registered.
func checkRoleNames(ctx *pulumi.Context, name string, a TrainingDataPipelineArgs) error {
	if a.StorageRoleName == "" {
		return nil // the default ends in -sf-s3, the graph's in -sf-notify
	}
	g := graphArgs(name, a, nil)
	notify := snowaws.RoleName(ctx.Project(), ctx.Stack(), naming.Stable(graphName(name), g.StableName), snowaws.NotificationPurpose)
	errs := check.New(kind, name)
	errs.Field("StorageRoleName", verify.NameFree(a.StorageRoleName, verify.Derived{Name: notify, What: "the role the task graph publishes its errors with"}))
	return errs.Err()
}

// validateTraining refuses what the pipeline sets itself.
func validateTraining(errs *check.Errors, t training.TrainingPipelineArgs) {
	set := map[string]bool{
		"InputChannels": len(t.InputChannels) > 0, "NewData": t.NewData != nil, "NewDataChannel": t.NewDataChannel != "",
		"NewDataFilePrefix": t.NewDataFilePrefix != "", "ContentTypes": len(t.ContentTypes) > 0,
		"InputKmsKeyArn": t.InputKmsKeyArn != nil, "Schedule": t.Schedule != nil,
		"AlertTopicArn": t.AlertTopicArn != nil, "AlertTopicKmsKeyArn": t.AlertTopicKmsKeyArn != nil, "AlertEmail": t.AlertEmail != "",
		"RetainOnDelete": t.RetainOnDelete, "Protect": t.Protect, "Tags": len(t.Tags) > 0,
	}
	for _, f := range []string{"InputChannels", "NewData", "NewDataChannel", "NewDataFilePrefix", "ContentTypes", "InputKmsKeyArn", "Schedule", "AlertTopicArn", "AlertTopicKmsKeyArn", "AlertEmail", "RetainOnDelete", "Protect", "Tags"} {
		if set[f] {
			errs.Addf("Training."+f, "is set; the pipeline sets it (the snapshot channel, its marker trigger, the bucket key, the shared alerts): use the pipeline's own field where there is one")
		}
	}
}

// graphName and trainingName are the composed components' names.
func graphName(name string) string    { return name + "-features" }
func trainingName(name string) string { return name + "-training" }

// snapshotPrefix is the key prefix the pipeline writes: <Prefix><Dataset>/.
func snapshotPrefix(a TrainingDataPipelineArgs) string { return a.Prefix + a.Dataset + "/" }

// claims remembers, per program run and namespace ("s3" prefixes, Snowflake
// "stage" names), which pipeline holds which key, so that a pipeline
// refuses one another pipeline of the program already holds.
var claims = struct {
	sync.Mutex
	held map[claimSpace]map[string]string
}{held: map[claimSpace]map[string]string{}}

type claimSpace struct {
	program any
	space   string
}

// claim records that name holds key in space of program, unless a key
// another pipeline holds there clashes with it (clash(key, held)): then
// it returns that key and its holder, and records nothing.
func claim(program any, space, key, name string, clash func(key, held string) bool) (held, owner string, taken bool) {
	claims.Lock()
	defer claims.Unlock()
	at := claimSpace{program, space}
	seen := claims.held[at]
	if seen == nil {
		seen = map[string]string{}
		claims.held[at] = seen
	}
	for other, owner := range seen {
		if clash(key, other) {
			return other, owner, true
		}
	}
	seen[key] = name
	return "", "", false
}

// claimStage records that name creates the stage DB.SCHEMA.<DATASET>_SNAPSHOTS
// and the task UNLOAD_<DATASET> beside it, refusing a dataset another
// pipeline of the program already builds in that schema: two pipelines
// would create one stage and one task twice (Snowflake compares unquoted
// names in upper case), each replacing the other's (issue 19: two
// Snowflake objects with one fully qualified name).
func claimStage(program any, name string, a TrainingDataPipelineArgs) error {
	key := strings.ToUpper(a.Database + "." + a.Schema + "." + stageName(a.Dataset))
	same := func(key, held string) bool { return key == held }
	if _, owner, taken := claim(program, "stage", key, name, same); taken {
		return fmt.Errorf("%s %q: `Dataset` %q gives the stage %s and the task %s, which %s %q creates in the same schema; one pipeline per dataset and schema, or each would replace the other's",
			kind, name, a.Dataset, key, unloadTaskName(a.Dataset), kind, owner)
	}
	return nil
}

// claimPrefix records that name writes bucket/prefix in the program of ctx,
// refusing a prefix that overlaps another pipeline's: two pipelines under
// overlapping prefixes would each train on the other's markers.
func claimPrefix(program any, name, bucket, prefix string) error {
	key := bucket + "/" + prefix
	overlap := func(key, held string) bool { return strings.HasPrefix(key, held) || strings.HasPrefix(held, key) }
	if other, owner, taken := claim(program, "s3", key, name, overlap); taken {
		return fmt.Errorf("%s %q: `Prefix` and `Dataset` give s3://%s, which overlaps s3://%s of %s %q; one pipeline per prefix, or each would train on the other's snapshots",
			kind, name, key, other, kind, owner)
	}
	return nil
}
