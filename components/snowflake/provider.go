package snowflake

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Provider is an explicit instance of the Snowflake provider
// (pulumi:providers:snowflake). Pass it to resources with pulumi.Provider.
//
// An explicit provider does not read the stack's snowflake:* configuration
// (pulumi-snowflake issue #1081): everything it needs, in particular
// previewFeaturesEnabled, must be set in [ProviderArgs]. The plugin itself
// still reads SNOWFLAKE_* environment variables for fields left unset.
type Provider struct {
	pulumi.ProviderResourceState
}

// ProviderArgs configures an explicit Snowflake provider. All fields are
// optional; field names follow the provider's configuration keys
// (snowflake:<wireName> in stack config).
type ProviderArgs struct {
	// OrganizationName is the organization part of the account identifier (SNOWFLAKE_ORGANIZATION_NAME).
	OrganizationName pulumi.StringPtrInput `wire:"organizationName"`
	// AccountName is the account part of the account identifier (SNOWFLAKE_ACCOUNT_NAME).
	AccountName pulumi.StringPtrInput `wire:"accountName"`
	// User is the login name (SNOWFLAKE_USER).
	User pulumi.StringPtrInput `wire:"user"`
	// Role is the default session role (SNOWFLAKE_ROLE).
	Role pulumi.StringPtrInput `wire:"role"`
	// Warehouse is the default session warehouse (SNOWFLAKE_WAREHOUSE).
	Warehouse pulumi.StringPtrInput `wire:"warehouse"`
	// Authenticator selects the auth flow: SNOWFLAKE, SNOWFLAKE_JWT, OAUTH,
	// EXTERNALBROWSER, OKTA, USERNAMEPASSWORDMFA, PROGRAMMATIC_ACCESS_TOKEN,
	// OAUTH_CLIENT_CREDENTIALS, OAUTH_AUTHORIZATION_CODE, WORKLOAD_IDENTITY or
	// TOKENACCESSOR.
	Authenticator pulumi.StringPtrInput `wire:"authenticator"`
	// Password is the password, or a PAT for PROGRAMMATIC_ACCESS_TOKEN. Secret.
	// Cannot be combined with PrivateKey.
	Password pulumi.StringPtrInput `wire:"password,secret"`
	// PrivateKey is the PEM private key for key-pair (SNOWFLAKE_JWT) auth. Secret.
	PrivateKey pulumi.StringPtrInput `wire:"privateKey,secret"`
	// PrivateKeyPassphrase decrypts an encrypted PrivateKey. Secret.
	PrivateKeyPassphrase pulumi.StringPtrInput `wire:"privateKeyPassphrase,secret"`
	// Token is an OAuth or other token. Secret.
	Token pulumi.StringPtrInput `wire:"token,secret"`
	// Passcode is an MFA passcode. Secret.
	Passcode pulumi.StringPtrInput `wire:"passcode,secret"`
	// PasscodeInPassword means the MFA code is appended to Password.
	PasscodeInPassword pulumi.BoolPtrInput `wire:"passcodeInPassword"`
	// OauthClientId is the OAuth client ID. Secret.
	OauthClientId pulumi.StringPtrInput `wire:"oauthClientId,secret"`
	// OauthClientSecret is the OAuth client secret. Secret.
	OauthClientSecret pulumi.StringPtrInput `wire:"oauthClientSecret,secret"`
	// OauthAuthorizationUrl is the OAuth authorization endpoint. Secret.
	OauthAuthorizationUrl pulumi.StringPtrInput `wire:"oauthAuthorizationUrl,secret"`
	// OauthTokenRequestUrl is the OAuth token endpoint. Secret.
	OauthTokenRequestUrl pulumi.StringPtrInput `wire:"oauthTokenRequestUrl,secret"`
	// OauthRedirectUri is the OAuth redirect URI. Secret.
	OauthRedirectUri pulumi.StringPtrInput `wire:"oauthRedirectUri,secret"`
	// OauthScope lists the OAuth scopes.
	OauthScope pulumi.StringPtrInput `wire:"oauthScope"`
	// Profile names a profile in the TOML config file (~/.snowflake/config).
	Profile pulumi.StringPtrInput `wire:"profile"`
	// Host overrides the endpoint host (e.g. for PrivateLink).
	Host pulumi.StringPtrInput `wire:"host"`
	// Port overrides the endpoint port.
	Port pulumi.IntPtrInput `wire:"port"`
	// Protocol overrides the endpoint protocol (http or https).
	Protocol pulumi.StringPtrInput `wire:"protocol"`
	// ProxyHost is the HTTP proxy host.
	ProxyHost pulumi.StringPtrInput `wire:"proxyHost"`
	// ProxyPort is the HTTP proxy port.
	ProxyPort pulumi.IntPtrInput `wire:"proxyPort"`
	// ProxyUser is the HTTP proxy user.
	ProxyUser pulumi.StringPtrInput `wire:"proxyUser"`
	// ProxyPassword is the HTTP proxy password. Secret.
	ProxyPassword pulumi.StringPtrInput `wire:"proxyPassword,secret"`
	// ProxyProtocol is the HTTP proxy protocol.
	ProxyProtocol pulumi.StringPtrInput `wire:"proxyProtocol"`
	// NoProxy lists hosts that bypass the proxy.
	NoProxy pulumi.StringPtrInput `wire:"noProxy"`
	// Params are extra session parameters.
	Params pulumi.StringMapInput `wire:"params"`
	// PreviewFeaturesEnabled opts in to preview-feature resources by their
	// snake_case names; build it with [PreviewFeaturesFor]. Sent as the wire
	// property previewFeaturesEnabled. Empty means none.
	PreviewFeaturesEnabled []string `wire:"previewFeaturesEnabled"`
}

// NewProvider registers an explicit Snowflake provider (pulumi:providers:snowflake,
// plugin v2.17.0). Secret fields are sent as secrets. args may be nil.
//
//	prov, err := snowflake.NewProvider(ctx, "sf", &snowflake.ProviderArgs{
//		OrganizationName:       pulumi.String("ORG"),
//		AccountName:            pulumi.String("ACCT"),
//		User:                   pulumi.String("DEPLOYER"),
//		Authenticator:          pulumi.String("SNOWFLAKE_JWT"),
//		PrivateKey:             cfg.RequireSecret("privateKey"),
//		PreviewFeaturesEnabled: snowflake.PreviewFeaturesFor(snowflake.PipeType, snowflake.TableType),
//	})
func NewProvider(ctx *pulumi.Context, name string, args *ProviderArgs, opts ...pulumi.ResourceOption) (*Provider, error) {
	return create[Provider](ctx, ProviderType, name, args, opts)
}
