package sagemaker

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sfn"
	"github.com/schedkit/schedkit/components/internal/workflow"
	"github.com/schedkit/schedkit/internal/verify"
)

// transformJobResource is the Step Functions integration that runs one
// SageMaker batch transform job and waits for it.
const transformJobResource = "arn:aws:states:::sagemaker:createTransformJob.sync"

// Limits of CreateTransformJob (SageMaker API Reference, "CreateTransformJob":
// "The value of MaxPayloadInMB cannot be greater than 100 MB. If you specify
// the MaxConcurrentTransforms parameter, the value of (MaxConcurrentTransforms
// * MaxPayloadInMB) also cannot exceed 100 MB"; Environment: "We support up to
// 16 key and values entries in the map", keys [a-zA-Z_][a-zA-Z0-9_]{0,1023}).
const (
	MaxTransformPayloadMB   = 100
	MaxTransformEnvironment = 16
)

var transformEnvName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// Defaults of a Transform (batch re-exports and documents them).
const (
	DefaultTransformInstanceType = "ml.m5.large"
	DefaultInstanceCount         = 1
	DefaultMaxPayloadMB          = 6
	DefaultBatchStrategy         = "MultiRecord"
	DefaultSplitType             = "Line"
	DefaultContentType           = "text/csv"
	DefaultAccept                = "text/csv"
	DefaultAssembleWith          = "Line"
	DefaultJoinSource            = "None"
)

// Transform is one SageMaker batch transform per run: it reads every
// object under InputS3Uri (or the run's date partition of it) and writes
// the predictions under OutputS3Uri, encrypted with OutputKmsKeyArn.
// Programs name it batch.TransformJob; BatchInference builds one from its
// flat arguments. ModelName and OutputKmsKeyArn are resolved by the caller
// and passed to TransformState as plain values.
type Transform struct {
	// ModelName is the SageMaker model to run. Required.
	ModelName pulumi.StringInput
	// JobNamePrefix starts every job's name; each attempt appends "-" and a
	// fresh UUID. Lower-case letters, digits and dashes, at most 26
	// characters. Defaults to the component's name.
	JobNamePrefix string
	// InputS3Uri is the folder the input lives in, "s3://bucket/prefix"
	// (read as "prefix/"). Required.
	InputS3Uri string
	// OutputS3Uri is the folder predictions go to, "s3://bucket/prefix"
	// (written as "prefix/"). Required.
	OutputS3Uri string
	// PartitionByRunDate reads <InputS3Uri>/dt=YYYY-MM-DD/ and writes
	// <OutputS3Uri>/dt=YYYY-MM-DD/ for the run's date. Defaults to true.
	PartitionByRunDate *bool
	// OutputKmsKeyArn encrypts the predictions; the model's role needs use of
	// it. Leave nil for the bucket's default encryption.
	OutputKmsKeyArn pulumi.StringInput
	// InstanceType is a SageMaker instance type ("ml." prefix). Defaults to ml.m5.large.
	InstanceType string
	// InstanceCount is the number of instances, 1–100. Defaults to 1.
	InstanceCount int
	// MaxConcurrentTransforms is the number of parallel requests per
	// instance, 0–1000; 0 leaves SageMaker's choice. Defaults to 0.
	MaxConcurrentTransforms int
	// MaxPayloadMB is the largest mini-batch in MB, 1–100. Defaults to 6.
	MaxPayloadMB int
	// BatchStrategy is MultiRecord or SingleRecord. Defaults to MultiRecord.
	BatchStrategy string
	// SplitType is None, Line, RecordIO or TFRecord. Defaults to Line.
	SplitType string
	// ContentType is the input's MIME type. Defaults to text/csv.
	ContentType string
	// Accept is the output's MIME type. Defaults to text/csv.
	Accept string
	// AssembleWith is None or Line. Defaults to Line.
	AssembleWith string
	// JoinSource is None or Input (each output record joined with its input).
	// Defaults to None.
	JoinSource string
	// Environment is passed to the model container.
	Environment map[string]string
}

