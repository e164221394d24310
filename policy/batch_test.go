package policy_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sfn"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
)

func batchViolations(t *testing.T, program pulumi.RunFunc) []policy.Violation {
	t.Helper()
	plan, err := synth.Run(program, synth.Options{})
	require.NoError(t, err)
	return policy.Evaluate(plan, policy.BatchRules())
}

func batchRuleIDs(vs []policy.Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

func TestBatchRules_ids(t *testing.T) {
	var ids []string
	for _, r := range policy.BatchRules() {
		ids = append(ids, r.ID)
		assert.NotEmpty(t, r.Rationale)
	}
	assert.Equal(t, []string{"sfn-logging", "sfn-tracing", "sfn-sync-rule-permissions", "iam-passrole-conditioned"}, ids)
}

func TestBatchRules_holdForCronJob(t *testing.T) {
	vs := batchViolations(t, func(ctx *pulumi.Context) error {
		_, err := cronjob.NewCronJob(ctx, "nightly", &cronjob.CronJobArgs{
			Image:          pulumi.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/report:1.4"),
			Schedule:       trigger.Schedule{Expression: "cron(0 2 * * ? *)"},
			Subnets:        pulumi.ToStringArray([]string{"subnet-01010101"}),
			SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}),
		})
		return err
	})
	assert.Empty(t, vs)
}

func TestBatchRules_holdForBatchInferenceAndTraining(t *testing.T) {
	vs := batchViolations(t, func(ctx *pulumi.Context) error {
		tp, err := training.NewTrainingPipeline(ctx, "churn", &training.TrainingPipelineArgs{
			Image:         pulumi.String("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"),
			InputChannels: map[string]string{"train": "s3://ml-data/churn/train/"},
			OutputS3Uri:   "s3://ml-models/churn/",
		})
		if err != nil {
			return err
		}
		if _, err := inference.NewBatchInference(ctx, "score", &inference.BatchInferenceArgs{
			ModelPackageGroupName: tp.ModelPackageGroupName, ModelArtifactsS3Uri: "s3://ml-models/churn/",
			ModelArtifactsKmsKeyArn: tp.OutputKmsKeyArn,
			EcrRepositoryArns:       []pulumi.StringInput{tp.InferenceImageRepositoryArn},
			InputS3Uri:              "s3://features/daily/", OutputS3Uri: "s3://scores/daily/",
			Schedule: trigger.Schedule{Expression: "cron(0 4 * * ? *)"},
		}); err != nil {
			return err
		}
		_, err = batch.NewBatchWorkflow(ctx, "hist", &batch.BatchWorkflowArgs{Steps: []batch.Step{{
			Name: "reprocess", Map: &batch.MapStep{ItemsS3Uri: "s3://raw-events/2023/", Step: batch.Step{Name: "one", ECSTask: &batch.ECSTaskStep{
				ClusterArn: pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/c"), TaskDefinitionArn: pulumi.String("arn:aws:ecs:us-east-1:123456789012:task-definition/fam:1"),
				Family: "fam", TaskRoleArn: pulumi.String("arn:aws:iam::123456789012:role/t"), ExecutionRoleArn: pulumi.String("arn:aws:iam::123456789012:role/e"),
				Subnets: pulumi.ToStringArray([]string{"subnet-01010101"}), SecurityGroups: pulumi.ToStringArray([]string{"sg-01010101"}), ContainerName: "app",
			}}},
		}}})
		return err
	})
	assert.Empty(t, vs)
}

// batchMachine registers a role, its inline policy and a state machine with the
// given definition and settings.
func batchMachine(ctx *pulumi.Context, name, definition, policyJSON, level string, tracing bool) error {
	role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
	if err != nil {
		return err
	}
	if policyJSON != "" {
		if _, err := iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{Role: role.ID(), Policy: pulumi.String(policyJSON)}); err != nil {
			return err
		}
	}
	logging := sfn.StateMachineLoggingConfigurationArgs{Level: pulumi.String(level)}
	if level != "OFF" {
		logging.LogDestination = pulumi.String("arn:aws:logs:us-east-1:123456789012:log-group:x:*")
	}
	_, err = sfn.NewStateMachine(ctx, name, &sfn.StateMachineArgs{
		RoleArn: role.Arn, Definition: pulumi.String(definition),
		LoggingConfiguration: logging,
		TracingConfiguration: sfn.StateMachineTracingConfigurationArgs{Enabled: pulumi.Bool(tracing)},
	})
	return err
}

