package diff

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// AckFile is the name of the reviewed file, next to Pulumi.yaml, that
// acknowledges stateful losses a change intends:
//
//	acknowledged:
//	  - stack: prod
//	    urn: urn:pulumi:prod::schedkit::schedkit:aws:CronJob$aws:s3/bucket:Bucket::old-reports
//	    reason: reports moved to the data lake bucket (ticket OPS-123); the old objects were copied
const AckFile = "schedkit-acknowledged.yaml"

// Ack is one reviewed acknowledgement that a stateful resource of a stack
// may be deleted, replaced or renamed, and why.
type Ack struct {
	Stack  string `yaml:"stack" json:"stack"`
	URN    string `yaml:"urn" json:"urn"`
	Reason string `yaml:"reason" json:"reason"`
}

// ReadAcks reads an acknowledgement file. An absent file acknowledges
// nothing; an entry without a stack, a URN or a reason is an error.
func ReadAcks(path string) ([]Ack, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading acknowledgements: %w", err)
	}
	defer f.Close()
	var doc struct {
		Acknowledged []Ack `yaml:"acknowledged"`
	}
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading acknowledgements %s: %w", path, err)
	}
	var problems []error
	for i, a := range doc.Acknowledged {
		var missing []string
		for _, field := range []struct{ name, value string }{{"stack", a.Stack}, {"urn", a.URN}, {"reason", a.Reason}} {
			if strings.TrimSpace(field.value) == "" {
				missing = append(missing, field.name)
			}
		}
		if len(missing) > 0 {
			problems = append(problems, fmt.Errorf("%s: entry %d (urn %q) has no %s: every acknowledgement names its stack and URN and says why the loss is intended",
				path, i+1, a.URN, strings.Join(missing, ", ")))
		}
	}
	if err := errors.Join(problems...); err != nil {
		return nil, err
	}
	return doc.Acknowledged, nil
}

// Acknowledge records, on each stateful loss of the report, the reason of
// the acknowledgement that names its stack and URN (for a rename, the old
// URN or the new one).
func (r *Report) Acknowledge(acks []Ack) {
	for i := range r.Changes {
		c := &r.Changes[i]
		if !c.Stateful() {
			continue
		}
		for _, a := range acks {
			if a.Stack == r.Stack && (a.URN == c.AckURN() || a.URN == c.URN) {
				c.Acknowledged = a.Reason
				break
			}
		}
	}
}

// Unacknowledged are the stateful losses no acknowledgement covers: what
// `--fail-on stateful` fails on.
func (r *Report) Unacknowledged() []Change {
	var out []Change
	for _, c := range r.StatefulLosses() {
		if c.Acknowledged == "" {
			out = append(out, c)
		}
	}
	return out
}
