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

// TestNeeded_aCompositeIsOneComponent: inside a composite, a part's kept
// resource needs what it depends on in another part (the composite is the
// outermost schedkit component above both: its parts are removed with it),
// and a resource outside every schedkit component is the program's.
func TestNeeded_aCompositeIsOneComponent(t *testing.T) {
	const (
		comp     = "urn:pulumi:prod::p::schedkit:pipelines:LambdaArchitecture::pay"
		proc     = "urn:pulumi:prod::p::schedkit:pipelines:LambdaArchitecture$schedkit:aws:StreamProcessor::pay-events"
		ingest   = "urn:pulumi:prod::p::schedkit:pipelines:LambdaArchitecture$schedkit:snowflake:SnowpipeIngest::pay-raw"
		firehose = "urn:pulumi:prod::p::schedkit:pipelines:LambdaArchitecture$schedkit:aws:StreamProcessor$aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream::pay-events-sink"
		role     = "urn:pulumi:prod::p::schedkit:pipelines:LambdaArchitecture$schedkit:snowflake:SnowpipeIngest$aws:iam/role:Role::pay-raw-role"
		program  = "urn:pulumi:prod::p::aws:iam/role:Role::own-role"
	)
	p := &Plan{Resources: []Resource{
		{URN: comp, Type: "schedkit:pipelines:LambdaArchitecture", Name: "pay"},
		{URN: proc, Type: "schedkit:aws:StreamProcessor", Name: "pay-events", Parent: comp},
		{URN: ingest, Type: "schedkit:snowflake:SnowpipeIngest", Name: "pay-raw", Parent: comp},
		{URN: role, Type: "aws:iam/role:Role", Name: "pay-raw-role", Custom: true, Parent: ingest},
		{URN: program, Type: "aws:iam/role:Role", Name: "own-role", Custom: true},
		{URN: firehose, Type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", Name: "pay-events-sink", Custom: true, Parent: proc,
			Dependencies: []string{role, program}},
	}}
	assert.Equal(t, map[string]string{role: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream pay-events-sink"}, Needed(p))
}
