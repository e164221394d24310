package bridge_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/resource"
	"github.com/pulumi/pulumi/pkg/v3/resource/deploy"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/iampolicy"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/trigger"
	"github.com/schedkit/schedkit/components/warehouse"
)

var (
	image   = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/export:2.3.1"
	subnets = []string{"subnet-0a0a0a0a", "subnet-0b0b0b0b"}
	groups  = []string{"sg-01010101"}
)

// cronJobArgs and cronJobWire are one CronJob's arguments, as a Go program
// and as a program in another language write them.
func cronJobArgs() cronjob.CronJobArgs {
	return cronjob.CronJobArgs{
		Image:       pulumi.String(image),
		Command:     []string{"export", "--date", "yesterday"},
		Cpu:         512,
		Environment: map[string]pulumi.StringInput{"MODE": pulumi.String("full")},
		StopTimeout: 45 * time.Second,
		MaxRuntime:  2 * time.Hour,
		TaskPolicyStatements: []iampolicy.Statement{{
			Actions: []string{"s3:PutObject"}, Resources: iampolicy.Strings("arn:aws:s3:::exports/daily/*"),
		}},
		Subnets:        pulumi.ToStringArray(subnets),
		SecurityGroups: pulumi.ToStringArray(groups),
		Schedule:       trigger.Schedule{Expression: "cron(30 1 * * ? *)", Timezone: "Europe/Berlin", MaxEventAge: 2 * time.Hour},
		AlertEmail:     "data-oncall@example.com",
		Tags:           map[string]string{"team": "data"},
	}
}

func cronJobWire() pulumi.Map {
	return pulumi.Map{
		"image":              pulumi.String(image),
		"command":            pulumi.ToStringArray([]string{"export", "--date", "yesterday"}),
		"cpu":                pulumi.Int(512),
		"environment":        pulumi.StringMap{"MODE": pulumi.String("full")},
		"stopTimeoutSeconds": pulumi.Int(45),
		"maxRuntimeSeconds":  pulumi.Int(7200),
		"taskPolicyStatements": pulumi.Array{pulumi.Map{
			"actions": pulumi.ToStringArray([]string{"s3:PutObject"}), "resources": pulumi.ToStringArray([]string{"arn:aws:s3:::exports/daily/*"}),
		}},
		"subnets":        pulumi.ToStringArray(subnets),
		"securityGroups": pulumi.ToStringArray(groups),
		"schedule": pulumi.Map{
			"expression": pulumi.String("cron(30 1 * * ? *)"), "timezone": pulumi.String("Europe/Berlin"), "maxEventAgeSeconds": pulumi.Int(7200),
		},
		"alertEmail": pulumi.String("data-oncall@example.com"),
		"tags":       pulumi.StringMap{"team": pulumi.String("data")},
	}
}

