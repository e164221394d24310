package training

import (
	"github.com/schedkit/schedkit/components/internal/naming"
	"time"

	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
)

// Defaults of TrainingPipelineArgs. Each is documented on its field and
// pinned by a test.
const (
	DefaultInstanceType        = "ml.m5.xlarge"
	DefaultInstanceCount       = 1
	DefaultVolumeSizeGB        = 30
	DefaultMaxRuntime          = 24 * time.Hour
	DefaultModelApprovalStatus = "PendingManualApproval"
	DefaultContentType         = "text/csv"
	DefaultLogRetentionDays    = 30
	// DefaultApprovalNotifications: approvals and rejections are announced
	// on the alert topic.
	DefaultApprovalNotifications = true
	// CheckpointsSuffix is appended to OutputS3Uri for the default CheckpointS3Uri.
	CheckpointsSuffix = "checkpoints/"
	// WorkflowSlack is added to the attempts' runtimes for the workflow's own
	// timeout, to cover registration, backoff and the alert.
	WorkflowSlack = 30 * time.Minute
)

// withDefaults returns a copy of args with every unset field at its default.
func withDefaults(name string, a TrainingPipelineArgs) TrainingPipelineArgs {
	// Every default derived from the component's name derives from its
	// StableName, which defaults to the name.
	name = naming.Stable(name, a.StableName)
	a.StableName = name
	if a.InferenceImage == nil {
		a.InferenceImage = a.Image
	}
	if a.InstanceType == "" {
		a.InstanceType = DefaultInstanceType
	}
	if a.InstanceCount == 0 {
		a.InstanceCount = DefaultInstanceCount
	}
	if a.VolumeSizeGB == 0 {
		a.VolumeSizeGB = DefaultVolumeSizeGB
	}
	if a.MaxRuntime == 0 {
		a.MaxRuntime = DefaultMaxRuntime
	}
	if a.ManagedSpot {
		if a.MaxWait == 0 {
			a.MaxWait = 2 * a.MaxRuntime
			if a.MaxWait > sagemaker.MaxRuntime {
				a.MaxWait = sagemaker.MaxRuntime
			}
		}
		if a.CheckpointS3Uri == "" {
			if u, err := s3uri.Parse(a.OutputS3Uri); err == nil {
				a.CheckpointS3Uri = u.Dir() + CheckpointsSuffix
			}
		}
	}
	if a.JobNamePrefix == "" {
		a.JobNamePrefix = name
	}
	if a.ModelPackageGroupName == "" {
		a.ModelPackageGroupName = name
	}
	if a.ModelApprovalStatus == "" {
		a.ModelApprovalStatus = DefaultModelApprovalStatus
	}
	if len(a.SupportedContentTypes) == 0 {
		a.SupportedContentTypes = []string{DefaultContentType}
	}
	if len(a.SupportedResponseMIMETypes) == 0 {
		a.SupportedResponseMIMETypes = []string{DefaultContentType}
	}
	r := a.Retry.WithDefaults(sagemaker.JobErrors)
	a.Retry = &r
	if a.Schedule != nil {
		s := a.Schedule.WithDefaults()
		a.Schedule = &s
	}
	if a.NewData != nil {
		t := a.NewData.WithDefaults()
		a.NewData = &t
	}
	if a.LogRetentionDays == 0 {
		a.LogRetentionDays = DefaultLogRetentionDays
	}
	if a.ApprovalNotifications == nil {
		v := DefaultApprovalNotifications
		a.ApprovalNotifications = &v
	}
	return a
}
