package stream

import "time"

// Defaults of StreamProcessorArgs. Each is documented on its field and pinned by a test.
const (
	DefaultStreamMode              = "ON_DEMAND"
	DefaultRetentionHours          = 24
	DefaultArchitecture            = "arm64"
	DefaultMemoryMB                = 256
	DefaultTimeout                 = time.Minute
	DefaultLogFormat               = "Text"
	DefaultLogRetentionDays        = 30
	DefaultStartingPosition        = "LATEST"
	DefaultBatchSize               = 100
	DefaultBatchingWindow          = 0 * time.Second
	DefaultParallelizationFactor   = 1
	DefaultMaximumRetryAttempts    = 3
	DefaultMaximumRecordAgeSeconds = 3600
	DefaultIteratorAgeThreshold    = 15 * time.Minute

	DefaultBucketEncryption           = "aws:kms"
	DefaultS3BufferingSizeMB          = 5
	DefaultS3BufferingInterval        = 300 * time.Second
	DefaultSnowflakeBufferingSizeMB   = 1
	DefaultSnowflakeBufferingInterval = 0 * time.Second
	DefaultSnowflakeRetryDuration     = 60 * time.Second
	DefaultSnowflakeDataLoading       = "JSON_MAPPING"
	// DefaultErrorFolder is the folder under Sink.Prefix an S3 sink's
	// unprocessable records land in unless S3SinkArgs.ErrorPrefix is given.
	DefaultErrorFolder = "errors/"

	// AWSManagedStreamKey is the AWS-managed key a created stream is encrypted with by default.
	AWSManagedStreamKey = "alias/aws/kinesis"
	// ReportBatchItemFailures lets the function return the records that
	// failed, so only those (and later ones) are retried.
	ReportBatchItemFailures = "ReportBatchItemFailures"
	// NoncurrentToGlacierDays moves old versions of sink objects to Glacier.
	NoncurrentToGlacierDays = 90
)

// withDefaults returns a copy of args with every unset field at its default.
func withDefaults(args StreamProcessorArgs) StreamProcessorArgs {
	if args.StreamArn == nil && args.Stream == nil {
		args.Stream = &StreamArgs{}
	}
	if args.Stream != nil {
		s := *args.Stream
		if s.Mode == "" {
			s.Mode = DefaultStreamMode
		}
		if s.RetentionHours == 0 {
			s.RetentionHours = DefaultRetentionHours
		}
		args.Stream = &s
	}
	if args.Architecture == "" {
		args.Architecture = DefaultArchitecture
	}
	if args.MemoryMB == 0 {
		args.MemoryMB = DefaultMemoryMB
	}
	if args.Timeout == 0 {
		args.Timeout = DefaultTimeout
	}
	if args.LogFormat == "" {
		args.LogFormat = DefaultLogFormat
	}
	if args.LogRetentionDays == 0 {
		args.LogRetentionDays = DefaultLogRetentionDays
	}
	if args.StartingPosition == "" {
		args.StartingPosition = DefaultStartingPosition
	}
	if args.BatchSize == 0 {
		args.BatchSize = DefaultBatchSize
	}
	if args.ParallelizationFactor == 0 {
		args.ParallelizationFactor = DefaultParallelizationFactor
	}
	if args.MaximumRetryAttempts == nil {
		n := DefaultMaximumRetryAttempts
		args.MaximumRetryAttempts = &n
	}
	if args.MaximumRecordAgeSeconds == 0 {
		args.MaximumRecordAgeSeconds = DefaultMaximumRecordAgeSeconds
	}
	if args.Enabled == nil {
		t := true
		args.Enabled = &t
	}
	if args.IteratorAgeAlarmThreshold == 0 {
		args.IteratorAgeAlarmThreshold = DefaultIteratorAgeThreshold
	}
	if args.Sink != nil {
		s := args.Sink.withDefaults()
		args.Sink = &s
	}
	if len(args.Sinks) > 0 {
		sinks := make(map[string]SinkArgs, len(args.Sinks))
		for n, s := range args.Sinks {
			sinks[n] = s.withDefaults()
		}
		args.Sinks = sinks
	}
	return args
}

// withDefaults returns a copy of s with every unset field at its default.
func (s SinkArgs) withDefaults() SinkArgs {
	if s.BucketArn == nil && s.BucketEncryption == "" {
		s.BucketEncryption = DefaultBucketEncryption
	}
	if s.S3 != nil {
		c := *s.S3
		if c.BufferingSizeMB == 0 {
			c.BufferingSizeMB = DefaultS3BufferingSizeMB
		}
		if c.BufferingInterval == 0 {
			c.BufferingInterval = DefaultS3BufferingInterval
		}
		s.S3 = &c
	}
	if s.Snowflake != nil {
		c := *s.Snowflake
		if c.DataLoadingOption == "" {
			c.DataLoadingOption = DefaultSnowflakeDataLoading
		}
		if c.BufferingSizeMB == 0 {
			c.BufferingSizeMB = DefaultSnowflakeBufferingSizeMB
		}
		if c.RetryDuration == 0 {
			c.RetryDuration = DefaultSnowflakeRetryDuration
		}
		s.Snowflake = &c
	}
	return s
}

// errorPrefix is where an S3 sink writes what Firehose could not process:
// S3.ErrorPrefix, else Prefix + "errors/".
func (s SinkArgs) errorPrefix() string {
	if s.S3 != nil && s.S3.ErrorPrefix != "" {
		return s.S3.ErrorPrefix
	}
	return s.Prefix + DefaultErrorFolder
}