// WithDefaults returns t with every unset field at its default; prefix is
// the JobNamePrefix default.
func (t Transform) WithDefaults(prefix string) Transform {
	if t.JobNamePrefix == "" {
		t.JobNamePrefix = prefix
	}
	if t.PartitionByRunDate == nil {
		v := true
		t.PartitionByRunDate = &v
	}
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&t.InstanceType, DefaultTransformInstanceType)
	def(&t.BatchStrategy, DefaultBatchStrategy)
	def(&t.SplitType, DefaultSplitType)
	def(&t.ContentType, DefaultContentType)
	def(&t.Accept, DefaultAccept)
	def(&t.AssembleWith, DefaultAssembleWith)
	def(&t.JoinSource, DefaultJoinSource)
	if t.InstanceCount == 0 {
		t.InstanceCount = DefaultInstanceCount
	}
	if t.MaxPayloadMB == 0 {
		t.MaxPayloadMB = DefaultMaxPayloadMB
	}
	return t
}

// ValidateTransform records every problem of a defaulted t under field
// ("Steps[2].Transform", or "" for BatchInference's flat fields).
func ValidateTransform(errs *check.Errors, field string, t Transform) {
	f := func(n string) string {
		if field == "" {
			return n
		}
		return field + "." + n
	}
	errs.Field(f("JobNamePrefix"), CheckJobNamePrefix(t.JobNamePrefix))
	if t.InputS3Uri == "" {
		errs.Addf(f("InputS3Uri"), "is required, e.g. s3://bucket/features/")
	} else if _, err := s3uri.Parse(t.InputS3Uri); err != nil {
		errs.Field(f("InputS3Uri"), err)
	}
	if t.OutputS3Uri == "" {
		errs.Addf(f("OutputS3Uri"), "is required, e.g. s3://bucket/predictions/")
	} else if _, err := s3uri.Parse(t.OutputS3Uri); err != nil {
		errs.Field(f("OutputS3Uri"), err)
	}
	errs.Field(f("InstanceType"), verify.TransformInstanceType(t.InstanceType))
	if t.InstanceCount < 1 {
		errs.Addf(f("InstanceCount"), "%d is below 1", t.InstanceCount)
	} else {
		errs.Range(f("InstanceCount"), t.InstanceCount, 1, 100)
	}
	if t.MaxConcurrentTransforms < 0 {
		errs.Addf(f("MaxConcurrentTransforms"), "%d is negative", t.MaxConcurrentTransforms)
	} else {
		errs.Range(f("MaxConcurrentTransforms"), t.MaxConcurrentTransforms, 0, 1000)
	}
	errs.Range(f("MaxPayloadMB"), t.MaxPayloadMB, 1, MaxTransformPayloadMB)
	if n := t.MaxConcurrentTransforms * t.MaxPayloadMB; t.MaxConcurrentTransforms > 0 && t.MaxPayloadMB > 0 && n > MaxTransformPayloadMB {
		errs.Addf(f("MaxConcurrentTransforms"), "%d × `%s` %d is %d MB; SageMaker allows at most %d MB in flight per instance", t.MaxConcurrentTransforms, f("MaxPayloadMB"), t.MaxPayloadMB, n, MaxTransformPayloadMB)
	}
	errs.OneOf(f("BatchStrategy"), t.BatchStrategy, "MultiRecord", "SingleRecord")
	errs.OneOf(f("SplitType"), t.SplitType, "None", "Line", "RecordIO", "TFRecord")
	errs.OneOf(f("AssembleWith"), t.AssembleWith, "None", "Line")
	errs.OneOf(f("JoinSource"), t.JoinSource, "None", "Input")
	if strings.TrimSpace(t.ContentType) == "" {
		errs.Addf(f("ContentType"), "is empty")
	}
	if strings.TrimSpace(t.Accept) == "" {
		errs.Addf(f("Accept"), "is empty")
	}
	if len(t.Environment) > MaxTransformEnvironment {
		errs.Addf(f("Environment"), "has %d entries; a transform job takes at most %d", len(t.Environment), MaxTransformEnvironment)
	}
	for _, k := range slices.Sorted(maps.Keys(t.Environment)) {
		if !transformEnvName.MatchString(k) || len(k) > 1024 || len(t.Environment[k]) > 10240 {
			errs.Addf(f("Environment"), "%q: names are 1–1024 letters, digits and _ (not starting with a digit) and values at most 10240 characters", k)
		}
	}
}

// ModelRef names the model a transform runs: a fixed name, or a JSONPath
// to a name computed during the run.
type ModelRef struct {
	Name string
	Path string
}

