package cronjob

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ContainerName is the name of the job's single container.
const ContainerName = "job"

type keyValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type secretRef struct {
	Name      string `json:"name"`
	ValueFrom string `json:"valueFrom"`
}

type containerDefinition struct {
	Name                   string           `json:"name"`
	Image                  string           `json:"image"`
	Essential              bool             `json:"essential"`
	Command                []string         `json:"command,omitempty"`
	Environment            []keyValue       `json:"environment"`
	Secrets                []secretRef      `json:"secrets"`
	ReadonlyRootFilesystem bool             `json:"readonlyRootFilesystem"`
	StopTimeout            int              `json:"stopTimeout"`
	LogConfiguration       logConfiguration `json:"logConfiguration"`
}

type logConfiguration struct {
	LogDriver string            `json:"logDriver"`
	Options   map[string]string `json:"options"`
}

// containerInput is the resolved content of the container definition.
type containerInput struct {
	Image       string
	Command     []string
	Environment map[string]string
	Secrets     map[string]string
	ReadOnly    bool
	StopTimeout int
	LogGroup    string
	Region      string
}

// containerDefinitions renders the task's container definitions: one
// essential container logging to the job's log group, environment and secret
// references sorted by name.
func containerDefinitions(in containerInput) (string, error) {
	def := containerDefinition{
		Name:                   ContainerName,
		Image:                  in.Image,
		Essential:              true,
		Command:                in.Command,
		Environment:            []keyValue{},
		Secrets:                []secretRef{},
		ReadonlyRootFilesystem: in.ReadOnly,
		StopTimeout:            in.StopTimeout,
		LogConfiguration: logConfiguration{LogDriver: "awslogs", Options: map[string]string{
			"awslogs-group":         in.LogGroup,
			"awslogs-region":        in.Region,
			"awslogs-stream-prefix": ContainerName,
			"mode":                  "non-blocking",
			"max-buffer-size":       "25m",
		}},
	}
	for _, k := range slices.Sorted(maps.Keys(in.Environment)) {
		def.Environment = append(def.Environment, keyValue{Name: k, Value: in.Environment[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(in.Secrets)) {
		def.Secrets = append(def.Secrets, secretRef{Name: k, ValueFrom: in.Secrets[k]})
	}
	b, err := json.Marshal([]containerDefinition{def})
	return string(b), err
}

// resolveMap waits for every value of m.
func resolveMap(m map[string]pulumi.StringInput) pulumi.StringMapOutput {
	sm := pulumi.StringMap{}
	maps.Copy(sm, m)
	return sm.ToStringMapOutput()
}

// secretResource is the IAM resource of a secret reference: a Secrets
// Manager ARN without a JSON-key suffix (":key:stage:version"), or the SSM
// parameter ARN as is.
func secretResource(ref string) (arn string, isParameter bool) {
	parts := strings.Split(ref, ":")
	if len(parts) > 2 && parts[2] == "ssm" {
		return ref, true
	}
	if len(parts) > 7 {
		return strings.Join(parts[:7], ":"), false
	}
	return ref, false
}
