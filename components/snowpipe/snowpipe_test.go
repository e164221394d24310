package snowpipe

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/snowflake"
	"github.com/schedkit/schedkit/internal/verify"
	"github.com/schedkit/schedkit/synth"
	"github.com/schedkit/schedkit/synth/synthtest"
)

const (
	bucketType       = "aws:s3/bucket:Bucket"
	notificationType = "aws:s3/bucketNotification:BucketNotification"
	roleType         = "aws:iam/role:Role"
	rolePolicyType   = "aws:iam/rolePolicy:RolePolicy"
)

// events loads two prefixes of one created bucket: ORDERS (CSV, created
// table, stream) and CLICKS (JSON, existing table).
func events() *SnowpipeIngestArgs {
	no := false
	return &SnowpipeIngestArgs{
		Database: pulumi.String("RAW"),
		Schema:   pulumi.String("EVENTS"),
		Pipes: []PipeSpec{
			{
				Name: "ORDERS", Prefix: "orders/", Suffix: ".csv.gz",
				Format: FileFormat{Type: "CSV", Compression: "GZIP", SkipHeader: 1, FieldDelimiter: ";", FieldOptionallyEnclosedBy: `"`},
				Columns: []Column{
					{Name: "ORDER_ID", Type: "NUMBER(38,0)", Nullable: &no},
					{Name: "AMOUNT", Type: "NUMBER(12,2)"},
				},
				Stream: true,
			},
			{
				Name: "CLICKS", Prefix: "clicks/",
				Format:      FileFormat{Type: "JSON", StripOuterArray: true},
				Table:       pulumi.String(`"RAW"."EVENTS"."CLICKS"`),
				CopyOptions: "MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE",
			},
		},
	}
}

// options is the project and stack every test runs as.
var options = synth.Options{Project: "proj", Stack: "dev"}

// program creates one SnowpipeIngest named "events" and exports its outputs.
func program(args *SnowpipeIngestArgs) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		c, err := NewSnowpipeIngest(ctx, "events", args)
		if err != nil {
			return err
		}
		ctx.Export("bucket", c.BucketName)
		ctx.Export("bucketArn", c.BucketArn)
		ctx.Export("storageIntegration", c.StorageIntegrationName)
		ctx.Export("storageRole", c.StorageRoleArn)
		ctx.Export("externalId", c.ExternalID)
		ctx.Export("errorIntegration", c.ErrorIntegrationName)
		ctx.Export("errorTopic", c.ErrorTopicArn)
		ctx.Export("pipes", c.PipeNames)
		ctx.Export("stages", c.StageNames)
		ctx.Export("tables", c.TableNames)
		ctx.Export("streams", c.StreamNames)
		ctx.Export("channels", c.NotificationChannels)
		for n, s := range c.Streams {
			ctx.Export("stream-"+n, s)
		}
		return nil
	}
}

// mustRun runs program(args) in project proj, stack dev, and returns the plan.
func mustRun(t *testing.T, args *SnowpipeIngestArgs) *synth.Plan {
	t.Helper()
	return synthtest.Run(t, program(args), options)
}

func describe(r synth.Resource, key string) string {
	d, _ := r.Outputs["describeOutputs"].([]any)
	if len(d) == 0 {
		return ""
	}
	s, _ := d[0].(map[string]any)[key].(string)
	return s
}

func TestSnowpipeIngest_defaults(t *testing.T) {
	assert.Equal(t, "schedkit:snowflake:SnowpipeIngest", Type)
	assert.Equal(t, "s3", StoragePurpose)
	assert.Equal(t, "s3:ObjectCreated:*", ObjectCreatedEvents)
	assert.Equal(t, "true", StreamAppendOnly)
	assert.Equal(t, []string{"_PIPE", "_STAGE", "_FORMAT", "_STREAM"}, []string{PipeSuffix, StageSuffix, FormatSuffix, StreamSuffix})
	assert.Equal(t, []string{"CSV", "JSON", "PARQUET"}, FormatTypes)
	assert.Equal(t, []string{
		"snowflake_file_format_resource",
		"snowflake_notification_integration_resource",
		"snowflake_pipe_resource",
		"snowflake_stage_external_s3_resource",
		"snowflake_storage_integration_aws_resource",
		"snowflake_table_resource",
	}, PreviewFeatures())
	assert.Contains(t, Tokens(), snowflake.StreamOnTableType)
}

func TestSnowpipeIngest_createsExactChildren(t *testing.T) {
	plan := mustRun(t, events())
	assert.Equal(t, []string{
		"aws:iam/role:Role events-errors-role",
		"aws:iam/role:Role events-storage-role",
		"aws:iam/rolePolicy:RolePolicy events-errors-role-policy",
		"aws:iam/rolePolicy:RolePolicy events-storage-role-policy",
		bucketType + " events-bucket",
		notificationType + " events-bucket-notification",
		"aws:s3/bucketPolicy:BucketPolicy events-bucket-policy",
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock events-bucket-public-access",
		"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration events-bucket-encryption",
		"aws:s3/bucketVersioning:BucketVersioning events-bucket-versioning",
		"aws:sns/topic:Topic events-errors",
		"aws:sns/topicPolicy:TopicPolicy events-errors-policy",
		"schedkit:keep:DeleteLock events-delete-lock",
		snowflake.FileFormatType + " events-clicks-format",
		snowflake.FileFormatType + " events-orders-format",
		snowflake.NotificationIntegrationType + " events-errors-integration",
		snowflake.PipeType + " events-clicks-pipe",
		snowflake.PipeType + " events-orders-pipe",
		snowflake.StageExternalS3Type + " events-clicks-stage",
		snowflake.StageExternalS3Type + " events-orders-stage",
		snowflake.StorageIntegrationAwsType + " events-storage-integration",
		snowflake.StreamOnTableType + " events-orders-stream",
		snowflake.TableType + " events-orders-table",
	}, synthtest.ChildrenOf(t, plan, Type, "events"))
	assert.Len(t, plan.Resources, 24, "the component and its children, nothing else")
}

