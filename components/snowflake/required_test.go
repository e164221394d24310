package snowflake

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequiredFields_Enforced starts from a fully populated args struct, clears
// one required field and expects a descriptive error with nothing registered.
func TestRequiredFields_Enforced(t *testing.T) {
	type newFn func(ctx *pulumi.Context) error
	cases := []struct {
		resource, field string
		create          newFn
	}{
		{"Task", "Database", func(ctx *pulumi.Context) error {
			a := fill(&TaskArgs{})
			a.Database = nil
			_, err := NewTask(ctx, "r", a)
			return err
		}},
		{"Task", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&TaskArgs{})
			a.Schema = nil
			_, err := NewTask(ctx, "r", a)
			return err
		}},
		{"Task", "SqlStatement", func(ctx *pulumi.Context) error {
			a := fill(&TaskArgs{})
			a.SqlStatement = nil
			_, err := NewTask(ctx, "r", a)
			return err
		}},
		{"Task", "Started", func(ctx *pulumi.Context) error {
			a := fill(&TaskArgs{})
			a.Started = nil
			_, err := NewTask(ctx, "r", a)
			return err
		}},
		{"Task", "Database", func(ctx *pulumi.Context) error { // nil args
			_, err := NewTask(ctx, "r", nil)
			return err
		}},
		{"Pipe", "Database", func(ctx *pulumi.Context) error {
			a := fill(&PipeArgs{})
			a.Database = nil
			_, err := NewPipe(ctx, "r", a)
			return err
		}},
		{"Pipe", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&PipeArgs{})
			a.Schema = nil
			_, err := NewPipe(ctx, "r", a)
			return err
		}},
		{"Pipe", "CopyStatement", func(ctx *pulumi.Context) error {
			a := fill(&PipeArgs{})
			a.CopyStatement = nil
			_, err := NewPipe(ctx, "r", a)
			return err
		}},
		{"StageExternalS3", "Database", func(ctx *pulumi.Context) error {
			a := fill(&StageExternalS3Args{})
			a.Database = nil
			_, err := NewStageExternalS3(ctx, "r", a)
			return err
		}},
		{"StageExternalS3", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&StageExternalS3Args{})
			a.Schema = nil
			_, err := NewStageExternalS3(ctx, "r", a)
			return err
		}},
		{"StageExternalS3", "Url", func(ctx *pulumi.Context) error {
			a := fill(&StageExternalS3Args{})
			a.Url = nil
			_, err := NewStageExternalS3(ctx, "r", a)
			return err
		}},
		{"StageExternalS3", "Encryption.AwsCse.MasterKey", func(ctx *pulumi.Context) error {
			a := fill(&StageExternalS3Args{})
			a.Encryption.AwsCse.MasterKey = nil
			_, err := NewStageExternalS3(ctx, "r", a)
			return err
		}},
		{"StageExternalS3", "Directory.Enable", func(ctx *pulumi.Context) error {
			a := fill(&StageExternalS3Args{})
			a.Directory.Enable = nil
			_, err := NewStageExternalS3(ctx, "r", a)
			return err
		}},
		{"StorageIntegrationAws", "Enabled", func(ctx *pulumi.Context) error {
			a := fill(&StorageIntegrationAwsArgs{})
			a.Enabled = nil
			_, err := NewStorageIntegrationAws(ctx, "r", a)
			return err
		}},
		{"StorageIntegrationAws", "StorageProvider", func(ctx *pulumi.Context) error {
			a := fill(&StorageIntegrationAwsArgs{})
			a.StorageProvider = nil
			_, err := NewStorageIntegrationAws(ctx, "r", a)
			return err
		}},
		{"StorageIntegrationAws", "StorageAwsRoleArn", func(ctx *pulumi.Context) error {
			a := fill(&StorageIntegrationAwsArgs{})
			a.StorageAwsRoleArn = nil
			_, err := NewStorageIntegrationAws(ctx, "r", a)
			return err
		}},
		{"StorageIntegrationAws", "StorageAllowedLocations", func(ctx *pulumi.Context) error {
			a := fill(&StorageIntegrationAwsArgs{})
			a.StorageAllowedLocations = nil
			_, err := NewStorageIntegrationAws(ctx, "r", a)
			return err
		}},
		{"NotificationIntegration", "NotificationProvider", func(ctx *pulumi.Context) error {
			a := fill(&NotificationIntegrationArgs{})
			a.NotificationProvider = nil
			_, err := NewNotificationIntegration(ctx, "r", a)
			return err
		}},
		{"Database", "Replication.EnableToAccounts", func(ctx *pulumi.Context) error {
			a := fill(&DatabaseArgs{})
			a.Replication.EnableToAccounts = nil
			_, err := NewDatabase(ctx, "r", a)
			return err
		}},
		{"Database", "Replication.EnableToAccounts[0].AccountIdentifier", func(ctx *pulumi.Context) error {
			a := fill(&DatabaseArgs{})
			a.Replication.EnableToAccounts[0].AccountIdentifier = nil
			_, err := NewDatabase(ctx, "r", a)
			return err
		}},
		{"Schema", "Database", func(ctx *pulumi.Context) error {
			a := fill(&SchemaArgs{})
			a.Database = nil
			_, err := NewSchema(ctx, "r", a)
			return err
		}},
		{"Table", "Database", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.Database = nil
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"Table", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.Schema = nil
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"Table", "Columns", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.Columns = []TableColumn{}
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"Table", "Columns[0].Name", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.Columns[0].Name = nil
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"Table", "Columns[0].Type", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.Columns[0].Type = nil
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"Table", "PrimaryKey.Keys", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.PrimaryKey.Keys = nil
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"Table", "Tags[0].Value", func(ctx *pulumi.Context) error {
			a := fill(&TableArgs{})
			a.Tags[0].Value = nil
			_, err := NewTable(ctx, "r", a)
			return err
		}},
		{"StreamOnTable", "Database", func(ctx *pulumi.Context) error {
			a := fill(&StreamOnTableArgs{})
			a.Database = nil
			_, err := NewStreamOnTable(ctx, "r", a)
			return err
		}},
		{"StreamOnTable", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&StreamOnTableArgs{})
			a.Schema = nil
			_, err := NewStreamOnTable(ctx, "r", a)
			return err
		}},
		{"StreamOnTable", "Table", func(ctx *pulumi.Context) error {
			a := fill(&StreamOnTableArgs{})
			a.Table = nil
			_, err := NewStreamOnTable(ctx, "r", a)
			return err
		}},
		{"View", "Database", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.Database = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"View", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.Schema = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"View", "Statement", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.Statement = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"View", "Columns[0].ColumnName", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.Columns[0].ColumnName = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"View", "Columns[0].MaskingPolicy.PolicyName", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.Columns[0].MaskingPolicy.PolicyName = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"View", "RowAccessPolicy.Ons", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.RowAccessPolicy.Ons = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"View", "DataMetricFunctions[0].ScheduleStatus", func(ctx *pulumi.Context) error {
			a := fill(&ViewArgs{})
			a.DataMetricFunctions[0].ScheduleStatus = nil
			_, err := NewView(ctx, "r", a)
			return err
		}},
		{"DynamicTable", "Database", func(ctx *pulumi.Context) error {
			a := fill(&DynamicTableArgs{})
			a.TargetLag.Downstream = nil
			a.Database = nil
			_, err := NewDynamicTable(ctx, "r", a)
			return err
		}},
		{"DynamicTable", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&DynamicTableArgs{})
			a.TargetLag.Downstream = nil
			a.Schema = nil
			_, err := NewDynamicTable(ctx, "r", a)
			return err
		}},
		{"DynamicTable", "Query", func(ctx *pulumi.Context) error {
			a := fill(&DynamicTableArgs{})
			a.TargetLag.Downstream = nil
			a.Query = nil
			_, err := NewDynamicTable(ctx, "r", a)
			return err
		}},
		{"DynamicTable", "Warehouse", func(ctx *pulumi.Context) error {
			a := fill(&DynamicTableArgs{})
			a.TargetLag.Downstream = nil
			a.Warehouse = nil
			_, err := NewDynamicTable(ctx, "r", a)
			return err
		}},
		{"DynamicTable", "TargetLag", func(ctx *pulumi.Context) error {
			a := fill(&DynamicTableArgs{})
			a.TargetLag.Downstream = nil
			a.TargetLag = nil
			_, err := NewDynamicTable(ctx, "r", a)
			return err
		}},
		{"DynamicTable", "Database", func(ctx *pulumi.Context) error { // nil args
			_, err := NewDynamicTable(ctx, "r", nil)
			return err
		}},
		{"Alert", "Database", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.Database = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"Alert", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.Schema = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"Alert", "Warehouse", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.Warehouse = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"Alert", "Condition", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.Condition = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"Alert", "Action", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.Action = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"Alert", "AlertSchedule.Cron.Expression", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.AlertSchedule.Cron.Expression = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"Alert", "AlertSchedule.Cron.TimeZone", func(ctx *pulumi.Context) error {
			a := fill(&AlertArgs{})
			a.AlertSchedule.Interval = nil
			a.AlertSchedule.Cron.TimeZone = nil
			_, err := NewAlert(ctx, "r", a)
			return err
		}},
		{"FileFormat", "Database", func(ctx *pulumi.Context) error {
			a := fill(&FileFormatArgs{})
			a.Database = nil
			_, err := NewFileFormat(ctx, "r", a)
			return err
		}},
		{"FileFormat", "Schema", func(ctx *pulumi.Context) error {
			a := fill(&FileFormatArgs{})
			a.Schema = nil
			_, err := NewFileFormat(ctx, "r", a)
			return err
		}},
		{"FileFormat", "FormatType", func(ctx *pulumi.Context) error {
			a := fill(&FileFormatArgs{})
			a.FormatType = nil
			_, err := NewFileFormat(ctx, "r", a)
			return err
		}},
		{"GrantPrivilegesToAccountRole", "AccountRoleName", func(ctx *pulumi.Context) error {
			_, err := NewGrantPrivilegesToAccountRole(ctx, "r", &GrantPrivilegesToAccountRoleArgs{OnAccount: pulumi.Bool(true)})
			return err
		}},
		{"GrantPrivilegesToAccountRole", "OnAccountObject.ObjectName", func(ctx *pulumi.Context) error {
			_, err := NewGrantPrivilegesToAccountRole(ctx, "r", &GrantPrivilegesToAccountRoleArgs{
				AccountRoleName: pulumi.String("R"),
				OnAccountObject: &GrantOnAccountObject{ObjectType: pulumi.String("DATABASE")},
			})
			return err
		}},
		{"GrantPrivilegesToAccountRole", "OnSchemaObject.Future.ObjectTypePlural", func(ctx *pulumi.Context) error {
			_, err := NewGrantPrivilegesToAccountRole(ctx, "r", &GrantPrivilegesToAccountRoleArgs{
				AccountRoleName: pulumi.String("R"),
				OnSchemaObject:  &GrantOnSchemaObject{Future: &GrantOnSchemaObjectBulk{InDatabase: pulumi.String("DB")}},
			})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.resource+"/"+tc.field, func(t *testing.T) {
			rec, err := run(t, nil, tc.create)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "snowflake."+tc.resource+` "r": `+"`"+tc.field+"` is required")
			assert.Empty(t, rec.regs, "nothing may be registered")
		})
	}
}

func TestTask_RequiredErrorMessage(t *testing.T) {
	_, err := run(t, nil, func(ctx *pulumi.Context) error {
		_, err := NewTask(ctx, "t", &TaskArgs{Schema: pulumi.String("S")})
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "snowflake.Task \"t\": `Database` is required")
}

func TestRequiredFields_TypedNilCountsAsUnset(t *testing.T) {
	rec, err := run(t, nil, func(ctx *pulumi.Context) error {
		a := fill(&PipeArgs{})
		a.Comment = pulumi.StringPtrFromPtr(nil)
		a.CopyStatement = (*pulumi.StringOutput)(nil)
		_, err := NewPipe(ctx, "r", a)
		return err
	})
	require.ErrorContains(t, err, "`CopyStatement` is required")
	assert.Empty(t, rec.regs)
}
