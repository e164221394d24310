package cli

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Version is schedkit's release: the tag a program requires with
// `go get github.com/schedkit/schedkit@<Version>`, and the heading of its
// entry in CHANGELOG.md. Components' type tokens, child names and defaults
// change only as the README's compatibility promise says.
const Version = "v0.1.0"

const versionUsage = "version"

// modulePath is the schedkit module, as a program's build info names it.
const modulePath = "github.com/schedkit/schedkit"

// runVersion is `version`: the schedkit release the program is built with.
func runVersion(args []string, _ pulumi.RunFunc, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: "+versionUsage)
		return 2
	}
	fmt.Fprintln(stdout, versionLine(buildModuleVersion()))
	return 0
}

// versionLine is "schedkit <Version>", with the module version the program
// was built against when Go recorded one that differs (a pseudo-version of
// an untagged commit, say).
func versionLine(module string) string {
	line := "schedkit " + Version
	if module != "" && module != "(devel)" && module != Version {
		line += " (module " + modulePath + " " + module + ")"
	}
	return line
}

// buildModuleVersion reads schedkit's module version from the running
// program's build info: the dependency's version in a user's program, ""
// when schedkit is the main module or replaced by a local folder.
func buildModuleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, dep := range info.Deps {
		if dep.Path == modulePath && dep.Replace == nil {
			return dep.Version
		}
	}
	return ""
}
