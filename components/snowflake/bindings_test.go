package snowflake

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// objKeys returns the sorted keys of the object at path.
func objKeys(t *testing.T, m resource.PropertyMap, path string) []string {
	t.Helper()
	v := prop(t, m, path)
	require.True(t, v.IsObject(), "%s is not an object: %v", path, v)
	return keys(v.ObjectValue())
}

func TestTask_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewTask(ctx, "t", fill(&TaskArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, TaskType)
	assertCommon(t, a, "snowflake:index/task:Task")
	want := words(`database schema name sqlStatement started schedule afters finalize when warehouse
		userTaskManagedInitialWarehouseSize serverlessTaskMinStatementSize serverlessTaskMaxStatementSize
		targetCompletionInterval allowOverlappingExecution config errorIntegration comment
		suspendTaskAfterNumFailures taskAutoRetryAttempts userTaskTimeoutMs userTaskMinimumTriggerIntervalInSeconds
		abortDetachedQuery autocommit clientMetadataRequestUseConnectionCtx clientResultColumnCaseInsensitive
		clientSessionKeepAlive enableUnloadPhysicalTypeOptimization errorOnNondeterministicMerge
		errorOnNondeterministicUpdate jdbcTreatTimestampNtzAsUtc jdbcUseSessionTimezone noorderSequenceAsDefault
		odbcTreatDecimalAsInt quotedIdentifiersIgnoreCase strictJsonOutput timestampDayIsAlways24h
		transactionAbortOnError useCachedResult
		binaryInputFormat binaryOutputFormat clientTimestampTypeMapping dateInputFormat dateOutputFormat
		geographyOutputFormat geometryOutputFormat logLevel queryTag s3StageVpceDnsName searchPath
		timeInputFormat timeOutputFormat timestampInputFormat timestampLtzOutputFormat timestampNtzOutputFormat
		timestampOutputFormat timestampTypeMapping timestampTzOutputFormat timezone traceLevel
		transactionDefaultIsolationLevel unsupportedDdlAction
		clientMemoryLimit clientPrefetchThreads clientResultChunkSize clientSessionKeepAliveHeartbeatFrequency
		jsonIndent lockTimeout multiStatementCount rowsPerResultset statementQueuedTimeoutInSeconds
		statementTimeoutInSeconds twoDigitCenturyStart weekOfYearPolicy weekStart`)
	require.Len(t, want, 75, "the facts list 75 Task inputs")
	assert.Equal(t, want, keys(a.Inputs))
	assert.Equal(t, words("minutes seconds hours usingCron"), objKeys(t, a.Inputs, "schedule"))
	assert.Equal(t, words("hours minutes seconds"), objKeys(t, a.Inputs, "targetCompletionInterval"))
	assert.True(t, prop(t, a.Inputs, "started").BoolValue())
	assertSecrets(t, a.Inputs)
}

func TestTask_MinimalInputsAndSchedule(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewTask(ctx, "t", &TaskArgs{
			Database:     pulumi.String("DB"),
			Schema:       pulumi.String("SC"),
			SqlStatement: pulumi.String("CALL p()"),
			Started:      pulumi.Bool(false),
			Schedule:     &TaskSchedule{UsingCron: pulumi.String("0 * * * * UTC")},
		})
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, TaskType)
	assert.Equal(t, words("database schema sqlStatement started schedule"), keys(a.Inputs))
	assert.False(t, prop(t, a.Inputs, "started").BoolValue(), "started=false must be sent, not dropped")
	assert.Equal(t, []string{"usingCron"}, objKeys(t, a.Inputs, "schedule"))
	assert.Equal(t, "0 * * * * UTC", prop(t, a.Inputs, "schedule.usingCron").StringValue())
}

func TestTask_CallerVersionWins(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewTask(ctx, "t", fill(&TaskArgs{}), pulumi.Version("2.18.1"))
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, "2.18.1", rec.registered(t, TaskType).RegisterRPC.GetVersion())
}

