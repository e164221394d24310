package cost

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/schedkit/schedkit/internal/cron"
	"github.com/schedkit/schedkit/plan"
)

// The resource types this file prices.
const (
	scheduleType     = "aws:scheduler/schedule:Schedule"
	eventTargetType  = "aws:cloudwatch/eventTarget:EventTarget"
	stateMachineType = "aws:sfn/stateMachine:StateMachine"
	taskDefType      = "aws:ecs/taskDefinition:TaskDefinition"
	streamType       = "aws:kinesis/stream:Stream"
	functionType     = "aws:lambda/function:Function"
	mappingType      = "aws:lambda/eventSourceMapping:EventSourceMapping"
	firehoseType     = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"
	kmsKeyType       = "aws:kms/key:Key"
	alarmType        = "aws:cloudwatch/metricAlarm:MetricAlarm"
	dashboardType    = "aws:cloudwatch/dashboard:Dashboard"
	secretType       = "aws:secretsmanager/secret:Secret"
	consumerType     = "aws:kinesis/streamConsumer:StreamConsumer"
)

// collectDrivers records what starts each state machine: a schedule (runs
// from its expression) or an EventBridge rule's target (runs assumed).
func (e *estimator) collectDrivers(r plan.Resource, a *assumptions) error {
	switch r.Type {
	case scheduleType:
		runs, what, err := scheduleRuns(r, a)
		if err != nil {
			return err
		}
		if sm, ok := e.stateMachine(r.Get("target", "arn")); ok {
			e.sfnRuns[sm.URN] = append(e.sfnRuns[sm.URN], runDriver{r.Name, what, runs})
		}
	case eventTargetType:
		if sm, ok := e.stateMachine(r.Get("arn")); ok {
			runs, what := triggeredRuns(a, "EventBridge rule")
			e.sfnRuns[sm.URN] = append(e.sfnRuns[sm.URN], runDriver{r.Name, what, runs})
		}
	}
	return nil
}

func (e *estimator) stateMachine(arn any) (plan.Resource, bool) {
	s, _ := arn.(string)
	r, ok := e.byARN[s]
	return r, ok && r.Type == stateMachineType
}

// scheduleRuns is an EventBridge Scheduler schedule's runs per month.
func scheduleRuns(r plan.Resource, a *assumptions) (float64, string, error) {
	expr, tz := r.String("scheduleExpression"), r.String("scheduleExpressionTimezone")
	what := strings.TrimSpace(expr + " " + tz)
	if v, ok := a.get("runsPerMonth"); ok {
		return v, what + " (runsPerMonth from usage)", nil
	}
	if r.String("state") == "DISABLED" {
		return 0, what + " DISABLED", nil
	}
	s, err := cron.EventBridge(expr, tz)
	if err != nil {
		return 0, "", fmt.Errorf("cost: schedule %q: %w", r.Name, err)
	}
	if s.OneTime() {
		what += " (one time)"
	}
	return s.RunsPerMonth(), what, nil
}

// triggeredRuns is the assumed runs of event-triggered work.
func triggeredRuns(a *assumptions, what string) (float64, string) {
	if v, ok := a.get("runsPerMonth"); ok {
		return v, what + " (runsPerMonth from usage)"
	}
	return a.value("triggeredRunsPerMonth"), what + " (triggeredRunsPerMonth)"
}

