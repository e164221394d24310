package bridge

import (
	"strings"
	"unicode"
)

// WireName is the name a Go field has in the schema, hence in every
// generated SDK: lower camel case with initialisms as words ("ExternalID" →
// "externalId", "ECSTask" → "ecsTask", "SQL" → "sql", "S3Uri" → "s3Uri").
// The components' outputs are tagged by the same rule (a test holds that),
// so an argument and the output that returns it have one name.
func WireName(goName string) string {
	var words []string
	runes := []rune(goName)
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i == len(runes) {
			words = append(words, string(runes[start:i]))
			break
		}
		prev, cur := runes[i-1], runes[i]
		next := rune(0)
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch {
		case (unicode.IsLower(prev) || unicode.IsDigit(prev)) && unicode.IsUpper(cur):
			// "maxRuntime", "s3Uri": a capital after a small letter or a digit starts a word.
		case unicode.IsUpper(prev) && unicode.IsUpper(cur) && unicode.IsLower(next):
			// "ECSTask": the last capital of a run starts the next word.
		default:
			continue
		}
		words = append(words, string(runes[start:i]))
		start = i
	}
	var b strings.Builder
	for i, w := range words {
		lower := strings.ToLower(w)
		if i == 0 {
			b.WriteString(lower)
			continue
		}
		r := []rune(lower)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}
