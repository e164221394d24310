package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIAMPolicyChars_ignoresWhiteSpace(t *testing.T) {
	assert.Equal(t, 0, IAMPolicyChars(" \n\t\r"))
	assert.Equal(t, 24, IAMPolicyChars("{\n  \"Version\": \"2012-10-17\"\n}"))
}

func TestRoleInlinePolicies(t *testing.T) {
	half := `"` + strings.Repeat("a", MaxIAMRoleInline/2-2) + `"`
	cases := []struct {
		name string
		docs []string
		want string
	}{
		{"none", nil, ""},
		{"exactly the limit, across two policies", []string{half, half}, ""},
		{"white space is free", []string{half, half + strings.Repeat(" \n", 5000)}, ""},
		{"one over, across two policies", []string{half, half + "b"},
			"gives a role inline policies of 10241 characters (white space not counted); IAM allows 10240 for one role's inline policies together: grant fewer, wider resources (a prefix instead of many objects)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := RoleInlinePolicies(c.docs...)
			if c.want == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, c.want)
			}
		})
	}
}

func TestTopicPolicy_bytesUpTo30KB(t *testing.T) {
	assert.Equal(t, 30000, MaxSNSTopicPolicy)
	assert.NoError(t, TopicPolicy(strings.Repeat("a", MaxSNSTopicPolicy)))
	assert.EqualError(t, TopicPolicy(strings.Repeat(" ", MaxSNSTopicPolicy+1)),
		"gives the topic a policy of 30001 bytes; SNS allows 30000 (30 KB, read as 30,000 bytes) for one topic's policy: let fewer rules publish to this topic, and give the other components a topic of their own",
		"SNS counts bytes, white space too")
}
