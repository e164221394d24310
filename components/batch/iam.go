package batch

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
	"github.com/schedkit/schedkit/components/internal/s3uri"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
	"github.com/schedkit/schedkit/components/internal/workflow"
)

// workflowStatements is the least-privilege policy the steps need, step by
// step (Sids "Step<i>…", "Step<i>Item…" for a Map's child step), then the
// .sync managed rules once each. The Distributed Map's permissions on the
// workflow itself are in mapStatements.
func workflowStatements(env awsenv.Env, steps []Step) []iampolicy.Statement {
	var stmts []iampolicy.Statement
	rules := map[string]bool{}
	var add func(sid string, s Step)
	add = func(sid string, s Step) {
		switch {
		case s.ECSTask != nil:
			e := s.ECSTask
			for _, st := range workflow.ECSRunTaskStatements(sid, env, workflow.ECSTask{
				ClusterArn: e.ClusterArn, Family: e.Family, TaskRoleArn: e.TaskRoleArn, ExecutionRoleArn: e.ExecutionRoleArn,
			}) {
				if strings.HasSuffix(st.Sid, "ManageECSSyncRule") {
					continue // added once below
				}
				stmts = append(stmts, st)
			}
			rules[workflow.ECSEventsRule] = true
		case s.Lambda != nil:
			stmts = append(stmts, lambdaStatement(sid+"InvokeFunction", s.Lambda.FunctionArn))
		case s.Transform != nil:
			stmts = append(stmts, sagemaker.TransformStatements(sid+"RunTransformJobs", env, s.Transform.JobNamePrefix))
			rules[workflow.SageMakerTransformEventsRule] = true
		case s.Map != nil:
			stmts = append(stmts, mapDataStatements(sid, env, s.Map)...)
			add(sid+"Item", s.Map.Step)
		}
	}
	for i, s := range steps {
		add(fmt.Sprintf("Step%d", i+1), s)
	}
	sids := map[string]string{
		workflow.ECSEventsRule:                "ManageECSSyncRule",
		workflow.SageMakerTransformEventsRule: "ManageTransformSyncRule",
	}
	var names []string
	for r := range rules {
		names = append(names, r)
	}
	sort.Strings(names)
	for _, r := range names {
		stmts = append(stmts, workflow.SyncRuleStatement(sids[r], env, r))
	}
	return stmts
}

// lambdaStatement lets a workflow invoke one function, its versions and aliases.
func lambdaStatement(sid string, functionArn pulumi.StringInput) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:       sid,
		Actions:   []string{"lambda:InvokeFunction"},
		Resources: iampolicy.Inputs(functionArn, pulumi.Sprintf("%s:*", functionArn)),
	}
}

// mapDataStatements let the Map read exactly its items and write exactly
// its results: s3:ListBucket on the bucket only for keys under the prefix
// (listObjectsV2 reads no object), or s3:GetObject on the one manifest; and
// the result writer's multipart upload of its result files.
func mapDataStatements(sid string, env awsenv.Env, m *MapStep) []iampolicy.Statement {
	var stmts []iampolicy.Statement
	if m.ItemsS3Uri != "" {
		u, _ := s3uri.Parse(m.ItemsS3Uri)
		stmts = append(stmts, s3uri.ListPrefixStatement(sid+"ListItems", env.Partition, u))
	} else {
		u, _ := s3uri.Parse(m.ManifestS3Uri)
		stmts = append(stmts, iampolicy.Statement{
			Sid:       sid + "ReadManifest",
			Actions:   []string{"s3:GetObject"},
			Resources: iampolicy.Inputs(u.ObjectARN(env.Partition)),
		})
	}
	if m.ResultsS3Uri != "" {
		u, _ := s3uri.Parse(m.ResultsS3Uri)
		stmts = append(stmts, iampolicy.Statement{
			Sid:       sid + "WriteResults",
			Actions:   []string{"s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"},
			Resources: iampolicy.Inputs(u.PrefixARN(env.Partition)),
		})
	}
	return stmts
}

// mapStatements let a Distributed Map start its child executions of the
// workflow and watch and stop them. They name the workflow's own ARN, so
// they live in a policy created after the workflow (name-map-policy): in
// the workflow's main policy they would make a cycle.
func mapStatements(env awsenv.Env, machineArn, machineName pulumi.StringInput) []iampolicy.Statement {
	return []iampolicy.Statement{
		{
			Sid:       "StartMapChildExecutions",
			Actions:   []string{"states:StartExecution"},
			Resources: iampolicy.Inputs(machineArn),
		},
		{
			Sid:       "WatchMapChildExecutions",
			Actions:   []string{"states:DescribeExecution", "states:StopExecution"},
			Resources: iampolicy.Inputs(env.ARNOf("states", true, "execution:%s/*", machineName)),
		},
	}
}

func hasMap(steps []Step) bool {
	for _, s := range steps {
		if s.Map != nil {
			return true
		}
	}
	return false
}

func seconds(d time.Duration) int { return int(d / time.Second) }
