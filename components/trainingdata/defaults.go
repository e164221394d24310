package trainingdata

// Defaults of TrainingDataPipelineArgs and the fixed names of what it writes,
// each pinned by a test.
const (
	DefaultFormat = "CSV"
	DefaultPrefix = "training-data/"
	// RunFolderPrefix starts a snapshot's folder: run-<yyyymmddThhmmssZ>/,
	// the scheduled time of the graph run that wrote it. The training reads
	// the folder back from the marker's S3 event, so every character of it
	// is one S3 never URL-encodes in an event (not run=, which becomes
	// run%3D; see verify.EventKeyPrefix).
	RunFolderPrefix = "run-"
	// DataFilePrefix starts the names of a snapshot's data files
	// (part_0_0_0.csv, ...); the training reads only those.
	DataFilePrefix = "part"
	// MarkerName is the object written after the data; its creation starts
	// the training.
	MarkerName = "_SUCCESS"
	// TrainChannel is the training input channel that reads a snapshot.
	TrainChannel = "train"
)

// ContentType is the MIME type SageMaker is told a snapshot of each format has.
var ContentType = map[string]string{"CSV": "text/csv", "PARQUET": "application/x-parquet"}

// withDefaults returns a with every unset field at its default.
func withDefaults(a TrainingDataPipelineArgs) TrainingDataPipelineArgs {
	if a.Format == "" {
		a.Format = DefaultFormat
	}
	if a.Prefix == "" {
		a.Prefix = DefaultPrefix
	}
	return a
}
