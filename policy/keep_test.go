package policy_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/plan"
	"github.com/schedkit/schedkit/policy"
)

const (
	bucketT       = "aws:s3/bucket:Bucket"
	bucketPolicyT = "aws:s3/bucketPolicy:BucketPolicy"
)

// keptPlan is a plan of stack with a kept bucket, an unprotected bucket, an
// unretained bucket policy and a role, with config.
func keptPlan(stack string, config map[string]string) *plan.Plan {
	kept := resource(bucketT, "archive", nil)
	kept.Protect, kept.RetainOnDelete = true, true
	bare := resource(bucketT, "landing", nil)
	bare.RetainOnDelete = true
	return &plan.Plan{Project: "schedkit", Stack: stack, Config: config, Resources: []plan.Resource{
		kept, bare, resource(bucketPolicyT, "archive-policy", nil), resource(roleT, "reader", nil),
	}}
}

func keepViolations(p *plan.Plan) []string {
	var out []string
	for _, v := range policy.Evaluate(p, policy.All()) {
		if v.Rule == "prod-stateful-kept" {
			out = append(out, v.Message)
		}
	}
	return out
}

func TestProdStatefulKept_namesEveryUnkeptResourceOfAProdPlan(t *testing.T) {
	got := keepViolations(keptPlan("prod", map[string]string{"schedkit:env": "prod"}))
	assert.Equal(t, []string{
		`aws:s3/bucket:Bucket "landing" is not protect (deleting or replacing it loses its objects)`,
		`aws:s3/bucketPolicy:BucketPolicy "archive-policy" is not retainOnDelete (it is a bucket's TLS-only policy; a kept resource would be left without it)`,
	}, got, "the unprotected bucket and the unretained guard, by name; the kept bucket and the role pass")
}

func TestProdStatefulKept_checksOnlyProd(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stack  string
		config map[string]string
		prod   bool
	}{
		{"env prod", "main", map[string]string{"schedkit:env": "prod"}, true},
		{"env dev, whatever the stack's name", "prod", map[string]string{"schedkit:env": "dev"}, false},
		{"dev stack", "dev", map[string]string{"schedkit:env": "dev"}, false},
		{"no env: a plan read from JSON is prod by its stack name", "prod", nil, true},
		{"no env, stack staging", "staging", nil, false},
		{"another project's env key does not count", "dev", map[string]string{"other:env": "prod"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := keptPlan(tc.stack, tc.config)
			assert.Equal(t, tc.prod, policy.Prod(p))
			if tc.prod {
				assert.Len(t, keepViolations(p), 2)
			} else {
				assert.Empty(t, keepViolations(p), "a plan that is not prod is not checked")
			}
		})
	}
}

// TestProdStatefulKept_requiresWhatAKeptResourceNeeds: a kept Firehose whose
// role is not retained would stop delivering once a removal deletes the
// role (plan.Needed): prod fails naming the role and who needs it; the
// role retained, the plan passes.
func TestProdStatefulKept_requiresWhatAKeptResourceNeeds(t *testing.T) {
	firehose := resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "clicks-sink", nil)
	firehose.Protect, firehose.RetainOnDelete = true, true
	role := resource(roleT, "clicks-sink-role", nil)
	firehose.Dependencies = []string{role.URN}
	p := &plan.Plan{Project: "schedkit", Stack: "prod", Config: map[string]string{"schedkit:env": "prod"}, Resources: []plan.Resource{firehose, role}}
	assert.Equal(t, []string{
		`aws:iam/role:Role "clicks-sink-role" is not retainOnDelete (the kept aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream clicks-sink needs it to keep working)`,
	}, keepViolations(p))

	p.Resources[1].RetainOnDelete = true
	assert.Empty(t, keepViolations(p))
}

// lockedPlan is a prod plan of a schedkit component holding a protected
// bucket, with its delete lock protected or not, or without one.
func lockedPlan(lock string) *plan.Plan {
	comp := plan.Resource{URN: "urn:pulumi:prod::schedkit::schedkit:aws:StreamProcessor::clicks", Type: "schedkit:aws:StreamProcessor", Name: "clicks"}
	bucket := plan.Resource{URN: "urn:pulumi:prod::schedkit::schedkit:aws:StreamProcessor$aws:s3/bucket:Bucket::clicks-sink-bucket", Type: bucketT, Name: "clicks-sink-bucket",
		Custom: true, Parent: comp.URN, Protect: true, RetainOnDelete: true}
	p := &plan.Plan{Project: "schedkit", Stack: "prod", Resources: []plan.Resource{comp, bucket}}
	if lock != "none" {
		p.Resources = append(p.Resources, plan.Resource{URN: "urn:pulumi:prod::schedkit::schedkit:aws:StreamProcessor$schedkit:keep:DeleteLock::clicks-delete-lock",
			Type: plan.LockType, Name: "clicks-delete-lock", Parent: comp.URN, Dependencies: []string{bucket.URN}, Protect: lock == "protected"})
	}
	return p
}

// TestProdStatefulKept_requiresTheDeleteLockProtectedWithTheData: a
// protected lock passes (and is not itself a violation, though it holds no
// data); an unprotected or missing one is named on its component.
func TestProdStatefulKept_requiresTheDeleteLockProtectedWithTheData(t *testing.T) {
	assert.Empty(t, keepViolations(lockedPlan("protected")))
	assert.Equal(t, []string{`schedkit:aws:StreamProcessor "clicks" has protected data (aws:s3/bucket:Bucket clicks-sink-bucket) but its delete lock "clicks-delete-lock" is not protected, so an update without a preview that removes the component would delete its other children before failing on the data: set the component's Protect, which protects the lock with the data, rather than protecting the data alone`},
		keepViolations(lockedPlan("unprotected")))
	assert.Equal(t, []string{`schedkit:aws:StreamProcessor "clicks" has protected data (aws:s3/bucket:Bucket clicks-sink-bucket) but no delete lock (a schedkit:keep:DeleteLock child, which schedkit's constructors register last, keep.Policy.Lock), so an update without a preview that removes the component would delete its other children before failing on the data`},
		keepViolations(lockedPlan("none")))
	unprotected := lockedPlan("unprotected")
	unprotected.Resources[1].Protect = false
	assert.Equal(t, []string{`aws:s3/bucket:Bucket "clicks-sink-bucket" is not protect (deleting or replacing it loses its objects)`}, keepViolations(unprotected),
		"no protected data, no lock needed: only the data is named")
}