func TestSnowpipeIngest_storageWiringBreaksTheCycle(t *testing.T) {
	plan := mustRun(t, events())
	integration := synthtest.Find(t, plan, snowflake.StorageIntegrationAwsType, "events-storage-integration")
	role := synthtest.Find(t, plan, roleType, "events-storage-role")
	policy := synthtest.Find(t, plan, rolePolicyType, "events-storage-role-policy")
	bucket := synthtest.Find(t, plan, bucketType, "events-bucket").Output("bucket")
	ours := snowaws.ExternalID("proj", "dev", "events")

	// The integration is created first, with the role's computed ARN and our external id …
	const roleArn = "arn:aws:iam::123456789012:role/schedkit-proj-dev-events-sf-s3"
	assert.Equal(t, roleArn, integration.String("storageAwsRoleArn"))
	assert.Equal(t, ours, integration.String("storageAwsExternalId"))
	assert.Equal(t, "S3", integration.String("storageProvider"))
	assert.Equal(t, true, integration.Inputs["enabled"])
	assert.Equal(t, []any{"s3://" + bucket + "/orders/", "s3://" + bucket + "/clicks/"}, integration.Inputs["storageAllowedLocations"])
	assert.NotContains(t, integration.Dependencies, role.URN)

	// … the role afterwards, under exactly the name its ARN was computed from …
	assert.Equal(t, "schedkit-proj-dev-events-sf-s3", role.String("name"))
	assert.Equal(t, roleArn, role.Output("arn"))
	assert.Contains(t, role.Dependencies, integration.URN)

	// … trusting the integration's IAM user with its external id (= ours).
	require.Equal(t, ours, describe(integration, "externalId"))
	trust := synthtest.ParsePolicy(t, role.String("assumeRolePolicy"))
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, []string{"sts:AssumeRole"}, trust.Statement[0].Action)
	assert.Equal(t, map[string][]string{"AWS": {describe(integration, "iamUserArn")}}, trust.Statement[0].Principal)
	assert.Equal(t, map[string]map[string][]string{"StringEquals": {"sts:ExternalId": {ours}}}, trust.Statement[0].Condition)
	assert.Contains(t, describe(integration, "iamUserArn"), ":999999999999:user/")

	// Stages use the integration only once the role and its policy exist.
	for _, s := range plan.ByType(snowflake.StageExternalS3Type) {
		assert.Equal(t, integration.Output("name"), s.String("storageIntegration"), s.Name)
		assert.Contains(t, s.Dependencies, policy.URN, s.Name)
	}
	assert.Equal(t, integration.Output("name"), mustRun(t, events()).Outputs["storageIntegration"])
}

func TestSnowpipeIngest_roleReadsOnlyThePrefixes(t *testing.T) {
	plan := mustRun(t, events())
	policy := synthtest.Find(t, plan, rolePolicyType, "events-storage-role-policy")
	bucketArn := synthtest.Find(t, plan, bucketType, "events-bucket").Output("arn")
	assert.Equal(t, "schedkit-proj-dev-events-sf-s3", policy.String("role"))
	doc := synthtest.ParsePolicy(t, policy.String("policy"))
	assert.Equal(t, []string{"s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"}, doc.Actions())

	read := synthtest.Statement(t, doc, "ReadStagedObjects")
	assert.Equal(t, []string{bucketArn + "/orders/*", bucketArn + "/clicks/*"}, read.Resource)
	list := synthtest.Statement(t, doc, "ListStagedPrefixes")
	assert.Equal(t, []string{bucketArn}, list.Resource)
	assert.Equal(t, map[string]map[string][]string{"StringLike": {"s3:prefix": {"orders/*", "clicks/*"}}}, list.Condition)
	locate := synthtest.Statement(t, doc, "LocateBucket")
	assert.Equal(t, []string{bucketArn}, locate.Resource)
	assert.Empty(t, locate.Condition)
	_, decrypts := doc.FindSid("DecryptStagedObjects")
	assert.False(t, decrypts, "an SSE-S3 bucket needs no key permission")
}

