// Command schedkit is this repository's stacks program (stacks.Program) under
// cli.Main: offline, without cloud credentials or the Pulumi CLI, it
// renders, compares and prices the plan of a stack:
//
//	schedkit synth --stack dev                 # tree like `pulumi preview`, policy check
//	schedkit synth --stack prod --out plan.json
//	schedkit synth --stack dev --format mermaid
//	schedkit diff --stack prod --base HEAD~1
//	schedkit cost --stack prod
//
// It reads the same Pulumi.yaml and Pulumi.<stack>.yaml that `pulumi up -s
// <stack>` reads, runs the very same program as stacks/program, and exits
// non-zero on a program error, a policy violation or a failed gate.
package main

import (
	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/stacks"
)

func main() { cli.Main(stacks.Program) }
