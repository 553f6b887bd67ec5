package steps

import "github.com/aoai-doctor/aoai-doctor/azure/cause"

// Exit codes of DESIGN.md.
const (
	ExitHealthy      = 0
	ExitProblem      = 1
	ExitUsage        = 2
	ExitInconclusive = 3
)

// ExitCode maps a report to the process exit code: 0 healthy (or not an error), 1 a problem
// was found, 3 inconclusive (a needed check could not run and no cause was established).
func ExitCode(r *Report) int {
	if r == nil {
		return ExitInconclusive
	}
	switch r.Verdict.Cause {
	case cause.Healthy, cause.NotAnError:
		return ExitHealthy
	case cause.Unknown, "":
		for _, s := range r.Steps {
			if s.Status == Error {
				return ExitInconclusive
			}
		}
	}
	return ExitProblem
}
