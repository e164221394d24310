package iampolicy

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// AssumeRoleFor is the trust policy of a role that an AWS service assumes.
// The role can be assumed only on behalf of resources in account (the
// confused-deputy guard AWS recommends): pass the account id, known at deploy
// time.
func AssumeRoleFor(service string, account pulumi.StringInput) Document {
	return Document{Statements: []Statement{{
		Sid:        "AssumeRoleFrom" + principalSid(service),
		Principals: map[string][]pulumi.StringInput{"Service": Strings(service)},
		Actions:    []string{"sts:AssumeRole"},
		Conditions: []Condition{{Operator: "StringEquals", Key: "aws:SourceAccount", Values: Inputs(account)}},
	}}}
}

// PassRoleTo allows iam:PassRole on roles, only when they are handed to
// service (the iam:PassedToService condition).
func PassRoleTo(sid, service string, roles ...pulumi.StringInput) Statement {
	return Statement{
		Sid:        sid,
		Actions:    []string{"iam:PassRole"},
		Resources:  roles,
		Conditions: []Condition{{Operator: "StringEquals", Key: "iam:PassedToService", Values: Strings(service)}},
	}
}

func principalSid(service string) string {
	out := make([]rune, 0, len(service))
	upper := true
	for _, r := range service {
		switch {
		case r == '.' || r == '-':
			upper = true
		case upper && r >= 'a' && r <= 'z':
			out = append(out, r-'a'+'A')
			upper = false
		default:
			out = append(out, r)
			upper = false
		}
	}
	return string(out)
}

// DenyInsecureTransport denies every request made without TLS, for bucket,
// queue and topic policies. action is e.g. "sqs:*"; resources are the ARNs
// the policy guards.
func DenyInsecureTransport(action string, resources ...pulumi.StringInput) Statement {
	return Statement{
		Sid:        "DenyInsecureTransport",
		Effect:     Deny,
		Principals: map[string][]pulumi.StringInput{"AWS": Strings("*")},
		Actions:    []string{action},
		Resources:  resources,
		Conditions: []Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: Strings("false")}},
	}
}

// AccountAdministersKey is the first statement of every KMS key policy
// schedkit writes: the account (root) may administer and use the key, which
// lets IAM policies in the account grant use of it. It is a key policy
// statement, so kms:* on the key itself is the standard form.
func AccountAdministersKey(accountRoot pulumi.StringInput) Statement {
	return Statement{
		Sid:        "AccountAdministersKey",
		Principals: map[string][]pulumi.StringInput{"AWS": Inputs(accountRoot)},
		Actions:    []string{"kms:*"},
		Resources:  Strings("*"), // a key policy's resource is the key itself
	}
}
