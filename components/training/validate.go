package training

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/schedkit/schedkit/components/internal/alerting"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/verify"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// kind names the component in error messages.
const kind = "trainingpipeline"

var channelName = regexp.MustCompile(`^[A-Za-z0-9.\-_]{1,64}$`)

var newDataFilePrefix = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// MaxInputChannels is how many input channels a training job takes
// (CreateTrainingJob InputDataConfig: 1–20 channels, SageMaker API Reference).
const MaxInputChannels = 20

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, raw *TrainingPipelineArgs) (TrainingPipelineArgs, error) {
	errs := check.New(kind, name)
	if raw == nil {
		errs.Addf("args", "is nil; Image, InputChannels and OutputS3Uri are required")
		return TrainingPipelineArgs{}, errs.Err()
	}
	a := withDefaults(name, *raw)
	if a.Image == nil {
		errs.Addf("Image", "is required: the training algorithm's image")
	} else if s, ok := a.Image.(pulumi.String); ok {
		errs.Field("Image", verify.Image(string(s)))
	}
	if s, ok := a.InferenceImage.(pulumi.String); ok && raw.InferenceImage != nil {
		errs.Field("InferenceImage", verify.Image(string(s)))
	}
	errs.Plain("EcrRepositoryArn", a.EcrRepositoryArn, verify.ECRRepositoryARN)
	errs.Plain("InputKmsKeyArn", a.InputKmsKeyArn, verify.KMSKeyARN)
	errs.Plain("OutputKmsKeyArn", a.OutputKmsKeyArn, verify.KMSKeyARN)
	tags.Validate(errs, a.Tags)
	errs.Field("InstanceType", verify.TrainingInstanceType(a.InstanceType))
	if a.InstanceCount < 1 {
		errs.Addf("InstanceCount", "%d is below 1", a.InstanceCount)
	} else {
		errs.Range("InstanceCount", a.InstanceCount, 1, 100)
	}
	errs.Range("VolumeSizeGB", a.VolumeSizeGB, 1, 16384)
	sagemaker.ValidateRuntime(errs, "MaxRuntime", a.MaxRuntime)
	if len(a.HyperParameters) > 100 {
		errs.Addf("HyperParameters", "has %d entries; SageMaker takes at most 100", len(a.HyperParameters))
	}
	for _, k := range slices.Sorted(maps.Keys(a.HyperParameters)) {
		if k == "" || len(k) > 256 || len(a.HyperParameters[k]) > 2500 {
			errs.Addf("HyperParameters", "%q: names are 1–256 and values at most 2500 characters", k)
		}
	}

	if len(a.InputChannels) == 0 {
		errs.Addf("InputChannels", "is empty: give at least one channel, e.g. {\"train\": \"s3://bucket/train/\"}")
	} else if len(a.InputChannels) > MaxInputChannels {
		errs.Addf("InputChannels", "has %d channels; a training job takes at most %d", len(a.InputChannels), MaxInputChannels)
	}
	for _, k := range slices.Sorted(maps.Keys(a.InputChannels)) {
		if !channelName.MatchString(k) {
			errs.Addf("InputChannels", "name %q is not a SageMaker channel name (1–64 letters, digits, ., - and _)", k)
		}
		if _, err := s3uri.Parse(a.InputChannels[k]); err != nil {
			errs.Field("InputChannels["+k+"]", err)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.ContentTypes)) {
		if _, ok := a.InputChannels[k]; !ok {
			errs.Addf("ContentTypes", "%q is not one of `InputChannels`", k)
		} else if strings.TrimSpace(a.ContentTypes[k]) == "" || len(a.ContentTypes[k]) > 256 {
			errs.Addf("ContentTypes", "%q: %q is not a MIME type of at most 256 characters", k, a.ContentTypes[k])
		}
	}
	validateNewDataChannel(errs, a)
	if a.OutputS3Uri == "" {
		errs.Addf("OutputS3Uri", "is required, e.g. s3://bucket/models/")
	} else if _, err := s3uri.Parse(a.OutputS3Uri); err != nil {
		errs.Field("OutputS3Uri", err)
	}

	if a.ManagedSpot {
		sagemaker.ValidateRuntime(errs, "MaxWait", a.MaxWait)
		if a.MaxWait < a.MaxRuntime {
			errs.Addf("MaxWait", "%s is below `MaxRuntime` %s; a spot job's wait includes its runtime", a.MaxWait, a.MaxRuntime)
		}
		if a.CheckpointS3Uri != "" {
			if _, err := s3uri.Parse(a.CheckpointS3Uri); err != nil {
				errs.Field("CheckpointS3Uri", err)
			}
		}
	} else if raw.MaxWait != 0 || raw.CheckpointS3Uri != "" {
		errs.Addf("MaxWait", "or `CheckpointS3Uri` is set without `ManagedSpot`")
	}

	// The names a caller gives here share no namespace with one the
	// component derives (verify.NameFree has nothing to compare): training
	// jobs are all <JobNamePrefix>-<uuid>, the model package group is the
	// only one it creates, and its IAM roles, rules, queues and topic are
	// auto-named by Pulumi with a random suffix.
	errs.Field("JobNamePrefix", sagemaker.CheckJobNamePrefix(a.JobNamePrefix))
	errs.Add(naming.CheckExact(kind, name, "ModelPackageGroupName", naming.SageMaker, a.ModelPackageGroupName))
	errs.OneOf("ModelApprovalStatus", a.ModelApprovalStatus, "PendingManualApproval", "Approved")
	retry.Validate(errs, "Retry", *a.Retry)
	if a.Schedule != nil {
		workflow.ValidateSchedule(errs, "Schedule", *a.Schedule)
	}
	if a.NewData != nil {
		workflow.ValidateObjectCreated(errs, "NewData", *a.NewData)
	}
	errs.Field("LogRetentionDays", logs.CheckRetention(a.LogRetentionDays))
	alerting.TopicArgs{ExistingArn: a.AlertTopicArn, ExistingKeyArn: a.AlertTopicKmsKeyArn, Email: a.AlertEmail}.Validate(errs)
	errs.Add(naming.CheckChildren(kind, name, childNames(name, a)))
	errs.Add(naming.CheckStable(kind, name, a.StableName, childNames(a.StableName, a)))
	a.StableName = naming.Stable(name, a.StableName)
	return a, errs.Err()
}

