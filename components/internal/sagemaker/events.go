package sagemaker

import (
	"encoding/json"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The approval statuses of a model package (ModelApprovalStatus, SageMaker
// API Reference, ModelPackageSummary).
const (
	Approved              = "Approved"
	Rejected              = "Rejected"
	PendingManualApproval = "PendingManualApproval"
)

// The event SageMaker sends to EventBridge when a model package changes, and
// the JSON paths of the fields schedkit reads from it. Source: "Events that
// Amazon SageMaker AI sends to Amazon EventBridge", section "SageMaker model
// package state change"
// (https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html#eventbridge-model-package),
// whose example event carries detail.ModelPackageGroupName,
// detail.ModelPackageVersion (a number), detail.ModelPackageArn and
// detail.ModelApprovalStatus. SageMaker may send several events for one
// change, and sends one when another field of a package changes too (the
// example's detail.UpdatedModelPackageFields), so whatever reacts to them
// must tolerate repeats.
const (
	EventSource                = "aws.sagemaker"
	PackageStateChangeType     = "SageMaker Model Package State Change"
	PackageArnPath             = "$.detail.ModelPackageArn"
	PackageGroupPath           = "$.detail.ModelPackageGroupName"
	PackageVersionPath         = "$.detail.ModelPackageVersion"
	PackageApprovalStatusPath  = "$.detail.ModelApprovalStatus"
	packageGroupField          = "ModelPackageGroupName"
	packageApprovalStatusField = "ModelApprovalStatus"
)

// PackageStateChangePattern is the EventBridge event pattern that matches a
// package of group changing to one of statuses:
//
//	{"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"],
//	 "detail":{"ModelPackageGroupName":[group],"ModelApprovalStatus":statuses}}
//
// It is rendered once the group's name is known, so the group may be an
// Output (e.g. a TrainingPipeline's ModelPackageGroupName).
func PackageStateChangePattern(group pulumi.StringInput, statuses ...string) pulumi.StringOutput {
	return group.ToStringOutput().ApplyT(func(g string) (string, error) {
		b, err := json.Marshal(map[string]any{
			"source":      []string{EventSource},
			"detail-type": []string{PackageStateChangeType},
			"detail": map[string]any{
				packageGroupField:          []string{g},
				packageApprovalStatusField: statuses,
			},
		})
		return string(b), err
	}).(pulumi.StringOutput)
}
