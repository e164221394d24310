package snowflake

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccountRole is an account-level role (snowflake:index/accountRole:AccountRole).
// Not a preview feature.
type AccountRole struct {
	pulumi.CustomResourceState

	// FullyQualifiedName is the quoted role name; use it as AccountRoleName in grants.
	FullyQualifiedName pulumi.StringOutput `pulumi:"fullyQualifiedName"`
	// Name is the role name.
	Name pulumi.StringOutput `pulumi:"name"`
	// ShowOutputs mirrors SHOW ROLES.
	ShowOutputs pulumi.MapArrayOutput `pulumi:"showOutputs"`
}

// AccountRoleArgs are the inputs of [NewAccountRole]. All fields are optional.
type AccountRoleArgs struct {
	// Name is the role name; auto-named when nil.
	Name pulumi.StringPtrInput `wire:"name"`
	// Comment is a free-text comment.
	Comment pulumi.StringPtrInput `wire:"comment"`
}

// NewAccountRole registers an account role. args may be nil.
func NewAccountRole(ctx *pulumi.Context, name string, args *AccountRoleArgs, opts ...pulumi.ResourceOption) (*AccountRole, error) {
	return create[AccountRole](ctx, AccountRoleType, name, args, opts)
}

// GrantPrivilegesToAccountRole grants privileges to an account role
// (snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole).
// Not a preview feature. It has no computed outputs.
type GrantPrivilegesToAccountRole struct {
	pulumi.CustomResourceState

	// AccountRoleName is the role that receives the privileges.
	AccountRoleName pulumi.StringOutput `pulumi:"accountRoleName"`
	// Privileges are the granted privileges.
	Privileges pulumi.StringArrayOutput `pulumi:"privileges"`
}

// GrantPrivilegesToAccountRoleArgs are the inputs of
// [NewGrantPrivilegesToAccountRole]. Required: AccountRoleName, and exactly
// one target of OnAccount, OnAccountObject, OnSchema, OnSchemaObject.
type GrantPrivilegesToAccountRoleArgs struct {
	// AccountRoleName is the role that receives the privileges (fully qualified name). Required.
	AccountRoleName pulumi.StringInput `wire:"accountRoleName,required"`
	// Privileges are upper-case privilege names. Use this or AllPrivileges.
	Privileges pulumi.StringArrayInput `wire:"privileges"`
	// AllPrivileges grants ALL.
	AllPrivileges pulumi.BoolPtrInput `wire:"allPrivileges"`
	// OnAccount targets the account itself.
	OnAccount pulumi.BoolPtrInput `wire:"onAccount"`
	// OnAccountObject targets an account-level object.
	OnAccountObject *GrantOnAccountObject `wire:"onAccountObject"`
	// OnSchema targets one schema, or all / future schemas in a database.
	OnSchema *GrantOnSchema `wire:"onSchema"`
	// OnSchemaObject targets one schema object, or all / future objects.
	OnSchemaObject *GrantOnSchemaObject `wire:"onSchemaObject"`
	// WithGrantOption lets the grantee grant the privileges onwards.
	WithGrantOption pulumi.BoolPtrInput `wire:"withGrantOption"`
	// AlwaysApply re-grants on every apply (for all / future cases).
	AlwaysApply pulumi.BoolPtrInput `wire:"alwaysApply"`
	// AlwaysApplyTrigger is an internal helper of the provider. Do not set it.
	AlwaysApplyTrigger pulumi.StringPtrInput `wire:"alwaysApplyTrigger"`
	// StrictPrivilegeManagement revokes privileges not listed here.
	StrictPrivilegeManagement pulumi.BoolPtrInput `wire:"strictPrivilegeManagement"`
}

// GrantOnAccountObject targets an account-level object
// (GrantPrivilegesToAccountRoleOnAccountObject).
type GrantOnAccountObject struct {
	// ObjectType is USER, WAREHOUSE, DATABASE, INTEGRATION, ... Required.
	ObjectType pulumi.StringInput `wire:"objectType,required"`
	// ObjectName is the object's name. Required.
	ObjectName pulumi.StringInput `wire:"objectName,required"`
}

// GrantOnSchema targets schemas (GrantPrivilegesToAccountRoleOnSchema). Set
// exactly one field.
type GrantOnSchema struct {
	// SchemaName is one fully qualified schema.
	SchemaName pulumi.StringPtrInput `wire:"schemaName"`
	// AllSchemasInDatabase targets all schemas in the database.
	AllSchemasInDatabase pulumi.StringPtrInput `wire:"allSchemasInDatabase"`
	// FutureSchemasInDatabase targets future schemas in the database.
	FutureSchemasInDatabase pulumi.StringPtrInput `wire:"futureSchemasInDatabase"`
}

// GrantOnSchemaObject targets schema objects
// (GrantPrivilegesToAccountRoleOnSchemaObject): either one object
// (ObjectType + ObjectName) or a bulk target (All or Future).
type GrantOnSchemaObject struct {
	// ObjectType is the type of the single object, e.g. TABLE.
	ObjectType pulumi.StringPtrInput `wire:"objectType"`
	// ObjectName is the fully qualified name of the single object.
	ObjectName pulumi.StringPtrInput `wire:"objectName"`
	// All targets all existing objects of a type.
	All *GrantOnSchemaObjectBulk `wire:"all"`
	// Future targets future objects of a type.
	Future *GrantOnSchemaObjectBulk `wire:"future"`
}

// GrantOnSchemaObjectBulk is the all / future target shape. Set InDatabase or InSchema.
type GrantOnSchemaObjectBulk struct {
	// ObjectTypePlural is e.g. TABLES or VIEWS. Required.
	ObjectTypePlural pulumi.StringInput `wire:"objectTypePlural,required"`
	// InDatabase limits the target to a database.
	InDatabase pulumi.StringPtrInput `wire:"inDatabase"`
	// InSchema limits the target to a fully qualified schema.
	InSchema pulumi.StringPtrInput `wire:"inSchema"`
}

// NewGrantPrivilegesToAccountRole registers a privilege grant.
// AccountRoleName is required, and exactly one of OnAccount, OnAccountObject,
// OnSchema and OnSchemaObject must be set.
func NewGrantPrivilegesToAccountRole(ctx *pulumi.Context, name string, args *GrantPrivilegesToAccountRoleArgs, opts ...pulumi.ResourceOption) (*GrantPrivilegesToAccountRole, error) {
	a := args
	if a == nil {
		a = &GrantPrivilegesToAccountRoleArgs{}
	}
	if err := exactlyOne([]string{"OnAccount", "OnAccountObject", "OnSchema", "OnSchemaObject"},
		a.OnAccount, a.OnAccountObject, a.OnSchema, a.OnSchemaObject); err != nil {
		return nil, fmt.Errorf("%s %q: %w", label(GrantPrivilegesToAccountRoleType), name, err)
	}
	return create[GrantPrivilegesToAccountRole](ctx, GrantPrivilegesToAccountRoleType, name, args, opts)
}
