package ui

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// Credential sources as the accounts screen offers them.
const (
	sourceProfile     = "profile"
	sourceEnvironment = "environment"
	sourcePasted      = "pasted"
)

// accountForm is the questions about one account's credentials.
type accountForm struct {
	side       steps.AccountSide
	configFile string // where the profiles live (empty: the CLI's default)
	source     *form.Choice
	profile    *form.Text
	keyID      *form.Text
	secret     *form.Text
}

func newAccountForm(st theme, side steps.AccountSide, prefix string, profiles []string, c cloud.Credentials) *accountForm {
	who := "A"
	if side == steps.SideMaxCompute {
		who = "B"
	}
	a := &accountForm{side: side, configFile: c.ConfigFile}
	a.source = form.NewChoice(prefix+".source", "Account "+who+" credentials",
		"where the wizard finds account "+who+"'s AccessKey",
		[]form.Option{{Value: sourceProfile, Label: "profile"}, {Value: sourceEnvironment, Label: "environment"}, {Value: sourcePasted, Label: "AccessKey pair"}},
		sourceOf(c))
	a.profile = form.NewText(st.Form, prefix+".profile", "  profile", "a profile of ~/.aliyun/config.json (aliyun configure list)", c.Profile, fieldCheck(prefix+".profile"))
	a.profile.SetPicks(profiles)
	a.keyID = form.NewText(st.Form, prefix+".access_key_id", "  AccessKey ID", "kept in memory only, never saved", c.AccessKeyID, nonEmpty("paste the AccessKey ID (LTAI…)"))
	a.secret = form.NewText(st.Form, prefix+".access_key_secret", "  AccessKey secret", "masked; kept in memory only, never saved or shown", c.Secret.Reveal(), nonEmpty("paste the AccessKey secret")).Secret()
	a.showFor()
	return a
}

func sourceOf(c cloud.Credentials) string {
	switch c.Source {
	case cloud.SourceProfile:
		return sourceProfile
	case cloud.SourceAccessKey:
		return sourcePasted
	}
	return sourceEnvironment
}

func nonEmpty(fix string) func(string) error {
	return func(v string) error {
		if v == "" {
			return problemError{Rule: "is required", Fix: fix}
		}
		return nil
	}
}

// showFor shows the questions the chosen source needs.
func (a *accountForm) showFor() {
	src := a.source.Value()
	a.profile.SetHidden(src != sourceProfile)
	a.keyID.SetHidden(src != sourcePasted)
	a.secret.SetHidden(src != sourcePasted)
}

func (a *accountForm) controls() []form.Control {
	return []form.Control{a.source, a.profile, a.keyID, a.secret}
}

// credentials returns what the answers name.
func (a *accountForm) credentials() cloud.Credentials {
	switch a.source.Value() {
	case sourceProfile:
		return cloud.Credentials{Source: cloud.SourceProfile, Profile: a.profile.Value(), ConfigFile: a.configFile}
	case sourcePasted:
		return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: a.keyID.Value(), Secret: cloud.NewSecret(a.secret.Value())}
	}
	return cloud.Credentials{Source: cloud.SourceEnvironment}
}

// accountsView asks where each account's credentials come from and checks
// them live, showing whose they are.
type accountsView struct {
	formScreen
	a, b *accountForm
}

func newAccountsView(st theme, profiles []string, a, b cloud.Credentials) *accountsView {
	v := &accountsView{
		a: newAccountForm(st, steps.SideTablestore, "accounts.tablestore", profiles, a),
		b: newAccountForm(st, steps.SideMaxCompute, "accounts.maxcompute", profiles, b),
	}
	v.formScreen = formScreen{
		screen: steps.ScreenAccounts,
		title:  "Accounts",
		intro:  "Account A owns the Tablestore data; account B runs MaxCompute. They may be the same account. Enter checks both keys live.",
		form:   form.New(form.DefaultKeyMap(), append(v.a.controls(), v.b.controls()...)...),
	}
	return v
}

