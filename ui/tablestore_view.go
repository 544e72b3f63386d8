package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
	"github.com/mcots/wizard/ui/form"
)

// lookupKind is one of the tablestore screen's look-ups in account A.
type lookupKind int

// Look-ups.
const (
	lookupInstances lookupKind = iota // the instances of the region
	lookupTables                      // the tables of the chosen instance
	lookupTable                       // the chosen table's key, columns and a sample key
	lookupKinds
)

func (k lookupKind) String() string {
	switch k {
	case lookupInstances:
		return "instances"
	case lookupTables:
		return "tables"
	case lookupTable:
		return "table"
	}
	return fmt.Sprintf("lookupKind(%d)", int(k))
}

// lookup is where one look-up stands; seq tells its latest run from stale ones.
type lookup struct {
	seq     int
	pending bool
	err     error
	forKey  string // what it looked at: the region, the instance, instance/table
}

// tablestoreView asks for the instance and the table: pick existing ones
// (their schema is discovered) or name new ones and define the key and
// columns.
type tablestoreView struct {
	formScreen
	instance, table  *form.Text
	cluster, network *form.Choice
	pk, cols         *form.Grid

	lookups   [lookupKinds]lookup
	instances []cloud.InstanceSummary
	tables    []string
	found     *cloud.TableDiscovery // the discovered table, for the note and the sample key
	sampleKey []string              // the key the spec had, kept while the table is the same
	keyFor    string                // instance/table/key the sample key belongs to
	// checking: the answers name a setup to check, which creates nothing,
	// so the notes say what the check will find rather than what a run makes.
	checking bool
}

func columnCols() []form.Column {
	return []form.Column{
		{Title: "name", Field: "name", Width: 24, Placeholder: "column name"},
		{Title: "type", Field: "type", Width: 10, Placeholder: "STRING"},
	}
}

func clusterOptions() []form.Option {
	return []form.Option{{Value: string(steps.ClusterSSD), Label: "SSD (high performance)"}, {Value: string(steps.ClusterHybrid), Label: "HYBRID (capacity)"}}
}

func networkOptions() []form.Option {
	return []form.Option{{Value: string(steps.NetworkNormal), Label: "NORMAL (any network)"}, {Value: string(steps.NetworkVPC), Label: "VPC"}, {Value: string(steps.NetworkVPCConsole), Label: "VPC_CONSOLE"}}
}

func newTablestoreView(st theme, spec steps.Spec) *tablestoreView {
	t := spec.Tablestore
	v := &tablestoreView{
		instance: form.NewText(st.Form, "tablestore.instance", "Instance", "an instance of account A (a setup creates one that does not exist)",
			t.Instance, fieldCheck("tablestore.instance")),
		cluster: form.NewChoice("tablestore.cluster_type", "Instance type", "for a new instance; an existing one keeps its type",
			clusterOptions(), orDefault(string(t.ClusterType), string(steps.ClusterSSD))),
		network: form.NewChoice("tablestore.network", "Network", "NORMAL lets MaxCompute reach the instance; VPC-only instances refuse it",
			networkOptions(), orDefault(string(t.Network), string(steps.NetworkNormal))),
		table: form.NewText(st.Form, "tablestore.table", "Table", "an existing table (its key and columns are read) or a new one",
			t.Table, fieldCheck("tablestore.table")),
		pk: form.NewGrid(st.Form, "tablestore.primary_key", "Primary key", "1–4 columns in key order, the partition key first; INTEGER, STRING or BINARY",
			columnCols(), columnRows(t.PrimaryKey), checkField).Limit(1, 4),
		cols: form.NewGrid(st.Form, "tablestore.columns", "Attribute columns", "the columns MaxCompute should see; INTEGER, STRING, BINARY, DOUBLE or BOOLEAN",
			columnCols(), columnRows(t.Columns), checkField),
		sampleKey: t.SampleKey,
		keyFor:    tableKey(t),
	}
	v.formScreen = formScreen{
		screen: steps.ScreenTablestore,
		title:  "Tablestore instance and table in account A",
		form:   form.New(form.DefaultKeyMap(), v.instance, v.cluster, v.network, v.table, v.pk, v.cols),
	}
	return v
}

func columnRows(cs []steps.Column) [][]string {
	rows := make([][]string, len(cs))
	for i, c := range cs {
		rows[i] = []string{c.Name, c.Type}
	}
	return rows
}

