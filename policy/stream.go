package policy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/schedkit/schedkit/plan"
)

// StreamRules returns the rules of the streaming pattern (StreamProcessor):
// encrypted Kinesis streams, stream event source mappings that cannot block
// a shard, Lambda log groups with a retention, and encrypted Firehose
// delivery. All includes them.
func StreamRules() []Rule { return append([]Rule(nil), streamRules...) }

// Resource types the stream rules read.
const (
	streamKinesisType   = "aws:kinesis/stream:Stream"
	streamESMType       = "aws:lambda/eventSourceMapping:EventSourceMapping"
	streamLambdaType    = "aws:lambda/function:Function"
	streamLogGroupType  = "aws:cloudwatch/logGroup:LogGroup"
	streamFirehoseType  = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
	streamBucketType    = "aws:s3/bucket:Bucket"
	streamBucketSSEType = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
	streamMappingSource = "a Kinesis or DynamoDB stream"
)

var streamRules = []Rule{
	{
		ID: "kinesis-stream-encrypted", Severity: High,
		Rationale: "Stream records are payloads; they must be encrypted at rest with KMS (the AWS-managed alias/aws/kinesis key or a customer key).",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				if kinesisEncrypted(r) {
					return ""
				}
				return "stream is not encrypted at rest (set encryptionType KMS and kmsKeyId)"
			}, streamKinesisType)
		},
	},
	{
		ID: "esm-on-failure-destination", Severity: High,
		Rationale: "A stream mapping that gives up on a batch must keep a record of it in an on-failure destination, or the failure is lost.",
		Check: func(p *plan.Plan) []Finding {
			return eachStreamMapping(p, func(r plan.Resource) string {
				if s, _ := r.Get("destinationConfig", "onFailure", "destinationArn").(string); s != "" {
					return ""
				}
				return "mapping of " + streamMappingSource + " has no on-failure destination (destinationConfig.onFailure)"
			})
		},
	},
	{
		ID: "esm-finite-retries", Severity: High,
		Rationale: "AWS retries a failing stream batch until its records expire, blocking the shard meanwhile; retries must be finite (maximumRetryAttempts ≥ 0).",
		Check: func(p *plan.Plan) []Finding {
			return eachStreamMapping(p, func(r plan.Resource) string {
				n, ok := r.Inputs["maximumRetryAttempts"].(float64)
				switch {
				case !ok:
					return "mapping sets no maximumRetryAttempts, so AWS retries a failing batch until its records expire"
				case n < 0:
					return fmt.Sprintf("mapping has maximumRetryAttempts %v: a failing batch is retried until its records expire and blocks its shard", n)
				}
				return ""
			})
		},
	},
	{
		ID: "esm-bisect-on-error", Severity: Medium,
		Rationale: "Bisecting a failing stream batch isolates the bad record, so the good ones around it are processed rather than retried and discarded with it.",
		Check: func(p *plan.Plan) []Finding {
			return eachStreamMapping(p, func(r plan.Resource) string {
				if r.Inputs["bisectBatchOnFunctionError"] == true {
					return ""
				}
				return "mapping does not set bisectBatchOnFunctionError"
			})
		},
	},
	{
		ID: "lambda-log-retention", Severity: Medium,
		Rationale: "Lambda creates a missing log group itself, keeping logs forever; every function's log group must be in the plan with a retention.",
		Check: func(p *plan.Plan) []Finding {
			groups := map[string]plan.Resource{}
			for _, g := range p.ByType(streamLogGroupType) {
				groups[streamResourceName(g)] = g
			}
			return each(p, func(r plan.Resource) string {
				group, _ := r.Get("loggingConfig", "logGroup").(string)
				if group == "" {
					fn := streamResourceName(r)
					if fn == "" {
						return "function has no name, so its log group cannot be found"
					}
					group = "/aws/lambda/" + fn
				}
				g, ok := groups[group]
				if !ok {
					return fmt.Sprintf("function logs to %q, which is not in the plan: Lambda would create it without a retention", group)
				}
				if n, ok := g.Inputs["retentionInDays"].(float64); !ok || n <= 0 {
					return fmt.Sprintf("function's log group %q has no retentionInDays", group)
				}
				return ""
			}, streamLambdaType)
		},
	},
	{
		ID: "firehose-encrypted", Severity: High,
		Rationale: "Firehose data must be encrypted at rest. With a Kinesis stream as source Firehose refuses its own server-side encryption " +
			"and keeps no data at rest of its own: the source stream's KMS encryption and the destination bucket's default encryption cover it. " +
			"Other sources need serverSideEncryption enabled.",
		Check: func(p *plan.Plan) []Finding {
			return each(p, func(r plan.Resource) string {
				var problems []string
				sse := r.Get("serverSideEncryption", "enabled") == true
				source, _ := r.Get("kinesisSourceConfiguration", "kinesisStreamArn").(string)
				switch {
				case source != "":
					if sse {
						problems = append(problems, "enables serverSideEncryption, which Firehose refuses with a Kinesis stream source")
					}
					if s, ok := streamFindByOutput(p, streamKinesisType, "arn", source); ok && !kinesisEncrypted(s) {
						problems = append(problems, fmt.Sprintf("reads stream %s, which is not KMS-encrypted", source))
					}
				case r.Get("mskSourceConfiguration") != nil:
					// MSK sources are encrypted by the cluster; Firehose SSE does not apply.
				case !sse:
					problems = append(problems, "has no serverSideEncryption")
				}
				for _, arn := range firehoseBucketArns(r.Inputs) {
					if !firehoseBucketEncrypted(p, arn) {
						problems = append(problems, fmt.Sprintf("delivers to bucket %s, which the plan creates without default encryption", arn))
					}
				}
				return strings.Join(problems, "; ")
			}, streamFirehoseType)
		},
	},
}

