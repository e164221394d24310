package hybrid

import "time"

// Defaults of HybridPipelineArgs, each documented on its field and pinned by
// a test, and the names the pipeline gives the producer's environment.
const (
	DefaultFallback                      = true
	DefaultFreshnessMaxAge               = 24 * time.Hour
	DefaultFreshnessCron                 = "0 * * * *"
	DefaultFreshnessSuspendAfterFailures = 24

	// LandingURIVariable and LandingFormatVariable tell the producer where
	// to write and in which format: the very values the pipe reads.
	LandingURIVariable    = "LANDING_S3_URI"
	LandingFormatVariable = "LANDING_FORMAT"
)

// withDefaults returns a with every unset field at its default.
func withDefaults(a HybridPipelineArgs) HybridPipelineArgs {
	if a.Fallback == nil {
		v := DefaultFallback
		a.Fallback = &v
	}
	if a.Freshness.MaxAge == 0 {
		a.Freshness.MaxAge = DefaultFreshnessMaxAge
	}
	if a.Freshness.Cron == "" {
		a.Freshness.Cron = DefaultFreshnessCron
	}
	if a.Freshness.SuspendAfterFailures == 0 {
		a.Freshness.SuspendAfterFailures = DefaultFreshnessSuspendAfterFailures
	}
	return a
}
