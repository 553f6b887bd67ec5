//go:build !unix

package azcli

import "os/exec"

// setProcessGroup: elsewhere only the direct child is killed on cancellation (the default).
func setProcessGroup(cmd *exec.Cmd) {}
