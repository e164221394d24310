package stacks_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/examples/platform/stacks"
	"github.com/schedkit/schedkit/policy"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	topicType       = "aws:sns/topic:Topic"
	keyType         = "aws:kms/key:Key"
	alarmType       = "aws:cloudwatch/metricAlarm:MetricAlarm"
	targetType      = "aws:cloudwatch/eventTarget:EventTarget"
	integrationType = "snowflake:index/notificationIntegration:NotificationIntegration"
	stateMachine    = "aws:sfn/stateMachine:StateMachine"
)

// snsARN is an SNS topic ARN anywhere in a resource's inputs.
var snsARN = regexp.MustCompile(`arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.*-]+`)

// topicsNamed lists every SNS ARN in the inputs of every resource, with the
// resources that name it.
func topicsNamed(plan *synth.Plan) map[string][]string {
	out := map[string][]string{}
	for _, r := range plan.Resources {
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case string:
				for _, arn := range snsARN.FindAllString(v, -1) {
					out[arn] = append(out[arn], r.Name)
				}
			case []any:
				for _, e := range v {
					walk(e)
				}
			case map[string]any:
				for _, e := range v {
					walk(e)
				}
			}
		}
		walk(r.Inputs)
	}
	return out
}

// Issue 11: a stack pays for one alert topic and key, not one per
// component, and every publisher of every component uses them.
func TestStacks_everyComponentAlertsThroughTheStacksOneTopicAndKey(t *testing.T) {
	emails := map[string]string{"dev": "", "staging": "data-platform-staging@example.com", "prod": "data-platform-oncall@example.com"}
	for _, env := range stacks.Environments {
		t.Run(env, func(t *testing.T) {
			plan := synthStack(t, env)
			require.Len(t, plan.ByType(topicType), 1, "one topic in the stack")
			component := synthtest.Find(t, plan, alerts.Type, "alerts")
			assert.Equal(t, "", strings.TrimPrefix(component.Parent, "urn:pulumi:"+env+"::schedkit::pulumi:pulumi:Stack::schedkit-"+env), "made by the stack itself")
			topic := synthtest.Find(t, plan, topicType, "alerts")
			key := synthtest.Find(t, plan, keyType, "alerts-key")
			assert.Equal(t, component.URN, topic.Parent)
			assert.Equal(t, component.URN, key.Parent)
			arn, keyArn := topic.Output("arn"), key.Output("arn")
			assert.Equal(t, keyArn, topic.String("kmsMasterKeyId"))
			assert.Equal(t, arn, plan.Outputs["alertTopicArn"])
			assert.Equal(t, arn, plan.Outputs["nightlyReportAlertTopicArn"])

			// The only keys left are the SageMaker output keys: no component
			// made an alert or notification key of its own.
			var keys []string
			for _, k := range plan.ByType(keyType) {
				keys = append(keys, k.Name)
			}
			assert.Equal(t, []string{"alerts-key", "churn-features-training-key", "churn-scoring-key", "churn-training-key"}, keys)

			// Nothing in the stack names another topic: alarms, workflows'
			// failure notices, approval targets, Snowflake integrations and
			// their roles. The key policy's encryption-context pattern
			// (this account's topics in this region) is the one other ARN.
			named := topicsNamed(plan)
			wildcard := "arn:aws:sns:eu-west-1:123456789012:*"
			assert.Equal(t, []string{"alerts-key"}, named[wildcard])
			delete(named, wildcard)
			assert.Len(t, named, 1, "every SNS ARN in the stack is the alert topic's: %v", named)

			alarms := plan.ByType(alarmType)
			require.NotEmpty(t, alarms)
			for _, a := range alarms {
				assert.Equal(t, []any{arn}, a.Inputs["alarmActions"], a.Name)
				assert.Equal(t, []any{arn}, a.Inputs["okActions"], a.Name)
			}
			workflows := 0
			for _, m := range plan.ByType(stateMachine) {
				if strings.Contains(m.String("definition"), "arn:aws:states:::sns:publish") {
					workflows++
					assert.Contains(t, m.String("definition"), `"TopicArn":"`+arn+`"`, m.Name)
				}
			}
			assert.Equal(t, 10, workflows, "every workflow announces its failures on the topic, and each of the four schedules' deadline checks its missed runs")

			var rules []string
			for _, tg := range plan.ByType(targetType) {
				if strings.HasPrefix(tg.String("arn"), "arn:aws:sns:") {
					assert.Equal(t, arn, tg.String("arn"), tg.Name)
					rule := strings.TrimSuffix(tg.Name, "-target")
					rules = append(rules, synthtest.Find(t, plan, "aws:cloudwatch/eventRule:EventRule", rule).Output("arn"))
				}
			}
			require.Len(t, rules, 2, "both training pipelines announce approvals")
			doc := synthtest.ParsePolicy(t, synthtest.Find(t, plan, "aws:sns/topicPolicy:TopicPolicy", "alerts-policy").String("policy"))
			assert.Equal(t, []string{"CloudWatchAlarmsPublish", "EventBridgeRulesPublish", "DenyInsecureTransport"}, synthtest.Sids(doc))
			granted := synthtest.Statement(t, doc, "EventBridgeRulesPublish").Condition["ArnEquals"]["aws:SourceArn"]
			sort.Strings(granted)
			sort.Strings(rules)
			assert.Equal(t, rules, granted, "the topic lets exactly the approval rules publish")
			keyDoc := synthtest.ParsePolicy(t, key.String("policy"))
			assert.Equal(t, []string{"AccountAdministersKey", "CloudWatchAlarmsUseKey", "EventBridgeRulesUseKey"}, synthtest.Sids(keyDoc))

			integrations := plan.ByType(integrationType)
			require.Len(t, integrations, 9)
			for _, in := range integrations {
				assert.Equal(t, arn, in.String("awsSnsTopicArn"), in.Name)
				role := synthtest.Policy(t, plan, strings.TrimSuffix(in.Name, "-integration")+"-role-policy")
				assert.Equal(t, []string{arn}, synthtest.Statement(t, role, "PublishErrorNotifications").Resource, in.Name)
				assert.Equal(t, []string{keyArn}, synthtest.Statement(t, role, "EncryptErrorNotifications").Resource, in.Name)
			}

			subs := plan.ByType("aws:sns/topicSubscription:TopicSubscription")
			if emails[env] == "" {
				assert.Empty(t, subs)
			} else if assert.Len(t, subs, 1) {
				assert.Equal(t, emails[env], subs[0].String("endpoint"))
				assert.Equal(t, arn, subs[0].String("topic"))
			}
			assert.Equal(t, env == "prod", topic.RetainOnDelete)
			assert.Equal(t, env == "prod", key.RetainOnDelete)
		})
	}
}

