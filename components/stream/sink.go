package stream

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kinesis"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/buckets"
	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/logs"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/keep"
	"github.com/schedkit/schedkit/internal/verify"
)

// Key prefixes the sink writes under Sink.Prefix. Firehose fills the
// !{...} expressions per record.
const (
	// DatePartitions is where delivered records land.
	DatePartitions = "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
	// ErrorTypePartitions follow an S3 sink's error prefix: the kind of
	// failure, then the date.
	ErrorTypePartitions = "!{firehose:error-output-type}/" + DatePartitions
	// ErrorPartitions is where records Firehose could not deliver or process
	// land under Sink.Prefix, unless S3SinkArgs.ErrorPrefix says otherwise.
	ErrorPartitions = DefaultErrorFolder + ErrorTypePartitions
	// FailedPrefix is where a Snowflake sink backs up records it could not load.
	FailedPrefix = "failed/"
	// DestinationLogStream is the log stream of delivery errors, named as the Firehose console names it.
	DestinationLogStream = "DestinationDelivery"
	// BackupLogStream is the log stream of S3 backup errors of a Snowflake sink.
	BackupLogStream = "BackupDelivery"
)

// sinkSpec is one sink of a processor with the names its children and
// messages carry.
type sinkSpec struct {
	// name is "" for Sink, else its key in Sinks.
	name string
	// field names the sink in messages: "Sink" or `Sinks["archive"]`.
	field string
	// child is the suffix of its children's names: "sink" or "archive-sink".
	child string
	args  SinkArgs
}

// sinkSpecs lists a processor's sinks: Sink, if any, then Sinks by name.
func sinkSpecs(a StreamProcessorArgs) []sinkSpec {
	var out []sinkSpec
	if a.Sink != nil {
		out = append(out, sinkSpec{field: "Sink", child: "sink", args: *a.Sink})
	}
	for _, n := range slices.Sorted(maps.Keys(a.Sinks)) {
		out = append(out, sinkSpec{name: n, field: fmt.Sprintf("Sinks[%q]", n), child: n + "-sink", args: a.Sinks[n]})
	}
	return out
}

// logGroupPrefix is the name prefix of a sink's log group, named the way
// the Firehose console names them.
func (sp sinkSpec) logGroupPrefix(component string) string {
	if sp.name == "" {
		return "/aws/kinesisfirehose/" + component + "-"
	}
	return "/aws/kinesisfirehose/" + component + "-" + sp.name + "-"
}

