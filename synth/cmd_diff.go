package synth

import (
	"fmt"
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// runDiff is `diff` (issue 10; being written).
func runDiff(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "diff: not available yet")
	return 2
}
