// Package scenarios holds the built-in worlds: realistic Azure setups, healthy or broken in one
// known way, that `demo` diagnoses and the tests run end to end. Each is a JSON world file in
// worlds/, named for the scenario, with a one-line description, what it teaches, and the cause a
// correct diagnosis names.
package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/aoai-doctor/aoai-doctor/azure/emulator/world"
)

//go:embed worlds/*.json
var files embed.FS

// Info describes a scenario for listings and pickers.
type Info struct {
	Name        string
	Description string
	Teaches     string
	Cause       string // the expected cause ID
}

var (
	once  sync.Once
	infos []Info
	errs  map[string]error // scenarios whose world does not load (a test keeps this empty)
)

func load() {
	errs = map[string]error{}
	for _, name := range names() {
		w, err := Get(name)
		if err != nil {
			errs[name] = err
			continue
		}
		infos = append(infos, Info{Name: name, Description: w.Description, Teaches: w.Teaches, Cause: w.Expect.Cause})
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].Name < infos[j].Name })
}

// names lists the embedded scenario names, sorted.
func names() []string {
	entries, _ := fs.ReadDir(files, "worlds")
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".json"); ok && !e.IsDir() {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// List returns every scenario, sorted by name.
func List() []Info {
	once.Do(load)
	return append([]Info(nil), infos...)
}

// Raw returns a scenario's world file as shipped.
func Raw(name string) ([]byte, error) {
	if !valid(name) {
		return nil, unknown(name)
	}
	b, err := files.ReadFile("worlds/" + name + ".json")
	if err != nil {
		return nil, unknown(name)
	}
	return b, nil
}

// Get loads a scenario into a fresh World (callers may mutate it).
func Get(name string) (*world.World, error) {
	b, err := Raw(name)
	if err != nil {
		return nil, err
	}
	w, err := world.Load(b)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", name, err)
	}
	if w.Name == "" {
		w.Name = name
	}
	return w, nil
}

// valid keeps names to plain file names inside worlds/.
func valid(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\.`) && name == strings.TrimSpace(name)
}

func unknown(name string) error {
	return fmt.Errorf("no scenario named %q; known scenarios: %s", name, strings.Join(names(), ", "))
}
