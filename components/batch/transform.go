package batch

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/sfn"
)

// TransformJobResource is the Step Functions integration that runs one
// SageMaker batch transform job and waits for it.
const TransformJobResource = "arn:aws:states:::sagemaker:createTransformJob.sync"

// MaxSageMakerRuntime is the longest SageMaker lets a training job run,
// and the longest schedkit lets a transform or training step run.
const MaxSageMakerRuntime = 28 * 24 * time.Hour

// TransformJob is one SageMaker batch transform per run: it reads every
// object under InputS3Uri (or the run's date partition of it) and writes
// the predictions under OutputS3Uri, encrypted with OutputKmsKeyArn.
type TransformJob struct {
	// ModelName is the SageMaker model to run. Required in a BatchWorkflow
	// step; BatchInference sets it.
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
	// it. In a BatchWorkflow step, leave nil for the bucket's default encryption.
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
func (t TransformJob) WithDefaults(prefix string) TransformJob {
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
func ValidateTransform(errs *check.Errors, field string, t TransformJob) {
	f := func(n string) string {
		if field == "" {
			return n
		}
		return field + "." + n
	}
	errs.Field(f("JobNamePrefix"), CheckJobNamePrefix(t.JobNamePrefix))
	if t.InputS3Uri == "" {
		errs.Addf(f("InputS3Uri"), "is required, e.g. s3://bucket/features/")
	} else if _, err := ParseS3URI(t.InputS3Uri); err != nil {
		errs.Field(f("InputS3Uri"), err)
	}
	if t.OutputS3Uri == "" {
		errs.Addf(f("OutputS3Uri"), "is required, e.g. s3://bucket/predictions/")
	} else if _, err := ParseS3URI(t.OutputS3Uri); err != nil {
		errs.Field(f("OutputS3Uri"), err)
	}
	errs.Field(f("InstanceType"), CheckInstanceType(t.InstanceType))
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
	errs.Range(f("MaxPayloadMB"), t.MaxPayloadMB, 1, 100)
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
	for _, k := range sortedKeys(t.Environment) {
		if k == "" || len(k) > 1024 || len(t.Environment[k]) > 10240 {
			errs.Addf(f("Environment"), "%q: names are 1–1024 and values at most 10240 characters", k)
		}
	}
}

// ValidateSageMakerRuntime records a problem when d is not a positive whole
// number of seconds within SageMaker's 28-day limit.
func ValidateSageMakerRuntime(errs *check.Errors, field string, d time.Duration) {
	switch {
	case d <= 0:
		errs.Addf(field, "%s is not positive", d)
	case d > MaxSageMakerRuntime:
		errs.Addf(field, "%s is beyond SageMaker's limit of 28 days (%s)", d, MaxSageMakerRuntime)
	case d%time.Second != 0:
		errs.Addf(field, "%s is not a whole number of seconds", d)
	}
}

// ModelRef names the model a transform runs: a fixed name, or a JSONPath
// to a name computed during the run.
type ModelRef struct {
	Name string
	Path string
}

// DatedURI is the Parameters entry of an S3 folder: the folder, or,
// when partitioned, "States.Format('<dir>dt={}/', $.run.date)" under key+".$".
func DatedURI(key string, u S3URI, partitioned bool) (string, string) {
	if !partitioned {
		return key, u.Dir()
	}
	return key + ".$", fmt.Sprintf("States.Format('%sdt={}/', %s.date)", u.Dir(), RunPath)
}

// UniqueJobName is the Parameters value that names a SageMaker job:
// prefix, "-" and a UUID drawn when the state's Parameters are evaluated —
// on every attempt, so a retry never reuses the name of the attempt before
// it (SageMaker rejects a duplicate name).
func UniqueJobName(prefix string) string {
	return fmt.Sprintf("States.Format('%s-{}', States.UUID())", prefix)
}

// TransformParameters renders a defaulted t for createTransformJob.sync.
// kmsKeyArn may be empty (bucket default encryption).
func TransformParameters(t TransformJob, model ModelRef, kmsKeyArn string) map[string]any {
	in, _ := ParseS3URI(t.InputS3Uri)
	out, _ := ParseS3URI(t.OutputS3Uri)
	inKey, inVal := DatedURI("S3Uri", in, *t.PartitionByRunDate)
	outKey, outVal := DatedURI("S3OutputPath", out, *t.PartitionByRunDate)
	output := map[string]any{outKey: outVal, "Accept": t.Accept, "AssembleWith": t.AssembleWith}
	if kmsKeyArn != "" {
		output["KmsKeyId"] = kmsKeyArn
	}
	p := map[string]any{
		"TransformJobName.$": UniqueJobName(t.JobNamePrefix),
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

// ExecutionTagKey tags every SageMaker job and model a workflow creates with
// the name of the execution that created it.
const ExecutionTagKey = "schedkit:execution"

// TransformResultSelector keeps the job's identity, status and output location.
func TransformResultSelector() map[string]any {
	return map[string]any{
		"TransformJobName.$":   "$.TransformJobName",
		"TransformJobArn.$":    "$.TransformJobArn",
		"TransformJobStatus.$": "$.TransformJobStatus",
		"S3OutputPath.$":       "$.TransformOutput.S3OutputPath",
	}
}

// SageMakerARN is the ARN of a SageMaker resource; SageMaker lower-cases
// names in ARNs, so the name is lower-cased to match them.
func SageMakerARN(env awsenv.Env, kind string, name pulumi.StringInput, suffix string) pulumi.StringOutput {
	return pulumi.All(env.Partition, env.Region, env.Account, name).ApplyT(func(v []any) string {
		return fmt.Sprintf("arn:%s:sagemaker:%s:%s:%s/%s%s", v[0], v[1], v[2], kind, strings.ToLower(v[3].(string)), suffix)
	}).(pulumi.StringOutput)
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
		Resources: iampolicy.Inputs(SageMakerARN(env, "transform-job", pulumi.String(prefix), "-*")),
	}
}

// transformStep is the Task state of one transform.
func transformStep(t TransformJob, model ModelRef, kmsKeyArn string, timeout int, retry RetryPolicy) sfn.State {
	return sfn.State{
		Type:           sfn.TypeTask,
		Comment:        "Run one SageMaker batch transform job under a name unique to this attempt, and wait for it",
		Resource:       TransformJobResource,
		Parameters:     TransformParameters(t, model, kmsKeyArn),
		ResultSelector: TransformResultSelector(),
		TimeoutSeconds: timeout,
		Retry:          []sfn.Retrier{retry.Retrier()},
		Catch:          CatchAll(),
	}
}

// TransformState is the Task state of one transform, retried with retry and
// stopped after timeout seconds, for BatchInference's workflow.
func TransformState(t TransformJob, model ModelRef, kmsKeyArn string, timeout int, retry RetryPolicy, resultPath, next string) sfn.State {
	s := transformStep(t, model, kmsKeyArn, timeout, retry)
	s.ResultPath = sfn.Path(resultPath)
	s.Next = next
	return s
}
