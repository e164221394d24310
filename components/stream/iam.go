package stream

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
)

// streamReadActions are what a Lambda event source mapping needs on the
// stream, per the Lambda developer guide ("Process Amazon Kinesis Data Streams
// records with Lambda"); all accept the stream ARN as resource.
// kinesis:ListStreams, which the managed AWSLambdaKinesisExecutionRole adds,
// lists every stream in the account, supports only "*" and is not needed by
// the mapping, so it is left out.
var streamReadActions = []string{
	"kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
	"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards",
}

// consumerReadActions are what an enhanced fan-out mapping needs on its
// consumer; both accept only the consumer ARN as resource.
var consumerReadActions = []string{"kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"}

// firehoseSourceActions are what Firehose needs on a Kinesis source stream.
var firehoseSourceActions = []string{
	"kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards",
}

// firehoseS3Actions are what Firehose needs on its S3 destination, per the
// Firehose developer guide ("Grant Firehose access to an Amazon S3 destination").
var firehoseS3Actions = []string{
	"s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
	"s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject",
}

// functionPolicyInput are the ARNs the function role's policy names.
type functionPolicyInput struct {
	StreamArn pulumi.StringInput
	// ConsumerArn is the enhanced fan-out consumer, nil without one.
	ConsumerArn pulumi.StringInput
	// StreamKeyArn is the stream's customer-managed key, nil for alias/aws/kinesis.
	StreamKeyArn    pulumi.StringInput
	LogStreams      pulumi.StringInput
	FailureQueueArn pulumi.StringInput
}

// functionStatements is the least-privilege policy of the consumer: read only
// this stream (and its consumer), decrypt only with its key, write only its
// own log group, send only to its failure queue, and write traces.
func functionStatements(in functionPolicyInput) []iampolicy.Statement {
	stmts := []iampolicy.Statement{{
		Sid:       "ReadStream",
		Actions:   streamReadActions,
		Resources: iampolicy.Inputs(in.StreamArn),
	}}
	if in.ConsumerArn != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "ReadThroughConsumer",
			Actions:   consumerReadActions,
			Resources: iampolicy.Inputs(in.ConsumerArn),
		})
	}
	if in.StreamKeyArn != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "DecryptStream",
			Actions:   []string{"kms:Decrypt"},
			Resources: iampolicy.Inputs(in.StreamKeyArn),
		})
	}
	return append(stmts,
		iampolicy.Statement{
			Sid:       "WriteOwnLogs",
			Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resources: iampolicy.Inputs(in.LogStreams),
		},
		iampolicy.Statement{
			Sid:       "SendDiscardedBatches",
			Actions:   []string{"sqs:SendMessage"},
			Resources: iampolicy.Inputs(in.FailureQueueArn),
		},
		iampolicy.Statement{
			// X-Ray's put actions support no resource-level permissions.
			Sid:       "WriteTraces",
			Actions:   []string{"xray:PutTraceSegments", "xray:PutTelemetryRecords"},
			Resources: iampolicy.Strings("*"),
		},
	)
}

// firehoseTrust lets Firehose assume the sink role only on behalf of the
// account (the sts:ExternalId condition the Firehose guide gives).
func firehoseTrust(account pulumi.StringInput) iampolicy.Document {
	return iampolicy.Document{Statements: []iampolicy.Statement{{
		Sid:        "AssumeRoleFromFirehose",
		Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("firehose.amazonaws.com")},
		Actions:    []string{"sts:AssumeRole"},
		Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "sts:ExternalId", Values: iampolicy.Inputs(account)}},
	}}}
}

// sinkPolicyInput are the ARNs the sink role's policy names.
type sinkPolicyInput struct {
	StreamArn pulumi.StringInput
	// StreamKeyArn is the stream's customer-managed key, nil for alias/aws/kinesis.
	StreamKeyArn pulumi.StringInput
	BucketArn    pulumi.StringInput
	// Prefixes are the key prefixes objects are written under ("" for the whole bucket).
	Prefixes []string
	// BucketKeyArn is the bucket's customer-managed key, nil otherwise.
	BucketKeyArn pulumi.StringInput
	// S3Service is "s3.<region>.amazonaws.com", for the kms:ViaService condition.
	S3Service  pulumi.StringInput
	LogStreams pulumi.StringInput
	// SecretArn is the Snowflake key secret, nil for an S3 sink.
	SecretArn pulumi.StringInput
	// SecretKeyArn is that secret's customer-managed key, nil otherwise.
	SecretKeyArn pulumi.StringInput
	// SecretsService is "secretsmanager.<region>.amazonaws.com".
	SecretsService pulumi.StringInput
}

// sinkStatements is the least-privilege policy of the Firehose role: read
// only the source stream, write only under the prefixes of the bucket, use the
// bucket's key only through S3, write only its log group, and read only the
// Snowflake key secret.
func sinkStatements(in sinkPolicyInput) []iampolicy.Statement {
	stmts := []iampolicy.Statement{{
		Sid:       "ReadSourceStream",
		Actions:   firehoseSourceActions,
		Resources: iampolicy.Inputs(in.StreamArn),
	}}
	if in.StreamKeyArn != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "DecryptSourceStream",
			Actions:   []string{"kms:Decrypt"},
			Resources: iampolicy.Inputs(in.StreamKeyArn),
		})
	}
	objects := []pulumi.StringInput{in.BucketArn}
	for _, p := range in.Prefixes {
		objects = append(objects, pulumi.Sprintf("%s/%s*", in.BucketArn, p))
	}
	stmts = append(stmts, iampolicy.Statement{
		Sid:       "WriteSinkBucket",
		Actions:   firehoseS3Actions,
		Resources: iampolicy.Inputs(objects...),
	})
	if in.BucketKeyArn != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:        "EncryptSinkObjects",
			Actions:    []string{"kms:GenerateDataKey", "kms:Decrypt"},
			Resources:  iampolicy.Inputs(in.BucketKeyArn),
			Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: iampolicy.Inputs(in.S3Service)}},
		})
	}
	stmts = append(stmts, iampolicy.Statement{
		Sid:       "WriteDeliveryLogs",
		Actions:   []string{"logs:PutLogEvents"},
		Resources: iampolicy.Inputs(in.LogStreams),
	})
	if in.SecretArn != nil {
		stmts = append(stmts, iampolicy.Statement{
			Sid:       "ReadSnowflakeKey",
			Actions:   []string{"secretsmanager:GetSecretValue"},
			Resources: iampolicy.Inputs(in.SecretArn),
		})
		if in.SecretKeyArn != nil {
			stmts = append(stmts, iampolicy.Statement{
				Sid:        "DecryptSnowflakeKey",
				Actions:    []string{"kms:Decrypt"},
				Resources:  iampolicy.Inputs(in.SecretKeyArn),
				Conditions: []iampolicy.Condition{{Operator: "StringEquals", Key: "kms:ViaService", Values: iampolicy.Inputs(in.SecretsService)}},
			})
		}
	}
	return stmts
}
