//go:build !emulator

package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator/scenarios"
)

// The emulator's network core (proxy, Entra ID, managed identity, ARM and data-plane handlers) has
// not landed yet. Until it does, `demo --list` works (the scenarios are real) but running a
// scenario or serving the emulator says so plainly instead of pretending. Build with
// -tags emulator once azure/emulator exists to get demo.go and emulatorcmd.go.

var errNoEmulator = errors.New("the built-in Azure emulator is not part of this build yet, so scenarios cannot run; use 'aoai-doctor check' against a real resource, or 'demo --list' to see the scenarios")

func startup() {}

func cmdDemo(_ context.Context, args []string, io stdio) error {
	c := newCommand("demo", "Usage: aoai-doctor demo --list\n", io)
	list := c.fs.Bool("list", false, "list the scenarios")
	c.fs.String("world", "", "a world file (needs the emulator)")
	c.fs.String("output", "text", "text|json|markdown")
	c.fs.Duration("timeout", 0, "the whole run's time limit")
	c.fs.String("lang", "all", "code fixes language")
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if *list {
		tw := tabwriter.NewWriter(io.out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SCENARIO\tEXPECTED CAUSE\tDESCRIPTION")
		for _, s := range scenarios.List() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, s.Cause, s.Description)
		}
		return tw.Flush()
	}
	if len(pos) == 1 {
		if _, err := scenarios.Get(pos[0]); err != nil {
			return usagef("%v", err)
		}
	}
	return errNoEmulator
}

func cmdEmulator(_ context.Context, _ []string, _ stdio) error { return errNoEmulator }
