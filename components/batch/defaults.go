package batch

import (
	"github.com/schedkit/schedkit/components/internal/naming"
	"time"

	"github.com/schedkit/schedkit/components/internal/retry"
	"github.com/schedkit/schedkit/components/internal/sagemaker"
)

// Defaults of BatchWorkflowArgs, its steps and TransformJob. Each is
// documented on its field and pinned by a test. (S3Trigger's are
// trigger.DefaultObjectCreatedRetryAttempts and
// trigger.DefaultObjectCreatedMaxEventAge.)
const (
	DefaultMaxRuntime       = 24 * time.Hour
	DefaultLogRetentionDays = 30

	DefaultECSTimeout       = time.Hour
	DefaultLambdaTimeout    = 15 * time.Minute
	DefaultTransformTimeout = 6 * time.Hour
	DefaultCapacityProvider = "FARGATE"

	DefaultRetryAttempts = retry.DefaultAttempts
	DefaultRetryInterval = retry.DefaultInterval
	DefaultBackoffRate   = retry.DefaultBackoffRate
	DefaultRetryMaxDelay = retry.DefaultMaxDelay

	DefaultMapConcurrency = 100

	DefaultTransformInstanceType = sagemaker.DefaultTransformInstanceType
	DefaultInstanceCount         = sagemaker.DefaultInstanceCount
	DefaultMaxPayloadMB          = sagemaker.DefaultMaxPayloadMB
	DefaultBatchStrategy         = sagemaker.DefaultBatchStrategy
	DefaultSplitType             = sagemaker.DefaultSplitType
	DefaultContentType           = sagemaker.DefaultContentType
	DefaultAccept                = sagemaker.DefaultAccept
	DefaultAssembleWith          = sagemaker.DefaultAssembleWith
	DefaultJoinSource            = sagemaker.DefaultJoinSource
)

// withDefaults returns a copy of args with every unset field at its default.
func withDefaults(name string, args BatchWorkflowArgs) BatchWorkflowArgs {
	// Every default derived from the component's name derives from its
	// StableName, which defaults to the name.
	name = naming.Stable(name, args.StableName)
	args.StableName = name
	if args.MaxRuntime == 0 {
		args.MaxRuntime = DefaultMaxRuntime
	}
	if args.LogRetentionDays == 0 {
		args.LogRetentionDays = DefaultLogRetentionDays
	}
	if args.Schedule != nil {
		s := args.Schedule.WithDefaults()
		args.Schedule = &s
	}
	if args.S3Trigger != nil {
		t := args.S3Trigger.WithDefaults()
		args.S3Trigger = &t
	}
	steps := make([]Step, len(args.Steps))
	for i, s := range args.Steps {
		steps[i] = stepWithDefaults(name, s)
	}
	args.Steps = steps
	return args
}

// stepWithDefaults fills a step's kind-specific defaults (and its Map child's).
func stepWithDefaults(name string, s Step) Step {
	switch {
	case s.ECSTask != nil:
		e := *s.ECSTask
		if e.CapacityProvider == "" {
			e.CapacityProvider = DefaultCapacityProvider
		}
		s.ECSTask = &e
		if s.Timeout == 0 {
			s.Timeout = DefaultECSTimeout
		}
		r := s.Retry.WithDefaults(ECSTransientErrors)
		s.Retry = &r
	case s.Lambda != nil:
		if s.Timeout == 0 {
			s.Timeout = DefaultLambdaTimeout
		}
		r := s.Retry.WithDefaults(LambdaTransientErrors)
		s.Retry = &r
	case s.Transform != nil:
		t := s.Transform.WithDefaults(name)
		s.Transform = &t
		if s.Timeout == 0 {
			s.Timeout = DefaultTransformTimeout
		}
		r := s.Retry.WithDefaults(SageMakerJobErrors)
		s.Retry = &r
	case s.Map != nil:
		m := *s.Map
		if m.MaxConcurrency == 0 {
			m.MaxConcurrency = DefaultMapConcurrency
		}
		if m.ToleratedFailurePercentage == nil {
			zero := 0.0
			m.ToleratedFailurePercentage = &zero
		}
		m.Step = stepWithDefaults(name, m.Step)
		s.Map = &m
		r := s.Retry.WithDefaults(MapTransientErrors)
		s.Retry = &r
	}
	return s
}
