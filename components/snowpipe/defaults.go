package snowpipe

import "github.com/schedkit/schedkit/components/internal/snowaws"

// Fixed settings of a SnowpipeIngest, pinned by a test.
const (
	// StoragePurpose with the project, stack and component name gives the
	// storage role's default name (snowaws.RoleName).
	StoragePurpose = snowaws.StoragePurpose
	// ObjectCreatedEvents is the S3 event every pipe is notified of.
	ObjectCreatedEvents = "s3:ObjectCreated:*"
	// StreamAppendOnly makes the pipe's stream record inserts only: a pipe
	// only ever inserts.
	StreamAppendOnly = "true"

	// Suffixes of the Snowflake objects named after a pipe.
	PipeSuffix   = "_PIPE"
	StageSuffix  = "_STAGE"
	FormatSuffix = "_FORMAT"
	StreamSuffix = "_STREAM"
)

// FormatTypes are the file format types a pipe accepts.
var FormatTypes = []string{"CSV", "JSON", "PARQUET"}

// compressions lists the compression values each format type accepts.
var compressions = map[string][]string{
	"CSV":     {"AUTO", "GZIP", "BZ2", "BROTLI", "ZSTD", "DEFLATE", "RAW_DEFLATE", "NONE"},
	"JSON":    {"AUTO", "GZIP", "BZ2", "BROTLI", "ZSTD", "DEFLATE", "RAW_DEFLATE", "NONE"},
	"PARQUET": {"AUTO", "LZO", "SNAPPY", "NONE"},
}
