package schemagen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite provider/schema.json from the Go API")

// repoRoot is the library's root, whose sources hold the doc comments.
const repoRoot = "../../.."

var schemaFile = filepath.Join("..", "..", "schema.json")

func generated(t *testing.T) []byte {
	t.Helper()
	docs, err := ReadDocs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := Generate(docs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := JSON(spec)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSchema_upToDate fails when provider/schema.json is not what the Go
// API generates: run `go test ./internal/schemagen -update` in provider/.
func TestSchema_upToDate(t *testing.T) {
	want := generated(t)
	if *update {
		if err := os.WriteFile(schemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("provider/schema.json is out of date with the Go API; run `go test ./internal/schemagen -update` in provider/")
	}
}

// TestSchema_binds: Pulumi's own schema loader accepts the schema without
// a diagnostic, as `pulumi package add` and the SDK generators will.
func TestSchema_binds(t *testing.T) {
	if _, err := Bind(generated(t)); err != nil {
		t.Fatal(err)
	}
}
