package snowflake

import (
	"sort"

	"github.com/schedkit/schedkit/internal/verify"
)

// PluginName is the name of the Pulumi resource plugin these bindings target.
const PluginName = "snowflake"

// PluginVersion is the provider plugin version attached to every resource.
const PluginVersion = "2.17.0"

// Resource type tokens of the bound resources. Each has the form
// snowflake:index/<lowerCamelName>:<Name>.
const (
	// ProviderType is the token of the explicit provider resource.
	ProviderType = "pulumi:providers:snowflake"
	// TaskType is the token of [Task].
	TaskType = "snowflake:index/task:Task"
	// PipeType is the token of [Pipe].
	PipeType = "snowflake:index/pipe:Pipe"
	// StageExternalS3Type is the token of [StageExternalS3].
	StageExternalS3Type = "snowflake:index/stageExternalS3:StageExternalS3"
	// StorageIntegrationAwsType is the token of [StorageIntegrationAws].
	StorageIntegrationAwsType = "snowflake:index/storageIntegrationAws:StorageIntegrationAws"
	// NotificationIntegrationType is the token of [NotificationIntegration].
	NotificationIntegrationType = "snowflake:index/notificationIntegration:NotificationIntegration"
	// WarehouseType is the token of [Warehouse].
	WarehouseType = "snowflake:index/warehouse:Warehouse"
	// ResourceMonitorType is the token of [ResourceMonitor].
	ResourceMonitorType = "snowflake:index/resourceMonitor:ResourceMonitor"
	// DatabaseType is the token of [Database].
	DatabaseType = "snowflake:index/database:Database"
	// SchemaType is the token of [Schema].
	SchemaType = "snowflake:index/schema:Schema"
	// TableType is the token of [Table].
	TableType = "snowflake:index/table:Table"
	// StreamOnTableType is the token of [StreamOnTable].
	StreamOnTableType = "snowflake:index/streamOnTable:StreamOnTable"
	// ViewType is the token of [View].
	ViewType = "snowflake:index/view:View"
	// FileFormatType is the token of [FileFormat].
	FileFormatType = "snowflake:index/fileFormat:FileFormat"
	// AccountRoleType is the token of [AccountRole].
	AccountRoleType = "snowflake:index/accountRole:AccountRole"
	// GrantPrivilegesToAccountRoleType is the token of [GrantPrivilegesToAccountRole].
	GrantPrivilegesToAccountRoleType = "snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole"
	// DynamicTableType is the token of [DynamicTable].
	DynamicTableType = "snowflake:index/dynamicTable:DynamicTable"
	// AlertType is the token of [Alert].
	AlertType = "snowflake:index/alert:Alert"
)

// Tokens of preview-feature resources that are not bound by this package. They
// are listed so that [PreviewFeature] covers every focus resource.
const (
	// StageType is the token of the deprecated legacy Stage resource.
	StageType = "snowflake:index/stage:Stage"
	// StageInternalType is the token of the StageInternal resource.
	StageInternalType = "snowflake:index/stageInternal:StageInternal"
	// StorageIntegrationType is the token of the deprecated legacy StorageIntegration resource.
	StorageIntegrationType = "snowflake:index/storageIntegration:StorageIntegration"
	// EmailNotificationIntegrationType is the token of the EmailNotificationIntegration resource.
	EmailNotificationIntegrationType = "snowflake:index/emailNotificationIntegration:EmailNotificationIntegration"
	// WarehouseAdaptiveType is the token of the WarehouseAdaptive resource.
	WarehouseAdaptiveType = "snowflake:index/warehouseAdaptive:WarehouseAdaptive"
)

// PreviewFeature maps a resource token to the snake_case preview-feature name
// that must be listed in the provider's previewFeaturesEnabled before the
// provider will manage that resource. Tokens absent from the map (Task,
// Warehouse, Database, Schema, StreamOnTable, View, AccountRole,
// GrantPrivilegesToAccountRole, ResourceMonitor, ...) are not gated. The
// table lives in verify.SnowflakePreviewFeatures, shared with the policy
// rule that checks a plan's providers.
var PreviewFeature = verify.SnowflakePreviewFeatures

// PreviewFeaturesFor returns the preview-feature names needed to manage the
// given resource tokens, sorted and without duplicates. Tokens that are not
// preview features are ignored, so the result may be empty (never nil).
//
//	snowflake.PreviewFeaturesFor(snowflake.PipeType, snowflake.TableType, snowflake.TaskType)
//	// []string{"snowflake_pipe_resource", "snowflake_table_resource"}
func PreviewFeaturesFor(tokens ...string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, t := range tokens {
		if f, ok := PreviewFeature[t]; ok && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}
