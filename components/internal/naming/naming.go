// Package naming derives child resource names from a component's name and
// checks them against AWS name limits before anything is registered.
//
// Pulumi auto-names a physical resource from its logical name plus a dash and
// seven random hex characters, so a logical name must leave AutonameSuffix
// characters of room under the service's limit.
package naming

import (
	"fmt"
	"regexp"
	"sort"
)

// AutonameSuffix is the length Pulumi appends to auto-named resources ("-" and
// seven hex characters).
const AutonameSuffix = 8

// Kind is a kind of AWS name with its length limit and allowed characters.
type Kind struct {
	Name    string
	Limit   int
	Pattern *regexp.Regexp
	Rule    string
}

var (
	alnumDashUnderscore = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	iamName             = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]+$`)
	logGroupName        = regexp.MustCompile(`^[A-Za-z0-9_./#-]+$`)
	bucketName          = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	sageMakerName       = regexp.MustCompile(`^[A-Za-z0-9](-*[A-Za-z0-9])*$`)
)

// The name kinds the components create.
var (
	IAMRole        = Kind{"IAM role name", 64, iamName, "letters, digits and +=,.@_-"}
	IAMPolicy      = Kind{"IAM policy name", 128, iamName, "letters, digits and +=,.@_-"}
	StateMachine   = Kind{"Step Functions state machine name", 80, alnumDashUnderscore, "letters, digits, - and _"}
	Schedule       = Kind{"EventBridge Scheduler schedule name", 64, regexp.MustCompile(`^[0-9a-zA-Z-_.]+$`), "letters, digits, -, _ and ."}
	EventRule      = Kind{"EventBridge rule name", 64, regexp.MustCompile(`^[.\-_A-Za-z0-9]+$`), "letters, digits, ., - and _"}
	SQSQueue       = Kind{"SQS queue name", 80, alnumDashUnderscore, "letters, digits, - and _"}
	SNSTopic       = Kind{"SNS topic name", 256, alnumDashUnderscore, "letters, digits, - and _"}
	LogGroup       = Kind{"CloudWatch log group name", 512, logGroupName, "letters, digits and _-./#"}
	TaskFamily     = Kind{"ECS task definition family", 255, alnumDashUnderscore, "letters, digits, - and _"}
	ECSCluster     = Kind{"ECS cluster name", 255, alnumDashUnderscore, "letters, digits, - and _"}
	Alarm          = Kind{"CloudWatch alarm name", 255, regexp.MustCompile(`^[^\x00-\x1f]+$`), "printable characters"}
	LambdaFunction = Kind{"Lambda function name", 64, alnumDashUnderscore, "letters, digits, - and _"}
	KinesisStream  = Kind{"Kinesis stream name", 128, regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`), "letters, digits, _, . and -"}
	Firehose       = Kind{"Firehose delivery stream name", 64, regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`), "letters, digits, _, . and -"}
	S3Bucket       = Kind{"S3 bucket name", 63, bucketName, "lower-case letters, digits, . and -, starting with a letter or digit"}
	SageMaker      = Kind{"SageMaker resource name", 63, sageMakerName, "letters, digits and single dashes"}
	KMSAlias       = Kind{"KMS alias name", 256, regexp.MustCompile(`^[a-zA-Z0-9/_-]+$`), "letters, digits, /, _ and -"}
)

// Child is the logical name of a component's child: "<component>-<suffix>".
func Child(component, suffix string) string { return component + "-" + suffix }

// Check returns an error when an auto-named resource with this logical name
// would break kind's limit or character rule. It names the component and the
// field the name comes from.
func Check(component, name, field string, kind Kind, logical string) error {
	if !kind.Pattern.MatchString(logical) {
		return fmt.Errorf("%s %q: `%s` gives the %s %q, which may contain only %s",
			component, name, field, kind.Name, logical, kind.Rule)
	}
	if n := len(logical) + AutonameSuffix; n > kind.Limit {
		return fmt.Errorf("%s %q: `%s` makes %s %q of %d characters with Pulumi's %d-character suffix; the limit is %d",
			component, name, field, kind.Name, logical, n, AutonameSuffix, kind.Limit)
	}
	return nil
}

// CheckExact is Check for a physical name given as is (no autoname suffix).
func CheckExact(component, name, field string, kind Kind, physical string) error {
	if err := kind.Exact(physical); err != nil {
		return fmt.Errorf("%s %q: `%s` %w", component, name, field, err)
	}
	return nil
}

// Exact is the rule for a physical name of this kind given as is: its
// characters and its limit. It reads as a verify.Rule.
func (k Kind) Exact(physical string) error {
	if !k.Pattern.MatchString(physical) {
		return fmt.Errorf("%q is not a valid %s: only %s", physical, k.Name, k.Rule)
	}
	if len(physical) > k.Limit {
		return fmt.Errorf("%q is %d characters; a %s has at most %d", physical, len(physical), k.Name, k.Limit)
	}
	return nil
}

// CheckChildren checks the auto-named children a component named name
// creates (logical name → kind) and returns one error for the whole set:
// the longest name that breaks its limit, and how long the component's
// name may be; or the first character rule a child name breaks.
func CheckChildren(component, name string, children map[string]Kind) error {
	logicals := make([]string, 0, len(children))
	for l := range children {
		logicals = append(logicals, l)
	}
	sort.Strings(logicals)
	maxName, worst, worstOver := -1, "", 0
	for _, l := range logicals {
		k := children[l]
		if !k.Pattern.MatchString(l) {
			return Check(component, name, "name", k, l)
		}
		room := k.Limit - AutonameSuffix - (len(l) - len(name))
		if maxName < 0 || room < maxName {
			maxName = room
		}
		if over := len(l) + AutonameSuffix - k.Limit; over > worstOver {
			worst, worstOver = l, over
		}
	}
	if worst == "" {
		return nil
	}
	k := children[worst]
	return fmt.Errorf("%s %q: `name` is %d characters, too long for the names AWS gives its children: %s %q with Pulumi's %d-character suffix is %d characters, over the limit of %d; a %s name may have at most %d characters",
		component, name, len(name), k.Name, worst, AutonameSuffix, len(worst)+AutonameSuffix, k.Limit, component, maxName)
}

// Stable is the name a component's physical names, name prefixes and other
// replace-forcing inputs derive from: its StableName argument, or its name
// when that is empty. Child resources' logical names still derive from the
// component's name (an alias carries those); see DESIGN.md, "Names and
// compatibility".
func Stable(name, stableName string) string {
	if stableName == "" {
		return name
	}
	return stableName
}

// CheckStable applies a component's name rules (the names its children
// get, children) to a StableName that differs from its name, and names the
// field when it breaks them.
func CheckStable(component, name, stable string, children map[string]Kind) error {
	if stable == "" || stable == name {
		return nil
	}
	if err := CheckChildren(component, stable, children); err != nil {
		return fmt.Errorf("%s %q: `StableName` %q breaks the rules of a %s name: %w", component, name, stable, component, err)
	}
	return nil
}

// StableChild is the StableName a composite gives a component it composes,
// whose name child derives from the composite's: the same derivation from
// the composite's StableName, or empty (the composed component's name)
// when the composite has none.
func StableChild(stable string, child func(string) string) string {
	if stable == "" {
		return ""
	}
	return child(stable)
}