func TestTask_OutputsEchoInputs(t *testing.T) {
	var db, fqn string
	extra := map[string]resource.PropertyMap{"t": {"fullyQualifiedName": resource.NewStringProperty(`"DB"."SC"."T"`)}}
	_, err := run(t, extra, func(ctx *pulumi.Context) error {
		task, err := NewTask(ctx, "t", &TaskArgs{
			Database: pulumi.String("DB"), Schema: pulumi.String("SC"),
			SqlStatement: pulumi.String("SELECT 1"), Started: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}
		task.Database.ApplyT(func(s string) string { db = s; return s })
		task.FullyQualifiedName.ApplyT(func(s string) string { fqn = s; return s })
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "DB", db)
	assert.Equal(t, `"DB"."SC"."T"`, fqn)
}

func TestPipe_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewPipe(ctx, "p", fill(&PipeArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, PipeType)
	assertCommon(t, a, "snowflake:index/pipe:Pipe")
	assert.Equal(t, words("database schema name copyStatement autoIngest awsSnsTopicArn integration errorIntegration comment"), keys(a.Inputs))
	assertSecrets(t, a.Inputs)
}

func TestPipe_NotificationChannelOutput(t *testing.T) {
	var channel string
	extra := map[string]resource.PropertyMap{"p": {"notificationChannel": resource.NewStringProperty("arn:aws:sqs:us-east-1:1:sf-snowpipe")}}
	_, err := run(t, extra, func(ctx *pulumi.Context) error {
		p, err := NewPipe(ctx, "p", &PipeArgs{
			Database: pulumi.String("DB"), Schema: pulumi.String("SC"),
			CopyStatement: pulumi.String("COPY INTO t FROM @s"), AutoIngest: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}
		p.NotificationChannel.ApplyT(func(s string) string { channel = s; return s })
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sqs:us-east-1:1:sf-snowpipe", channel)
}

func TestStageExternalS3_SendsWireNamesAndSecrets(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewStageExternalS3(ctx, "s", fill(&StageExternalS3Args{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, StageExternalS3Type)
	assertCommon(t, a, "snowflake:index/stageExternalS3:StageExternalS3")
	in := a.Inputs
	assert.Equal(t, words(`database schema name url storageIntegration credentials encryption fileFormat
		directory awsAccessPointArn usePrivatelinkEndpoint comment`), keys(in))
	assert.Equal(t, words("awsKeyId awsSecretKey awsToken awsRole"), objKeys(t, in, "credentials"))
	assert.Equal(t, words("awsCse awsSseS3 awsSseKms none"), objKeys(t, in, "encryption"))
	assert.Empty(t, objKeys(t, in, "encryption.awsSseS3"), "choice without fields is an empty object")
	assert.Empty(t, objKeys(t, in, "encryption.none"))
	assert.Equal(t, []string{"kmsKeyId"}, objKeys(t, in, "encryption.awsSseKms"))
	assert.Equal(t, words("formatName csv json avro orc parquet xml"), objKeys(t, in, "fileFormat"))
	assert.Equal(t, words("fieldDelimiter skipHeader nullIfs parseHeader extraOption"), objKeys(t, in, "fileFormat.csv"))
	assert.Equal(t, words("enable autoRefresh refreshOnCreate"), objKeys(t, in, "directory"))
	assertSecrets(t, in, "credentials.awsSecretKey", "credentials.awsToken", "encryption.awsCse.masterKey")
	assert.False(t, prop(t, in, "credentials.awsKeyId").IsSecret())
	assert.False(t, prop(t, in, "credentials.awsRole").IsSecret())
	assert.ElementsMatch(t, []string{"credentials", "encryption"}, a.RegisterRPC.GetAdditionalSecretOutputs())
}

func TestStageExternalS3_UnsetChoicesAreOmitted(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewStageExternalS3(ctx, "s", &StageExternalS3Args{
			Database: pulumi.String("DB"), Schema: pulumi.String("SC"), Url: pulumi.String("s3://b/p/"),
			Encryption: &StageExternalS3Encryption{AwsSseS3: true},
			FileFormat: &StageExternalS3FileFormat{Json: pulumi.Map{}},
		})
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, StageExternalS3Type)
	assert.Equal(t, words("database schema url encryption fileFormat"), keys(a.Inputs))
	assert.Equal(t, []string{"awsSseS3"}, objKeys(t, a.Inputs, "encryption"))
	assert.Equal(t, []string{"json"}, objKeys(t, a.Inputs, "fileFormat"))
	assert.Empty(t, a.RegisterRPC.GetAdditionalSecretOutputs())
}

func TestStorageIntegrationAws_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewStorageIntegrationAws(ctx, "si", fill(&StorageIntegrationAwsArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, StorageIntegrationAwsType)
	assertCommon(t, a, "snowflake:index/storageIntegrationAws:StorageIntegrationAws")
	assert.Equal(t, words(`name enabled storageProvider storageAwsRoleArn storageAllowedLocations
		storageBlockedLocations storageAwsExternalId storageAwsObjectAcl usePrivatelinkEndpoint comment`), keys(a.Inputs))
	assertSecrets(t, a.Inputs)
}

func TestStorageIntegrationAws_IamUserArnFromDescribeOutputs(t *testing.T) {
	desc := resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(resource.PropertyMap{
		"iamUserArn":             resource.NewStringProperty("arn:aws:iam::111:user/sf"),
		"externalId":             resource.NewStringProperty("ACME_SFCRole=1_abc"),
		"allowedLocations":       resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty("s3://b/")}),
		"enabled":                resource.NewBoolProperty(true),
		"usePrivatelinkEndpoint": resource.NewBoolProperty(false),
		"provider":               resource.NewStringProperty("S3"),
	})})
	extra := map[string]resource.PropertyMap{
		"si":    {"describeOutputs": desc},
		"empty": {"describeOutputs": resource.NewArrayProperty(nil)},
	}
	var arn, ext, idxArn, emptyArn string
	var all []StorageIntegrationAwsDescription
	_, err := run(t, extra, func(ctx *pulumi.Context) error {
		args := &StorageIntegrationAwsArgs{
			Enabled: pulumi.Bool(true), StorageProvider: pulumi.String("S3"),
			StorageAwsRoleArn:       pulumi.String("arn:aws:iam::222:role/sf"),
			StorageAllowedLocations: pulumi.StringArray{pulumi.String("s3://b/")},
		}
		si, err := NewStorageIntegrationAws(ctx, "si", args)
		if err != nil {
			return err
		}
		empty, err := NewStorageIntegrationAws(ctx, "empty", args)
		if err != nil {
			return err
		}
		si.IamUserArn().ApplyT(func(s string) string { arn = s; return s })
		si.ExternalId().ApplyT(func(s string) string { ext = s; return s })
		si.DescribeOutputs.Index(pulumi.Int(0)).IamUserArn().ApplyT(func(s string) string { idxArn = s; return s })
		si.DescribeOutputs.ApplyT(func(d []StorageIntegrationAwsDescription) int { all = d; return len(d) })
		empty.IamUserArn().ApplyT(func(s string) string { emptyArn = s + "<empty>"; return s })
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::111:user/sf", arn)
	assert.Equal(t, "ACME_SFCRole=1_abc", ext)
	assert.Equal(t, arn, idxArn)
	require.Len(t, all, 1)
	assert.Equal(t, []string{"s3://b/"}, all[0].AllowedLocations)
	assert.True(t, all[0].Enabled)
	assert.Equal(t, "S3", all[0].Provider)
	assert.Equal(t, "<empty>", emptyArn, "an empty describeOutputs list yields \"\"")
}

func TestNotificationIntegration_SendsWireNamesAndOutputs(t *testing.T) {
	extra := map[string]resource.PropertyMap{"n": {
		"awsSnsIamUserArn": resource.NewStringProperty("arn:aws:iam::111:user/sf"),
		"awsSnsExternalId": resource.NewStringProperty("EXT"),
	}}
	var user, ext string
	rec, err := run(t, extra, func(ctx *pulumi.Context) error {
		n, err := NewNotificationIntegration(ctx, "n", fill(&NotificationIntegrationArgs{}))
		if err != nil {
			return err
		}
		n.AwsSnsIamUserArn.ApplyT(func(s string) string { user = s; return s })
		n.AwsSnsExternalId.ApplyT(func(s string) string { ext = s; return s })
		return nil
	})
	require.NoError(t, err)
	a := rec.registered(t, NotificationIntegrationType)
	assertCommon(t, a, "snowflake:index/notificationIntegration:NotificationIntegration")
	assert.Equal(t, words(`name notificationProvider awsSnsTopicArn awsSnsRoleArn gcpPubsubTopicName
		gcpPubsubSubscriptionName azureStorageQueuePrimaryUri azureTenantId enabled comment direction type
		awsSqsArn awsSqsRoleArn`), keys(a.Inputs))
	assertSecrets(t, a.Inputs)
	assert.Equal(t, "arn:aws:iam::111:user/sf", user)
	assert.Equal(t, "EXT", ext)
}

func TestWarehouse_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewWarehouse(ctx, "w", fill(&WarehouseArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, WarehouseType)
	assertCommon(t, a, "snowflake:index/warehouse:Warehouse")
	assert.Equal(t, words(`name warehouseSize warehouseType generation resourceConstraint autoSuspend autoResume
		initiallySuspended minClusterCount maxClusterCount scalingPolicy enableQueryAcceleration
		queryAccelerationMaxScaleFactor resourceMonitor maxConcurrencyLevel statementQueuedTimeoutInSeconds
		statementTimeoutInSeconds comment`), keys(a.Inputs))
	assertSecrets(t, a.Inputs)
}

func TestWarehouse_NilArgsRegistersEmptyInputs(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewWarehouse(ctx, "w", nil)
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, WarehouseType)
	assertCommon(t, a, WarehouseType)
	assert.Empty(t, keys(a.Inputs))
}

func TestResourceMonitor_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewResourceMonitor(ctx, "rm", fill(&ResourceMonitorArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, ResourceMonitorType)
	assertCommon(t, a, "snowflake:index/resourceMonitor:ResourceMonitor")
	assert.Equal(t, words(`name creditQuota frequency startTimestamp endTimestamp notifyTriggers suspendTrigger
		suspendImmediateTrigger notifyUsers`), keys(a.Inputs))
	assert.True(t, prop(t, a.Inputs, "notifyTriggers").IsArray())
	assert.True(t, prop(t, a.Inputs, "suspendTrigger").IsNumber())
	assertSecrets(t, a.Inputs)
}

func TestDatabase_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewDatabase(ctx, "d", fill(&DatabaseArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, DatabaseType)
	assertCommon(t, a, "snowflake:index/database:Database")
	assert.Equal(t, words(`name isTransient dropPublicSchemaOnCreation dataRetentionTimeInDays
		maxDataExtensionTimeInDays defaultDdlCollation replication comment catalog externalVolume
		storageSerializationPolicy replaceInvalidCharacters quotedIdentifiersIgnoreCase enableConsoleOutput
		logLevel traceLevel userTaskManagedInitialWarehouseSize suspendTaskAfterNumFailures
		taskAutoRetryAttempts userTaskTimeoutMs userTaskMinimumTriggerIntervalInSeconds`), keys(a.Inputs))
	assert.Equal(t, words("enableToAccounts ignoreEditionCheck"), objKeys(t, a.Inputs, "replication"))
	assert.Equal(t, words("accountIdentifier withFailover"), objKeys(t, a.Inputs, "replication.enableToAccounts.0"))
	assert.True(t, prop(t, a.Inputs, "isTransient").IsBool())
	assertSecrets(t, a.Inputs)
}

func TestSchema_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewSchema(ctx, "s", fill(&SchemaArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, SchemaType)
	assertCommon(t, a, "snowflake:index/schema:Schema")
	assert.Equal(t, words(`database name isTransient withManagedAccess dataRetentionTimeInDays
		maxDataExtensionTimeInDays defaultDdlCollation pipeExecutionPaused catalog externalVolume
		storageSerializationPolicy logLevel traceLevel userTaskManagedInitialWarehouseSize
		replaceInvalidCharacters quotedIdentifiersIgnoreCase enableConsoleOutput suspendTaskAfterNumFailures
		taskAutoRetryAttempts userTaskTimeoutMs userTaskMinimumTriggerIntervalInSeconds comment`), keys(a.Inputs))
	assert.True(t, prop(t, a.Inputs, "isTransient").IsString(), "Schema.isTransient is a tri-state string")
	assertSecrets(t, a.Inputs)
}

func TestTable_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewTable(ctx, "tb", fill(&TableArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, TableType)
	assertCommon(t, a, "snowflake:index/table:Table")
	in := a.Inputs
	assert.Equal(t, words(`database schema name columns clusterBies changeTracking dataRetentionTimeInDays
		comment primaryKey tags`), keys(in))
	assert.Equal(t, words(`name type nullable comment collate maskingPolicy schemaEvolutionRecord default identity`),
		objKeys(t, in, "columns.0"))
	assert.Equal(t, words("constant expression sequence"), objKeys(t, in, "columns.0.default"))
	assert.Equal(t, words("startNum stepNum"), objKeys(t, in, "columns.0.identity"))
	assert.Equal(t, words("keys name"), objKeys(t, in, "primaryKey"))
	assert.Equal(t, words("name value database schema"), objKeys(t, in, "tags.0"))
	assertSecrets(t, in)
}

func TestStreamOnTable_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewStreamOnTable(ctx, "st", fill(&StreamOnTableArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, StreamOnTableType)
	assertCommon(t, a, "snowflake:index/streamOnTable:StreamOnTable")
	assert.Equal(t, words("database schema name table appendOnly showInitialRows at before copyGrants comment"), keys(a.Inputs))
	assert.Equal(t, words("timestamp offset statement stream"), objKeys(t, a.Inputs, "at"))
	assert.Equal(t, words("timestamp offset statement stream"), objKeys(t, a.Inputs, "before"))
	assertSecrets(t, a.Inputs)
}

func TestView_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewView(ctx, "v", fill(&ViewArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, ViewType)
	assertCommon(t, a, "snowflake:index/view:View")
	in := a.Inputs
	assert.Equal(t, words(`database schema name statement isSecure isRecursive isTemporary changeTracking
		copyGrants columns rowAccessPolicy aggregationPolicy dataMetricFunctions dataMetricSchedule comment`), keys(in))
	assert.Equal(t, words("columnName comment maskingPolicy projectionPolicy"), objKeys(t, in, "columns.0"))
	assert.Equal(t, words("policyName usings"), objKeys(t, in, "columns.0.maskingPolicy"))
	assert.Equal(t, words("policyName"), objKeys(t, in, "columns.0.projectionPolicy"))
	assert.Equal(t, words("policyName ons"), objKeys(t, in, "rowAccessPolicy"))
	assert.Equal(t, words("policyName entityKeys"), objKeys(t, in, "aggregationPolicy"))
	assert.Equal(t, words("functionName ons scheduleStatus"), objKeys(t, in, "dataMetricFunctions.0"))
	assert.Equal(t, words("minutes usingCron"), objKeys(t, in, "dataMetricSchedule"))
	assertSecrets(t, in)
}

func TestFileFormat_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewFileFormat(ctx, "ff", fill(&FileFormatArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, FileFormatType)
	assertCommon(t, a, "snowflake:index/fileFormat:FileFormat")
	assert.Equal(t, words(`database schema formatType name comment compression encoding binaryFormat dateFormat
		timeFormat timestampFormat fieldDelimiter recordDelimiter fieldOptionallyEnclosedBy escape
		escapeUnenclosedField fileExtension skipHeader nullIfs allowDuplicate binaryAsText disableAutoConvert
		disableSnowflakeData emptyFieldAsNull enableOctal errorOnColumnCountMismatch ignoreUtf8Errors parseHeader
		preserveSpace replaceInvalidCharacters skipBlankLines skipByteOrderMark stripNullValues stripOuterArray
		stripOuterElement trimSpace`), keys(a.Inputs))
	assert.True(t, prop(t, a.Inputs, "nullIfs").IsArray())
	assertSecrets(t, a.Inputs)
}

func TestAccountRole_SendsWireNames(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewAccountRole(ctx, "r", fill(&AccountRoleArgs{}))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, AccountRoleType)
	assertCommon(t, a, "snowflake:index/accountRole:AccountRole")
	assert.Equal(t, words("name comment"), keys(a.Inputs))
	assertSecrets(t, a.Inputs)
}

func TestGrantPrivilegesToAccountRole_SendsWireNames(t *testing.T) {
	// Each registration uses exactly one target; together they cover every input.
	targets := []func(a *GrantPrivilegesToAccountRoleArgs){
		func(a *GrantPrivilegesToAccountRoleArgs) {
			a.OnAccountObject, a.OnSchema, a.OnSchemaObject = nil, nil, nil
		},
		func(a *GrantPrivilegesToAccountRoleArgs) { a.OnAccount, a.OnSchema, a.OnSchemaObject = nil, nil, nil },
		func(a *GrantPrivilegesToAccountRoleArgs) {
			a.OnAccount, a.OnAccountObject, a.OnSchemaObject = nil, nil, nil
		},
		func(a *GrantPrivilegesToAccountRoleArgs) { a.OnAccount, a.OnAccountObject, a.OnSchema = nil, nil, nil },
	}
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		for i, only := range targets {
			args := fill(&GrantPrivilegesToAccountRoleArgs{})
			only(args)
			if _, err := NewGrantPrivilegesToAccountRole(ctx, "g"+string(rune('0'+i)), args); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	regs := rec.all(GrantPrivilegesToAccountRoleType)
	require.Len(t, regs, 4)
	union := resource.PropertyMap{}
	for _, a := range regs {
		assertCommon(t, a, "snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole")
		assertSecrets(t, a.Inputs)
		for k, v := range a.Inputs {
			union[k] = v
		}
	}
	assert.Equal(t, words(`accountRoleName privileges allPrivileges onAccount onAccountObject onSchema
		onSchemaObject withGrantOption alwaysApply alwaysApplyTrigger strictPrivilegeManagement`), keys(union))
	assert.Equal(t, words("objectType objectName"), objKeys(t, union, "onAccountObject"))
	assert.Equal(t, words("schemaName allSchemasInDatabase futureSchemasInDatabase"), objKeys(t, union, "onSchema"))
	assert.Equal(t, words("objectType objectName all future"), objKeys(t, union, "onSchemaObject"))
	assert.Equal(t, words("objectTypePlural inDatabase inSchema"), objKeys(t, union, "onSchemaObject.all"))
	assert.Equal(t, words("objectTypePlural inDatabase inSchema"), objKeys(t, union, "onSchemaObject.future"))
}

func TestGrantPrivilegesToAccountRole_RequiresExactlyOneTarget(t *testing.T) {
	for _, tc := range []struct {
		name string
		args *GrantPrivilegesToAccountRoleArgs
	}{
		{"none", &GrantPrivilegesToAccountRoleArgs{AccountRoleName: pulumi.String("R")}},
		{"two", &GrantPrivilegesToAccountRoleArgs{
			AccountRoleName: pulumi.String("R"), OnAccount: pulumi.Bool(true),
			OnSchema: &GrantOnSchema{SchemaName: pulumi.String(`"DB"."SC"`)},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := run(t, nil, func(ctx *pulumi.Context) error {
				_, err := NewGrantPrivilegesToAccountRole(ctx, "g", tc.args)
				return err
			})
			require.ErrorContains(t, err, "snowflake.GrantPrivilegesToAccountRole \"g\": exactly one of `OnAccount`, `OnAccountObject`, `OnSchema`, `OnSchemaObject` must be set")
			assert.Empty(t, rec.all(GrantPrivilegesToAccountRoleType))
		})
	}
}

func TestProvider_SendsWireNamesAndSecrets(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		args := fill(&ProviderArgs{})
		args.PreviewFeaturesEnabled = PreviewFeaturesFor(TableType, PipeType, TaskType, PipeType)
		prov, err := NewProvider(ctx, "sf", args)
		if err != nil {
			return err
		}
		_, err = NewDatabase(ctx, "d", nil, pulumi.Provider(prov))
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, ProviderType)
	assertCommon(t, a, "pulumi:providers:snowflake")
	assert.Equal(t, words(`organizationName accountName user role warehouse authenticator password privateKey
		privateKeyPassphrase token passcode passcodeInPassword oauthClientId oauthClientSecret
		oauthAuthorizationUrl oauthTokenRequestUrl oauthRedirectUri oauthScope profile host port protocol
		proxyHost proxyPort proxyUser proxyPassword proxyProtocol noProxy params previewFeaturesEnabled`), keys(a.Inputs))
	secrets := words(`password privateKey privateKeyPassphrase token passcode oauthClientId oauthClientSecret
		oauthAuthorizationUrl oauthTokenRequestUrl oauthRedirectUri proxyPassword`)
	assertSecrets(t, a.Inputs, secrets...)
	assert.Equal(t, secrets, a.RegisterRPC.GetAdditionalSecretOutputs())

	features := prop(t, a.Inputs, "previewFeaturesEnabled")
	require.True(t, features.IsArray())
	var got []string
	for _, v := range features.ArrayValue() {
		got = append(got, v.StringValue())
	}
	assert.Equal(t, []string{"snowflake_pipe_resource", "snowflake_table_resource"}, got)

	db := rec.registered(t, DatabaseType)
	assert.Contains(t, db.Provider, "pulumi:providers:snowflake::sf", "resources reference the explicit provider")
}

func TestProvider_NilArgsAndVersion(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewProvider(ctx, "a", nil)
		if err != nil {
			return err
		}
		_, err = NewProvider(ctx, "b", &ProviderArgs{}, pulumi.Version("2.17.1"))
		return err
	})
	require.NoError(t, err)
	regs := rec.all(ProviderType)
	require.Len(t, regs, 2)
	versions := map[string]string{}
	for _, a := range regs {
		assert.Empty(t, keys(a.Inputs))
		versions[a.Name] = a.RegisterRPC.GetVersion()
	}
	assert.Equal(t, map[string]string{"a": "2.17.0", "b": "2.17.1"}, versions)
}