func rowColumns(rows [][]string) []steps.Column {
	var cs []steps.Column
	for _, r := range rows {
		if r[0] == "" && r[1] == "" {
			continue // a row added and left empty
		}
		cs = append(cs, steps.Column{Name: r[0], Type: strings.ToUpper(r[1])})
	}
	return cs
}

// tableKey names a table and its key, so a sample key is only kept for the
// table it was read from.
func tableKey(t steps.Tablestore) string {
	return fmt.Sprintf("%s/%s/%v", strings.ToLower(t.Instance), t.Table, t.PrimaryKey)
}

func (v *tablestoreView) answer(spec steps.Spec) steps.Spec {
	t := steps.Tablestore{
		Instance:    v.instance.Value(),
		ClusterType: steps.ClusterType(v.cluster.Value()),
		Network:     steps.Network(v.network.Value()),
		Table:       v.table.Value(),
		PrimaryKey:  rowColumns(v.pk.Rows()),
		Columns:     rowColumns(v.cols.Rows()),
	}
	switch {
	case v.found != nil && v.lookups[lookupTable].forKey == t.Instance+"/"+t.Table && len(v.found.SampleKey) > 0:
		t.SampleKey = v.found.SampleKey
	case tableKey(t) == v.keyFor:
		t.SampleKey = v.sampleKey
	}
	spec.Tablestore = t
	return spec
}

// update passes a key to the form and asks for look-ups when the instance
// or table answer names something that exists.
func (v *tablestoreView) update(k tea.KeyMsg) tea.Cmd {
	cmd, ev := v.updateForm(k)
	cmd = tea.Batch(cmd, v.follow(ev))
	v.refreshNotes()
	return cmd
}

// refreshNotes says under the instance and the table what the look-ups
// found; called whenever an answer or a look-up changes.
func (v *tablestoreView) refreshNotes() {
	v.instance.SetNote(v.instanceNote())
	v.table.SetNote(v.tableNote())
}

// follow returns the look-up an answer calls for.
func (v *tablestoreView) follow(ev form.Event) tea.Cmd {
	switch {
	case ev.Changed == "tablestore.instance" || ev.Left == "tablestore.instance":
		if v.lookups[lookupTables].forKey != v.instance.Value() {
			// The tables listed belong to another instance.
			v.tables = nil
			v.table.SetPicks(nil)
			if v.instanceExists() != nil {
				return emit(lookupMsg{kind: lookupTables})
			}
		}
	case ev.Changed == "tablestore.table" || ev.Left == "tablestore.table":
		if slices.Contains(v.tables, v.table.Value()) && v.lookups[lookupTable].forKey != v.instance.Value()+"/"+v.table.Value() {
			return emit(lookupMsg{kind: lookupTable})
		}
	}
	return nil
}

// enter starts listing the region's instances unless that is known.
func (v *tablestoreView) enter(region string, checking bool) tea.Cmd {
	v.checking = checking
	v.refreshNotes()
	if l := v.lookups[lookupInstances]; l.forKey == region && (l.pending || l.err == nil) {
		return v.follow(form.Event{Left: "tablestore.instance"})
	}
	return emit(lookupMsg{kind: lookupInstances})
}

// begin marks a look-up in flight and returns its sequence number.
func (v *tablestoreView) begin(k lookupKind, forKey string) int {
	l := &v.lookups[k]
	l.seq++
	l.pending, l.err, l.forKey = true, nil, forKey
	v.refreshNotes()
	return l.seq
}

func (v *tablestoreView) current(k lookupKind, seq int) bool {
	return v.lookups[k].seq == seq && v.lookups[k].pending
}

func (v *tablestoreView) instanceExists() *cloud.InstanceSummary {
	for i, in := range v.instances {
		if strings.EqualFold(in.Name, v.instance.Value()) {
			return &v.instances[i]
		}
	}
	return nil
}

func (v *tablestoreView) instancesLoaded(msg instancesMsg) tea.Cmd {
	if !v.current(lookupInstances, msg.seq) {
		return nil
	}
	defer v.refreshNotes()
	l := &v.lookups[lookupInstances]
	l.pending, l.err = false, msg.err
	if msg.err != nil {
		return nil
	}
	v.instances = msg.list
	names := make([]string, len(msg.list))
	for i, in := range msg.list {
		names[i] = in.Name
	}
	v.instance.SetPicks(names)
	if in := v.instanceExists(); in != nil {
		v.cluster.SetValue(in.ClusterType)
		v.network.SetValue(in.Network)
		return emit(lookupMsg{kind: lookupTables})
	}
	return nil
}

