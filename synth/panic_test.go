package synth

import (
	"errors"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun_returnsAPanicInTheProgramAsAnErrorNamingWhere(t *testing.T) {
	_, err := Run(func(ctx *pulumi.Context) error {
		var m map[string]int
		m["x"] = 1 // a bug in the program
		return nil
	}, Options{Project: "p", Stack: "dev"})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "synth p/dev: the program panicked: assignment to entry in nil map\n  at github.com/schedkit/schedkit/synth.TestRun_returnsAPanicInTheProgramAsAnErrorNamingWhere.func1 ("), err.Error())
	assert.Contains(t, err.Error(), "synth/panic_test.go:")

	_, err = Run(func(ctx *pulumi.Context) error {
		config.Require(ctx, "m:env")
		return nil
	}, Options{Project: "m", Stack: "dev"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the program requires configuration key m:env, which the stack does not set: add it to the stack file (Pulumi.<stack>.yaml) or give it a default in Pulumi.yaml\n  at ")
}

func TestRun_countsProblemsFoundTogether(t *testing.T) {
	a, b, c := errors.New("first"), errors.New("second"), errors.New("third")
	_, err := Run(func(*pulumi.Context) error { return errors.Join(a, errors.Join(b, c)) }, Options{Project: "p", Stack: "dev"})
	require.Error(t, err)
	assert.Equal(t, "synth p/dev: 3 problems:\n  - first\n  - second\n  - third", err.Error())
	assert.ErrorIs(t, err, c)

	_, err = Run(func(*pulumi.Context) error { return errors.Join(a) }, Options{Project: "p", Stack: "dev"})
	assert.Equal(t, "synth p/dev: first", err.Error(), "one problem needs no count")
}

func TestParsePanic(t *testing.T) {
	crash := "some output\npanic: boom\n\tsecond line [recovered]\n\ngoroutine 9 [running]:\n" +
		"github.com/acme/pipes.main.func1.1({0x0?, 0x0?})\n\t/src/pipes/main.go:20 +0x25\n" +
		"reflect.Value.call({0x1, 0x2})\n\t/usr/local/go/src/reflect/value.go:586 +0xf0c\n"
	p, ok := parsePanic(crash)
	require.True(t, ok)
	assert.Equal(t, "the program panicked: boom second line\n  at github.com/acme/pipes.main.func1.1 (/src/pipes/main.go:20)", p.Error())

	sdkFirst := "panic: x\n\ngoroutine 1 [running]:\nruntime.gopanic()\n\t/go/runtime/panic.go:1 +0x1\n" +
		"github.com/pulumi/pulumi/sdk/v3/go/internal.(*applier).Call(0x1)\n\t/mod/types.go:510 +0x1ad\n" +
		"github.com/acme/pipes.build(...)\n\t/src/pipes/build.go:7\n"
	p, ok = parsePanic(sdkFirst)
	require.True(t, ok)
	assert.Equal(t, "github.com/acme/pipes.build (/src/pipes/build.go:7)", p.frame, "the runtime's and the SDK's frames are skipped")

	for _, notACrash := range []string{"", "error: panic: in a message\n", "log says panic: x but no stacks"} {
		_, ok := parsePanic(notACrash)
		assert.False(t, ok, notACrash)
	}
}
