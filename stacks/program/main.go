// Command program is the Pulumi program Pulumi.yaml points at: it runs
// stacks.Program under synth.Main, so `pulumi up` deploys it and
// `go run ./stacks/program synth --stack dev` renders it offline, just like
// cmd/schedkit.
package main

import (
	"github.com/schedkit/schedkit/stacks"
	"github.com/schedkit/schedkit/synth"
)

func main() { synth.Main(stacks.Program) }