func TestSnowpipeIngest_createsASecureBucket(t *testing.T) {
	args := events()
	args.RetainOnDelete = true
	plan := mustRun(t, args)
	bucket := synthtest.Find(t, plan, bucketType, "events-bucket")
	name, arn := bucket.Output("bucket"), bucket.Output("arn")
	assert.True(t, bucket.RetainOnDelete)

	v := synthtest.Find(t, plan, "aws:s3/bucketVersioning:BucketVersioning", "events-bucket-versioning")
	assert.Equal(t, name, v.String("bucket"))
	assert.Equal(t, "Enabled", v.Get("versioningConfiguration", "status"))
	enc := synthtest.Find(t, plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "events-bucket-encryption")
	assert.Equal(t, "AES256", enc.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"))
	pab := synthtest.Find(t, plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "events-bucket-public-access")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equal(t, true, pab.Inputs[k], k)
	}
	pol := synthtest.Find(t, plan, "aws:s3/bucketPolicy:BucketPolicy", "events-bucket-policy")
	assert.Contains(t, pol.Dependencies, pab.URN)
	deny := synthtest.Statement(t, synthtest.ParsePolicy(t, pol.String("policy")), "DenyInsecureTransport")
	assert.Equal(t, iampolicy.Deny, deny.Effect)
	assert.Equal(t, []string{"s3:*"}, deny.Action)
	assert.Equal(t, []string{arn, arn + "/*"}, deny.Resource)
	// A retained bucket keeps every protection: its guards are retained too.
	for _, guard := range []synth.Resource{v, enc, pab, pol} {
		assert.Truef(t, guard.RetainOnDelete, "%s is retained with the bucket", guard.Name)
	}

	// Exactly these are retained: the data (the bucket, the topic, the
	// Snowflake tables, streams and stages), its guards, and what a kept
	// stage needs to stay readable, what it reads through and with (before,
	// a removal dropped its integration and deleted the role); not the
	// pipes, the error integration and its role, the bucket notification
	// or the delete lock.
	var retained []string
	for _, r := range plan.Resources {
		if r.RetainOnDelete {
			retained = append(retained, r.Type+" "+r.Name)
		}
	}
	assert.ElementsMatch(t, []string{
		bucketType + " events-bucket",
		"aws:s3/bucketPolicy:BucketPolicy events-bucket-policy",
		"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock events-bucket-public-access",
		"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration events-bucket-encryption",
		"aws:s3/bucketVersioning:BucketVersioning events-bucket-versioning",
		"aws:sns/topic:Topic events-errors",
		"aws:sns/topicPolicy:TopicPolicy events-errors-policy",
		snowflake.TableType + " events-orders-table",
		snowflake.StreamOnTableType + " events-orders-stream",
		snowflake.StageExternalS3Type + " events-clicks-stage",
		snowflake.StageExternalS3Type + " events-orders-stage",
		// What the stages need to stay readable (plan.Needed).
		snowflake.StorageIntegrationAwsType + " events-storage-integration",
		roleType + " events-storage-role",
		rolePolicyType + " events-storage-role-policy",
		snowflake.FileFormatType + " events-clicks-format",
		snowflake.FileFormatType + " events-orders-format",
	}, retained)
}

func TestSnowpipeIngest_pipes(t *testing.T) {
	plan := mustRun(t, events())
	bucket := synthtest.Find(t, plan, bucketType, "events-bucket").Output("bucket")
	errInt := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "events-errors-integration").Output("name")
	require.NotEmpty(t, errInt)

	// ORDERS: CSV format, created table, stream.
	ff := synthtest.Find(t, plan, snowflake.FileFormatType, "events-orders-format")
	assert.Equal(t, map[string]any{
		"database": "RAW", "schema": "EVENTS", "name": "ORDERS_FORMAT", "formatType": "CSV",
		"compression": "GZIP", "skipHeader": float64(1), "fieldDelimiter": ";", "fieldOptionallyEnclosedBy": `"`,
		"comment": "schedkit SnowpipeIngest events: ORDERS",
	}, ff.Inputs)
	stage := synthtest.Find(t, plan, snowflake.StageExternalS3Type, "events-orders-stage")
	assert.Equal(t, "ORDERS_STAGE", stage.String("name"))
	assert.Equal(t, "s3://"+bucket+"/orders/", stage.String("url"))
	assert.Equal(t, `"RAW"."EVENTS"."ORDERS_FORMAT"`, stage.Get("fileFormat", "formatName"))
	table := synthtest.Find(t, plan, snowflake.TableType, "events-orders-table")
	assert.Equal(t, "ORDERS", table.String("name"))
	assert.Equal(t, []any{
		map[string]any{"name": "ORDER_ID", "type": "NUMBER(38,0)", "nullable": false},
		map[string]any{"name": "AMOUNT", "type": "NUMBER(12,2)"},
	}, table.Inputs["columns"])
	pipe := synthtest.Find(t, plan, snowflake.PipeType, "events-orders-pipe")
	assert.Equal(t, "ORDERS_PIPE", pipe.String("name"))
	assert.Equal(t, `COPY INTO "RAW"."EVENTS"."ORDERS" FROM @"RAW"."EVENTS"."ORDERS_STAGE"`, pipe.String("copyStatement"))
	assert.Equal(t, true, pipe.Inputs["autoIngest"])
	assert.Equal(t, errInt, pipe.String("errorIntegration"))
	stream := synthtest.Find(t, plan, snowflake.StreamOnTableType, "events-orders-stream")
	assert.Equal(t, "ORDERS_STREAM", stream.String("name"))
	assert.Equal(t, `"RAW"."EVENTS"."ORDERS"`, stream.String("table"))
	assert.Equal(t, "true", stream.String("appendOnly"))
	assert.Contains(t, stream.Dependencies, table.URN)

	// CLICKS: JSON format, existing table, copy options, no stream.
	cff := synthtest.Find(t, plan, snowflake.FileFormatType, "events-clicks-format")
	assert.Equal(t, "JSON", cff.String("formatType"))
	assert.Equal(t, true, cff.Inputs["stripOuterArray"])
	for _, k := range []string{"skipHeader", "fieldDelimiter", "compression"} {
		assert.Nil(t, cff.Inputs[k], k)
	}
	cpipe := synthtest.Find(t, plan, snowflake.PipeType, "events-clicks-pipe")
	assert.Equal(t, `COPY INTO "RAW"."EVENTS"."CLICKS" FROM @"RAW"."EVENTS"."CLICKS_STAGE" MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE`, cpipe.String("copyStatement"))
	_, hasTable := plan.Find(snowflake.TableType, "events-clicks-table")
	assert.False(t, hasTable)
	_, hasStream := plan.Find(snowflake.StreamOnTableType, "events-clicks-stream")
	assert.False(t, hasStream)

	assert.Equal(t, map[string]any{"ORDERS": `"RAW"."EVENTS"."ORDERS_PIPE"`, "CLICKS": `"RAW"."EVENTS"."CLICKS_PIPE"`}, plan.Outputs["pipes"])
	assert.Equal(t, map[string]any{"ORDERS": `"RAW"."EVENTS"."ORDERS_STAGE"`, "CLICKS": `"RAW"."EVENTS"."CLICKS_STAGE"`}, plan.Outputs["stages"])
	assert.Equal(t, map[string]any{"ORDERS": `"RAW"."EVENTS"."ORDERS"`, "CLICKS": `"RAW"."EVENTS"."CLICKS"`}, plan.Outputs["tables"])
	assert.Equal(t, map[string]any{"ORDERS": `"RAW"."EVENTS"."ORDERS_STREAM"`}, plan.Outputs["streams"])
	assert.Equal(t, `"RAW"."EVENTS"."ORDERS_STREAM"`, plan.Outputs["stream-ORDERS"])
	assert.Equal(t, map[string]any{"ORDERS": pipe.Output("notificationChannel"), "CLICKS": cpipe.Output("notificationChannel")}, plan.Outputs["channels"])
}