// credentials returns both accounts' credentials as answered.
func (v *accountsView) credentials() (a, b cloud.Credentials) {
	return v.a.credentials(), v.b.credentials()
}

// update passes a key to the form. Enter on the last question asks the
// root to check the credentials (which then submits the form).
func (v *accountsView) update(k tea.KeyMsg) tea.Cmd {
	cmd, ev := v.form.Update(k)
	if ev.Changed != "" {
		v.a.showFor()
		v.b.showFor()
		cmd = tea.Batch(cmd, v.form.Refocus())
	}
	if ev.Submitted {
		return tea.Batch(cmd, emit(verifyMsg{}))
	}
	return cmd
}

// answer writes the credential sources into spec: a profile's name, or no
// profile (the spec never holds a key).
func (v *accountsView) answer(spec steps.Spec) steps.Spec {
	set := func(acc *steps.Account, f *accountForm) {
		acc.Profile = ""
		if f.source.Value() == sourceProfile {
			acc.Profile = f.profile.Value()
		}
	}
	set(&spec.Accounts.Tablestore, v.a)
	set(&spec.Accounts.MaxCompute, v.b)
	return spec
}

// sources returns what the resume file records about the credentials:
// where they come from, never the values.
func (v *accountsView) sources() savedSources {
	one := func(f *accountForm) savedSource {
		s := savedSource{Source: f.source.Value()}
		if s.Source == sourceProfile {
			s.Profile = f.profile.Value()
		}
		return s
	}
	return savedSources{Tablestore: one(v.a), MaxCompute: one(v.b)}
}

// restore applies saved sources; pasted keys are not saved, so they stay as
// the target offers them (or empty).
func (v *accountsView) restore(s savedSources) {
	one := func(f *accountForm, s savedSource) {
		if s.Source == "" {
			return
		}
		f.source.SetValue(s.Source)
		if s.Source == sourceProfile {
			f.profile.SetValue(s.Profile)
		}
		f.showFor()
	}
	one(v.a, s.Tablestore)
	one(v.b, s.MaxCompute)
	v.form.Refocus()
}

func (m model) accountsBody(width, height int) string {
	v := m.accounts
	var status strings.Builder
	for i, side := range []steps.AccountSide{steps.SideTablestore, steps.SideMaxCompute} {
		status.WriteString(m.identityLine(i, side, width) + "\n")
	}
	if a, b := m.identities[0], m.identities[1]; m.verified() && a.id.AccountUID == b.id.AccountUID {
		status.WriteString(paint(m.st.Muted, wrap("Both keys belong to one account: the trust policy will name odps.aliyuncs.com.", width)) + "\n")
	}
	return v.body(m.st, width, height, strings.TrimRight(status.String(), "\n"))
}

// identityLine says whose key an account's credentials are, or why not.
func (m model) identityLine(i int, side steps.AccountSide, width int) string {
	st := m.st
	name := []string{"A", "B"}[i]
	r := m.identities[i]
	switch {
	case m.verifying:
		return st.Muted.Render(fmt.Sprintf("  %s checking %s…", m.spinner(), side))
	case !m.checked:
		return st.Muted.Render(fmt.Sprintf("  %s: not checked yet", name))
	case r.err != nil:
		if errors.Is(r.err, errNotAsked) {
			return st.Muted.Render(fmt.Sprintf("  %s: %s", name, r.err))
		}
		return paint(st.Bad, hang(fmt.Sprintf("✗ %s: ", name), identityText(r.err), width))
	}
	kind := r.id.Type
	if kind == "" {
		kind = "unknown identity type"
	}
	line := fmt.Sprintf("✓ %s: account %s · %s", name, r.id.AccountUID, kind)
	if r.id.ARN != "" {
		line += " · " + r.id.ARN
	}
	out := paint(st.Good, clip(line, width))
	if r.id.IsRoot() {
		out += "\n" + paint(st.Warn, hang("  ! ", "this is the account's root AccessKey: it works, but a RAM user with only the needed permissions is safer", width))
	}
	return out
}
