package enginetest_test

import (
	"sort"

	"github.com/pulumi/pulumi/pkg/v3/display"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func keys(m map[display.StepOp][]resource.URN) []string {
	var out []string
	for k := range m {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}

func sortURNs(u []resource.URN) { sort.Slice(u, func(i, j int) bool { return u[i] < u[j] }) }

func opNames(ops []display.StepOp) []string {
	out := make([]string, len(ops))
	for i, o := range ops {
		out[i] = string(o)
	}
	return out
}
