package world

import (
	"errors"
	"fmt"
)

var errDurationType = errors.New(`a duration must be a string such as "5m" or "90s"`)

type durationError struct{ s string }

func (e *durationError) Error() string {
	return fmt.Sprintf("%q is not a duration (use Go duration strings such as \"5m\", \"90s\", \"1h30m\")", e.s)
}
