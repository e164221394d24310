// Command gensdk generates schedkit's TypeScript and Python SDKs from
// provider/schema.json with Pulumi's own code generators (pkg/v3/codegen),
// as `pulumi package add` does for a consumer; CI uses it to type-check
// the examples against the SDKs (.ci/run). The SDKs are not committed.
//
//	go run ./cmd/gensdk -out /tmp/sdk   # writes /tmp/sdk/nodejs, /tmp/sdk/python
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/schedkit/schedkit/provider/internal/schemagen"
)

func main() {
	schemaPath := flag.String("schema", "schema.json", "the package schema")
	out := flag.String("out", "", "folder to write nodejs/ and python/ into")
	version := flag.String("version", "0.0.0-dev", "the SDKs' version (a release's tag without the v)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gensdk: -out is required")
		os.Exit(2)
	}
	if err := run(*schemaPath, *out, *version); err != nil {
		fmt.Fprintln(os.Stderr, "gensdk:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out, version string) error {
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(b, &spec); err != nil {
		return err
	}
	spec.Version = version
	if b, err = json.Marshal(spec); err != nil {
		return err
	}
	loader := schema.NewPluginLoader(nil)
	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		// localSDK: the SDK `pulumi package add` writes into a project.
		"nodejs": func(p *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage("gensdk", p, nil, nil, true, loader)
		},
		"python": func(p *schema.Package) (map[string][]byte, error) {
			return python.GeneratePackage("gensdk", p, nil, loader)
		},
	}
	for lang, generate := range generators {
		pkg, err := schemagen.Bind(b) // each generator annotates the package
		if err != nil {
			return err
		}
		files, err := generate(pkg)
		if err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		for name, content := range files {
			path := filepath.Join(out, lang, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("gensdk: %s SDK: %d files in %s\n", lang, len(files), filepath.Join(out, lang))
	}
	return nil
}