// price returns a resource's lines and the run drivers it is.
func (e *estimator) price(r plan.Resource, a *assumptions) ([]Line, []Run, error) {
	switch r.Type {
	case scheduleType:
		runs, what, err := scheduleRuns(r, a)
		if err != nil {
			return nil, nil, err
		}
		return []Line{e.perRun(r, "Scheduler invocations", SchedulerInvocation, 1, runs, "invocations")},
			[]Run{{Resource: r.Name, What: what, RunsPerMonth: runs}}, nil
	case eventTargetType:
		if _, ok := e.stateMachine(r.Get("arn")); ok {
			runs, what := triggeredRuns(a, "EventBridge rule")
			return nil, []Run{{Resource: r.Name, What: what, RunsPerMonth: runs}}, nil
		}
	case stateMachineType:
		lines, err := e.workflow(r, a)
		return lines, nil, err
	case streamType:
		return e.stream(r, a), nil, nil
	case functionType:
		return e.function(r, a), nil, nil
	case firehoseType:
		gb := a.value("gbPerMonth")
		return []Line{e.line(r, "Firehose GB ingested", false, FirehoseGB, gb, "GB")}, nil, nil
	case kmsKeyType:
		return []Line{e.line(r, "KMS key", true, KMSKeyMonth, 1, "key-month")}, nil, nil
	case secretType:
		return []Line{e.line(r, "secret", true, SecretMonth, 1, "secret-month")}, nil, nil
	case alarmType:
		return []Line{e.alarm(r)}, nil, nil
	case dashboardType:
		return []Line{e.line(r, "CloudWatch dashboard", true, DashboardMonth, 1, "dashboard-month")}, nil, nil
	case consumerType:
		return []Line{e.line(r, "Kinesis enhanced fan-out consumer", true, KinesisFanOutHour, cron.HoursPerMonth, "consumer-shard-hours")}, nil, nil
	default:
		return e.snowflake(r, a)
	}
	return nil, nil, nil
}

// workflow prices a Standard state machine's runs: its state transitions
// (every state of the definition entered once, a Map's states once per
// item) and the work its tasks start (Fargate tasks, SageMaker jobs).
func (e *estimator) workflow(r plan.Resource, a *assumptions) ([]Line, error) {
	var runs float64
	for _, d := range e.sfnRuns[r.URN] {
		runs += d.runs
	}
	var def struct {
		States map[string]json.RawMessage `json:"States"`
	}
	if err := json.Unmarshal([]byte(r.String("definition")), &def); err != nil {
		return nil, fmt.Errorf("cost: state machine %q: reading its definition: %w", r.Name, err)
	}
	w := &walkResult{}
	if err := walkStates(def.States, 1, a, w); err != nil {
		return nil, fmt.Errorf("cost: state machine %q: %w", r.Name, err)
	}
	var lines []Line
	if t := r.String("type"); t == "" || t == "STANDARD" {
		lines = append(lines, e.perRun(r, "Step Functions state transitions", StepFunctionsTrans, w.transitions, runs, "transitions"))
	} else {
		l := e.perRun(r, "Step Functions "+t+" duration", PriceKey("sfn."+strings.ToLower(t)), 1, runs, "executions")
		lines = append(lines, l)
	}
	for _, job := range w.work {
		lines = append(lines, e.work(r, job, runs, a)...)
	}
	return lines, nil
}

type walkResult struct {
	transitions float64
	work        []work
}

// work is one Task state that starts billed compute, times per run.
type work struct {
	resource string
	params   map[string]any
	times    float64
}

func walkStates(states map[string]json.RawMessage, times float64, a *assumptions, w *walkResult) error {
	for name, raw := range states {
		var s struct {
			Type          string
			Resource      string
			Parameters    map[string]any
			Arguments     map[string]any
			Branches      []struct{ States map[string]json.RawMessage }
			Iterator      *struct{ States map[string]json.RawMessage }
			ItemProcessor *struct{ States map[string]json.RawMessage }
		}
		if err := json.Unmarshal(raw, &s); err != nil {
			return fmt.Errorf("state %q: %w", name, err)
		}
		w.transitions += times
		params := s.Parameters
		if params == nil {
			params = s.Arguments
		}
		if s.Type == "Task" && (strings.Contains(s.Resource, ":::ecs:runTask") || strings.Contains(s.Resource, ":::sagemaker:create")) {
			w.work = append(w.work, work{resource: s.Resource, params: params, times: times})
		}
		for _, b := range s.Branches {
			if err := walkStates(b.States, times, a, w); err != nil {
				return err
			}
		}
		inner := s.ItemProcessor
		if inner == nil {
			inner = s.Iterator
		}
		if inner != nil {
			if err := walkStates(inner.States, times*a.value("mapItems"), a, w); err != nil {
				return err
			}
		}
	}
	return nil
}

