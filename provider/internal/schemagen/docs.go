package schemagen

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
)

// Docs are the Go doc comments of the library's packages: "pkgpath.Type"
// for a type, "pkgpath.Type.Field" for a field, "pkgpath" for a package.
type Docs map[string]string

// modulePath is the library's module; its packages live under the
// repository root.
const modulePath = "github.com/schedkit/schedkit"

// ReadDocs reads the doc comments of every package under root/components.
func ReadDocs(root string) (Docs, error) {
	docs := Docs{}
	err := filepath.WalkDir(filepath.Join(root, "components"), func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			return err
		}
		return readPackage(docs, dir, modulePath+"/"+filepath.ToSlash(rel))
	})
	return docs, err
}

func readPackage(docs Docs, dir, importPath string) error {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	if err != nil {
		return err
	}
	for _, pkg := range pkgs {
		var files []*ast.File
		for _, f := range pkg.Files {
			files = append(files, f)
		}
		p, err := doc.NewFromFiles(fset, files, importPath, doc.PreserveAST)
		if err != nil {
			return err
		}
		docs[importPath] = p.Doc
		for _, t := range p.Types {
			key := importPath + "." + t.Name
			docs[key] = t.Doc
			for _, spec := range t.Decl.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok || ts.Name.Name != t.Name {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				// A field without a comment of its own, on the line right
				// after the one before it, shares that one's comment:
				//	// TaskRoleArn and ExecutionRoleArn are the task's roles.
				//	TaskRoleArn      pulumi.StringInput
				//	ExecutionRoleArn pulumi.StringInput
				prevText, prevEnd := "", 0
				for _, f := range st.Fields.List {
					text := f.Doc.Text()
					if text == "" {
						text = f.Comment.Text()
					}
					if text == "" && fset.Position(f.Pos()).Line == prevEnd+1 {
						text = prevText
					}
					for _, n := range f.Names {
						docs[key+"."+n.Name] = text
					}
					prevText, prevEnd = text, fset.Position(f.End()).Line
				}
			}
		}
	}
	return nil
}
