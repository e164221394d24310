package policy_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/policy"
)

func TestCredentialName_readsWholeWordsAndLetsReferencesThrough(t *testing.T) {
	cases := map[string]bool{
		"DB_PASSWORD":              true,
		"db_password":              true,
		"dbPassword":               true,
		"STRIPE_API_KEY":           true,
		"AWS_SECRET_ACCESS_KEY":    true,
		"GITHUB_TOKEN":             true,
		"SNOWFLAKE_PRIVATE_KEY":    true,
		"KEY_PASSPHRASE":           true,
		"SERVICE_CREDENTIALS":      true,
		"APIKEY":                   true,
		"apikey":                   true,
		"passwd":                   true,
		"CLIENT_SECRET":            true,
		"AWS_ACCESS_KEY_ID":        true,
		"GOOGLE_CREDENTIALS":       true,
		"KEY_PREFIX":               false,
		"QUEUE_URL":                false,
		"DB_SECRET_ARN":            false,
		"API_TOKEN_PARAMETER_NAME": false,
		"SIGNING_KEY_ID":           false,
		"PASSWORD_FILE":            false,
		"TOKENIZER_MODEL":          false,
		"SECRETARY_EMAIL":          false,
		"REPORT_BUCKET":            false,
		"PRIMARY_KEY_COLUMN":       false,
		"LOG_LEVEL":                false,
		"":                         false,
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, want, policy.CredentialName(name))
		})
	}
}