func TestSnowpipeIngest_oneBucketNotificationForAllPipes(t *testing.T) {
	plan := mustRun(t, events())
	notes := plan.ByType(notificationType)
	require.Len(t, notes, 1, "S3 keeps one notification configuration per bucket")
	n := notes[0]
	orders := synthtest.Find(t, plan, snowflake.PipeType, "events-orders-pipe")
	clicks := synthtest.Find(t, plan, snowflake.PipeType, "events-clicks-pipe")
	require.Contains(t, orders.Output("notificationChannel"), "arn:aws:sqs:us-east-1:999999999999:")

	assert.Equal(t, synthtest.Find(t, plan, bucketType, "events-bucket").Output("bucket"), n.String("bucket"))
	assert.Equal(t, []any{
		map[string]any{
			"id": "ORDERS", "queueArn": orders.Output("notificationChannel"),
			"events": []any{"s3:ObjectCreated:*"}, "filterPrefix": "orders/", "filterSuffix": ".csv.gz",
		},
		map[string]any{
			"id": "CLICKS", "queueArn": clicks.Output("notificationChannel"),
			"events": []any{"s3:ObjectCreated:*"}, "filterPrefix": "clicks/",
		},
	}, n.Inputs["queues"])
	assert.Nil(t, n.Inputs["topics"])
	assert.Nil(t, n.Inputs["lambdaFunctions"])
	assert.Contains(t, n.Dependencies, orders.URN)
	assert.Contains(t, n.Dependencies, clicks.URN)
}

func TestSnowpipeIngest_singlePipe(t *testing.T) {
	args := events()
	args.Pipes = args.Pipes[:1]
	plan := mustRun(t, args)
	n := plan.ByType(notificationType)
	require.Len(t, n, 1)
	assert.Len(t, n[0].Inputs["queues"], 1)
	assert.Len(t, plan.ByType(snowflake.PipeType), 1)
}

