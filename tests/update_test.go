package tests

import "flag"

// update makes the tests that check a generated block of the README (the
// per-pattern cost table, the pictures) rewrite it instead:
//
//	go test ./tests -run 'Pictures|Cost' -update
var update = flag.Bool("update", false, "rewrite the README's generated blocks (per-pattern costs, pictures) instead of checking them")
