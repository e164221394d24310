// Command program is the Pulumi program Pulumi.yaml points at: it runs
// stacks.Program, the same function `schedkit synth` renders offline.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/stacks"
)

func main() { pulumi.Run(stacks.Program) }