const batchTransformDefinition = `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sagemaker:createTransformJob.sync","End":true}}}`

func TestBatchRules_flagBrokenWorkflows(t *testing.T) {
	rulePolicy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["events:PutTargets","events:PutRule","events:DescribeRule"],"Resource":"arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForSageMakerTransformJobsRule"}]}`
	cases := []struct {
		name    string
		program pulumi.RunFunc
		want    []string
	}{
		{"logging off", func(ctx *pulumi.Context) error {
			return batchMachine(ctx, "m", batchTransformDefinition, rulePolicy, "OFF", true)
		}, []string{"sfn-logging"}},
		{"tracing off", func(ctx *pulumi.Context) error {
			return batchMachine(ctx, "m", batchTransformDefinition, rulePolicy, "ERROR", false)
		}, []string{"sfn-tracing"}},
		{"no managed-rule permission", func(ctx *pulumi.Context) error {
			return batchMachine(ctx, "m", batchTransformDefinition, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sagemaker:CreateTransformJob"],"Resource":"*"}]}`, "ERROR", true)
		}, []string{"sfn-sync-rule-permissions"}},
		{"the rule of another integration", func(ctx *pulumi.Context) error {
			def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sagemaker:createTrainingJob.sync","End":true}}}`
			return batchMachine(ctx, "m", def, rulePolicy, "ERROR", true)
		}, []string{"sfn-sync-rule-permissions"}},
		{"a missing action", func(ctx *pulumi.Context) error {
			p := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["events:PutTargets","events:PutRule"],"Resource":"arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForSageMakerTransformJobsRule"}]}`
			return batchMachine(ctx, "m", batchTransformDefinition, p, "ERROR", true)
		}, []string{"sfn-sync-rule-permissions"}},
		{"sync inside a Map with no policy", func(ctx *pulumi.Context) error {
			def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync","End":true}}},"End":true}}}`
			return batchMachine(ctx, "m", def, "", "ERROR", true)
		}, []string{"sfn-sync-rule-permissions"}},
		{"unconditioned PassRole", func(ctx *pulumi.Context) error {
			p := `{"Version":"2012-10-17","Statement":[{"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/x"},` +
				`{"Effect":"Allow","Action":["events:PutTargets","events:PutRule","events:DescribeRule"],"Resource":"arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForSageMakerTransformJobsRule"}]}`
			return batchMachine(ctx, "m", batchTransformDefinition, p, "ERROR", true)
		}, []string{"iam-passrole-conditioned"}},
		{"PassRole by wildcard in an inline role policy", func(ctx *pulumi.Context) error {
			_, err := iam.NewRole(ctx, "r", &iam.RoleArgs{
				AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`),
				InlinePolicies: iam.RoleInlinePolicyArray{iam.RoleInlinePolicyArgs{
					Name: pulumi.String("p"), Policy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Pass*","Resource":"*"}]}`),
				}},
			})
			return err
		}, []string{"iam-passrole-conditioned"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, batchRuleIDs(batchViolations(t, c.program)))
		})
	}
}

func TestBatchRules_acceptWildcardsThatCoverTheRule(t *testing.T) {
	p := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["events:Put*","events:DescribeRule"],"Resource":"arn:aws:events:*:*:rule/StepFunctionsGetEvents*"}]}`
	vs := batchViolations(t, func(ctx *pulumi.Context) error {
		return batchMachine(ctx, "m", batchTransformDefinition, p, "ALL", true)
	})
	assert.Empty(t, vs)
}