func TestSnowpipeIngest_errorNotificationsReachSNS(t *testing.T) {
	plan := mustRun(t, events())
	integration := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "events-errors-integration")
	role := synthtest.Find(t, plan, roleType, "events-errors-role")
	topic := synthtest.Find(t, plan, "aws:sns/topic:Topic", "events-errors")
	assert.Equal(t, "AWS_SNS", integration.String("notificationProvider"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/schedkit-proj-dev-events-sf-notify", integration.String("awsSnsRoleArn"))
	assert.Equal(t, "schedkit-proj-dev-events-sf-notify", role.String("name"))
	assert.Equal(t, topic.Output("arn"), integration.String("awsSnsTopicArn"))
	trust := synthtest.ParsePolicy(t, role.String("assumeRolePolicy"))
	assert.Equal(t, []string{integration.Output("awsSnsIamUserArn")}, trust.Statement[0].Principal["AWS"])
	assert.Equal(t, []string{integration.Output("awsSnsExternalId")}, trust.Statement[0].Condition["StringEquals"]["sts:ExternalId"])
	assert.Equal(t, false, topic.Inputs["fifoTopic"])
	assert.NotEmpty(t, topic.String("kmsMasterKeyId"))
	assert.Equal(t, topic.Output("arn"), plan.Outputs["errorTopic"])
	for _, p := range plan.ByType(snowflake.PipeType) {
		assert.Contains(t, p.Dependencies, synthtest.Find(t, plan, rolePolicyType, "events-errors-role-policy").URN, p.Name)
	}
}

func TestSnowpipeIngest_givenBucketIntegrationAndExternalID(t *testing.T) {
	args := events()
	args.BucketName = pulumi.String("landing-zone")
	args.BucketKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/abc")
	args.ErrorIntegration = "OPS_ERRORS"
	args.ExternalID = pulumi.String("my-own-external-id")
	args.StorageRoleName = "events-dev-sf-s3"
	plan := mustRun(t, args)
	for _, c := range synthtest.ChildrenOf(t, plan, Type, "events") {
		assert.False(t, strings.HasPrefix(c, "aws:s3/bucket"+"V2") || strings.Contains(c, "bucket-policy") || strings.Contains(c, "errors"), c)
	}
	assert.Empty(t, plan.ByType(bucketType))
	assert.Empty(t, plan.ByType(snowflake.NotificationIntegrationType))

	integration := synthtest.Find(t, plan, snowflake.StorageIntegrationAwsType, "events-storage-integration")
	assert.Equal(t, "my-own-external-id", integration.String("storageAwsExternalId"))
	assert.Equal(t, "arn:aws:iam::123456789012:role/events-dev-sf-s3", integration.String("storageAwsRoleArn"))
	assert.Equal(t, []any{"s3://landing-zone/orders/", "s3://landing-zone/clicks/"}, integration.Inputs["storageAllowedLocations"])
	role := synthtest.Find(t, plan, roleType, "events-storage-role")
	assert.Equal(t, "events-dev-sf-s3", role.String("name"))
	trust := synthtest.ParsePolicy(t, role.String("assumeRolePolicy"))
	assert.Equal(t, []string{"my-own-external-id"}, trust.Statement[0].Condition["StringEquals"]["sts:ExternalId"])

	doc := synthtest.Policy(t, plan, "events-storage-role-policy")
	read := synthtest.Statement(t, doc, "ReadStagedObjects")
	assert.Equal(t, []string{"arn:aws:s3:::landing-zone/orders/*", "arn:aws:s3:::landing-zone/clicks/*"}, read.Resource)
	dec := synthtest.Statement(t, doc, "DecryptStagedObjects")
	assert.Equal(t, []string{"kms:Decrypt"}, dec.Action)
	assert.Equal(t, []string{"arn:aws:kms:us-east-1:123456789012:key/abc"}, dec.Resource)

	assert.Equal(t, "landing-zone", plan.ByType(notificationType)[0].String("bucket"))
	for _, p := range plan.ByType(snowflake.PipeType) {
		assert.Equal(t, "OPS_ERRORS", p.String("errorIntegration"))
	}
	assert.Equal(t, "arn:aws:s3:::landing-zone", plan.Outputs["bucketArn"])
	assert.Equal(t, "my-own-external-id", plan.Outputs["externalId"])
	assert.Equal(t, "", plan.Outputs["errorTopic"])
}

func TestSnowpipeIngest_externalIDIsDeterministicPerStack(t *testing.T) {
	a := snowaws.ExternalID("proj", "dev", "events")
	assert.Equal(t, a, snowaws.ExternalID("proj", "dev", "events"))
	assert.NotEqual(t, a, snowaws.ExternalID("proj", "prod", "events"))
	assert.NotEqual(t, a, snowaws.ExternalID("proj", "dev", "other"))
	assert.NoError(t, verify.ExternalID(a))
	assert.Len(t, a, len("schedkit-")+40)
}

func TestSnowpipeIngest_recheckOutputsWhenKnown(t *testing.T) {
	cases := []struct {
		field string
		set   func(a *SnowpipeIngestArgs, v pulumi.StringInput)
		bad   string
	}{
		{"BucketName", func(a *SnowpipeIngestArgs, v pulumi.StringInput) { a.BucketName = v }, "Bad_Bucket"},
		{"Database", func(a *SnowpipeIngestArgs, v pulumi.StringInput) { a.Database = v }, "raw-db"},
		{"Schema", func(a *SnowpipeIngestArgs, v pulumi.StringInput) { a.Schema = v }, "1EVENTS"},
		{"ExternalID", func(a *SnowpipeIngestArgs, v pulumi.StringInput) { a.ExternalID = v }, "no spaces"},
		{"Pipes[1].Table", func(a *SnowpipeIngestArgs, v pulumi.StringInput) { a.Pipes[1].Table = v }, "T; DROP"},
		{"BucketKmsKeyArn", func(a *SnowpipeIngestArgs, v pulumi.StringInput) {
			a.BucketName = pulumi.String("landing")
			a.BucketKmsKeyArn = v
		}, "alias/landing"},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			plain, output := events(), events()
			c.set(plain, pulumi.String(c.bad))
			c.set(output, pulumi.String(c.bad).ToStringOutput())
			msg := synthtest.SameRejection(t, program(plain), program(output), options)
			assert.Contains(t, msg, "snowpipe \"events\": `"+c.field+"`")
		})
	}
}

