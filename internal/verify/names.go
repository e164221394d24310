package verify

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

var bucketChars = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)

// Prefixes and suffixes S3 reserves for its own names ("General purpose
// bucket naming rules", Amazon S3 User Guide, read 2026-12).
// EventKeyPrefix is KeyPrefix for a prefix the library reads back from an
// S3 event (an EventBridge rule's key pattern, a folder a workflow takes
// from the event's key): only letters, digits, -, _, . and /. S3
// URL-encodes object keys in the event notifications it sends to SQS, SNS
// and Lambda ("red flower.jpg" becomes "red+flower.jpg", = becomes %3D;
// "Event message structure", Amazon S3 User Guide), and the page on
// EventBridge events ("EventBridge event message structure") shows
// detail.object.key without saying whether it is encoded. These characters
// are the same in both forms, except / in a form encoder (%2F), which the
// readers decode.
func EventKeyPrefix(s string) error {
	if err := KeyPrefix(s); err != nil {
		return err
	}
	return EventKeyChars(s)
}

// EventKeyChars accepts a key, or part of one, that an S3 event carries
// alike encoded or not (see EventKeyPrefix).
func EventKeyChars(s string) error {
	if !eventKeyChars.MatchString(s) {
		return fmt.Errorf("%q may contain only letters, digits and -_./ here: S3 URL-encodes other characters in the object keys of its events", s)
	}
	return nil
}

var eventKeyChars = regexp.MustCompile(`^[A-Za-z0-9._/-]*$`)

var (
	reservedBucketPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedBucketSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// BucketName accepts a general purpose S3 bucket name: 3–63 characters of
// lower-case letters, digits, dots and hyphens, beginning and ending with a
// letter or digit, no two adjacent dots, not an IP address, none of the
// prefixes and suffixes S3 reserves. Source: "General purpose bucket naming
// rules", Amazon S3 User Guide.
func BucketName(s string) error {
	bad := func(rule string) error { return fmt.Errorf("%q is not a valid S3 bucket name: %s", s, rule) }
	switch {
	case len(s) < 3 || len(s) > 63:
		return bad(fmt.Sprintf("it has %d characters; bucket names have 3–63", len(s)))
	case !bucketChars.MatchString(s):
		return bad("only lower-case letters, digits, . and - are allowed, starting and ending with a letter or digit")
	case strings.Contains(s, ".."):
		return bad("two adjacent periods")
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return bad("it is formatted as an IP address")
	}
	for _, p := range reservedBucketPrefixes {
		if strings.HasPrefix(s, p) {
			return bad(fmt.Sprintf("the prefix %q is reserved by S3", p))
		}
	}
	for _, x := range reservedBucketSuffixes {
		if strings.HasSuffix(s, x) {
			return bad(fmt.Sprintf("the suffix %q is reserved by S3", x))
		}
	}
	return nil
}

var keyPrefixChars = regexp.MustCompile(`^[A-Za-z0-9!_.*'()/=-]+$`)

// MaxKeyPrefix is the longest key prefix schedkit accepts: S3 object keys
// have at most 1,024 bytes ("Naming Amazon S3 objects"), and Firehose takes a
// prefix of at most 1,024 characters ("S3DestinationConfiguration",
// Amazon Data Firehose API Reference).
const MaxKeyPrefix = 1024

// KeyPrefix accepts an S3 key prefix that names a folder: "orders/",
// "raw/events/". Not a URI (s3://...), no leading slash, ending in "/", no
// empty path segment, and only the characters S3 calls safe ("Naming Amazon
// S3 objects", Amazon S3 User Guide) apart from * and ', which schedkit
// writes into IAM patterns and SQL strings.
func KeyPrefix(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("is empty; give a folder prefix such as \"orders/\"")
	case strings.Contains(s, "://"):
		return fmt.Errorf("%q is a URI; give the key prefix inside the bucket, such as \"orders/\"", s)
	case strings.HasPrefix(s, "/"):
		return fmt.Errorf("%q starts with /; S3 keys do not", s)
	case !strings.HasSuffix(s, "/"):
		return fmt.Errorf("%q does not end with /; a prefix is a folder, e.g. %q", s, s+"/")
	case strings.Contains(s, "//"):
		return fmt.Errorf("%q has an empty path segment", s)
	case len(s) > MaxKeyPrefix:
		return fmt.Errorf("%q is %d characters; a key prefix has at most %d", s, len(s), MaxKeyPrefix)
	case !keyPrefixChars.MatchString(s) || strings.ContainsAny(s, "*'"):
		return fmt.Errorf("%q may contain only letters, digits and !-_.() = /", s)
	}
	return nil
}

