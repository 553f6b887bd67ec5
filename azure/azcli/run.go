package azcli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DefaultTimeout bounds one az invocation when Options.Timeout is zero. az can hang forever
// (a stuck refresh, a prompt), so every call has a deadline.
const DefaultTimeout = 20 * time.Second

// maxOutput bounds what is read from az's stdout and stderr.
const maxOutput = 1 << 20

// run executes az with args and returns its stdout. Failures are *Error values.
func run(ctx context.Context, opts Options, args []string) ([]byte, error) {
	command := "az " + strings.Join(args, " ")
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	path, err := resolve(opts.AzPath, env)
	if err != nil {
		return nil, &Error{Kind: ErrNotInstalled, Command: command, ExitCode: -1, Stderr: err.Error()}
	}

	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	cmd := exec.CommandContext(runCtx, path, args...)
	cmd.Env = env
	cmd.Stdin = nil
	stdout := &limitedBuffer{max: maxOutput}
	stderr := &limitedBuffer{max: maxOutput}
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	// Own process group: on timeout the whole tree (az is a shell script running python) dies.
	setProcessGroup(cmd)
	cmd.WaitDelay = time.Second

	runErr := cmd.Run()
	if runErr == nil {
		return stdout.Bytes(), nil
	}
	if errors.Is(runErr, exec.ErrWaitDelay) && stdout.Len() > 0 && cmd.ProcessState != nil && cmd.ProcessState.Success() {
		// az exited 0 but a child kept the pipes open; its output is complete.
		return stdout.Bytes(), nil
	}
	if ctxErr := runCtx.Err(); ctxErr != nil {
		if ctx.Err() != nil {
			// The caller gave up: report that, not an az failure.
			return nil, &Error{Kind: ErrTimeout, Command: command, ExitCode: -1, Stderr: "cancelled: " + ctx.Err().Error()}
		}
		return nil, &Error{Kind: ErrTimeout, Command: command, ExitCode: -1,
			Stderr: "killed after " + timeout.String() + lastLine(stderr.String())}
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		return nil, classifyFailure(command, exitErr.ExitCode(), stderr.String())
	}
	if errors.Is(runErr, exec.ErrNotFound) || errors.Is(runErr, os.ErrNotExist) || errors.Is(runErr, os.ErrPermission) {
		return nil, &Error{Kind: ErrNotInstalled, Command: command, ExitCode: -1, Stderr: cleanText(runErr.Error())}
	}
	return nil, &Error{Kind: ErrFailed, Command: command, ExitCode: -1, Stderr: cleanText(runErr.Error())}
}

func lastLine(s string) string {
	s = strings.TrimSpace(cleanText(s))
	if s == "" {
		return ""
	}
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return "; last output: " + s
}

// resolve finds the az executable: an explicit path is used as is, a bare name is looked up
// on the PATH of env (not of this process, which may differ).
func resolve(azPath string, env []string) (string, error) {
	if azPath == "" {
		azPath = "az"
	}
	if strings.ContainsRune(azPath, filepath.Separator) {
		if err := executable(azPath); err != nil {
			return "", err
		}
		return azPath, nil
	}
	pathVar := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			pathVar = v
		}
	}
	for _, dir := range filepath.SplitList(pathVar) {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, azPath)
		if executable(p) == nil {
			return p, nil
		}
	}
	return "", errors.New(azPath + " was not found on PATH")
}

func executable(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return errors.New(p + " is a directory")
	}
	if fi.Mode()&0o111 == 0 {
		return errors.New(p + " is not executable")
	}
	return nil
}

// limitedBuffer keeps at most max bytes and drops the rest. Safe for the two copy goroutines.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func (b *limitedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

func (b *limitedBuffer) String() string { return string(b.Bytes()) }

func (b *limitedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

var _ io.Writer = (*limitedBuffer)(nil)
