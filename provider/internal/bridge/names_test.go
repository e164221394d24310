package bridge

import (
	"reflect"
	"testing"

	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
)

func TestWireName(t *testing.T) {
	for goName, want := range map[string]string{
		"Image":                      "image",
		"MaxRuntime":                 "maxRuntime",
		"ExternalID":                 "externalId",
		"ECSTask":                    "ecsTask",
		"SQL":                        "sql",
		"S3Uri":                      "s3Uri",
		"ItemsS3Uri":                 "itemsS3Uri",
		"S3Trigger":                  "s3Trigger",
		"AssignPublicIP":             "assignPublicIp",
		"MaxPayloadMB":               "maxPayloadMb",
		"EphemeralStorageGiB":        "ephemeralStorageGiB",
		"SupportedResponseMIMETypes": "supportedResponseMimeTypes",
	} {
		if got := WireName(goName); got != want {
			t.Errorf("WireName(%q) = %q, want %q", goName, got, want)
		}
	}
}

func TestWirePath(t *testing.T) {
	for _, c := range []struct {
		t          reflect.Type
		path, want string
	}{
		{reflect.TypeFor[cronjob.CronJobArgs](), "Cpu", "cpu"},
		{reflect.TypeFor[cronjob.CronJobArgs](), "MaxRuntime", "maxRuntimeSeconds"},
		{reflect.TypeFor[cronjob.CronJobArgs](), "Schedule.Expression", "schedule.expression"},
		{reflect.TypeFor[cronjob.CronJobArgs](), "TaskPolicyStatements[1].Actions[0]", "taskPolicyStatements[1].actions[0]"},
		{reflect.TypeFor[cronjob.CronJobArgs](), "Environment[DB_PASSWORD]", "environment[DB_PASSWORD]"},
		{reflect.TypeFor[batch.BatchWorkflowArgs](), "Steps[0].Map.Step.Timeout", "steps[0].map.step.timeoutSeconds"},
		{reflect.TypeFor[cronjob.CronJobArgs](), "args", "args"},                       // not a field: kept
		{reflect.TypeFor[cronjob.CronJobArgs](), "Schedule.Nope.X", "schedule.Nope.X"}, // the rest kept
	} {
		if got := WirePath(c.t, c.path); got != c.want {
			t.Errorf("WirePath(%v, %q) = %q, want %q", c.t, c.path, got, c.want)
		}
	}
}
