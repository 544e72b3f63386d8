package ui

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// askScreen asks one form's questions as lines and returns the spec with
// them answered. The questions and checks are the forms' own.
func (lw *lineWizard) askScreen(s steps.Screen, spec steps.Spec) (steps.Spec, error) {
	var err error
	ask := func(q string, field string, v *string) {
		if err == nil {
			*v, err = lw.ask(q, *v, fieldCheck(field))
		}
	}
	choose := func(q string, options []string, def string, set func(string)) {
		if err == nil {
			var v string
			v, err = lw.choose(q, options, def, nil)
			set(v)
		}
	}
	switch s {
	case steps.ScreenAccounts:
		for i, side := range []string{"tablestore", "maxcompute"} {
			if err == nil {
				lw.creds[i], err = lw.askCredentials([]string{"A (owns the Tablestore data)", "B (runs MaxCompute)"}[i], "accounts."+side, lw.creds[i])
			}
		}
		spec.Accounts.Tablestore.Profile, spec.Accounts.MaxCompute.Profile = lw.creds[0].Profile, lw.creds[1].Profile
	case steps.ScreenMaxCompute:
		ask("Region", "region", &spec.Region)
		ask("MaxCompute project in account B", "maxcompute.project", &spec.MaxCompute.Project)
	case steps.ScreenRAM:
		r := spec.WithDefaults().RAM
		ask("RAM role name in account A", "ram.role", &r.Role)
		ask("Permission policy name", "ram.policy", &r.Policy)
		choose("Access", []string{"read", "read-write"}, string(r.Access), func(v string) { r.Access = steps.Access(v) })
		choose("Policy scope", []string{"table", "instance", "account"}, string(r.Scope), func(v string) { r.Scope = steps.Scope(v) })
		spec.RAM = r
	case steps.ScreenTablestore:
		t := &spec.Tablestore
		before := tableKey(*t)
		ask("Tablestore instance in account A (existing or new)", "tablestore.instance", &t.Instance)
		choose("Instance type, for a new instance", []string{"SSD", "HYBRID"}, orDefault(string(t.ClusterType), "SSD"), func(v string) { t.ClusterType = steps.ClusterType(v) })
		choose("Instance network", []string{"NORMAL", "VPC", "VPC_CONSOLE"}, orDefault(string(t.Network), "NORMAL"), func(v string) { t.Network = steps.Network(v) })
		ask("Table (existing or new)", "tablestore.table", &t.Table)
		if err == nil {
			t.PrimaryKey, err = lw.askColumns("Primary key, in key order (name:TYPE, comma-separated)", "tablestore.primary_key", t.PrimaryKey)
		}
		if err == nil {
			t.Columns, err = lw.askColumns("Attribute columns (name:TYPE, comma-separated)", "tablestore.columns", t.Columns)
		}
		if tableKey(*t) != before {
			t.SampleKey = nil // it belonged to another table
		}
	case steps.ScreenExternalTable:
		e := &spec.ExternalTable
		name := spec.WithDefaults().ExternalTable.Name
		ask("External table name in account B", "external_table.name", &name)
		if name != spec.Tablestore.Table+"_ext" || e.Name != "" {
			e.Name = name
		}
		choose("Endpoint LOCATION uses", []string{"internal", "public", "vpc"}, orDefault(string(e.Endpoint), "internal"), func(v string) { e.Endpoint = steps.Endpoint(v) })
		if err == nil {
			e.Mapping, err = lw.askMapping(spec)
		}
	}
	return spec, err
}

// askCredentials asks where one account's key comes from.
func (lw *lineWizard) askCredentials(who, prefix string, c cloud.Credentials) (cloud.Credentials, error) {
	src, err := lw.choose("Account "+who+": credentials from", []string{sourceProfile, sourceEnvironment, sourcePasted}, sourceOf(c), nil)
	if err != nil {
		return c, err
	}
	switch src {
	case sourceProfile:
		q := "  profile"
		if len(lw.opts.Profiles) > 0 {
			q += " (" + strings.Join(lw.opts.Profiles, ", ") + ")"
		}
		name, err := lw.ask(q, c.Profile, fieldCheck(prefix+".profile"))
		return cloud.Credentials{Source: cloud.SourceProfile, Profile: name}, err
	case sourcePasted:
		id, err := lw.ask("  AccessKey ID", c.AccessKeyID, nonEmpty("paste the AccessKey ID"))
		if err != nil {
			return c, err
		}
		secret, given, err := lw.askSecret("  AccessKey secret (not shown)", !c.Secret.IsZero())
		if err != nil {
			return c, err
		}
		if !given {
			secret = c.Secret
		}
		return cloud.Credentials{Source: cloud.SourceAccessKey, AccessKeyID: id, Secret: secret}, nil
	}
	return cloud.Credentials{Source: cloud.SourceEnvironment}, nil
}

// askColumns reads a list of name:TYPE pairs and checks each.
func (lw *lineWizard) askColumns(question, field string, have []steps.Column) ([]steps.Column, error) {
	parts := make([]string, len(have))
	for i, c := range have {
		parts[i] = c.Name + ":" + c.Type
	}
	var out []steps.Column
	_, err := lw.ask(question, strings.Join(parts, ", "), func(v string) error {
		out = nil
		for i, p := range splitList(v) {
			name, typ, ok := strings.Cut(p, ":")
			if !ok {
				return fmt.Errorf("%q: write name:TYPE, e.g. vid:INTEGER", p)
			}
			c := steps.Column{Name: strings.TrimSpace(name), Type: strings.ToUpper(strings.TrimSpace(typ))}
			for _, f := range []string{"name", "type"} {
				val := c.Name
				if f == "type" {
					val = c.Type
				}
				if err := checkField(fmt.Sprintf("%s[%d].%s", field, i, f), val); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// askMapping offers the mapping derived from the table, or a typed one.
func (lw *lineWizard) askMapping(spec steps.Spec) ([]steps.Mapping, error) {
	current := spec.ExternalTable.Mapping
	if len(current) == 0 {
		current = steps.DeriveMapping(spec.Tablestore)
	}
	parts := make([]string, len(current))
	for i, m := range current {
		parts[i] = m.Column + ":" + m.Type + ":" + m.Source
	}
	var out []steps.Mapping
	_, err := lw.ask("Column mapping (column:type:source, a ':' before a key column's source)", strings.Join(parts, ", "), func(v string) error {
		out = nil
		for i, p := range splitList(v) {
			f := strings.SplitN(p, ":", 3)
			if len(f) != 3 {
				return fmt.Errorf("%q: write column:type:source, e.g. vid:bigint::vid", p)
			}
			m := steps.Mapping{Column: strings.TrimSpace(f[0]), Type: strings.ToLower(strings.TrimSpace(f[1])), Source: strings.TrimSpace(f[2])}
			for _, part := range [][2]string{{"column", m.Column}, {"type", m.Type}, {"source", m.Source}} {
				if err := checkField(fmt.Sprintf("external_table.mapping[%d].%s", i, part[0]), part[1]); err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
			}
			out = append(out, m)
		}
		return nil
	})
	if reflect.DeepEqual(out, steps.DeriveMapping(spec.Tablestore)) {
		out = nil // derived: the spec stays as short as the choices
	}
	return out, err
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
