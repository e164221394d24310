package synth

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Main was a program's main before the command line moved to package cli,
// so that this package, the offline engine, imports no reader of plans and
// a deploy binary links none. It can no longer offer the offline
// subcommands: run by the Pulumi engine it is pulumi.Run(program), as
// before, so deployments are unchanged; run by hand it says where the
// subcommands went and exits with status 2.
//
// Deprecated: make main `cli.Main(program)`, from
// github.com/schedkit/schedkit/cli: the same deployment under `pulumi up`,
// and synth, diff, cost and version when run by hand.
func Main(program pulumi.RunFunc) {
	// The variables the language host sets, as in cli.Main.
	if os.Getenv(pulumi.EnvMonitor) != "" || os.Getenv(pulumi.EnvEngine) != "" || os.Getenv("PULUMI_PLUGINS") != "" {
		pulumi.Run(program)
		return
	}
	fmt.Fprintln(os.Stderr, "synth.Main no longer runs the offline commands: make the program's main "+
		"cli.Main(program), from github.com/schedkit/schedkit/cli, for synth, diff, cost and version.")
	os.Exit(2)
}
