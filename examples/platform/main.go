// Command platform is the organisation's deployment: its data and ML
// pipelines (package stacks) on dev, staging and prod, each configured by
// its Pulumi.<stack>.yaml in this folder. `pulumi up --stack dev` here
// deploys it; run by hand, cli.Main plans it offline, without cloud
// credentials or the Pulumi CLI:
//
//	go run . synth --stack dev                 # tree like `pulumi preview`, policy check
//	go run . synth --stack prod --out plan.json
//	go run . diff --stack prod --base HEAD~1   # what the change does, gated on stateful losses
//	go run . cost --stack prod
//
// From the repository's root: go -C examples/platform run . synth --stack dev
package main

import (
	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/examples/platform/stacks"
)

func main() { cli.Main(stacks.Program) }