// childNames are the auto-named children whose names AWS limits.
func childNames(name string, a TrainingPipelineArgs) map[string]naming.Kind {
	names := map[string]naming.Kind{
		naming.Child(name, "training-role"): naming.IAMRole,
		naming.Child(name, "alerts"):        naming.SNSTopic,
	}
	if *a.ApprovalNotifications {
		names[naming.Child(name, "approvals")] = naming.EventRule
		names[naming.Child(name, "approvals-dlq")] = naming.SQSQueue
	}
	maps.Copy(names, workflow.ChildNames(name))
	if a.Schedule != nil {
		maps.Copy(names, workflow.TriggerChildNames(name))
	}
	if a.NewData != nil {
		maps.Copy(names, workflow.ObjectCreatedChildNames(name))
	}
	return names
}

// validateNewDataChannel checks that the channel a new-data event fills is a
// channel, that only a new-data event starts the run, and that the event's
// objects lie under the channel's prefix (so the training role may read them).
func validateNewDataChannel(errs *check.Errors, a TrainingPipelineArgs) {
	if a.NewDataChannel == "" {
		if a.NewDataFilePrefix != "" {
			errs.Addf("NewDataFilePrefix", "%q is set without `NewDataChannel`", a.NewDataFilePrefix)
		}
		return
	}
	if p := a.NewDataFilePrefix; p != "" && !newDataFilePrefix.MatchString(p) {
		errs.Addf("NewDataFilePrefix", "%q may contain only letters, digits, _, - and . (it is the start of the data files' names)", p)
	}
	channel, ok := a.InputChannels[a.NewDataChannel]
	switch {
	case !ok:
		errs.Addf("NewDataChannel", "%q is not one of `InputChannels`", a.NewDataChannel)
		return
	case a.NewData == nil:
		errs.Addf("NewDataChannel", "%q is set without `NewData`; only an object-created event names the data to read", a.NewDataChannel)
		return
	case a.Schedule != nil:
		errs.Addf("Schedule", "is set with `NewDataChannel` %q; a scheduled run has no new object to read", a.NewDataChannel)
	}
	c, err1 := s3uri.Parse(channel)
	n, err2 := s3uri.Parse(a.NewData.S3Uri)
	if err1 != nil || err2 != nil {
		return // reported with the fields themselves
	}
	if c.Bucket != n.Bucket || !strings.HasPrefix(n.AsDir().Key, c.AsDir().Key) {
		errs.Addf("NewData.S3Uri", "%q is not under `InputChannels[%q]` %q; the run reads the new object's folder through that channel", a.NewData.S3Uri, a.NewDataChannel, channel)
	}
}

// Validate reports every problem of args for a component named name, as the
// constructor does, without registering anything: a composite that builds
// this component calls it before registering any of its own children.
func Validate(name string, args *TrainingPipelineArgs) error {
	_, err := validate(name, args)
	return err
}