// TestConstruct_sameChildrenAsGo: a component registered remotely, as a
// TypeScript, Python or YAML program registers it, makes the engine call the
// provider's Construct, and the resources registered are exactly those the
// Go constructor registers for the same arguments: same URNs, types,
// parents, inputs, outputs, dependencies and options.
func TestConstruct_sameChildrenAsGo(t *testing.T) {
	cases := []struct {
		name, token, top string
		goProgram        pulumi.RunFunc
		wire             pulumi.Map
	}{{
		name: "CronJob", token: cronjob.Type, top: "nightly",
		goProgram: func(ctx *pulumi.Context) error {
			args := cronJobArgs()
			_, err := cronjob.NewCronJob(ctx, "nightly", &args)
			return err
		},
		wire: cronJobWire(),
	}, {
		name: "AlertTopic", token: alerts.Type, top: "alerts",
		goProgram: func(ctx *pulumi.Context) error {
			_, err := alerts.NewAlertTopic(ctx, "alerts", &alerts.AlertTopicArgs{Email: "oncall@example.com", Protect: true})
			return err
		},
		wire: pulumi.Map{"email": pulumi.String("oncall@example.com"), "protect": pulumi.Bool(true)},
	}, {
		name: "Warehouse", token: warehouse.Type, top: "etl",
		goProgram: func(ctx *pulumi.Context) error {
			_, err := warehouse.NewWarehouse(ctx, "etl", &warehouse.WarehouseArgs{Name: "ETL_WH", MonthlyCreditQuota: 120, NotifyUsers: []string{"DATA_ONCALL"}})
			return err
		},
		wire: pulumi.Map{"name": pulumi.String("ETL_WH"), "monthlyCreditQuota": pulumi.Int(120), "notifyUsers": pulumi.ToStringArray([]string{"DATA_ONCALL"})},
	}, {
		name: "HybridPipeline", token: hybrid.Type, top: "orders",
		goProgram: func(ctx *pulumi.Context) error {
			_, err := hybrid.NewHybridPipeline(ctx, "orders", &hybrid.HybridPipelineArgs{
				Producer: cronjob.CronJobArgs{
					Image: pulumi.String(image), Subnets: pulumi.ToStringArray(subnets), SecurityGroups: pulumi.ToStringArray(groups),
					Schedule: trigger.Schedule{Expression: "rate(1 hour)"},
				},
				LandingPrefix: "orders/",
				Format:        snowpipe.FileFormat{Type: "JSON", StripOuterArray: true},
				Database:      "RAW", Schema: "SALES", Table: "ORDERS",
				Columns:                  []snowpipe.Column{{Name: "ORDER_ID", Type: "NUMBER(38,0)"}, {Name: "UPDATED_AT", Type: "TIMESTAMP_NTZ"}},
				Transform:                []taskgraph.TaskSpec{{Name: "MERGE_ORDERS", SQL: "MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ORDER_ID = s.ORDER_ID WHEN NOT MATCHED THEN INSERT (ORDER_ID) VALUES (s.ORDER_ID)"}},
				TargetCompletionInterval: 15 * time.Minute,
				Freshness:                hybrid.Freshness{Table: "ANALYTICS.MARTS.ORDERS", Column: "UPDATED_AT", MaxAge: 3 * time.Hour},
			})
			return err
		},
		wire: pulumi.Map{
			"producer": pulumi.Map{
				"image": pulumi.String(image), "subnets": pulumi.ToStringArray(subnets), "securityGroups": pulumi.ToStringArray(groups),
				"schedule": pulumi.Map{"expression": pulumi.String("rate(1 hour)")},
			},
			"landingPrefix": pulumi.String("orders/"),
			"format":        pulumi.Map{"type": pulumi.String("JSON"), "stripOuterArray": pulumi.Bool(true)},
			"database":      pulumi.String("RAW"), "schema": pulumi.String("SALES"), "table": pulumi.String("ORDERS"),
			"columns": pulumi.Array{
				pulumi.Map{"name": pulumi.String("ORDER_ID"), "type": pulumi.String("NUMBER(38,0)")},
				pulumi.Map{"name": pulumi.String("UPDATED_AT"), "type": pulumi.String("TIMESTAMP_NTZ")},
			},
			"transform":                       pulumi.Array{pulumi.Map{"name": pulumi.String("MERGE_ORDERS"), "sql": pulumi.String("MERGE INTO ANALYTICS.MARTS.ORDERS t USING RAW.SALES.ORDERS_STREAM s ON t.ORDER_ID = s.ORDER_ID WHEN NOT MATCHED THEN INSERT (ORDER_ID) VALUES (s.ORDER_ID)")}},
			"targetCompletionIntervalSeconds": pulumi.Int(900),
			"freshness":                       pulumi.Map{"table": pulumi.String("ANALYTICS.MARTS.ORDERS"), "column": pulumi.String("UPDATED_AT"), "maxAgeSeconds": pulumi.Int(10800)},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fromGo, err := deployProgram(t, c.goProgram)
			require.NoError(t, err)
			fromRemote, err := deployProgram(t, remote(c.token, c.top, c.wire))
			require.NoError(t, err)
			want, got := registered(fromGo, c.top), registered(fromRemote, c.top)
			require.Greater(t, len(want), 3, "the Go program registered too little to compare")
			require.Equal(t, want, got)
		})
	}
}

