package sagemaker

import (
	"fmt"
	"regexp"
	"time"

	"github.com/schedkit/schedkit/components/internal/check"
)

// MaxJobNamePrefix is the longest job name prefix: 63 − len("-") − 36 (UUID).
const MaxJobNamePrefix = 26

var jobNamePrefix = regexp.MustCompile(`^[a-z0-9](-?[a-z0-9])*$`)

// CheckJobNamePrefix accepts a prefix that, with "-" and a 36-character
// UUID, still makes a valid SageMaker job name (at most 63 characters).
// Lower case only: SageMaker lower-cases names in ARNs, and the IAM
// resources schedkit writes must match them.
func CheckJobNamePrefix(p string) error {
	if !jobNamePrefix.MatchString(p) {
		return fmt.Errorf("%q may contain only lower-case letters, digits and single dashes, starting and ending with a letter or digit", p)
	}
	if len(p) > MaxJobNamePrefix {
		return fmt.Errorf("%q is %d characters; with \"-\" and a UUID the job name must fit SageMaker's 63, so at most %d", p, len(p), MaxJobNamePrefix)
	}
	return nil
}

// ValidateRuntime records a problem when d is not a positive whole number
// of seconds within SageMaker's 28-day limit.
func ValidateRuntime(errs *check.Errors, field string, d time.Duration) {
	switch {
	case d <= 0:
		errs.Addf(field, "%s is not positive", d)
	case d > MaxRuntime:
		errs.Addf(field, "%s is beyond SageMaker's limit of 28 days (%s)", d, MaxRuntime)
	case d%time.Second != 0:
		errs.Addf(field, "%s is not a whole number of seconds", d)
	}
}

// JobName is the Parameters value that names a SageMaker job: prefix, "-"
// and a UUID drawn when the state's Parameters are evaluated — on every
// attempt, so a retry never reuses the name of the attempt before it
// (SageMaker rejects a duplicate name).
func JobName(prefix string) string {
	return fmt.Sprintf("States.Format('%s-{}', States.UUID())", prefix)
}