func TestDynamicTable_SendsWireNames(t *testing.T) {
	// The target lag takes exactly one of its fields; two registrations cover both.
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		byDuration := fill(&DynamicTableArgs{})
		byDuration.TargetLag.Downstream = nil
		if _, err := NewDynamicTable(ctx, "d1", byDuration); err != nil {
			return err
		}
		downstream := fill(&DynamicTableArgs{})
		downstream.TargetLag.MaximumDuration = nil
		_, err := NewDynamicTable(ctx, "d2", downstream)
		return err
	})
	require.NoError(t, err)
	regs := rec.all(DynamicTableType)
	require.Len(t, regs, 2)
	lags := resource.PropertyMap{}
	for _, a := range regs {
		assertCommon(t, a, "snowflake:index/dynamicTable:DynamicTable")
		assert.Equal(t, words("database schema name query warehouse targetLag refreshMode initialize orReplace comment"), keys(a.Inputs))
		assertSecrets(t, a.Inputs)
		for k, v := range prop(t, a.Inputs, "targetLag").ObjectValue() {
			lags[k] = v
		}
	}
	assert.Equal(t, words("maximumDuration downstream"), keys(lags))
}

func TestDynamicTable_MinimalInputs(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewDynamicTable(ctx, "d", &DynamicTableArgs{
			Database: pulumi.String("DB"), Schema: pulumi.String("SC"),
			Query:     pulumi.String("SELECT A FROM T"),
			Warehouse: pulumi.String("WH"),
			TargetLag: &DynamicTableTargetLag{MaximumDuration: pulumi.String("20 minutes")},
		})
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, DynamicTableType)
	assert.Equal(t, words("database schema query warehouse targetLag"), keys(a.Inputs))
	assert.Equal(t, "20 minutes", prop(t, a.Inputs, "targetLag.maximumDuration").StringValue())
	assert.Equal(t, []string{"maximumDuration"}, objKeys(t, a.Inputs, "targetLag"))
}

