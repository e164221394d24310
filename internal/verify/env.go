package verify

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// EnvName accepts an environment variable name a container or function can
// be given: a letter or underscore, then letters, digits and underscores.
func EnvName(s string) error {
	if !envName.MatchString(s) {
		return fmt.Errorf("name %q is not a valid environment variable name (a letter or _, then letters, digits and _)", s)
	}
	return nil
}

// credentialWords are the words (between underscores) that name a credential.
var credentialWords = map[string]bool{
	"PASSWORD": true, "PASSWD": true, "PWD": true, "SECRET": true, "TOKEN": true,
	"CREDENTIAL": true, "CREDENTIALS": true, "PASSPHRASE": true,
	"PRIVATEKEY": true, "APIKEY": true, "ACCESSKEY": true, "SECRETKEY": true,
}

// credentialPairs are two-word credential names: PRIVATE_KEY, API_KEY, ...
var credentialPairs = map[string]bool{"PRIVATE_KEY": true, "API_KEY": true, "ACCESS_KEY": true, "SECRET_KEY": true, "AUTH_KEY": true}

// referenceWords end a name that points at a credential instead of holding
// one: DB_SECRET_ARN, API_TOKEN_PARAMETER_NAME, SECRET_ID.
var referenceWords = map[string]bool{"ARN": true, "NAME": true, "ID": true, "PATH": true, "URL": true, "URI": true, "FILE": true, "ENDPOINT": true, "PARAMETER": true, "KEY_ID": true}

// CredentialName reports whether an environment variable name says its value
// is a credential (DB_PASSWORD, STRIPE_API_KEY, githubToken), reading whole
// words so that TOKENIZER_MODEL passes, and letting references through
// (DB_SECRET_ARN, SIGNING_KEY_ID).
func CredentialName(name string) bool {
	words := splitWords(name)
	if len(words) == 0 {
		return false
	}
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "ACCESS" && words[i+1] == "KEY" {
			return true // AWS_ACCESS_KEY_ID is half of a key pair, not a reference
		}
	}
	last := words[len(words)-1]
	if referenceWords[last] || (len(words) > 1 && referenceWords[words[len(words)-2]+"_"+last]) {
		return false
	}
	for i, w := range words {
		if credentialWords[w] {
			return true
		}
		if i+1 < len(words) && credentialPairs[w+"_"+words[i+1]] {
			return true
		}
	}
	return false
}

// PlaintextEnv accepts a variable to pass in plaintext: a valid name that
// does not name a credential. where says where credentials go instead.
func PlaintextEnv(name, where string) error {
	if err := EnvName(name); err != nil {
		return err
	}
	if CredentialName(name) {
		return fmt.Errorf("%q looks like a credential; %s, never as plaintext", name, where)
	}
	return nil
}

// splitWords splits an identifier on underscores, dashes and lower-to-upper
// case changes, upper-casing each word: "dbPassword" → [DB PASSWORD].
func splitWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToUpper(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(name)
	for i, r := range runes {
		switch {
		case r == '_' || r == '-' || r == '.':
			flush()
		case i > 0 && unicode.IsUpper(r) && unicode.IsLower(runes[i-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}
