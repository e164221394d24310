package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Pipe is a Snowpipe (snowflake:index/pipe:Pipe). Preview feature
// snowflake_pipe_resource.
type Pipe struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted "DB"."SCHEMA"."PIPE" name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Database holds the pipe.
	Database pulumi.StringOutput `pulumi:"database"`
	// Schema holds the pipe.
	Schema pulumi.StringOutput `pulumi:"schema"`
	// Name is the pipe identifier.
	Name pulumi.StringOutput `pulumi:"name"`
	// NotificationChannel is the ARN of the Snowflake-owned SQS queue; point
	// the S3 bucket event notification at it when AutoIngest is true.
	NotificationChannel pulumi.StringOutput `pulumi:"notificationChannel"`
	// Owner is the role that owns the pipe.
	Owner pulumi.StringOutput `pulumi:"owner"`
}

// PipeArgs are the inputs of [NewPipe]. Required: Database, Schema, CopyStatement.
type PipeArgs struct {
	// Database that holds the pipe. Required.
	Database pulumi.StringInput `wire:"database,required"`
	// Schema that holds the pipe. Required.
	Schema pulumi.StringInput `wire:"schema,required"`
	// Name is the pipe identifier; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// CopyStatement is the COPY INTO ... FROM @stage statement the pipe runs. Required.
	CopyStatement pulumi.StringInput `wire:"copyStatement,required"`
	// AutoIngest loads automatically from cloud event notifications (default false).
	AutoIngest pulumi.BoolPtrInput `wire:"autoIngest"`
	// AwsSnsTopicArn is the SNS topic carrying the S3 events (only when fanning out through SNS).
	AwsSnsTopicArn pulumi.StringPtrInput `wire:"awsSnsTopicArn"`
	// Integration is the notification integration to use (Azure and GCS auto-ingest).
	Integration pulumi.StringPtrInput `wire:"integration"`
	// ErrorIntegration is the notification integration that receives load-error notifications.
	ErrorIntegration pulumi.StringPtrInput `wire:"errorIntegration"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// NewPipe registers a Snowpipe. Database, Schema and CopyStatement are required.
// The provider must enable the snowflake_pipe_resource preview feature.
func NewPipe(ctx *pulumi.Context, name string, args *PipeArgs, opts ...pulumi.ResourceOption) (*Pipe, error) {
	return create[Pipe](ctx, PipeType, name, args, opts)
}