func TestSnowpipeIngest_rejectsBadInput(t *testing.T) {
	cases := []struct {
		name   string
		mod    func(a *SnowpipeIngestArgs)
		field  string
		detail string
	}{
		{"no database", func(a *SnowpipeIngestArgs) { a.Database = nil }, "Database", "is required"},
		{"bad schema", func(a *SnowpipeIngestArgs) { a.Schema = pulumi.String("ev ents") }, "Schema", "contains ' '"},
		{"no pipes", func(a *SnowpipeIngestArgs) { a.Pipes = nil }, "Pipes", "is empty"},
		{"bad bucket name", func(a *SnowpipeIngestArgs) { a.BucketName = pulumi.String("My_Bucket") }, "BucketName", "is not a valid S3 bucket name"},
		{"short bucket name", func(a *SnowpipeIngestArgs) { a.BucketName = pulumi.String("ab") }, "BucketName", "is not a valid S3 bucket name"},
		{"key without bucket", func(a *SnowpipeIngestArgs) { a.BucketKmsKeyArn = pulumi.String("arn:aws:kms:x") }, "BucketKmsKeyArn", "is set without `BucketName`"},
		{"bad external id", func(a *SnowpipeIngestArgs) { a.ExternalID = pulumi.String("x") }, "ExternalID", "is not 2–1224 characters"},
		{"long storage role name", func(a *SnowpipeIngestArgs) { a.StorageRoleName = strings.Repeat("r", 65) }, "StorageRoleName", "at most 64"},
		{"empty pipe name", func(a *SnowpipeIngestArgs) { a.Pipes[0].Name = "" }, "Pipes[0].Name", "is empty"},
		{"bad pipe name", func(a *SnowpipeIngestArgs) { a.Pipes[0].Name = "ORDERS-V2" }, "Pipes[0].Name", "contains '-'"},
		{"pipe name too long", func(a *SnowpipeIngestArgs) { a.Pipes[0].Name = "A" + strings.Repeat("B", 250) }, "Pipes[0].Name", "the maximum is 255"},
		{"duplicate pipe name", func(a *SnowpipeIngestArgs) { a.Pipes[1].Name = "orders" }, "Pipes[1].Name", `"orders" duplicates Pipes[0] "ORDERS"`},
		{"empty prefix", func(a *SnowpipeIngestArgs) { a.Pipes[0].Prefix = "" }, "Pipes[0].Prefix", "is empty"},
		{"prefix without slash", func(a *SnowpipeIngestArgs) { a.Pipes[0].Prefix = "orders" }, "Pipes[0].Prefix", "does not end with /"},
		{"prefix with leading slash", func(a *SnowpipeIngestArgs) { a.Pipes[0].Prefix = "/orders/" }, "Pipes[0].Prefix", "starts with /"},
		{"prefix with wildcard", func(a *SnowpipeIngestArgs) { a.Pipes[0].Prefix = "orders/*/" }, "Pipes[0].Prefix", "may contain only"},
		{"prefix as a URI", func(a *SnowpipeIngestArgs) { a.Pipes[0].Prefix = "s3://landing/orders/" }, "Pipes[0].Prefix", "is a URI; give the key prefix inside the bucket"},
		{"bucket named like an IP address", func(a *SnowpipeIngestArgs) { a.BucketName = pulumi.String("192.168.5.4") }, "BucketName", "formatted as an IP address"},
		{"bucket with a reserved prefix", func(a *SnowpipeIngestArgs) { a.BucketName = pulumi.String("xn--landing") }, "BucketName", `the prefix "xn--" is reserved`},
		{"bucket with an access point suffix", func(a *SnowpipeIngestArgs) { a.BucketName = pulumi.String("landing-s3alias") }, "BucketName", `the suffix "-s3alias" is reserved`},
		{"bucket key that is an alias", func(a *SnowpipeIngestArgs) {
			a.BucketName = pulumi.String("landing")
			a.BucketKmsKeyArn = pulumi.String("arn:aws:kms:us-east-1:123456789012:alias/landing")
		}, "BucketKmsKeyArn", "is not a KMS key ARN"},
		{"PURGE in a pipe", func(a *SnowpipeIngestArgs) { a.Pipes[1].CopyOptions = "PURGE = TRUE" }, "Pipes[1].CopyOptions", "PURGE, which CREATE PIPE does not accept"},
		{"ABORT_STATEMENT in a pipe", func(a *SnowpipeIngestArgs) { a.Pipes[1].CopyOptions = "ON_ERROR = ABORT_STATEMENT" }, "Pipes[1].CopyOptions", "ON_ERROR = ABORT_STATEMENT, which CREATE PIPE does not accept"},
		{"NUMBER over 38 digits", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[0].Type = "NUMBER(39,0)" }, "Pipes[0].Columns[0].Type", "precision 39 is outside 1–38"},
		{"scale over precision", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[0].Type = "NUMBER(5,6)" }, "Pipes[0].Columns[0].Type", "scale 6 is greater than precision 5"},
		{"VARCHAR over its limit", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[1].Type = "VARCHAR(134217729)" }, "Pipes[0].Columns[1].Type", "outside 1–134217728"},
		{"unknown type", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[1].Type = "STRNG" }, "Pipes[0].Columns[1].Type", "unknown type STRNG"},
		{"column name too long", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[1].Name = strings.Repeat("C", 256) }, "Pipes[0].Columns[1].Name", "the maximum is 255"},
		{"table name part too long", func(a *SnowpipeIngestArgs) {
			a.Pipes[1].Table = pulumi.String("RAW.EVENTS." + strings.Repeat("T", 256))
		}, "Pipes[1].Table", "at most 255"},
		{"bad alert email", func(a *SnowpipeIngestArgs) { a.AlertEmail = "data-oncall" }, "AlertEmail", `"data-oncall" is not an email address`},
		{"reserved tag key", func(a *SnowpipeIngestArgs) { a.Tags = map[string]string{"aws:team": "data"} }, "Tags", `key "aws:team" starts with "aws:"`},
		{"schedkit's own tag key", func(a *SnowpipeIngestArgs) { a.Tags = map[string]string{"managed-by": "me"} }, "Tags", `key "managed-by" is set by schedkit`},
		{"same prefix", func(a *SnowpipeIngestArgs) { a.Pipes[1].Prefix = "orders/" }, "Pipes[1].Prefix", `"orders/" overlaps Pipes[0] prefix "orders/"`},
		{"nested prefix", func(a *SnowpipeIngestArgs) { a.Pipes[1].Prefix = "orders/eu/" }, "Pipes[1].Prefix", `"orders/eu/" overlaps Pipes[0] prefix "orders/"`},
		{"enclosing prefix", func(a *SnowpipeIngestArgs) { a.Pipes[0].Prefix = "data/orders/"; a.Pipes[1].Prefix = "data/" }, "Pipes[1].Prefix", `"data/" overlaps Pipes[0] prefix "data/orders/"`},
		{"suffix with wildcard", func(a *SnowpipeIngestArgs) { a.Pipes[0].Suffix = "*.csv" }, "Pipes[0].Suffix", "contains a wildcard"},
		{"unknown format", func(a *SnowpipeIngestArgs) { a.Pipes[0].Format.Type = "XLSX" }, "Pipes[0].Format.Type", `"XLSX" is not one of CSV, JSON, PARQUET`},
		{"missing format", func(a *SnowpipeIngestArgs) { a.Pipes[0].Format = FileFormat{} }, "Pipes[0].Format.Type", `"" is not one of`},
		{"bad compression", func(a *SnowpipeIngestArgs) { a.Pipes[0].Format.Compression = "SNAPPY" }, "Pipes[0].Format.Compression", `"SNAPPY" is not one of AUTO`},
		{"CSV option on JSON", func(a *SnowpipeIngestArgs) { a.Pipes[1].Format.SkipHeader = 1 }, "Pipes[1].Format.SkipHeader", "applies to CSV only"},
		{"delimiter on JSON", func(a *SnowpipeIngestArgs) { a.Pipes[1].Format.FieldDelimiter = "," }, "Pipes[1].Format.FieldDelimiter", "applies to CSV only"},
		{"JSON option on CSV", func(a *SnowpipeIngestArgs) { a.Pipes[0].Format.StripOuterArray = true }, "Pipes[0].Format.StripOuterArray", "applies to JSON only"},
		{"negative skip header", func(a *SnowpipeIngestArgs) { a.Pipes[0].Format.SkipHeader = -1 }, "Pipes[0].Format.SkipHeader", "-1 is negative"},
		{"bad enclosure", func(a *SnowpipeIngestArgs) { a.Pipes[0].Format.FieldOptionallyEnclosedBy = "|" }, "Pipes[0].Format.FieldOptionallyEnclosedBy", `"|" is not ' or "`},
		{"no table", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns = nil }, "Pipes[0].Table", "is not set and there are no `Columns`"},
		{"table and columns", func(a *SnowpipeIngestArgs) { a.Pipes[1].Columns = []Column{{Name: "V", Type: "VARIANT"}} }, "Pipes[1].Columns", "are set together with `Table`"},
		{"empty table", func(a *SnowpipeIngestArgs) { a.Pipes[1].Table = pulumi.String("") }, "Pipes[1].Table", "is empty"},
		{"bad column name", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[0].Name = "ORDER ID" }, "Pipes[0].Columns[0].Name", "contains ' '"},
		{"duplicate column", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[1].Name = "order_id" }, "Pipes[0].Columns[1].Name", `"order_id" is a duplicate column`},
		{"empty column type", func(a *SnowpipeIngestArgs) { a.Pipes[0].Columns[1].Type = " " }, "Pipes[0].Columns[1].Type", "is not a Snowflake data type"},
		{"copy options with semicolon", func(a *SnowpipeIngestArgs) { a.Pipes[1].CopyOptions = "ON_ERROR = CONTINUE; DROP TABLE X" }, "Pipes[1].CopyOptions", "contains ;"},
		{"bad integration", func(a *SnowpipeIngestArgs) { a.ErrorIntegration = "1OPS" }, "ErrorIntegration", "must start with a letter"},
		{"email with integration", func(a *SnowpipeIngestArgs) { a.ErrorIntegration = "OPS"; a.AlertEmail = "a@b.c" }, "AlertEmail", "is set with `ErrorIntegration`"},
		{"notify role with integration", func(a *SnowpipeIngestArgs) { a.ErrorIntegration = "OPS"; a.NotificationRoleName = "x" }, "NotificationRoleName", "is set with `ErrorIntegration`"},
		{"bad notify role", func(a *SnowpipeIngestArgs) { a.NotificationRoleName = "bad role" }, "NotificationRoleName", "is not a valid IAM role name"},
		{"given table that another pipe creates", func(a *SnowpipeIngestArgs) { a.Pipes[1].Table = pulumi.String(`"RAW"."EVENTS"."ORDERS"`) }, "Pipes[1].Table",
			`"\"RAW\".\"EVENTS\".\"ORDERS\"" is the name of the table Pipes[0] creates, which the component creates itself (names compare without case); choose another`},
		{"both roles given one name", func(a *SnowpipeIngestArgs) { a.StorageRoleName, a.NotificationRoleName = "events-sf", "Events-SF" }, "NotificationRoleName",
			`"Events-SF" is the name of the storage role, which the component creates itself (names compare without case); choose another`},
		{"storage role named like the notification role", func(a *SnowpipeIngestArgs) { a.StorageRoleName = "schedkit-proj-dev-events-sf-notify" }, "StorageRoleName",
			`"schedkit-proj-dev-events-sf-notify" is the name of the load-error notification role, which the component creates itself (names compare without case); choose another`},
		{"notification role named like the storage role", func(a *SnowpipeIngestArgs) { a.NotificationRoleName = "schedkit-proj-dev-events-sf-s3" }, "NotificationRoleName",
			`"schedkit-proj-dev-events-sf-s3" is the name of the storage role, which the component creates itself (names compare without case); choose another`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := events()
			c.mod(args)
			err := synthtest.Reject(t, program(args), options)
			assert.Contains(t, err.Error(), "snowpipe \"events\": `"+c.field+"`")
			assert.Contains(t, err.Error(), c.detail)
		})
	}
}

