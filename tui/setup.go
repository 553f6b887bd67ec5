package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/aoai-doctor/aoai-doctor/steps"
)

// field is one input of the setup form.
type field int

const (
	fieldEndpoint field = iota
	fieldCredential
	fieldDeployment
	fieldTenant
	fieldScope
	fieldCount
)

var fieldLabels = [fieldCount]string{"Endpoint", "Credential", "Deployment", "Tenant", "Scope"}

var fieldHints = [fieldCount]string{
	"https://<resource>.openai.azure.com/",
	"←/→ to choose",
	"the deployment name the app calls",
	"optional: tenant ID or domain",
	"optional: the scope the app requests (empty: the right one for the endpoint)",
}

// credentialKinds are the --credential values, in the order ←/→ cycles them.
var credentialKinds = []string{"default", "cli", "managed-identity", "service-principal", "workload-identity", "token"}

// form is the setup screen: the inputs prefilled from flags and environment.
type form struct {
	base   steps.Config
	inputs [fieldCount]textField // the credential slot is unused: it is a choice
	cred   int
	focus  field
	err    error
}

func newForm(cfg steps.Config) form {
	f := form{base: cfg}
	values := [fieldCount]string{cfg.Endpoint, "", cfg.Deployment, cfg.Tenant, cfg.Scope}
	for i := range f.inputs {
		f.inputs[i] = newTextField(values[i], fieldHints[i])
	}
	for i, k := range credentialKinds {
		if strings.EqualFold(k, cfg.Credential) {
			f.cred = i
		}
	}
	// Start on the first empty required input.
	if cfg.Endpoint != "" && cfg.Deployment == "" {
		f.focus = fieldDeployment
	}
	return f
}

func (f *form) move(d int) {
	f.focus = field((int(f.focus) + d + int(fieldCount)) % int(fieldCount))
}

// config is the base configuration with the form's values.
func (f *form) config() steps.Config {
	cfg := f.base
	cfg.Endpoint = strings.TrimSpace(f.inputs[fieldEndpoint].String())
	cfg.Credential = credentialKinds[f.cred]
	cfg.Deployment = strings.TrimSpace(f.inputs[fieldDeployment].String())
	cfg.Tenant = strings.TrimSpace(f.inputs[fieldTenant].String())
	scope := strings.TrimSpace(f.inputs[fieldScope].String())
	cfg.ScopeSet = f.base.ScopeSet || scope != ""
	cfg.Scope = scope
	return cfg
}

// check validates the form's configuration and keeps the error for display.
func (f *form) check(validate func(steps.Config) error) {
	f.err = validate(f.config())
}

// update passes typing and pastes to the focused input; it reports whether it changed.
func (f *form) update(msg tea.Msg) bool {
	if f.focus == fieldCredential {
		return false
	}
	return f.inputs[f.focus].update(msg)
}

func (m *model) onSetupKey(msg tea.KeyPressMsg) tea.Cmd {
	k, f := m.keys, &m.form
	switch {
	case key.Matches(msg, k.FormQuit):
		return m.quit()
	case key.Matches(msg, k.Submit):
		f.check(m.eng.validate)
		if f.err == nil {
			m.cfg = f.config()
			return m.startRun()
		}
		f.move(1)
		return nil
	case key.Matches(msg, k.NextField):
		f.move(1)
		return nil
	case key.Matches(msg, k.PrevField):
		f.move(-1)
		return nil
	case f.focus == fieldCredential && key.Matches(msg, k.Cycle):
		d := 1
		if msg.String() == "left" {
			d = len(credentialKinds) - 1
		}
		f.cred = (f.cred + d) % len(credentialKinds)
		f.check(m.eng.validate)
		return nil
	}
	if f.update(msg) {
		f.check(m.eng.validate)
	}
	return nil
}