// An existing topic (schedkit:alertTopicArn, and its key) replaces the
// stack's own: nothing alert-related is created, and everything uses it.
func TestStacks_aGivenAlertTopicIsUsedByEveryComponent(t *testing.T) {
	const given = "arn:aws:sns:eu-west-1:123456789012:platform-alerts"
	const givenKey = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	opts, err := synth.LoadStack("..", "prod")
	require.NoError(t, err)
	opts.Config["schedkit:alertEmail"] = ""
	opts.Config["schedkit:alertTopicArn"] = given
	opts.Config["schedkit:alertTopicKmsKeyArn"] = givenKey
	plan, err := synth.Run(stacks.Program, opts)
	require.NoError(t, err)
	assert.Empty(t, policy.Evaluate(plan, policy.All()))

	assert.Empty(t, plan.ByType(topicType))
	assert.Empty(t, plan.ByType(alerts.Type))
	assert.Len(t, plan.ByType(keyType), 3, "the SageMaker output keys only")
	named := topicsNamed(plan)
	assert.Len(t, named, 1, "every SNS ARN in the stack is the given topic: %v", named)
	assert.NotEmpty(t, named[given])
	for _, a := range plan.ByType(alarmType) {
		assert.Equal(t, []any{given}, a.Inputs["alarmActions"], a.Name)
	}
	for _, in := range plan.ByType(integrationType) {
		role := synthtest.Policy(t, plan, strings.TrimSuffix(in.Name, "-integration")+"-role-policy")
		assert.Equal(t, []string{givenKey}, synthtest.Statement(t, role, "EncryptErrorNotifications").Resource, in.Name)
	}
	doc := synthtest.Policy(t, plan, "nightly-report-workflow-policy")
	assert.Equal(t, []string{givenKey}, synthtest.Statement(t, doc, "EncryptAlerts").Resource)
}

// idleChildren counts what a plan pays for while nothing runs.
type idleChildren struct{ keys, topics, alarms, onDemandStreams, provisionedShards int }

func countIdle(plan *synth.Plan) idleChildren {
	c := idleChildren{
		keys:   len(plan.ByType(keyType)),
		topics: len(plan.ByType(topicType)),
		alarms: len(plan.ByType(alarmType)),
	}
	for _, s := range plan.ByType("aws:kinesis/stream:Stream") {
		if s.Get("streamModeDetails", "streamMode") == "PROVISIONED" {
			n, _ := s.Inputs["shardCount"].(float64)
			c.provisionedShards += int(n)
		} else {
			c.onDemandStreams++
		}
	}
	return c
}

// Issue 11: the stacks plan fewer fixed-cost children than before it
// (noted per line), with every alarm kept. Issue 19 adds one alarm per
// scheduled workflow (four): its deadline check failed.
func TestStacks_fixedCostChildrenPerEnvironment(t *testing.T) {
	for env, want := range map[string]idleChildren{
		// before: 13 keys, 10 topics, 39 alarms, 1 on-demand stream, 1 shard
		"dev": {keys: 4, topics: 1, alarms: 43, onDemandStreams: 0, provisionedShards: 2},
		// before: 13 keys, 10 topics, 39 alarms, 1 on-demand stream, 1 shard
		"staging": {keys: 4, topics: 1, alarms: 43, onDemandStreams: 0, provisionedShards: 2},
		// before: 13 keys, 10 topics, 40 alarms, 2 on-demand streams
		"prod": {keys: 4, topics: 1, alarms: 44, onDemandStreams: 2, provisionedShards: 0},
	} {
		t.Run(env, func(t *testing.T) {
			assert.Equal(t, want, countIdle(synthStack(t, env)))
		})
	}
}
