package alerting

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/awsenv"
)

// eventBridgePublishes lets events.amazonaws.com publish to the topic when
// the message comes from one of rules (aws:SourceArn, the condition the
// EventBridge guide's "Using resource-based policies for Amazon
// EventBridge" puts on its targets' policies). The target that publishes
// takes no role: EventBridge publishes to SNS with the topic's policy.
func eventBridgePublishes(topicArn pulumi.StringInput, rules []pulumi.StringInput) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        "EventBridgeRulesPublish",
		Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("events.amazonaws.com")},
		Actions:    []string{"sns:Publish"},
		Resources:  iampolicy.Inputs(topicArn),
		Conditions: []iampolicy.Condition{{Operator: "ArnEquals", Key: "aws:SourceArn", Values: rules}},
	}
}

// eventBridgeUsesKey lets EventBridge use the topic's key when it publishes:
// SNS encrypts the message with a data key it asks KMS for on the
// publisher's behalf. The SNS guide's "Managing Amazon SNS encryption keys
// and costs" ("Enable compatibility between event sources from AWS
// services and encrypted topics") grants the publishing service
// kms:GenerateDataKey* and kms:Decrypt, and states that aws:SourceArn,
// aws:SourceAccount and aws:SourceOrgID in the key policy are not supported
// for EventBridge-to-encrypted topics. The grant is scoped instead by the
// encryption context SNS binds its data keys to, aws:sns:topicArn (the
// condition key AWS's "Set up an SNS topic with server-side encryption"
// page of the GameLift FlexMatch guide uses): topics of this account in
// this region. It cannot name the topic itself, which is created with
// this key.
func eventBridgeUsesKey(env awsenv.Env) iampolicy.Statement {
	return iampolicy.Statement{
		Sid:        "EventBridgeRulesUseKey",
		Principals: map[string][]pulumi.StringInput{"Service": iampolicy.Strings("events.amazonaws.com")},
		Actions:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
		Resources:  iampolicy.Strings("*"),
		Conditions: []iampolicy.Condition{{Operator: "StringLike", Key: "kms:EncryptionContext:aws:sns:topicArn", Values: iampolicy.Inputs(env.ARN("sns", true, "*"))}},
	}
}
