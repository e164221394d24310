package cronjob

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/schedkit/schedkit/components/trigger"
)

func TestCronJob_defaults(t *testing.T) {
	a := withDefaults(*validArgs())
	assert.Equal(t, 256, a.Cpu)
	assert.Equal(t, 512, a.Memory)
	assert.Equal(t, "X86_64", a.CpuArchitecture)
	assert.Equal(t, "FARGATE", a.CapacityProvider)
	assert.Equal(t, time.Hour, a.MaxRuntime)
	assert.Equal(t, 3, a.StartAttempts)
	assert.Equal(t, 3, a.SkipAlarmRuns)
	assert.Equal(t, 3, DefaultSkipAlarmRuns)
	assert.Equal(t, 30*time.Second, a.StopTimeout)
	assert.Equal(t, 30, a.LogRetentionDays)
	assert.False(t, a.AssignPublicIP)
	assert.False(t, a.RetainOnDelete)
	assert.False(t, a.Protect)
	assert.Nil(t, a.ClusterArn)
	if assert.NotNil(t, a.Cluster) {
		assert.True(t, *a.Cluster.ContainerInsights)
	}
	assert.Equal(t, "UTC", a.Schedule.Timezone)
	assert.True(t, *a.Schedule.Enabled)
	assert.Equal(t, 3, *a.Schedule.RetryAttempts)
	assert.Equal(t, time.Hour, a.Schedule.MaxEventAge)
	assert.Equal(t, 0, a.Schedule.FlexibleWindowMinutes)
	assert.Equal(t, trigger.DefaultTimezone, a.Schedule.Timezone)
}

func TestCronJob_memoryDefaultsToTheSmallestSizeForCpu(t *testing.T) {
	for cpu, want := range map[int]int{256: 512, 512: 1024, 1024: 2048, 2048: 4096, 4096: 8192, 8192: 16384, 16384: 32768} {
		args := *validArgs()
		args.Cpu = cpu
		assert.Equal(t, want, withDefaults(args).Memory, "cpu %d", cpu)
	}
}