// eachStreamMapping applies fn to the event source mappings that read a
// Kinesis or DynamoDB stream (the sources with retries, bisect and
// on-failure destinations; SQS and Kafka mappings work differently).
func eachStreamMapping(p *plan.Plan, fn func(r plan.Resource) string) []Finding {
	return each(p, func(r plan.Resource) string {
		src := r.String("eventSourceArn")
		if !strings.Contains(src, ":kinesis:") && !strings.Contains(src, ":dynamodb:") {
			return ""
		}
		return fn(r)
	}, streamESMType)
}

// kinesisEncrypted is true for a stream encrypted with a KMS key.
func kinesisEncrypted(r plan.Resource) bool {
	return r.String("encryptionType") == "KMS" && r.String("kmsKeyId") != ""
}

// streamResourceName is a resource's name: the input when given, else the provider's.
func streamResourceName(r plan.Resource) string {
	if n := r.String("name"); n != "" {
		return n
	}
	return r.Output("name")
}

// streamFindByOutput finds the resource of a type whose output key has value.
func streamFindByOutput(p *plan.Plan, typ, key, value string) (plan.Resource, bool) {
	for _, r := range p.ByType(typ) {
		if r.Output(key) == value {
			return r, true
		}
	}
	return plan.Resource{}, false
}

// firehoseBucketArns collects every bucketArn in a delivery stream's destination
// configurations (the destination and any S3 backup), sorted.
func firehoseBucketArns(v any) []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && k == "bucketArn" && s != "" {
					seen[s] = true
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// firehoseBucketEncrypted is false only for a bucket the plan creates without
// a default encryption. A bucket outside the plan cannot be judged here (S3
// encrypts every new object with at least SSE-S3 since January 2023). A
// bucket's encryption is its own serverSideEncryptionConfiguration input
// (pulumi-aws v6's legacy Bucket, and v7's Bucket where it is deprecated) or
// a separate encryption configuration naming it; v6 plans' V2 tokens count as
// their v7 names (plan.CurrentType).
func firehoseBucketEncrypted(p *plan.Plan, arn string) bool {
	b, ok := streamFind(p, streamBucketType, func(r plan.Resource) bool { return r.Output("arn") == arn })
	if !ok {
		return true
	}
	if b.Inputs["serverSideEncryptionConfiguration"] != nil {
		return true
	}
	_, ok = streamFind(p, streamBucketSSEType, func(c plan.Resource) bool {
		if c.String("bucket") != b.Output("bucket") && c.String("bucket") != b.Output("id") {
			return false
		}
		alg, _ := c.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm").(string)
		return alg != ""
	})
	return ok
}

// streamFind is the first resource of a type (as plan.CurrentType names it)
// that match accepts.
func streamFind(p *plan.Plan, typ string, match func(plan.Resource) bool) (plan.Resource, bool) {
	for _, r := range p.Resources {
		if plan.CurrentType(r.Type) == typ && match(r) {
			return r, true
		}
	}
	return plan.Resource{}, false
}
