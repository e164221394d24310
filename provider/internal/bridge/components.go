// Package bridge serves the schedkit components to every Pulumi language:
// the schema a source-based package publishes (Schema) and the provider's
// Construct, which decodes a non-Go program's arguments into the very Args
// type a Go program passes and calls the same constructor. Nothing here
// knows a component's fields: both sides are derived from the Go types by
// reflection, under one naming rule (WireName) and one rule for durations
// (whole seconds, in a field named <name>Seconds).
package bridge

import (
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/alerts"
	"github.com/schedkit/schedkit/components/batch"
	"github.com/schedkit/schedkit/components/cronjob"
	"github.com/schedkit/schedkit/components/hybrid"
	"github.com/schedkit/schedkit/components/inference"
	"github.com/schedkit/schedkit/components/lambdaarch"
	"github.com/schedkit/schedkit/components/snowpipe"
	"github.com/schedkit/schedkit/components/stream"
	"github.com/schedkit/schedkit/components/taskgraph"
	"github.com/schedkit/schedkit/components/training"
	"github.com/schedkit/schedkit/components/trainingdata"
	"github.com/schedkit/schedkit/components/warehouse"
)

// Component is one public component as the provider serves it.
type Component struct {
	// Token is the component's type token, the Go package's Type constant.
	Token string
	// Args is the component's Args struct type; Resource its struct type.
	Args, Resource reflect.Type
	// construct calls the Go constructor with a decoded *Args.
	construct func(ctx *pulumi.Context, name string, args any, opts ...pulumi.ResourceOption) (pulumi.ComponentResource, error)
}

// Module is the token's module ("aws" of schedkit:aws:CronJob).
func (c Component) Module() string { return strings.Split(c.Token, ":")[1] }

// Name is the token's type name ("CronJob").
func (c Component) Name() string { return strings.Split(c.Token, ":")[2] }

// component adapts a constructor of the library's shape.
func component[A any, R pulumi.ComponentResource](token string,
	newR func(*pulumi.Context, string, *A, ...pulumi.ResourceOption) (R, error),
) Component {
	return Component{
		Token:    token,
		Args:     reflect.TypeFor[A](),
		Resource: reflect.TypeFor[R]().Elem(),
		construct: func(ctx *pulumi.Context, name string, args any, opts ...pulumi.ResourceOption) (pulumi.ComponentResource, error) {
			return newR(ctx, name, args.(*A), opts...)
		},
	}
}

// Components are every public component: the eight patterns, the three
// composites and the alert topic a program shares.
var Components = []Component{
	component(cronjob.Type, cronjob.NewCronJob),
	component(batch.Type, batch.NewBatchWorkflow),
	component(inference.Type, inference.NewBatchInference),
	component(training.Type, training.NewTrainingPipeline),
	component(stream.Type, stream.NewStreamProcessor),
	component(snowpipe.Type, snowpipe.NewSnowpipeIngest),
	component(taskgraph.Type, taskgraph.NewTaskGraph),
	component(warehouse.Type, warehouse.NewWarehouse),
	component(hybrid.Type, hybrid.NewHybridPipeline),
	component(trainingdata.Type, trainingdata.NewTrainingDataPipeline),
	component(lambdaarch.Type, lambdaarch.NewLambdaArchitecture),
	component(alerts.Type, alerts.NewAlertTopic),
}

// Lookup returns the component with token tok.
func Lookup(tok string) (Component, bool) {
	for _, c := range Components {
		if c.Token == tok {
			return c, true
		}
	}
	return Component{}, false
}

// ConstructGo calls c's Go constructor with args (a *Args of c's type) as a
// Go program does; the engine tests compare its children with Construct's.
func ConstructGo(c Component, ctx *pulumi.Context, name string, args any, opts ...pulumi.ResourceOption) (pulumi.ComponentResource, error) {
	return c.construct(ctx, name, args, opts...)
}