// TransformState is the Task state of one transform of a defaulted t,
// under a job name unique to each attempt: retried with r, stopped after
// timeout seconds, its result kept at resultPath, any error after the
// retries caught into the failure chain. kmsKeyArn may be empty (the
// bucket's default encryption).
func TransformState(t Transform, model ModelRef, kmsKeyArn string, timeout int, r retry.Policy, resultPath, next string) sfn.State {
	return sfn.State{
		Type:           sfn.TypeTask,
		Comment:        "Run one SageMaker batch transform job under a name unique to this attempt, and wait for it",
		Resource:       transformJobResource,
		Parameters:     transformParameters(t, model, kmsKeyArn),
		ResultSelector: transformResultSelector(),
		ResultPath:     sfn.Path(resultPath),
		TimeoutSeconds: timeout,
		Retry:          []sfn.Retrier{r.Retrier()},
		Catch:          workflow.CatchAll(),
		Next:           next,
	}
}

// TransformStatements let a workflow run, watch, stop and tag transform jobs
// whose names start with prefix. Step Functions tags the jobs it starts
// (AddTags) and reads their tags (ListTags) while it waits. The
// .sync managed rule is added separately, once per workflow
// (workflow.SyncRuleStatement with workflow.SageMakerTransformEventsRule).
func TransformStatements(sid string, env awsenv.Env, prefix string) iampolicy.Statement {
	return iampolicy.Statement{
		Sid: sid,
		Actions: []string{
			"sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob",
			"sagemaker:AddTags", "sagemaker:ListTags",
		},
		Resources: iampolicy.Inputs(ARN(env, "transform-job", pulumi.String(prefix), "-*")),
	}
}

// transformParameters renders a defaulted t for createTransformJob.sync.
func transformParameters(t Transform, model ModelRef, kmsKeyArn string) map[string]any {
	in, _ := s3uri.Parse(t.InputS3Uri)
	out, _ := s3uri.Parse(t.OutputS3Uri)
	inKey, inVal := datedURI("S3Uri", in, *t.PartitionByRunDate)
	outKey, outVal := datedURI("S3OutputPath", out, *t.PartitionByRunDate)
	output := map[string]any{outKey: outVal, "Accept": t.Accept, "AssembleWith": t.AssembleWith}
	if kmsKeyArn != "" {
		output["KmsKeyId"] = kmsKeyArn
	}
	p := map[string]any{
		"TransformJobName.$": JobName(t.JobNamePrefix),
		"BatchStrategy":      t.BatchStrategy,
		"MaxPayloadInMB":     t.MaxPayloadMB,
		"TransformInput": map[string]any{
			"DataSource":  map[string]any{"S3DataSource": map[string]any{"S3DataType": "S3Prefix", inKey: inVal}},
			"ContentType": t.ContentType,
			"SplitType":   t.SplitType,
		},
		"TransformOutput":    output,
		"TransformResources": map[string]any{"InstanceType": t.InstanceType, "InstanceCount": t.InstanceCount},
		"DataProcessing":     map[string]any{"JoinSource": t.JoinSource},
		"Tags":               []map[string]any{{"Key": ExecutionTagKey, "Value.$": "$$.Execution.Name"}},
	}
	if model.Path != "" {
		p["ModelName.$"] = model.Path
	} else {
		p["ModelName"] = model.Name
	}
	if t.MaxConcurrentTransforms > 0 {
		p["MaxConcurrentTransforms"] = t.MaxConcurrentTransforms
	}
	if len(t.Environment) > 0 {
		p["Environment"] = t.Environment
	}
	return p
}

// transformResultSelector keeps the job's identity, status and output location.
func transformResultSelector() map[string]any {
	return map[string]any{
		"TransformJobName.$":   "$.TransformJobName",
		"TransformJobArn.$":    "$.TransformJobArn",
		"TransformJobStatus.$": "$.TransformJobStatus",
		"S3OutputPath.$":       "$.TransformOutput.S3OutputPath",
	}
}

// datedURI is the Parameters entry of an S3 folder: the folder, or,
// when partitioned, "States.Format('<dir>dt={}/', $.run.date)" under key+".$".
func datedURI(key string, u s3uri.URI, partitioned bool) (string, string) {
	if !partitioned {
		return key, u.Dir()
	}
	return key + ".$", fmt.Sprintf("States.Format('%sdt={}/', %s.date)", u.Dir(), workflow.RunPath)
}
