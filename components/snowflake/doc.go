// Package snowflake holds thin, typed, hand-written Go bindings for the Pulumi
// Snowflake provider plugin v2.17.0 (github.com/pulumi/pulumi-snowflake, which
// bridges snowflakedb/terraform-provider-snowflake v2.17.0).
//
// The generated Pulumi Snowflake Go SDK is not used. Each binding registers the
// provider's own resource token with the exact wire (input) names of v2.17.0,
// so the engine talks to the same plugin as the generated SDK would:
//
//	db, err := snowflake.NewDatabase(ctx, "raw", &snowflake.DatabaseArgs{
//		Name: pulumi.String("RAW"),
//	})
//
// # Plugin
//
// Every resource is registered with pulumi.Version("2.17.0") placed in front of
// the caller's options, so a caller-supplied pulumi.Version wins. No plugin
// download URL is set: the engine fetches the plugin from Pulumi's default
// source. The package directory ships a matching pulumi-plugin.json; where the
// plugin cannot be fetched automatically, install it up front with
//
//	pulumi plugin install resource snowflake v2.17.0
//
// # Preview features
//
// Several resources (Pipe, StageExternalS3, StorageIntegrationAws,
// NotificationIntegration, Table, FileFormat, DynamicTable, Alert, ...) are
// preview features of the provider: they fail at apply/refresh time unless
// their feature name is listed in the provider's previewFeaturesEnabled. See
// [PreviewFeature] and [PreviewFeaturesFor]. An explicit provider created with
// [NewProvider] does not read the stack's snowflake:* configuration
// (pulumi-snowflake issue #1081), so pass the list in
// [ProviderArgs.PreviewFeaturesEnabled].
//
// # Conventions
//
//   - Every XArgs field carries a `wire:"name[,required][,secret]"` tag naming
//     its wire property; one shared marshaller (see register) turns args into
//     the registered input map, enforces required fields and marks secrets.
//   - A nil required field makes the constructor fail before anything is
//     registered, with an error such as
//     snowflake.Task "t": `Database` is required.
//   - Optional scalar inputs use the pulumi.XPtrInput types; nil means unset.
//   - Tri-state fields are strings that take "true", "false" or nothing.
//   - Every resource leaves `name` optional: when it is nil the provider
//     auto-names the object from the Pulumi logical name plus a random suffix.
package snowflake
