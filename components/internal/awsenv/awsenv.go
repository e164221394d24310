// Package awsenv looks up the account, region and partition a component is
// deployed to, and builds ARNs from them, so policies name exact resources
// without hard-coding "aws" or a region.
package awsenv

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Env is where a component's resources live.
type Env struct {
	Account   pulumi.StringOutput
	Region    pulumi.StringOutput
	Partition pulumi.StringOutput
}

// Lookup reads the caller identity, region and partition through the
// parent's provider.
func Lookup(ctx *pulumi.Context, parent pulumi.Resource) Env {
	opt := pulumi.Parent(parent)
	return Env{
		Account:   aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, opt).AccountId(),
		Region:    aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, opt).Region(), // v7: name is deprecated in favour of region
		Partition: aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, opt).Partition(),
	}
}

// ARN builds arn:<partition>:<service>:<region>:<account>:<resource>.
// Regional is false for global services such as IAM.
func (e Env) ARN(service string, regional bool, resource string) pulumi.StringOutput {
	return pulumi.All(e.Partition, e.Region, e.Account).ApplyT(func(v []any) string {
		region := v[1].(string)
		if !regional {
			region = ""
		}
		return fmt.Sprintf("arn:%s:%s:%s:%s:%s", v[0], service, region, v[2], resource)
	}).(pulumi.StringOutput)
}

// ARNOf is ARN with a resource part computed from an output, e.g. a name.
func (e Env) ARNOf(service string, regional bool, format string, value pulumi.StringInput) pulumi.StringOutput {
	return pulumi.All(e.Partition, e.Region, e.Account, value).ApplyT(func(v []any) string {
		region := v[1].(string)
		if !regional {
			region = ""
		}
		return fmt.Sprintf("arn:%s:%s:%s:%s:%s", v[0], service, region, v[2], fmt.Sprintf(format, v[3]))
	}).(pulumi.StringOutput)
}