func TestSnowpipeIngest_componentNameLimits(t *testing.T) {
	err := validate("Events", events())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "`name` gives the S3 bucket name \"Events-bucket\"")

	// A long name still gets a default role name within IAM's limit.
	long := "ingest-" + strings.Repeat("x", 40)
	plan := synthtest.Run(t, synthtest.Program(NewSnowpipeIngest, long, events()), options)
	role := synthtest.Find(t, plan, roleType, long+"-storage-role")
	assert.Len(t, role.String("name"), 64)
	assert.Regexp(t, `^schedkit-proj-dev-ingest-x+-[0-9a-f]{8}-sf-s3$`, role.String("name"))

	require.Error(t, validate("e", nil))
	assert.Contains(t, validate("e", nil).Error(), "`args` is nil")
}

func TestSnowpipeIngest_secretExternalIDStaysSecret(t *testing.T) {
	args := events()
	args.ExternalID = pulumi.ToSecret(pulumi.String("from-a-secret-config")).(pulumi.StringOutput)
	plan := mustRun(t, args)
	integration := synthtest.Find(t, plan, snowflake.StorageIntegrationAwsType, "events-storage-integration")
	assert.Equal(t, synth.Secret, integration.Inputs["storageAwsExternalId"])
	assert.Equal(t, synth.Secret, synthtest.Find(t, plan, roleType, "events-storage-role").Inputs["assumeRolePolicy"])
	assert.Equal(t, synth.Secret, plan.Outputs["externalId"])
}