func (v *tablestoreView) tablesLoaded(msg tablesMsg) tea.Cmd {
	if !v.current(lookupTables, msg.seq) {
		return nil
	}
	defer v.refreshNotes()
	l := &v.lookups[lookupTables]
	l.pending, l.err = false, msg.err
	if msg.err != nil {
		return nil
	}
	v.tables = msg.names
	v.table.SetPicks(msg.names)
	return v.follow(form.Event{Left: "tablestore.table"})
}

func (v *tablestoreView) discovered(msg discoveredMsg) {
	if !v.current(lookupTable, msg.seq) {
		return
	}
	defer v.refreshNotes()
	l := &v.lookups[lookupTable]
	l.pending, l.err = false, msg.err
	if msg.err != nil {
		return
	}
	d := msg.found
	v.found = &d
	// What exists is the truth about the table: its key replaces whatever
	// the spec said, and so do the attribute columns' types. Tablestore
	// stores no attribute schema (discovery reads sampled rows), so the
	// answered columns keep their order — a re-run maps them as before — and
	// one the sample lacks is kept: a sample cannot prove it absent.
	v.pk.SetRows(columnRows(d.Tablestore.PrimaryKey))
	v.cols.SetRows(columnRows(mergeColumns(rowColumns(v.cols.Rows()), d.Tablestore.Columns)))
}

// mergeColumns returns the answered columns in their order, with the
// discovered type where the sample has the column, then the columns only
// the sample has, as discovered.
func mergeColumns(answered, discovered []steps.Column) []steps.Column {
	found := map[string]steps.Column{}
	for _, c := range discovered {
		found[c.Name] = c
	}
	var out []steps.Column
	taken := map[string]bool{}
	for _, c := range answered {
		if d, ok := found[c.Name]; ok {
			c = d
		}
		out = append(out, c)
		taken[c.Name] = true
	}
	for _, c := range discovered {
		if !taken[c.Name] {
			out = append(out, c)
		}
	}
	return out
}

func (v *tablestoreView) instanceNote() string {
	l := v.lookups[lookupInstances]
	switch {
	case l.pending:
		return "looking up the instances of account A…"
	case l.err != nil:
		return "could not list the instances: " + errorText(l.err)
	case l.forKey == "":
		return ""
	}
	if in := v.instanceExists(); in != nil {
		state := "running"
		if !in.Running {
			state = "not running yet"
		}
		if v.checking {
			return fmt.Sprintf("exists (%s, %s, %s)", in.ClusterType, in.Network, state)
		}
		return fmt.Sprintf("exists (%s, %s, %s): the wizard uses it as it is", in.ClusterType, in.Network, state)
	}
	note := "new: the wizard creates it"
	if v.checking {
		note = "not found in account A: the check will report it missing"
	}
	if len(v.instances) > 0 {
		note += fmt.Sprintf(" (%d existing, ctrl+n picks one)", len(v.instances))
	}
	return note
}

func (v *tablestoreView) tableNote() string {
	lt, ld := v.lookups[lookupTables], v.lookups[lookupTable]
	switch {
	case ld.pending:
		return "reading the table's key and columns…"
	case ld.err != nil:
		return "could not read the table: " + errorText(ld.err)
	case lt.pending:
		return "looking up the tables of " + lt.forKey + "…"
	case lt.err != nil:
		return "could not list the tables: " + errorText(lt.err)
	case v.instanceExists() == nil || lt.forKey != v.instance.Value():
		if v.instance.Value() != "" && v.lookups[lookupInstances].forKey != "" {
			return v.newTableNote()
		}
		return ""
	case v.found != nil && ld.forKey == v.instance.Value()+"/"+v.table.Value():
		return fmt.Sprintf("exists: key and columns read from the table (%d rows sampled)", v.found.SampledRows)
	case slices.Contains(v.tables, v.table.Value()):
		return "exists"
	}
	note := v.newTableNote()
	if len(v.tables) > 0 {
		note += fmt.Sprintf(" (%d existing, ctrl+n picks one)", len(v.tables))
	}
	return note
}

// newTableNote is the note for a table the instance does not have.
func (v *tablestoreView) newTableNote() string {
	if v.checking {
		return "not found: the check will report it missing"
	}
	return "new: the wizard creates it with the key and columns below"
}

func (m model) tablestoreBody(width, height int) string {
	return m.tablestore.body(m.st, width, height, "")
}
