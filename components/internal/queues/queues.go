// Package queues creates the dead-letter and failure queues schedkit
// components send to: encrypted at rest with SQS-managed keys, TLS-only, and
// kept for the SQS maximum of 14 days.
package queues

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/keep"
)

// RetentionSeconds is how long failed messages are kept: 14 days, the SQS maximum.
const RetentionSeconds = 14 * 24 * 60 * 60

// Queue is a created dead-letter queue.
type Queue struct {
	Queue  *sqs.Queue
	Policy *sqs.QueuePolicy
}

// NewDeadLetter creates an encrypted queue and its TLS-only policy (a
// separate child named name+"-policy"). kept says whether the queue, with
// the messages in it, is retained and protected, and its policy (a guard)
// retained, when the component is deleted; opts carry the parent.
func NewDeadLetter(ctx *pulumi.Context, name string, tags pulumi.StringMap, kept keep.Policy, opts ...pulumi.ResourceOption) (*Queue, error) {
	return NewDeadLetterWithStatements(ctx, name, tags, kept, nil, opts...)
}

// NewDeadLetterWithStatements is NewDeadLetter with more statements in the
// queue's policy, after the TLS-only deny. A queue has a single policy, so a
// service that sends with the queue's resource policy rather than a role
// (EventBridge delivering a rule target's dead letters, for one) gets its
// grant here. statements receives the queue's ARN, which the grant names;
// nil adds none.
func NewDeadLetterWithStatements(ctx *pulumi.Context, name string, tags pulumi.StringMap, kept keep.Policy, statements func(queueArn pulumi.StringOutput) []iampolicy.Statement, opts ...pulumi.ResourceOption) (*Queue, error) {
	q, err := sqs.NewQueue(ctx, name, &sqs.QueueArgs{
		SqsManagedSseEnabled:    pulumi.Bool(true),
		MessageRetentionSeconds: pulumi.Int(RetentionSeconds),
		Tags:                    tags,
	}, kept.Stateful(opts...)...)
	if err != nil {
		return nil, err
	}
	doc := iampolicy.Document{Statements: []iampolicy.Statement{iampolicy.DenyInsecureTransport("sqs:*", q.Arn)}}
	if statements != nil {
		doc.Statements = append(doc.Statements, statements(q.Arn)...)
	}
	p, err := sqs.NewQueuePolicy(ctx, name+"-policy", &sqs.QueuePolicyArgs{
		QueueUrl: q.Url,
		Policy:   doc.Render(),
	}, kept.Guard(opts...)...)
	if err != nil {
		return nil, err
	}
	return &Queue{Queue: q, Policy: p}, nil
}
