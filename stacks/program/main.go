// Command program is the Pulumi program Pulumi.yaml points at: it runs
// stacks.Program under cli.Main, so `pulumi up` deploys it and
// `go run ./stacks/program synth --stack dev` renders it offline, just like
// cmd/schedkit.
package main

import (
	"github.com/schedkit/schedkit/cli"
	"github.com/schedkit/schedkit/stacks"
)

func main() { cli.Main(stacks.Program) }
