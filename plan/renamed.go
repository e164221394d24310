package plan

// renamedTypes maps a resource type token that a provider renamed to the
// token that replaced it. pulumi-aws v7 renamed the S3 "V2" family (the
// "Renamed Resources" list of its version 7 upgrade guide,
// docs/version-7-upgrade.md); its SDK's constructors for the new names
// register the old token as an alias themselves (s3.NewBucket:
// pulumi.Alias{Type: "aws:s3/bucketV2:BucketV2"}), so a stack deployed with
// v6 moves to the new token in place. Plans written before the move still
// hold the old tokens; every table keyed by type (Stateful, Guard, the
// pictures' roles and flows, diff's replacing inputs) reads a token through
// CurrentType, so both generations are judged alike.
var renamedTypes = map[string]string{
	"aws:s3/bucketV2:BucketV2": "aws:s3/bucket:Bucket",
	"aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2":                     "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
	"aws:s3/bucketAclV2:BucketAclV2":                                                             "aws:s3/bucketAcl:BucketAcl",
	"aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2":                                 "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
	"aws:s3/bucketLoggingV2:BucketLoggingV2":                                                     "aws:s3/bucketLogging:BucketLogging",
	"aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2":                     "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
	"aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2":             "aws:s3/bucketRequestPaymentConfiguration:BucketRequestPaymentConfiguration",
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
	"aws:s3/bucketVersioningV2:BucketVersioningV2":                                               "aws:s3/bucketVersioning:BucketVersioning",
	"aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2":                           "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
}

// BucketType is the token of an S3 bucket (pulumi-aws v7's s3.Bucket; v6
// called it aws:s3/bucketV2:BucketV2).
const BucketType = "aws:s3/bucket:Bucket"

// CurrentType is the token a resource type is known by today: the new token
// of a type a provider renamed, else the token itself.
func CurrentType(token string) string {
	if now, ok := renamedTypes[token]; ok {
		return now
	}
	return token
}

// OlderType is the token a provider renamed to token ("" when none): the
// token a resource of this type was deployed under before the rename.
func OlderType(token string) string {
	for old, now := range renamedTypes {
		if now == token {
			return old
		}
	}
	return ""
}
