package synth

import (
	"fmt"
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// runCost is `cost` (issue 11; being written).
func runCost(args []string, program pulumi.RunFunc, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "cost: not available yet")
	return 2
}