func TestSnowpipeIngest_loadErrorsToAGivenAlertTopic(t *testing.T) {
	const topic = "arn:aws:sns:us-east-1:123456789012:oncall"
	args := events()
	args.AlertTopicArn = pulumi.String(topic)
	plan := mustRun(t, args)
	assert.Empty(t, plan.ByType("aws:sns/topic:Topic"), "the given topic is used")
	integ := synthtest.Find(t, plan, snowflake.NotificationIntegrationType, "events-errors-integration")
	assert.Equal(t, topic, integ.String("awsSnsTopicArn"))
	for _, p := range plan.ByType(snowflake.PipeType) {
		assert.Equal(t, integ.Output("name"), p.String("errorIntegration"))
	}
	assert.Equal(t, topic, plan.Outputs["errorTopic"])
}

func TestSnowpipeIngest_protectKeepsAndProtectsEveryStatefulChild(t *testing.T) {
	args := events()
	args.Protect = true
	assert.Equal(t, []string{
		"aws:s3/bucket:Bucket events-bucket",
		"aws:sns/topic:Topic events-errors",
		"snowflake:index/stageExternalS3:StageExternalS3 events-clicks-stage",
		"snowflake:index/stageExternalS3:StageExternalS3 events-orders-stage",
		"snowflake:index/streamOnTable:StreamOnTable events-orders-stream",
		"snowflake:index/table:Table events-orders-table",
	}, synthtest.Kept(t, mustRun(t, args)), "the stateful children, each retained and protected; their guards retained")
}

func TestSnowpipeIngest_keepsNothingByDefault(t *testing.T) {
	assert.NotEmpty(t, synthtest.NotKept(t, mustRun(t, events())))
}

// The storage role lists every pipe's prefix: enough pipes with long
// prefixes pass IAM's limit for one role's inline policies, and the pipes
// are named, before AWS refuses the policy at apply.
func TestSnowpipeIngest_storageRolePastIAMsRoleLimit(t *testing.T) {
	withPipes := func(n int) *SnowpipeIngestArgs {
		a := events()
		a.Pipes = nil
		for i := range n {
			a.Pipes = append(a.Pipes, PipeSpec{
				Name:   fmt.Sprintf("FEED_%02d", i),
				Prefix: fmt.Sprintf("partners/%02d/%s/", i, strings.Repeat("daily-exports-", 12)),
				Format: FileFormat{Type: "JSON"},
				Table:  pulumi.String(fmt.Sprintf("RAW.EVENTS.FEED_%02d", i)),
			})
		}
		return a
	}
	synthtest.Run(t, program(withPipes(5)), options)
	err := synthtest.RunError(t, program(withPipes(40)), options)
	assert.Regexp(t, "^synth proj/dev: snowpipe \"events\": `Pipes` gives a role inline policies of [0-9]+ characters \\(white space not counted\\); IAM allows 10240 for one role's inline policies together", err.Error())
}