// work prices the compute one Task state starts, per run.
func (e *estimator) work(r plan.Resource, job work, runs float64, a *assumptions) []Line {
	switch {
	case strings.Contains(job.resource, ":::ecs:runTask"):
		return e.fargate(r, job, runs, a)
	case strings.Contains(job.resource, ":::sagemaker:createTrainingJob"):
		return e.sagemaker(r, "training", SageMakerTraining, job, "ResourceConfig", runs, a)
	case strings.Contains(job.resource, ":::sagemaker:createTransformJob"):
		return e.sagemaker(r, "transform", SageMakerTransform, job, "TransformResources", runs, a)
	}
	return nil
}

// fargate prices an ECS task run: vCPU and memory for its runtime, with
// Fargate's one-minute minimum.
func (e *estimator) fargate(r plan.Resource, job work, runs float64, a *assumptions) []Line {
	arn, _ := job.params["TaskDefinition"].(string)
	td, ok := e.taskDefinition(arn)
	if !ok {
		return []Line{{Resource: r.Name, Type: r.Type, Item: "Fargate task", Per: "run", Note: fmt.Sprintf("task definition %q is not in the plan: unknown", arn)}}
	}
	cpu, _ := strconv.ParseFloat(td.String("cpu"), 64)
	mem, _ := strconv.ParseFloat(td.String("memory"), 64)
	hours := math.Max(a.value("taskMinutes"), 1) / 60 * job.times
	vcpuKey, gbKey, arch := FargateVCPUHourX86, FargateGBHourX86, "x86"
	if s, _ := td.Get("runtimePlatform", "cpuArchitecture").(string); s == "ARM64" {
		vcpuKey, gbKey, arch = FargateVCPUHourARM, FargateGBHourARM, "ARM"
	}
	return []Line{
		e.perRun(r, fmt.Sprintf("Fargate %s vCPU (%s: %g vCPU)", arch, td.Name, cpu/1024), vcpuKey, cpu/1024*hours, runs, "vCPU-hours"),
		e.perRun(r, fmt.Sprintf("Fargate %s memory (%s: %g GB)", arch, td.Name, mem/1024), gbKey, mem/1024*hours, runs, "GB-hours"),
	}
}

func (e *estimator) taskDefinition(arn string) (plan.Resource, bool) {
	if r, ok := e.byARN[arn]; ok && r.Type == taskDefType {
		return r, true
	}
	family := strings.TrimPrefix(arn[strings.LastIndex(arn, "/")+1:], "")
	if i := strings.LastIndex(family, ":"); i > 0 {
		family = family[:i]
	}
	for _, r := range e.plan.ByType(taskDefType) {
		if r.String("family") == family {
			return r, true
		}
	}
	return plan.Resource{}, false
}

// sagemaker prices a training or transform job: instance-hours of its
// instance type for the assumed runtime.
func (e *estimator) sagemaker(r plan.Resource, kind string, prefix PriceKey, job work, block string, runs float64, a *assumptions) []Line {
	res, _ := job.params[block].(map[string]any)
	typ, _ := res["InstanceType"].(string)
	count, ok := res["InstanceCount"].(float64)
	if !ok {
		count = 1
	}
	hours := a.value("jobMinutes") / 60 * count * job.times
	item := fmt.Sprintf("SageMaker %s %s × %g", kind, typ, count)
	if typ == "" {
		l := e.perRun(r, "SageMaker "+kind, prefix+"(instance type set at run time)", hours, runs, "instance-hours")
		return []Line{l}
	}
	l := e.perRun(r, item, prefix+PriceKey(typ), hours, runs, "instance-hours")
	if spot, _ := job.params["EnableManagedSpotTraining"].(bool); spot {
		l.Note = strings.TrimPrefix(l.Note+"; managed spot training: priced on demand, an upper bound", "; ")
	}
	return []Line{l}
}

