// Command inference is a standalone Pulumi program: a BatchInference that
// scores each day's features partition (s3://…/dt=YYYY-MM-DD/) every
// morning with a SageMaker model built from an image and an artifact, and
// writes KMS-encrypted predictions to the matching output partition.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/trigger"
)

func main() { cli.Main(program) }

func program(ctx *pulumi.Context) error {
	bi, err := inference.NewBatchInference(ctx, "churn-scoring", &inference.BatchInferenceArgs{
		// The model's role may pull from the image's repository, derived from the ECR URI.
		Image:        pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn-inference:2.1.0"),
		ModelDataUrl: "s3://acme-ml-models/churn/2024-05-01/model.tar.gz",
		InputS3Uri:   "s3://acme-features/churn/",
		OutputS3Uri:  "s3://acme-scores/churn/",
		InstanceType: "ml.m5.xlarge", InstanceCount: 2,
		MaxConcurrentTransforms: 4, MaxPayloadMB: 6,
		BatchStrategy: "MultiRecord", SplitType: "Line",
		ContentType: "text/csv", Accept: "text/csv", AssembleWith: "Line", JoinSource: "Input",
		Schedule:   trigger.Schedule{Expression: "cron(0 5 * * ? *)", Timezone: "UTC"},
		AlertEmail: "ml-oncall@example.com",
		Tags:       map[string]string{"team": "ml"},
	})
	if err != nil {
		return err
	}
	ctx.Export("stateMachineArn", bi.StateMachineArn)
	ctx.Export("outputKmsKeyArn", bi.OutputKmsKeyArn)
	return nil
}
