package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

var errHelp = errors.New("help shown")

// command is one subcommand's flag set with interspersed positional arguments.
type command struct {
	fs    *flag.FlagSet
	usage string
	io    stdio
}

func newCommand(name, usage string, io stdio) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	c := &command{fs: fs, usage: usage, io: io}
	fs.Usage = func() {}
	return c
}

// help prints the command's usage and flags.
func (c *command) help() {
	fmt.Fprint(c.io.err, c.usage)
	fmt.Fprintln(c.io.err, "\nFlags:")
	c.fs.SetOutput(c.io.err)
	c.fs.PrintDefaults()
}

// parse parses flags anywhere among the arguments and returns the positional ones.
func (c *command) parse(args []string) ([]string, error) {
	var pos []string
	c.fs.SetOutput(io.Discard)
	for {
		err := c.fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.help()
			return nil, errHelp
		}
		if err != nil {
			msg := err.Error()
			if f, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				msg = "unknown flag " + f
			}
			return nil, usagef("%s: %s; run 'aoai-doctor %s -h' for the flags", c.fs.Name(), msg, c.fs.Name())
		}
		rest := c.fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// set reports whether the named flag was given on the command line.
func (c *command) set(name string) bool {
	found := false
	c.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

// envOr returns the environment variable's value, or def.
func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// headerList collects repeated --header 'K: V' flags.
type headerList map[string]string

func (h headerList) String() string { return "" }
func (h headerList) Set(v string) error {
	k, val, ok := strings.Cut(v, ":")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("--header wants 'Name: value', got %q", v)
	}
	h[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(val)
	return nil
}

// readArgOrStdin returns the single positional argument, or stdin when it is "-" or absent
// and stdin is not a terminal.
func readArgOrStdin(pos []string, in io.Reader, what string) (string, error) {
	if len(pos) > 1 {
		return "", usagef("give one %s (quote it), got %d arguments", what, len(pos))
	}
	if len(pos) == 1 && pos[0] != "-" {
		return pos[0], nil
	}
	if len(pos) == 0 && isTerminal(in) {
		return "", usagef("no %s given: pass it as an argument or pipe it on standard input", what)
	}
	b, err := io.ReadAll(io.LimitReader(in, 4<<20))
	if err != nil {
		return "", fmt.Errorf("reading standard input: %w", err)
	}
	return string(b), nil
}

// parseTimeout checks a --timeout value.
func parseTimeout(d time.Duration) error {
	if d <= 0 {
		return usagef("--timeout must be positive (e.g. 30s), got %s", d)
	}
	return nil
}
