package snowflake

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// StorageIntegrationAws is an AWS storage integration
// (snowflake:index/storageIntegrationAws:StorageIntegrationAws). Preview
// feature snowflake_storage_integration_aws_resource.
//
// It has no top-level IAM-user or external-ID outputs: they live in
// DescribeOutputs[0]; use [StorageIntegrationAws.IamUserArn] and
// [StorageIntegrationAws.ExternalId].
type StorageIntegrationAws struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted integration name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Name is the integration name.
	Name pulumi.StringOutput `pulumi:"name"`
	// Enabled reports whether stages may use the integration.
	Enabled pulumi.BoolOutput `pulumi:"enabled"`
	// StorageAwsRoleArn is the IAM role Snowflake assumes.
	StorageAwsRoleArn pulumi.StringOutput `pulumi:"storageAwsRoleArn"`
	// DescribeOutputs mirrors DESCRIBE STORAGE INTEGRATION; it normally holds
	// one element. Use ApplyT with func([]StorageIntegrationAwsDescription) T,
	// or Index(pulumi.Int(0)).IamUserArn().
	DescribeOutputs StorageIntegrationAwsDescriptionArrayOutput `pulumi:"describeOutputs"`
	// ShowOutputs mirrors SHOW STORAGE INTEGRATIONS.
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
}

// IamUserArn is describeOutputs[0].iamUserArn: the Snowflake IAM user to trust
// in the AWS role's trust policy ("" while the list is empty).
func (s *StorageIntegrationAws) IamUserArn() pulumi.StringOutput {
	return s.DescribeOutputs.first().IamUserArn()
}

// ExternalId is describeOutputs[0].externalId: the external ID for the trust
// policy condition ("" while the list is empty).
func (s *StorageIntegrationAws) ExternalId() pulumi.StringOutput {
	return s.DescribeOutputs.first().ExternalId()
}

