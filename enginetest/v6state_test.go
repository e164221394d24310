package enginetest_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/enginetest"
)

var recordV6 = flag.Bool("record-v6", false, "deploy every stack with this (pulumi-aws v6) program and write its state to testdata/v6/<stack>.json")

// The state a pulumi-aws v6 deployment of each stack leaves, recorded once
// at the last v6 commit (go test ./enginetest -run RecordV6 -record-v6) and
// committed: the upgrade test updates it with the v7 program. Without the
// flag this test checks that each fixture reads back as a state with the
// v6 stand-in's default provider.
func TestStacks_RecordV6State(t *testing.T) {
	for _, name := range []string{"dev", "staging", "prod"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "v6", name+".json")
			if *recordV6 {
				p := stack(t, name)
				deployed := deployAsPlanned(t, p)
				require.NoError(t, enginetest.WriteState(path, deployed))
			}
			snap, err := enginetest.ReadState(path)
			require.NoError(t, err)
			require.NoError(t, snap.VerifyIntegrity())
			found := false
			for _, r := range snap.Resources {
				if r.URN.Name() == "default_6_83_4" {
					found = true
				}
			}
			require.True(t, found, "the state was written by the aws 6.83.4 default provider")
		})
	}
}