// stream prices a Kinesis data stream: stream- or shard-hours (fixed), and
// data written and read (variable).
func (e *estimator) stream(r plan.Resource, a *assumptions) []Line {
	gb, events := a.value("gbPerMonth"), a.value("eventsPerMonth")
	retention, _ := r.Get("retentionPeriod").(float64)
	if retention == 0 {
		retention = 24
	}
	if mode, _ := r.Get("streamModeDetails", "streamMode").(string); mode == "ON_DEMAND" {
		readers := e.streamReaders(r)
		lines := []Line{
			e.line(r, "Kinesis on-demand stream-hours", true, KinesisStreamHour, cron.HoursPerMonth, "stream-hours"),
			e.line(r, "Kinesis on-demand data in", false, KinesisGBIn, gb, "GB"),
			e.line(r, fmt.Sprintf("Kinesis on-demand data out (%d consumers)", readers), false, KinesisGBOut, gb*float64(readers), "GB"),
		}
		if retention > 24 {
			stored := gb * (math.Min(retention, cron.HoursPerMonth) - 24) / cron.HoursPerMonth
			lines = append(lines, e.line(r, fmt.Sprintf("Kinesis retention over 24 h (%g h)", retention), false, KinesisRetentionGB, stored, "GB-months"))
		}
		return lines
	}
	shards, _ := r.Get("shardCount").(float64)
	lines := []Line{
		e.line(r, fmt.Sprintf("Kinesis shard-hours (%g shards)", shards), true, KinesisShardHour, shards*cron.HoursPerMonth, "shard-hours"),
		e.line(r, "Kinesis PUT payload units (records up to 25 KB)", false, KinesisPutUnits, events, "units"),
	}
	if retention > 24 {
		lines = append(lines, e.line(r, fmt.Sprintf("Kinesis extended retention (%g h)", retention), true, KinesisShardRetain, shards*cron.HoursPerMonth, "shard-hours"))
	}
	return lines
}

// streamReaders counts what reads a stream: event source mappings and
// Firehose delivery streams with it as their source.
func (e *estimator) streamReaders(stream plan.Resource) int {
	arn, n := stream.Output("arn"), 0
	for _, m := range e.plan.ByType(mappingType) {
		if m.String("eventSourceArn") == arn {
			n++
		}
	}
	for _, f := range e.plan.ByType(firehoseType) {
		if s, _ := f.Get("kinesisSourceConfiguration", "kinesisStreamArn").(string); s == arn {
			n++
		}
	}
	if n == 0 {
		n = 1
	}
	return n
}

// function prices a stream consumer: one invocation per batch of events,
// each for the assumed duration at its memory size.
func (e *estimator) function(r plan.Resource, a *assumptions) []Line {
	var mapping *plan.Resource
	for _, m := range e.plan.ByType(mappingType) {
		if fn := m.String("functionName"); fn != "" && (fn == r.Output("arn") || fn == r.Output("name")) {
			m := m
			mapping = &m
			break
		}
	}
	if mapping == nil {
		return nil // invoked by nothing this plan sizes
	}
	batch, _ := mapping.Get("batchSize").(float64)
	if batch == 0 {
		batch = 100 // the Kinesis default
	}
	memory, _ := r.Get("memorySize").(float64)
	if memory == 0 {
		memory = 128
	}
	invocations := math.Ceil(a.value("eventsPerMonth") / batch)
	gbSeconds := invocations * a.value("invocationMillis") / 1000 * memory / 1024
	key, arch := LambdaGBSecondX86, "x86"
	if archs, _ := r.Get("architectures").([]any); len(archs) > 0 && archs[0] == "arm64" {
		key, arch = LambdaGBSecondARM, "Arm"
	}
	return []Line{
		e.line(r, fmt.Sprintf("Lambda requests (batches of %g)", batch), false, LambdaRequests, invocations, "requests"),
		e.line(r, fmt.Sprintf("Lambda %s duration (%g MB)", arch, memory), false, key, gbSeconds, "GB-seconds"),
	}
}

// alarm prices a metric alarm per metric it reads; periods under a minute
// are high-resolution alarms.
func (e *estimator) alarm(r plan.Resource) Line {
	metrics, period := 0.0, 0.0
	if queries, ok := r.Get("metricQueries").([]any); ok {
		for _, q := range queries {
			if m, ok := q.(map[string]any); ok && m["metric"] != nil {
				metrics++
				if p, ok := m["metric"].(map[string]any)["period"].(float64); ok && (period == 0 || p < period) {
					period = p
				}
			}
		}
	}
	if metrics == 0 {
		metrics = 1
		period, _ = r.Get("period").(float64)
	}
	if period > 0 && period < 60 {
		return e.line(r, "CloudWatch high-resolution alarm", true, AlarmHighResMonth, metrics, "alarm metric-months")
	}
	return e.line(r, "CloudWatch alarm", true, AlarmMetricMonth, metrics, "alarm metric-months")
}
