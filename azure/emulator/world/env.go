package world

import "strings"

// AppEnv is app.env with names resolved the way DESIGN.md describes: a value that names a
// tenant stands for its ID (keys ending in TENANT_ID), a principal for its client ID (CLIENT_ID)
// or object ID (OBJECT_ID, PRINCIPAL_ID), a user for its UPN (USERNAME), a subscription for its
// ID (SUBSCRIPTION_ID). Other values, secrets included, are literal. The map is a fresh copy.
func (w *World) AppEnv() map[string]string {
	out := make(map[string]string, len(w.App.Env))
	for k, v := range w.App.Env {
		out[k] = w.resolveEnvValue(k, v)
	}
	return out
}

func (w *World) resolveEnvValue(key, v string) string {
	k := strings.ToUpper(key)
	switch {
	case strings.HasSuffix(k, "TENANT_ID"):
		if t := w.Tenant(v); t != nil {
			return t.ID
		}
	case strings.HasSuffix(k, "CLIENT_ID"):
		if p := w.Principal(v); p != nil && p.ClientID != "" {
			return p.ClientID
		}
	case strings.HasSuffix(k, "OBJECT_ID"), strings.HasSuffix(k, "PRINCIPAL_ID"):
		if p := w.Principal(v); p != nil {
			return p.ObjectID
		}
	case strings.HasSuffix(k, "USERNAME"):
		if p := w.Principal(v); p != nil && p.UPN != "" {
			return p.UPN
		}
	case strings.HasSuffix(k, "SUBSCRIPTION_ID"):
		if s := w.Subscription(v); s != nil {
			return s.ID
		}
	}
	return v
}
