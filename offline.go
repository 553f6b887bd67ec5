package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/aoai-doctor/aoai-doctor/steps"
	"github.com/aoai-doctor/aoai-doctor/steps/report"
)

const explainUsage = `Usage: aoai-doctor explain [TEXT|-] [--status N] [--header 'K: V'] [--endpoint URL] [--token JWT]

Classifies an error message (pasted as an argument, or read from standard input with -) into ranked
causes with their fixes. Offline: nothing is sent anywhere. SDK exception wrappers, JSON escaped inside
JSON, Python dicts and log lines are understood. --token lets it compare the audience, expiry and
tenant the message talks about with the token's claims; --endpoint picks between Azure OpenAI and
Foundry roles.
`

func cmdExplain(_ context.Context, args []string, io stdio) error {
	c := newCommand("explain", explainUsage, io)
	status := c.fs.String("status", "", "the HTTP status the app got")
	headers := headerList{}
	c.fs.Var(headers, "header", "a response header 'Name: value' (repeatable)")
	endpointURL := c.fs.String("endpoint", envOr("AZURE_OPENAI_ENDPOINT", ""), "the endpoint the app called")
	token := c.fs.String("token", "", "the token the app sent (only its claims are used; never printed)")
	tenant := c.fs.String("tenant", "", "the resource's tenant, for the fixes")
	lang := c.fs.String("lang", "all", "code fixes for: python|javascript|csharp|go|java|all")
	output := c.fs.String("output", "text", "text|json|markdown")
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	in := steps.ExplainInput{Headers: headers, Endpoint: *endpointURL, Token: strings.TrimSpace(*token), Tenant: *tenant, Lang: *lang}
	if *status != "" {
		n, err := strconv.Atoi(*status)
		if err != nil || n < 100 || n > 599 {
			return usagef("--status %q is not an HTTP status; give a number such as 401", *status)
		}
		in.Status = n
	}
	if err := checkOutput(*output); err != nil {
		return err
	}
	if len(pos) > 0 || in.Status == 0 {
		text, err := readArgOrStdin(pos, io.in, "error message")
		if err != nil {
			return err
		}
		in.Text = text
	}
	ex, err := steps.Explain(in)
	if err != nil {
		return usagef("%v", err)
	}
	switch *output {
	case "json":
		return report.ExplainJSON(io.out, ex)
	case "markdown":
		return report.ExplainMarkdown(io.out, ex)
	}
	return report.ExplainText(io.out, ex, colorOn(io.out))
}

const tokenUsage = `Usage: aoai-doctor token [JWT|-] [--endpoint URL] [--tenant ID]

Decodes an access token offline (claims only; the signature is never shown) and lints it: audience
against the endpoint, expiry, tenant, issuer and cloud, size. Read from standard input with -.
`

func cmdToken(_ context.Context, args []string, io stdio) error {
	c := newCommand("token", tokenUsage, io)
	endpointURL := c.fs.String("endpoint", envOr("AZURE_OPENAI_ENDPOINT", ""), "lint the audience and issuer against this endpoint")
	tenant := c.fs.String("tenant", "", "the tenant the token should come from")
	output := c.fs.String("output", "text", "text|json")
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if *output != "text" && *output != "json" {
		return usagef("--output %q is not a format for token; use text or json", *output)
	}
	text, err := readArgOrStdin(pos, io.in, "token")
	if err != nil {
		return err
	}
	tr, err := steps.InspectToken(steps.TokenInput{Token: strings.TrimSpace(text), Endpoint: *endpointURL, Tenant: *tenant})
	if err != nil {
		return usagef("%v", err)
	}
	if *output == "json" {
		err = report.TokenJSON(io.out, tr)
	} else {
		err = report.TokenText(io.out, tr, colorOn(io.out))
	}
	if err != nil {
		return err
	}
	for _, f := range tr.Findings {
		if f.Status == steps.Fail {
			return &exitError{code: exitProblem}
		}
	}
	return nil
}

func checkOutput(o string) error {
	switch o {
	case "text", "json", "markdown":
		return nil
	}
	return usagef("--output %q is not a format; use text, json or markdown", o)
}
