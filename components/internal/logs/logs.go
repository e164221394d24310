// Package logs creates CloudWatch log groups that always have a retention,
// and validates retention values against the ones CloudWatch accepts.
package logs

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DefaultRetentionDays is the retention of every schedkit log group unless
// the caller sets another.
const DefaultRetentionDays = 30

// Retentions are the values CloudWatch Logs accepts for RetentionInDays.
var Retentions = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// CheckRetention returns an error unless days is a CloudWatch retention.
func CheckRetention(days int) error {
	for _, r := range Retentions {
		if days == r {
			return nil
		}
	}
	return fmt.Errorf("%d is not a CloudWatch Logs retention (%v)", days, Retentions)
}

// GroupArgs configures one log group.
type GroupArgs struct {
	// NamePrefix is the group name before the auto-name suffix, e.g. "/aws/vendedlogs/states/job-".
	NamePrefix    string
	RetentionDays int
	Tags          pulumi.StringMap
}

// NewGroup creates a log group with a retention; opts carry the parent and
// retain-on-delete.
func NewGroup(ctx *pulumi.Context, name string, args GroupArgs, opts ...pulumi.ResourceOption) (*cloudwatch.LogGroup, error) {
	return cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		NamePrefix:      pulumi.String(args.NamePrefix),
		RetentionInDays: pulumi.Int(args.RetentionDays),
		Tags:            args.Tags,
	}, opts...)
}

// StreamsARN is the ARN that covers a group's log streams, for
// logs:CreateLogStream and logs:PutLogEvents.
func StreamsARN(group *cloudwatch.LogGroup) pulumi.StringOutput {
	return pulumi.Sprintf("%s:log-stream:*", group.Arn)
}

// AllARN is the group ARN with ":*", the form Step Functions and Lambda
// logging destinations take.
func AllARN(group *cloudwatch.LogGroup) pulumi.StringOutput {
	return pulumi.Sprintf("%s:*", group.Arn)
}
