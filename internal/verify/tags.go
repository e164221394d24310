package verify

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Tag limits common to AWS services ("Tagging best practices — Tag naming
// limits and requirements", AWS General Reference / Tagging AWS Resources):
// at most 50 user tags per resource; keys of 1–128 and values of 0–256
// Unicode characters from letters, digits, white space and _ . : / = + - @;
// keys starting with "aws:" are reserved for AWS.
const (
	MaxTags        = 50
	MaxTagKey      = 128
	MaxTagValue    = 256
	ReservedTagKey = "aws:"
)

var tagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// TagKey accepts a tag key.
func TagKey(k string) error {
	switch n := utf8.RuneCountInString(k); {
	case n == 0:
		return fmt.Errorf("has an empty key")
	case n > MaxTagKey:
		return fmt.Errorf("key %q is %d characters; a tag key has at most %d", k, n, MaxTagKey)
	case strings.HasPrefix(strings.ToLower(k), ReservedTagKey):
		return fmt.Errorf("key %q starts with %q, which is reserved for AWS's own tags", k, ReservedTagKey)
	case !tagChars.MatchString(k):
		return fmt.Errorf("key %q may contain only letters, digits, spaces and _ . : / = + - @", k)
	}
	return nil
}

// TagValue accepts the value of the tag key k.
func TagValue(k, v string) error {
	switch n := utf8.RuneCountInString(v); {
	case n > MaxTagValue:
		return fmt.Errorf("value of %q is %d characters; a tag value has at most %d", k, n, MaxTagValue)
	case !tagChars.MatchString(v):
		return fmt.Errorf("value %q of %q may contain only letters, digits, spaces and _ . : / = + - @", v, k)
	}
	return nil
}