// withWire returns cronJobWire with changes.
func withWire(changes pulumi.Map) pulumi.Map {
	m := cronJobWire()
	for k, v := range changes {
		m[k] = v
	}
	return m
}

// onlyStack requires that snap holds no resource of a component: a refused
// component registered nothing.
func onlyStack(t *testing.T, snap *deploy.Snapshot) {
	t.Helper()
	if snap == nil {
		return
	}
	for _, r := range snap.Resources {
		require.False(t, strings.HasPrefix(string(r.Type), "aws:") || strings.HasPrefix(string(r.Type), "schedkit:"),
			"%s was registered", r.URN)
	}
}

// TestConstruct_refusesLikeGo: bad arguments from another language get the
// component's own messages, naming the fields as that program wrote them,
// and nothing is registered.
func TestConstruct_refusesLikeGo(t *testing.T) {
	snap, err := deployProgram(t, remote(cronjob.Type, "nightly", withWire(pulumi.Map{
		"cpu":      pulumi.Int(300),
		"schedule": pulumi.Map{"expression": pulumi.String("cron(30 1 * * *)")},
	})))
	require.Error(t, err)
	require.Contains(t, err.Error(), "cronjob \"nightly\": `cpu` 300 is not a Fargate size (256, 512, 1024, 2048, 4096, 8192, 16384)")
	require.Contains(t, err.Error(), "cronjob \"nightly\": `schedule.expression` \"cron(30 1 * * *)\" has 5 cron fields; EventBridge needs 6")
	require.NotContains(t, err.Error(), "`Cpu`")
	onlyStack(t, snap)
}

// TestConstruct_refusesWhatGoCannotSay: what only a program in another
// language can send — a fraction where whole seconds are due, an argument
// the component does not have, a secret where the component needs a plain
// value — is refused with a message naming the field, before anything is
// registered.
func TestConstruct_refusesWhatGoCannotSay(t *testing.T) {
	snap, err := deployProgram(t, remote(cronjob.Type, "nightly", withWire(pulumi.Map{
		"maxRuntimeSeconds": pulumi.Float64(1.5),
		"maxRuntime":        pulumi.Int(3600),
		"cpu":               pulumi.ToSecret(pulumi.Int(512)),
	})))
	require.Error(t, err)
	for _, want := range []string{
		"schedkit:aws:CronJob \"nightly\": `maxRuntimeSeconds` 1.5 is not a whole number of seconds",
		"schedkit:aws:CronJob \"nightly\": `maxRuntime` is not an argument of CronJob",
		"schedkit:aws:CronJob \"nightly\": `cpu` needs a value known before deployment",
	} {
		require.Contains(t, err.Error(), want)
	}
	onlyStack(t, snap)
}

// TestConstruct_inputsTakeOutputs: an Input argument takes a secret (an
// output) as a Go program's pulumi.StringInput does, and the child that
// uses it keeps it secret.
func TestConstruct_inputsTakeOutputs(t *testing.T) {
	snap, err := deployProgram(t, remote(cronjob.Type, "nightly", withWire(pulumi.Map{
		"image": pulumi.ToSecret(pulumi.String(image)),
	})))
	require.NoError(t, err)
	var task *resource.State
	for _, r := range snap.Resources {
		if r.Type == "aws:ecs/taskDefinition:TaskDefinition" {
			task = r
		}
	}
	require.NotNil(t, task, "no task definition registered")
	require.True(t, task.Inputs["containerDefinitions"].ContainsSecrets(), "the image reached the task definition, but not as a secret")
}