var (
	subnetID        = regexp.MustCompile(`^subnet-([0-9a-f]{8}|[0-9a-f]{17})$`)
	securityGroupID = regexp.MustCompile(`^sg-([0-9a-f]{8}|[0-9a-f]{17})$`)
)

// SubnetID accepts a VPC subnet id: "subnet-" and 8 or 17 hexadecimal
// digits ("Resource IDs", Amazon EC2 User Guide).
func SubnetID(s string) error {
	if !subnetID.MatchString(s) {
		return fmt.Errorf("%q is not a subnet id (subnet- and 8 or 17 hex digits)", s)
	}
	return nil
}

// SecurityGroupID accepts a VPC security group id: "sg-" and 8 or 17
// hexadecimal digits. A group name is not accepted: RunTask in a VPC takes ids.
func SecurityGroupID(s string) error {
	if !securityGroupID.MatchString(s) {
		return fmt.Errorf("%q is not a security group id (sg- and 8 or 17 hex digits)", s)
	}
	return nil
}

var emailAddress = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)

// Email accepts an address SNS can subscribe: a local part, "@" and a domain
// with a dot.
func Email(s string) error {
	if !emailAddress.MatchString(s) {
		return fmt.Errorf("%q is not an email address", s)
	}
	return nil
}

var externalID = regexp.MustCompile(`^[\w+=,.@:/-]+$`)

// ExternalID accepts what STS accepts as an external id: 2–1224 characters
// of letters, digits and +=,.@:/-_ ("AssumeRole", AWS STS API Reference).
func ExternalID(s string) error {
	if len(s) < 2 || len(s) > 1224 || !externalID.MatchString(s) {
		return fmt.Errorf("%q is not 2–1224 characters of letters, digits and +=,.@:/-_", s)
	}
	return nil
}

// Image accepts a container image reference: not empty, no white space.
func Image(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("is empty; give a container image")
	}
	if strings.ContainsAny(s, " \t\n") {
		return fmt.Errorf("%q contains white space", s)
	}
	return nil
}

// ListRule is a check of a list of values as a whole, e.g. how many there are.
type ListRule func([]string) error

// Count accepts a list of min–max items; what names them in the error
// ("subnets"), limit says whose limit it is.
func Count(what string, min, max int, limit string) ListRule {
	return func(vs []string) error {
		switch {
		case len(vs) == 0 && min > 0:
			return fmt.Errorf("is empty: give %s (at least %d)", what, min)
		case len(vs) < min:
			return fmt.Errorf("has %d %s; %s needs at least %d", len(vs), what, limit, min)
		case len(vs) > max:
			return fmt.Errorf("has %d %s; %s allows at most %d", len(vs), what, limit, max)
		}
		return nil
	}
}

// Limits of an awsvpc network configuration in ECS RunTask
// ("AwsVpcConfiguration", Amazon ECS API Reference: "There's a limit of 16
// subnets" and "a limit of 5 security groups").
const (
	MaxRunTaskSubnets        = 16
	MaxRunTaskSecurityGroups = 5
)

// RunTaskSubnets accepts the subnets of an ECS task: 1–16.
var RunTaskSubnets = Count("subnets", 1, MaxRunTaskSubnets, "ECS RunTask")

// RunTaskSecurityGroups accepts the security groups of an ECS task: 1–5.
var RunTaskSecurityGroups = Count("security groups", 1, MaxRunTaskSecurityGroups, "ECS RunTask")