// StorageIntegrationAwsArgs are the inputs of [NewStorageIntegrationAws].
// Required: Enabled, StorageProvider, StorageAwsRoleArn, StorageAllowedLocations.
type StorageIntegrationAwsArgs struct {
	// Name is the integration name (account-wide); auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Enabled says whether stages may use the integration. Required.
	Enabled pulumi.BoolInput `wire:"enabled,required"`
	// StorageProvider is S3, S3GOV or S3CHINA. Required.
	StorageProvider pulumi.StringInput `wire:"storageProvider,required"`
	// StorageAwsRoleArn is the IAM role that Snowflake assumes. Required.
	StorageAwsRoleArn pulumi.StringInput `wire:"storageAwsRoleArn,required"`
	// StorageAllowedLocations are the bucket paths stages may use, e.g. s3://bucket/path/. Required.
	StorageAllowedLocations pulumi.StringArrayInput `wire:"storageAllowedLocations,required"`
	// StorageBlockedLocations are explicitly denied bucket paths.
	StorageBlockedLocations pulumi.StringArrayInput `wire:"storageBlockedLocations"`
	// StorageAwsExternalId is your own external ID (otherwise Snowflake generates one).
	StorageAwsExternalId pulumi.StringPtrInput `wire:"storageAwsExternalId"`
	// StorageAwsObjectAcl is "bucket-owner-full-control" or nil.
	StorageAwsObjectAcl pulumi.StringPtrInput `wire:"storageAwsObjectAcl"`
	// UsePrivatelinkEndpoint is tri-state ("true"/"false"/nil): PrivateLink to S3.
	UsePrivatelinkEndpoint pulumi.StringPtrInput `wire:"usePrivatelinkEndpoint"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// NewStorageIntegrationAws registers an AWS storage integration. The provider
// must enable snowflake_storage_integration_aws_resource.
func NewStorageIntegrationAws(ctx *pulumi.Context, name string, args *StorageIntegrationAwsArgs, opts ...pulumi.ResourceOption) (*StorageIntegrationAws, error) {
	return create[StorageIntegrationAws](ctx, StorageIntegrationAwsType, name, args, opts)
}

// StorageIntegrationAwsDescription is one element of
// StorageIntegrationAws.describeOutputs (the DESCRIBE STORAGE INTEGRATION row).
type StorageIntegrationAwsDescription struct {
	// IamUserArn is the Snowflake IAM user to trust (STORAGE_AWS_IAM_USER_ARN).
	IamUserArn string `pulumi:"iamUserArn"`
	// ExternalId is the external ID for the trust policy (STORAGE_AWS_EXTERNAL_ID).
	ExternalId string `pulumi:"externalId"`
	// RoleArn is the IAM role Snowflake assumes.
	RoleArn string `pulumi:"roleArn"`
	// AllowedLocations are the allowed storage locations.
	AllowedLocations []string `pulumi:"allowedLocations"`
	// BlockedLocations are the blocked storage locations.
	BlockedLocations []string `pulumi:"blockedLocations"`
	// ObjectAcl is the object ACL setting.
	ObjectAcl string `pulumi:"objectAcl"`
	// Provider is the storage provider.
	Provider string `pulumi:"provider"`
	// Enabled reports whether the integration is enabled.
	Enabled bool `pulumi:"enabled"`
	// UsePrivatelinkEndpoint reports whether PrivateLink is used.
	UsePrivatelinkEndpoint bool `pulumi:"usePrivatelinkEndpoint"`
	// Comment is the integration comment.
	Comment string `pulumi:"comment"`
	// Id is the integration ID.
	Id string `pulumi:"id"`
}

// StorageIntegrationAwsDescriptionOutput is an output of one
// [StorageIntegrationAwsDescription].
type StorageIntegrationAwsDescriptionOutput struct{ *pulumi.OutputState }

// ElementType returns the element type of this output.
func (StorageIntegrationAwsDescriptionOutput) ElementType() reflect.Type {
	return reflect.TypeFor[StorageIntegrationAwsDescription]()
}

// IamUserArn returns the iamUserArn field.
func (o StorageIntegrationAwsDescriptionOutput) IamUserArn() pulumi.StringOutput {
	return o.ApplyT(func(d StorageIntegrationAwsDescription) string { return d.IamUserArn }).(pulumi.StringOutput)
}

// ExternalId returns the externalId field.
func (o StorageIntegrationAwsDescriptionOutput) ExternalId() pulumi.StringOutput {
	return o.ApplyT(func(d StorageIntegrationAwsDescription) string { return d.ExternalId }).(pulumi.StringOutput)
}

// StorageIntegrationAwsDescriptionArrayOutput is an output of a list of
// [StorageIntegrationAwsDescription].
type StorageIntegrationAwsDescriptionArrayOutput struct{ *pulumi.OutputState }

// ElementType returns the element type of this output.
func (StorageIntegrationAwsDescriptionArrayOutput) ElementType() reflect.Type {
	return reflect.TypeFor[[]StorageIntegrationAwsDescription]()
}

// Index returns the i-th element (the zero value when out of range).
func (o StorageIntegrationAwsDescriptionArrayOutput) Index(i pulumi.IntInput) StorageIntegrationAwsDescriptionOutput {
	return pulumi.All(o, i).ApplyT(func(vs []any) StorageIntegrationAwsDescription {
		arr, idx := vs[0].([]StorageIntegrationAwsDescription), vs[1].(int)
		if idx >= 0 && idx < len(arr) {
			return arr[idx]
		}
		return StorageIntegrationAwsDescription{}
	}).(StorageIntegrationAwsDescriptionOutput)
}

// first returns element 0, or the zero value when the list is empty.
func (o StorageIntegrationAwsDescriptionArrayOutput) first() StorageIntegrationAwsDescriptionOutput {
	return o.ApplyT(func(d []StorageIntegrationAwsDescription) StorageIntegrationAwsDescription {
		if len(d) == 0 {
			return StorageIntegrationAwsDescription{}
		}
		return d[0]
	}).(StorageIntegrationAwsDescriptionOutput)
}

func init() {
	pulumi.RegisterOutputType(StorageIntegrationAwsDescriptionOutput{})
	pulumi.RegisterOutputType(StorageIntegrationAwsDescriptionArrayOutput{})
}

// NotificationIntegration is a notification integration
// (snowflake:index/notificationIntegration:NotificationIntegration) for AWS
// SNS, GCP Pub/Sub or Azure storage queues. Preview feature
// snowflake_notification_integration_resource. There is no separate AWS-SNS
// resource.
type NotificationIntegration struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted integration name.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Name is the integration name.
	Name pulumi.StringOutput `pulumi:"name"`
	// NotificationProvider is AWS_SNS, GCP_PUBSUB or AZURE_STORAGE_QUEUE.
	NotificationProvider pulumi.StringOutput `pulumi:"notificationProvider"`
	// AwsSnsIamUserArn is the principal to allow in the SNS topic policy / role trust.
	AwsSnsIamUserArn pulumi.StringOutput `pulumi:"awsSnsIamUserArn"`
	// AwsSnsExternalId is the external ID for the role trust.
	AwsSnsExternalId pulumi.StringOutput `pulumi:"awsSnsExternalId"`
	// GcpPubsubServiceAccount is the Snowflake GCP service account.
	GcpPubsubServiceAccount pulumi.StringOutput `pulumi:"gcpPubsubServiceAccount"`
	// AwsSqsIamUserArn is the IAM user of the deprecated SQS method.
	AwsSqsIamUserArn pulumi.StringOutput `pulumi:"awsSqsIamUserArn"`
	// AwsSqsExternalId is the external ID of the deprecated SQS method.
	AwsSqsExternalId pulumi.StringOutput `pulumi:"awsSqsExternalId"`
	// CreatedOn is the creation timestamp.
	CreatedOn pulumi.StringOutput `pulumi:"createdOn"`
}

// NotificationIntegrationArgs are the inputs of [NewNotificationIntegration].
// Required: NotificationProvider.
type NotificationIntegrationArgs struct {
	// Name is the integration name (account-wide); auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// NotificationProvider is AWS_SNS, GCP_PUBSUB or AZURE_STORAGE_QUEUE (AWS_SQS is deprecated). Required.
	NotificationProvider pulumi.StringInput `wire:"notificationProvider,required"`
	// AwsSnsTopicArn is the SNS topic to publish to (AWS_SNS).
	AwsSnsTopicArn pulumi.StringPtrInput `wire:"awsSnsTopicArn"`
	// AwsSnsRoleArn is the IAM role Snowflake assumes to publish (AWS_SNS).
	AwsSnsRoleArn pulumi.StringPtrInput `wire:"awsSnsRoleArn"`
	// GcpPubsubTopicName is the Pub/Sub topic (outbound).
	GcpPubsubTopicName pulumi.StringPtrInput `wire:"gcpPubsubTopicName"`
	// GcpPubsubSubscriptionName is the Pub/Sub subscription (inbound).
	GcpPubsubSubscriptionName pulumi.StringPtrInput `wire:"gcpPubsubSubscriptionName"`
	// AzureStorageQueuePrimaryUri is the Azure queue URI.
	AzureStorageQueuePrimaryUri pulumi.StringPtrInput `wire:"azureStorageQueuePrimaryUri"`
	// AzureTenantId is the Azure tenant.
	AzureTenantId pulumi.StringPtrInput `wire:"azureTenantId"`
	// Enabled defaults to true.
	Enabled pulumi.BoolPtrInput `wire:"enabled"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
	// Direction is deprecated: the provider sets it automatically.
	Direction pulumi.StringPtrInput `wire:"direction"`
	// Type is deprecated: the provider sets it automatically (QUEUE).
	Type pulumi.StringPtrInput `wire:"type"`
	// AwsSqsArn is deprecated (the old SQS method).
	AwsSqsArn pulumi.StringPtrInput `wire:"awsSqsArn"`
	// AwsSqsRoleArn is deprecated (the old SQS method).
	AwsSqsRoleArn pulumi.StringPtrInput `wire:"awsSqsRoleArn"`
}

// NewNotificationIntegration registers a notification integration. The
// provider must enable snowflake_notification_integration_resource.
func NewNotificationIntegration(ctx *pulumi.Context, name string, args *NotificationIntegrationArgs, opts ...pulumi.ResourceOption) (*NotificationIntegration, error) {
	return create[NotificationIntegration](ctx, NotificationIntegrationType, name, args, opts)
}
