package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/plan"
)

// Account is the AWS account id every synthesized ARN uses.
const Account = plan.Account

// SnowflakeAWSAccount is the AWS account that owns the Snowflake side of
// integrations (the IAM user and the pipes' SQS queues) in synthesized output.
const SnowflakeAWSAccount = plan.SnowflakeAWSAccount

// engine is a pulumi.MockResourceMonitor that records every registration and
// answers with outputs shaped like the real providers' (ids, ARNs, URLs and
// auto-names with a suffix).
type engine struct {
	project, stack, region string

	mu        sync.Mutex
	resources []Resource
	aliases   map[string][]string // URN → the old URNs it answers to
}

var _ pulumi.MockResourceMonitor = (*engine)(nil)

func (e *engine) urn(parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(e.stack), tokens.PackageName(e.project), parentType, tokens.Type(typ), name))
}

// NewResource records the registration and returns shaped outputs.
func (e *engine) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	r := Resource{
		Type:         args.TypeToken,
		Name:         args.Name,
		Custom:       args.Custom,
		Dependencies: []string{},
		Aliases:      []string{},
		Inputs:       plainMap(args.Inputs),
		Outputs:      map[string]any{},
		Provider:     args.Provider,
	}
	if rpc != nil {
		r.Parent = rpc.GetParent()
		r.Protect = rpc.GetProtect()
		r.RetainOnDelete = rpc.GetRetainOnDelete()
		r.Dependencies = append(r.Dependencies, rpc.GetDependencies()...)
	}
	r.URN = e.urn(r.Parent, r.Type, r.Name)
	if rpc != nil {
		r.Aliases = e.resolveAliases(r.URN, r.Type, r.Name, r.Parent, rpc.GetAliases(), rpc.GetAliasURNs())
	}
	id, outputs := "", resource.PropertyMap{}
	if args.Custom {
		// A renamed or moved resource found through an alias keeps the old
		// one's identity: the auto-name and id it had under its first alias
		// of the same type. (Aliases to another type are the providers' own
		// renamed tokens, e.g. Bucket's to BucketV2, and change no name:
		// see shape.)
		logical, identity := args.Name, r.URN
		for _, a := range r.Aliases {
			if string(resource.URN(a).Type()) == r.Type {
				identity, logical = a, resource.URN(a).Name()
				break
			}
		}
		var computed resource.PropertyMap
		id, computed = e.shape(args.TypeToken, logical, identity, args.Inputs)
		// The outputs echo the inputs: convert only what the provider
		// computes and share the converted inputs (a plan is read, never
		// changed in place).
		outputs = make(resource.PropertyMap, len(args.Inputs)+len(computed))
		maps.Copy(outputs, args.Inputs)
		maps.Copy(outputs, computed)
		r.Outputs = maps.Clone(r.Inputs)
		for k, v := range computed {
			if v.IsNull() {
				delete(r.Outputs, string(k))
				continue
			}
			r.Outputs[string(k)] = plain(v)
		}
	}
	e.mu.Lock()
	e.resources = append(e.resources, r)
	e.mu.Unlock()
	return id, outputs, nil
}

// withType is urn with its own type (not its parents') replaced by typ.
func withType(urn, typ string) string {
	u := resource.URN(urn)
	parentType := tokens.Type("")
	if qt := string(u.QualifiedType()); strings.Contains(qt, "$") {
		parentType = tokens.Type(qt[:strings.LastIndex(qt, "$")])
	}
	return string(resource.NewURN(u.Stack(), u.Project(), parentType, tokens.Type(typ), u.Name()))
}

// Call answers the invokes components make.
func (e *engine) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return Invoke(args.Token, e.region)
}

// Invoke is synth's answer to the invokes components make (the caller's
// account, region and partition), in region.
func Invoke(token, region string) (resource.PropertyMap, error) {
	e := &engine{region: region}
	switch token {
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": Account,
			"arn":       "arn:aws:iam::" + Account + ":user/synth",
			"userId":    "AIDASYNTHUSER",
			"id":        Account,
		}), nil
	case "aws:index/getRegion:getRegion":
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": e.region, "region": e.region, "id": e.region,
			"endpoint": "ec2." + e.region + ".amazonaws.com", "description": e.region,
		}), nil
	case "aws:index/getPartition:getPartition":
		return resource.NewPropertyMapFromMap(map[string]any{
			"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws", "reverseDnsPrefix": "com.amazonaws",
		}), nil
	}
	return nil, fmt.Errorf("synth: no offline answer for invoke %s", token)
}

// suffix is a stable stand-in for the random part of an auto-name.
func suffix(urn string, n int) string {
	sum := sha256.Sum256([]byte(urn))
	return hex.EncodeToString(sum[:])[:n]
}

func str(m resource.PropertyMap, key string) string {
	v, ok := m[resource.PropertyKey(key)]
	if !ok {
		return ""
	}
	if v.IsSecret() {
		v = v.SecretValue().Element
	}
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

// physicalName is the name the provider would give: the explicit name, the
// prefix plus a suffix, or the logical name plus Pulumi's auto-name suffix.
func physicalName(token, logical, urn string, in resource.PropertyMap) string {
	nameKey, prefixKey := "name", "namePrefix"
	switch plan.CurrentType(token) {
	case plan.BucketType:
		nameKey, prefixKey = "bucket", "bucketPrefix"
	case "aws:ecs/taskDefinition:TaskDefinition":
		nameKey = "family"
	case "aws:sqs/queue:Queue":
		if n := str(in, "name"); n != "" {
			return n
		}
	}
	if n := str(in, nameKey); n != "" {
		return n
	}
	if p := str(in, prefixKey); p != "" {
		return p + suffix(urn, 26)
	}
	n := logical + "-" + suffix(urn, 7)
	if strings.HasPrefix(token, "aws:s3/") {
		n = strings.ToLower(n)
	}
	if strings.HasPrefix(token, "snowflake:") {
		n = strings.ToUpper(strings.ReplaceAll(n, "-", "_"))
	}
	return n
}