// newSink creates the Firehose delivery stream that copies the stream to S3
// or Snowflake, its role, its log group and, unless given, its bucket. It
// returns the delivery stream's ARN and the bucket's name.
//
// It sets no serverSideEncryption: Firehose refuses it on a delivery stream
// whose source is a Kinesis stream, and keeps no data at rest of its own
// then. Records are encrypted at rest in the stream (KMS) and in the bucket
// (its default encryption); the policy rule firehose-encrypted checks that.
func newSink(ctx *pulumi.Context, name string, sp sinkSpec, a StreamProcessorArgs, env awsenv.Env, tagMap pulumi.StringMap,
	streamArn pulumi.StringOutput, streamKey pulumi.StringInput, parent pulumi.ResourceOption, kept keep.Policy,
) (pulumi.StringOutput, pulumi.StringOutput, error) {
	s := sp.args
	stateful := kept.Stateful(parent)
	// What the delivery stream needs to keep working, retained with it: its
	// role, the role's policy and the log streams it writes errors to.
	needed := kept.Needed(parent)
	var none pulumi.StringOutput
	field := func(f string) string { return sp.field + "." + f }
	child := func(suffix string) string { return naming.Child(name, sp.child+suffix) }

	// Bucket.
	var bucketArn, bucketName pulumi.StringOutput
	if s.BucketArn != nil {
		bucketArn = check.Deployed(kind, name, field("BucketArn"), s.BucketArn, verify.S3BucketARN).ToStringOutput()
		bucketName = bucketArn.ApplyT(verify.S3BucketNameOf).(pulumi.StringOutput)
	} else {
		// Old versions move to Glacier; every setting is retained with the bucket.
		b, err := buckets.New(ctx, child("-bucket"), buckets.Args{
			Encryption:              s.BucketEncryption,
			KmsKeyArn:               check.Deployed(kind, name, field("BucketKmsKeyArn"), s.BucketKmsKeyArn, verify.KMSKeyARN),
			NoncurrentToGlacierDays: NoncurrentToGlacierDays,
			Tags:                    tagMap,
			Keep:                    kept,
		}, parent)
		if err != nil {
			return none, none, err
		}
		bucketArn, bucketName = b.Arn, b.Name
	}
	var bucketKey pulumi.StringInput
	if s.BucketKmsKeyArn != nil {
		bucketKey = check.Deployed(kind, name, field("BucketKmsKeyArn"), s.BucketKmsKeyArn, verify.KMSKeyARN).ToStringOutput()
	}

	// Delivery logs.
	logGroup, err := logs.NewGroup(ctx, child("-logs"), logs.GroupArgs{
		NamePrefix: sp.logGroupPrefix(a.StableName), RetentionDays: a.LogRetentionDays, Tags: tagMap,
	}, stateful...)
	if err != nil {
		return none, none, err
	}
	deliveryLog, err := cloudwatch.NewLogStream(ctx, child("-delivery-log"), &cloudwatch.LogStreamArgs{
		LogGroupName: logGroup.Name, Name: pulumi.String(DestinationLogStream),
	}, needed...)
	if err != nil {
		return none, none, err
	}
	// The delivery stream names its log streams as constants: it depends on
	// them explicitly, so they exist before it logs and plan.Needed sees them.
	needs := []pulumi.Resource{deliveryLog}
	if s.Snowflake != nil {
		backupLog, err := cloudwatch.NewLogStream(ctx, child("-backup-log"), &cloudwatch.LogStreamArgs{
			LogGroupName: logGroup.Name, Name: pulumi.String(BackupLogStream),
		}, needed...)
		if err != nil {
			return none, none, err
		}
		needs = append(needs, backupLog)
	}

	// Role.
	description := fmt.Sprintf("Firehose copies the %s stream to its sink with this role", name)
	if sp.name != "" {
		description = fmt.Sprintf("Firehose copies the %s stream to its %s sink with this role", name, sp.name)
	}
	role, err := iam.NewRole(ctx, child("-role"), &iam.RoleArgs{
		Description:      pulumi.String(description),
		AssumeRolePolicy: firehoseTrust(env.Account).Render(),
		Tags:             tagMap,
	}, needed...)
	if err != nil {
		return none, none, err
	}
	in := sinkPolicyInput{
		StreamArn: streamArn, StreamKeyArn: streamKey,
		BucketArn: bucketArn, Prefixes: writePrefixes(s), BucketKeyArn: bucketKey,
		S3Service:  pulumi.Sprintf("s3.%s.amazonaws.com", env.Region),
		LogStreams: logs.StreamsARN(logGroup),
	}
	var secretArn pulumi.StringOutput
	if c := s.Snowflake; c != nil {
		secretArn = check.Deployed(kind, name, field("Snowflake.PrivateKeySecretArn"), c.PrivateKeySecretArn, verify.SecretARN).ToStringOutput()
		in.SecretArn = secretArn
		in.SecretsService = pulumi.Sprintf("secretsmanager.%s.amazonaws.com", env.Region)
		if c.SecretKmsKeyArn != nil {
			in.SecretKeyArn = check.Deployed(kind, name, field("Snowflake.SecretKmsKeyArn"), c.SecretKmsKeyArn, verify.KMSKeyARN)
		}
	}
	policy, err := iam.NewRolePolicy(ctx, child("-policy"), &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: iampolicy.Document{Statements: sinkStatements(in)}.Render(),
	}, needed...)
	if err != nil {
		return none, none, err
	}

	// Delivery stream.
	logging := func(stream string) (pulumi.BoolInput, pulumi.StringInput, pulumi.StringInput) {
		return pulumi.Bool(true), logGroup.Name, pulumi.String(stream)
	}
	args := &kinesis.FirehoseDeliveryStreamArgs{
		KinesisSourceConfiguration: kinesis.FirehoseDeliveryStreamKinesisSourceConfigurationArgs{
			KinesisStreamArn: streamArn,
			RoleArn:          role.Arn,
		},
		Tags: tagMap,
	}
	if c := s.S3; c != nil {
		on, group, stream := logging(DestinationLogStream)
		args.Destination = pulumi.String("extended_s3")
		args.ExtendedS3Configuration = kinesis.FirehoseDeliveryStreamExtendedS3ConfigurationArgs{
			BucketArn:         bucketArn,
			RoleArn:           role.Arn,
			Prefix:            pulumi.String(s.Prefix + DatePartitions),
			ErrorOutputPrefix: pulumi.String(s.errorPrefix() + ErrorTypePartitions),
			CompressionFormat: pulumi.String("GZIP"),
			BufferingSize:     pulumi.Int(c.BufferingSizeMB),
			BufferingInterval: pulumi.Int(int(c.BufferingInterval.Seconds())),
			CloudwatchLoggingOptions: kinesis.FirehoseDeliveryStreamExtendedS3ConfigurationCloudwatchLoggingOptionsArgs{
				Enabled: on, LogGroupName: group, LogStreamName: stream,
			},
		}
	}
	if c := s.Snowflake; c != nil {
		on, group, stream := logging(DestinationLogStream)
		bOn, bGroup, bStream := logging(BackupLogStream)
		cfg := kinesis.FirehoseDeliveryStreamSnowflakeConfigurationArgs{
			AccountUrl:        pulumi.String(c.AccountUrl),
			Database:          pulumi.String(c.Database),
			Schema:            pulumi.String(c.Schema),
			Table:             pulumi.String(c.Table),
			RoleArn:           role.Arn,
			DataLoadingOption: pulumi.String(c.DataLoadingOption),
			SecretsManagerConfiguration: kinesis.FirehoseDeliveryStreamSnowflakeConfigurationSecretsManagerConfigurationArgs{
				Enabled:   pulumi.Bool(true),
				SecretArn: secretArn,
				RoleArn:   role.Arn,
			},
			BufferingSize:     pulumi.Int(c.BufferingSizeMB),
			BufferingInterval: pulumi.Int(int(c.BufferingInterval.Seconds())),
			RetryDuration:     pulumi.Int(int(c.RetryDuration.Seconds())),
			S3BackupMode:      pulumi.String("FailedDataOnly"),
			S3Configuration: kinesis.FirehoseDeliveryStreamSnowflakeConfigurationS3ConfigurationArgs{
				BucketArn:         bucketArn,
				RoleArn:           role.Arn,
				Prefix:            pulumi.String(s.Prefix + FailedPrefix),
				CompressionFormat: pulumi.String("GZIP"),
				BufferingSize:     pulumi.Int(DefaultS3BufferingSizeMB),
				BufferingInterval: pulumi.Int(int(DefaultS3BufferingInterval.Seconds())),
				CloudwatchLoggingOptions: kinesis.FirehoseDeliveryStreamSnowflakeConfigurationS3ConfigurationCloudwatchLoggingOptionsArgs{
					Enabled: bOn, LogGroupName: bGroup, LogStreamName: bStream,
				},
			},
			CloudwatchLoggingOptions: kinesis.FirehoseDeliveryStreamSnowflakeConfigurationCloudwatchLoggingOptionsArgs{
				Enabled: on, LogGroupName: group, LogStreamName: stream,
			},
		}
		if c.Role != "" {
			cfg.SnowflakeRoleConfiguration = kinesis.FirehoseDeliveryStreamSnowflakeConfigurationSnowflakeRoleConfigurationArgs{
				Enabled: pulumi.Bool(true), SnowflakeRole: pulumi.String(c.Role),
			}
		}
		if c.ContentColumnName != "" {
			cfg.ContentColumnName = pulumi.String(c.ContentColumnName)
		}
		if c.MetadataColumnName != "" {
			cfg.MetadataColumnName = pulumi.String(c.MetadataColumnName)
		}
		args.Destination = pulumi.String("snowflake")
		args.SnowflakeConfiguration = cfg
	}
	// Firehose checks the role's access to the stream when it is created.
	delivery, err := kinesis.NewFirehoseDeliveryStream(ctx, child(""), args, kept.Stateful(parent, pulumi.DependsOn(append(needs, policy)))...)
	if err != nil {
		return none, none, err
	}
	return delivery.Arn, bucketName, nil
}

// writePrefixes are the key prefixes a sink writes under: Prefix ("" for the
// whole bucket), and an S3 sink's ErrorPrefix when it lies outside Prefix.
func writePrefixes(s SinkArgs) []string {
	out := []string{s.Prefix}
	if e := s.errorPrefix(); !strings.HasPrefix(e, s.Prefix) {
		out = append(out, e)
	}
	return out
}
