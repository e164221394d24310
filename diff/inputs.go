package diff

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/schedkit/schedkit/plan"
)

// changedInputs lists the paths where two input maps differ, sorted. A
// string holding a JSON document (an IAM policy, a state machine
// definition, container definitions) is compared as the document, so the
// path names the statement or state that changed. Two secrets cannot be
// compared offline and count as equal.
func changedInputs(old, new map[string]any) []InputChange {
	var out []InputChange
	walk("", normalize(old), normalize(new), &out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func walk(path string, o, n any, out *[]InputChange) {
	if o == plan.Secret && n == plan.Secret {
		return
	}
	if reflect.DeepEqual(o, n) {
		return
	}
	if os, ok := o.(string); ok {
		if ns, ok := n.(string); ok {
			if od, nd, ok := jsonDocs(os, ns); ok {
				// Documents equal but for whitespace or key order count as
				// equal, as the providers compare them.
				walk(path, od, nd, out)
				return
			}
		}
	}
	switch ov := o.(type) {
	case map[string]any:
		if nv, ok := n.(map[string]any); ok {
			keys := map[string]bool{}
			for k := range ov {
				keys[k] = true
			}
			for k := range nv {
				keys[k] = true
			}
			for _, k := range sortedKeys(keys) {
				walk(join(path, k), ov[k], nv[k], out)
			}
			return
		}
	case []any:
		if nv, ok := n.([]any); ok {
			for i := 0; i < len(ov) || i < len(nv); i++ {
				var a, b any
				if i < len(ov) {
					a = ov[i]
				}
				if i < len(nv) {
					b = nv[i]
				}
				walk(fmt.Sprintf("%s[%d]", path, i), a, b, out)
			}
			return
		}
	}
	*out = append(*out, InputChange{Path: path, Old: o, New: n})
}

// jsonDocs parses two strings that both hold a JSON object or array.
func jsonDocs(a, b string) (any, any, bool) {
	parse := func(s string) (any, bool) {
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, "{") && !strings.HasPrefix(s, "[") {
			return nil, false
		}
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return nil, false
		}
		return v, true
	}
	av, aok := parse(a)
	bv, bok := parse(b)
	return av, bv, aok && bok
}

// normalize makes values from a plan built in this process and from a plan
// read from JSON comparable: numbers as float64, empty collections as
// absent.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if ne := normalize(e); ne != nil {
				out[k] = ne
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	default:
		return v
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// topKey is the input a path starts in: "tags" for "tags.env", "rules" for
// "rules[0].id".
func topKey(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
