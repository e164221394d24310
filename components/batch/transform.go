package batch

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/sagemaker"
)

// TransformJob is one SageMaker batch transform per run: it reads every
// object under InputS3Uri (or the run's date partition of it) and writes
// the predictions under OutputS3Uri, encrypted with OutputKmsKeyArn.
type TransformJob struct {
	// ModelName is the SageMaker model to run. Required.
	ModelName pulumi.StringInput
	// JobNamePrefix starts every job's name; each attempt appends "-" and a
	// fresh UUID. Lower-case letters, digits and dashes, at most 26
	// characters. Defaults to the component's name.
	JobNamePrefix string
	// InputS3Uri is the folder the input lives in, "s3://bucket/prefix"
	// (read as "prefix/"). Required.
	InputS3Uri string
	// OutputS3Uri is the folder predictions go to, "s3://bucket/prefix"
	// (written as "prefix/"). Required.
	OutputS3Uri string
	// PartitionByRunDate reads <InputS3Uri>/dt=YYYY-MM-DD/ and writes
	// <OutputS3Uri>/dt=YYYY-MM-DD/ for the run's date. Defaults to true.
	PartitionByRunDate *bool
	// OutputKmsKeyArn encrypts the predictions; the model's role needs use of
	// it. Leave nil for the bucket's default encryption.
	OutputKmsKeyArn pulumi.StringInput
	// InstanceType is a SageMaker instance type ("ml." prefix). Defaults to ml.m5.large.
	InstanceType string
	// InstanceCount is the number of instances, 1–100. Defaults to 1.
	InstanceCount int
	// MaxConcurrentTransforms is the number of parallel requests per
	// instance, 0–1000; 0 leaves SageMaker's choice. Defaults to 0.
	MaxConcurrentTransforms int
	// MaxPayloadMB is the largest mini-batch in MB, 1–100. Defaults to 6.
	MaxPayloadMB int
	// BatchStrategy is MultiRecord or SingleRecord. Defaults to MultiRecord.
	BatchStrategy string
	// SplitType is None, Line, RecordIO or TFRecord. Defaults to Line.
	SplitType string
	// ContentType is the input's MIME type. Defaults to text/csv.
	ContentType string
	// Accept is the output's MIME type. Defaults to text/csv.
	Accept string
	// AssembleWith is None or Line. Defaults to Line.
	AssembleWith string
	// JoinSource is None or Input (each output record joined with its input).
	// Defaults to None.
	JoinSource string
	// Environment is passed to the model container.
	Environment map[string]string
}

// withDefaults returns t with every unset field at its default; prefix is
// the JobNamePrefix default.
func (t TransformJob) withDefaults(prefix string) TransformJob {
	return TransformJob(sagemaker.Transform(t).WithDefaults(prefix))
}