func TestDynamicTable_RequiresExactlyOneTargetLag(t *testing.T) {
	for _, tc := range []struct {
		name string
		lag  *DynamicTableTargetLag
	}{
		{"none", &DynamicTableTargetLag{}},
		{"both", &DynamicTableTargetLag{MaximumDuration: pulumi.String("1 hour"), Downstream: pulumi.Bool(true)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := run(t, nil, func(ctx *pulumi.Context) error {
				a := fill(&DynamicTableArgs{})
				a.TargetLag = tc.lag
				_, err := NewDynamicTable(ctx, "d", a)
				return err
			})
			require.ErrorContains(t, err, "snowflake.DynamicTable \"d\": exactly one of `TargetLag.MaximumDuration`, `TargetLag.Downstream` must be set")
			assert.Empty(t, rec.regs)
		})
	}
}

func TestDynamicTable_ComputedOutputs(t *testing.T) {
	extra := map[string]resource.PropertyMap{"d": {
		"fullyQualifiedName": resource.NewStringProperty(`"DB"."SC"."D"`),
		"schedulingState":    resource.NewStringProperty("ACTIVE"),
		"rows":               resource.NewNumberProperty(42),
		"isClone":            resource.NewBoolProperty(false),
	}}
	var fqn, state string
	var rows int
	_, err := run(t, extra, func(ctx *pulumi.Context) error {
		d, err := NewDynamicTable(ctx, "d", &DynamicTableArgs{
			Database: pulumi.String("DB"), Schema: pulumi.String("SC"), Query: pulumi.String("SELECT 1"),
			Warehouse: pulumi.String("WH"), TargetLag: &DynamicTableTargetLag{Downstream: pulumi.Bool(true)},
		})
		if err != nil {
			return err
		}
		d.FullyQualifiedName.ApplyT(func(s string) string { fqn = s; return s })
		d.SchedulingState.ApplyT(func(s string) string { state = s; return s })
		d.Rows.ApplyT(func(n int) int { rows = n; return n })
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, `"DB"."SC"."D"`, fqn)
	assert.Equal(t, "ACTIVE", state)
	assert.Equal(t, 42, rows)
}

func TestAlert_SendsWireNames(t *testing.T) {
	// The schedule takes exactly one of its fields; two registrations cover both.
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		byInterval := fill(&AlertArgs{})
		byInterval.AlertSchedule.Cron = nil
		if _, err := NewAlert(ctx, "a1", byInterval); err != nil {
			return err
		}
		byCron := fill(&AlertArgs{})
		byCron.AlertSchedule.Interval = nil
		_, err := NewAlert(ctx, "a2", byCron)
		return err
	})
	require.NoError(t, err)
	regs := rec.all(AlertType)
	require.Len(t, regs, 2)
	schedule := resource.PropertyMap{}
	for _, a := range regs {
		assertCommon(t, a, "snowflake:index/alert:Alert")
		assert.Equal(t, words("database schema name warehouse condition action alertSchedule enabled comment"), keys(a.Inputs))
		assertSecrets(t, a.Inputs)
		for k, v := range prop(t, a.Inputs, "alertSchedule").ObjectValue() {
			schedule[k] = v
		}
	}
	assert.Equal(t, words("interval cron"), keys(schedule))
	assert.Equal(t, words("expression timeZone"), keys(schedule["cron"].ObjectValue()))
	assert.True(t, schedule["interval"].IsNumber())
}

func TestAlert_MinimalInputsAndEnabled(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewAlert(ctx, "a", &AlertArgs{
			Database: pulumi.String("DB"), Schema: pulumi.String("SC"), Warehouse: pulumi.String("WH"),
			Condition: pulumi.String("SELECT 1 FROM T WHERE BAD"),
			Action:    pulumi.String("CALL SYSTEM$SEND_SNOWFLAKE_NOTIFICATION('{}', '{}')"),
			Enabled:   pulumi.Bool(false),
		})
		return err
	})
	require.NoError(t, err)
	a := rec.registered(t, AlertType)
	assert.Equal(t, words("database schema warehouse condition action enabled"), keys(a.Inputs))
	assert.False(t, prop(t, a.Inputs, "enabled").BoolValue(), "enabled=false must be sent, not dropped")
}

func TestAlert_RequiresExactlyOneScheduleField(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		a := fill(&AlertArgs{})
		_, err := NewAlert(ctx, "a", a) // fill sets both Interval and Cron
		return err
	})
	require.ErrorContains(t, err, "snowflake.Alert \"a\": exactly one of `AlertSchedule.Interval`, `AlertSchedule.Cron` must be set, got 2")
	assert.Empty(t, rec.regs)
}
