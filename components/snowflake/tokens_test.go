package snowflake

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTokens_MatchFacts(t *testing.T) {
	want := map[string]string{
		ProviderType:                     "pulumi:providers:snowflake",
		TaskType:                         "snowflake:index/task:Task",
		PipeType:                         "snowflake:index/pipe:Pipe",
		StageExternalS3Type:              "snowflake:index/stageExternalS3:StageExternalS3",
		StorageIntegrationAwsType:        "snowflake:index/storageIntegrationAws:StorageIntegrationAws",
		NotificationIntegrationType:      "snowflake:index/notificationIntegration:NotificationIntegration",
		WarehouseType:                    "snowflake:index/warehouse:Warehouse",
		ResourceMonitorType:              "snowflake:index/resourceMonitor:ResourceMonitor",
		DatabaseType:                     "snowflake:index/database:Database",
		SchemaType:                       "snowflake:index/schema:Schema",
		TableType:                        "snowflake:index/table:Table",
		StreamOnTableType:                "snowflake:index/streamOnTable:StreamOnTable",
		ViewType:                         "snowflake:index/view:View",
		FileFormatType:                   "snowflake:index/fileFormat:FileFormat",
		AccountRoleType:                  "snowflake:index/accountRole:AccountRole",
		GrantPrivilegesToAccountRoleType: "snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole",
		StageType:                        "snowflake:index/stage:Stage",
		StageInternalType:                "snowflake:index/stageInternal:StageInternal",
		StorageIntegrationType:           "snowflake:index/storageIntegration:StorageIntegration",
		EmailNotificationIntegrationType: "snowflake:index/emailNotificationIntegration:EmailNotificationIntegration",
		WarehouseAdaptiveType:            "snowflake:index/warehouseAdaptive:WarehouseAdaptive",
		DynamicTableType:                 "snowflake:index/dynamicTable:DynamicTable",
		AlertType:                        "snowflake:index/alert:Alert",
	}
	for got, exp := range want {
		assert.Equal(t, exp, got)
	}
	assert.Len(t, want, 23, "constants must be distinct")
	assert.Equal(t, "2.17.0", PluginVersion)
	assert.Equal(t, "snowflake", PluginName)
}

func TestPreviewFeature_MatchesFacts(t *testing.T) {
	assert.Equal(t, map[string]string{
		"snowflake:index/pipe:Pipe":                                                 "snowflake_pipe_resource",
		"snowflake:index/stage:Stage":                                               "snowflake_stage_resource",
		"snowflake:index/stageExternalS3:StageExternalS3":                           "snowflake_stage_external_s3_resource",
		"snowflake:index/stageInternal:StageInternal":                               "snowflake_stage_internal_resource",
		"snowflake:index/storageIntegration:StorageIntegration":                     "snowflake_storage_integration_resource",
		"snowflake:index/storageIntegrationAws:StorageIntegrationAws":               "snowflake_storage_integration_aws_resource",
		"snowflake:index/notificationIntegration:NotificationIntegration":           "snowflake_notification_integration_resource",
		"snowflake:index/emailNotificationIntegration:EmailNotificationIntegration": "snowflake_email_notification_integration_resource",
		"snowflake:index/dynamicTable:DynamicTable":                                 "snowflake_dynamic_table_resource",
		"snowflake:index/alert:Alert":                                               "snowflake_alert_resource",
		"snowflake:index/externalTable:ExternalTable":                               "snowflake_external_table_resource",
		"snowflake:index/table:Table":                                               "snowflake_table_resource",
		"snowflake:index/fileFormat:FileFormat":                                     "snowflake_file_format_resource",
		"snowflake:index/warehouseAdaptive:WarehouseAdaptive":                       "snowflake_warehouse_adaptive_resource",
	}, PreviewFeature)
	for _, tok := range []string{TaskType, WarehouseType, DatabaseType, SchemaType, StreamOnTableType, ViewType,
		AccountRoleType, GrantPrivilegesToAccountRoleType, ResourceMonitorType} {
		assert.NotContains(t, PreviewFeature, tok, "%s is not a preview feature", tok)
	}
}

func TestPreviewFeaturesFor_SortsAndDedupes(t *testing.T) {
	got := PreviewFeaturesFor(TableType, PipeType, TaskType, TableType, StorageIntegrationAwsType, FileFormatType,
		StageExternalS3Type, NotificationIntegrationType, "bogus")
	assert.Equal(t, []string{
		"snowflake_file_format_resource",
		"snowflake_notification_integration_resource",
		"snowflake_pipe_resource",
		"snowflake_stage_external_s3_resource",
		"snowflake_storage_integration_aws_resource",
		"snowflake_table_resource",
	}, got)
	assert.Equal(t, []string{}, PreviewFeaturesFor(TaskType, WarehouseType))
	assert.Equal(t, []string{"snowflake_alert_resource", "snowflake_dynamic_table_resource"},
		PreviewFeaturesFor(DynamicTableType, AlertType, ViewType), "the bound DynamicTable and Alert are gated; View is not")
	assert.NotNil(t, PreviewFeaturesFor())
}
