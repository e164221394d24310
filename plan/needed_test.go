package plan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNeeded_whatAKeptResourceDependsOnInItsComponent: a Firehose (stateful)
// needs its role, the role's policy (and, through the policy, nothing more:
// the stream and bucket are stateful, kept by their own rule); a
// dependency in another component (a warehouse) is not its component's to
// keep, and a component or a resource nothing stateful depends on is not
// needed.
func TestNeeded_whatAKeptResourceDependsOnInItsComponent(t *testing.T) {
	const (
		comp      = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor::clicks"
		other     = "urn:pulumi:prod::p::schedkit:snowflake:Warehouse::wh"
		firehose  = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream::clicks-sink"
		role      = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:iam/role:Role::clicks-sink-role"
		policy    = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:iam/rolePolicy:RolePolicy::clicks-sink-policy"
		stream    = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:kinesis/stream:Stream::clicks-stream"
		fnRole    = "urn:pulumi:prod::p::schedkit:aws:StreamProcessor$aws:iam/role:Role::clicks-function-role"
		warehouse = "urn:pulumi:prod::p::schedkit:snowflake:Warehouse$snowflake:index/warehouse:Warehouse::wh"
	)
	p := &Plan{Resources: []Resource{
		{URN: comp, Type: "schedkit:aws:StreamProcessor", Name: "clicks"},
		{URN: other, Type: "schedkit:snowflake:Warehouse", Name: "wh"},
		{URN: stream, Type: "aws:kinesis/stream:Stream", Name: "clicks-stream", Custom: true, Parent: comp},
		{URN: role, Type: "aws:iam/role:Role", Name: "clicks-sink-role", Custom: true, Parent: comp},
		{URN: policy, Type: "aws:iam/rolePolicy:RolePolicy", Name: "clicks-sink-policy", Custom: true, Parent: comp, Dependencies: []string{role, stream}},
		{URN: fnRole, Type: "aws:iam/role:Role", Name: "clicks-function-role", Custom: true, Parent: comp},
		{URN: warehouse, Type: "snowflake:index/warehouse:Warehouse", Name: "wh", Custom: true, Parent: other},
		{URN: firehose, Type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", Name: "clicks-sink", Custom: true, Parent: comp,
			Dependencies: []string{comp, stream, policy, warehouse}},
	}}
	by := "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink"
	assert.Equal(t, map[string]string{policy: by, role: by}, Needed(p))
}
