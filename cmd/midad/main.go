// Command midad runs the Midad news platform; see internal/cli.
package main

import "github.com/midad/midad/internal/cli"

func main() { cli.Main() }
