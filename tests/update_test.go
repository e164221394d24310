package tests

import "flag"

// update makes the tests that check a generated block of a page (the
// arguments, outputs and examples of the component pages, the command
// line's usage, the per-pattern cost table, the pictures) rewrite it
// instead:
//
//	go test ./tests -run 'Docs|Pictures|Cost' -update
var update = flag.Bool("update", false, "rewrite the pages' generated blocks (arguments, outputs, examples, usage, per-pattern costs, pictures) instead of checking them")
