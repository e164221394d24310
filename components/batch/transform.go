package batch

import (
	"github.com/schedkit/schedkit/components/internal/sagemaker"
)

// TransformJob is one SageMaker batch transform per run: it reads every
// object under InputS3Uri (or the run's date partition of it) and writes
// the predictions under OutputS3Uri, encrypted with OutputKmsKeyArn. Its
// fields document their defaults; BatchInference runs the same transform
// from flat arguments.
type TransformJob = sagemaker.Transform
