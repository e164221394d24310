package synth

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/schedkit/schedkit/plan"
)

// Secret is how a secret value appears in a Plan.
const Secret = plan.Secret

// plainMap turns a property map into plain JSON values.
func plainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if v.IsNull() {
			continue
		}
		out[string(k)] = plain(v)
	}
	return out
}

func plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Secret
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = plain(e)
		}
		return out
	case v.IsObject():
		return plainMap(v.ObjectValue())
	case v.IsAsset():
		a := v.AssetValue()
		return map[string]any{"path": a.Path}
	case v.IsArchive():
		a := v.ArchiveValue()
		return map[string]any{"path": a.Path}
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret {
			return Secret
		}
		if !o.Known {
			return nil
		}
		return plain(o.Element)
	case v.IsComputed():
		return nil
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	default:
		return nil
	}
}
