package synth

import (
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// What synth answers, for stand-in providers: enginetest runs programs under
// Pulumi's own engine with `aws` and `snowflake` providers that answer
// exactly as synth does, so the engine's state can be compared with synth's
// plan resource for resource. These two functions and Plain are the whole
// surface it needs; the shaping itself stays in shape.go and mocks.go.

// Shape returns the id and outputs a real provider reports when it creates
// a resource of type token, logical name name and URN urn in region from
// these inputs: the inputs echoed back plus the type's computed identifiers
// (ARN, auto-name with a suffix derived from urn, queue URL, Snowflake
// fully-qualified name, ...), exactly as synth records them.
func Shape(token, name, urn, region string, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	e := &engine{region: region}
	id, computed := e.shape(token, name, urn, inputs)
	out := make(resource.PropertyMap, len(inputs)+len(computed))
	maps.Copy(out, inputs) // the outputs echo the inputs, as in NewResource
	for k, v := range computed {
		if v.IsNull() {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return id, out
}

// Plain turns a property map into the plain JSON values a Plan holds
// (secrets as "[secret]", assets and archives as {"path": ...}).
func Plain(m resource.PropertyMap) map[string]any { return plainMap(m) }
