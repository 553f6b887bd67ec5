//go:build emulator

package main

import (
	"context"
	"os"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator"
	"github.com/aoai-doctor/aoai-doctor/azure/emulator/world"
)

const emulatorUsage = `Usage:
  aoai-doctor emulator serve --world FILE|SCENARIO   run the emulator on loopback until interrupted;
                                                     prints the export lines that point a shell, the az CLI
                                                     or an SDK at it
  aoai-doctor emulator az ARGS...                    the built-in az stand-in (used through the emulator's PATH shim)
`

func cmdEmulator(ctx context.Context, args []string, io stdio) error {
	if len(args) == 0 {
		return usagef("emulator needs a subcommand: serve or az")
	}
	switch args[0] {
	case "az":
		if code := emulator.RunAz(args[1:], os.Environ(), io.out, io.err); code != 0 {
			return &exitError{code: code}
		}
		return nil
	case "serve":
		c := newCommand("emulator serve", emulatorUsage, io)
		spec := c.fs.String("world", "", "a world file (JSON or YAML) or a scenario name")
		noAz := c.fs.Bool("no-az-login", false, "do not log the real az CLI in")
		pos, err := c.parse(args[1:])
		if err != nil {
			return err
		}
		if len(pos) > 0 {
			return usagef("emulator serve takes no arguments; use --world FILE|SCENARIO")
		}
		if *spec == "" {
			return usagef("emulator serve needs --world FILE or a scenario name (see 'aoai-doctor demo --list')")
		}
		var w *world.World
		if _, statErr := os.Stat(*spec); statErr == nil {
			w, err = loadWorld("", *spec)
		} else {
			w, err = loadWorld(*spec, "")
		}
		if err != nil {
			return err
		}
		opts := emulator.Options{}
		if !*noAz {
			opts.RealAz = realAz()
		}
		return emulator.Serve(ctx, w, io.out, io.err, opts)
	case "-h", "--help", "help":
		_, err := io.err.Write([]byte(emulatorUsage))
		return err
	}
	return usagef("unknown emulator subcommand %q: use serve or az", args[0])
}
