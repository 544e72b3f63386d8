package maxcompute

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
)

// tableXML is GET /projects/<p>/tables/<t>: metadata in XML with the schema
// as a JSON string, which the SDK unmarshals into tableschema.TableSchema.
type tableXML struct {
	XMLName xml.Name `xml:"Table"`
	Name    string   `xml:"Name"`
	TableID string   `xml:"TableId"`
	Schema  cdata    `xml:"Schema"`
	Comment string   `xml:"Comment"`
	Owner   string   `xml:"Owner"`
	Project string   `xml:"Project"`
	Type    string   `xml:"Type"`
}

// schemaJSON is the table schema as the service writes it. Times are Unix
// seconds; serDeProperties is itself a JSON string.
type schemaJSON struct {
	TableName        string       `json:"TableName"`
	Comment          string       `json:"Comment"`
	Owner            string       `json:"Owner"`
	CreateTime       int64        `json:"CreateTime"`
	LastDDLTime      int64        `json:"LastDDLTime"`
	LastModifiedTime int64        `json:"LastModifiedTime"`
	Lifecycle        int          `json:"Lifecycle"`
	HubLifecycle     int          `json:"HubLifecycle"`
	IsExternal       bool         `json:"IsExternal"`
	IsVirtualView    bool         `json:"IsVirtualView"`
	Size             int64        `json:"Size"`
	RecordNum        int          `json:"RecordNum"`
	Columns          []columnJSON `json:"Columns"`
	PartitionKeys    []columnJSON `json:"PartitionKeys"`

	// Only with ?extended.
	StorageHandler  string `json:"StorageHandler,omitempty"`
	Location        string `json:"Location,omitempty"`
	SerDeProperties string `json:"serDeProperties,omitempty"`
}

type columnJSON struct {
	Name       string `json:"Name"`
	Type       string `json:"Type"`
	Comment    string `json:"Comment"`
	IsNullable bool   `json:"IsNullable"`
}

func (s *Service) getTable(w http.ResponseWriter, req *request) {
	t, ok := s.lookupTable(req.project.Name, req.route.table)
	if !ok {
		s.writeError(w, req.id, req.host, errTableNotFound(req.project.Name, req.route.table))
		return
	}
	schema, err := tableSchemaJSON(t, req.r.URL.Query().Has("extended"))
	if err != nil {
		s.writeError(w, req.id, req.host, errBackend(err))
		return
	}
	s.writeXML(w, req, http.StatusOK, tableXML{
		Name:    t.Name,
		TableID: t.ID,
		Schema:  cdata{schema},
		Comment: t.Comment,
		Owner:   principal(t.OwnerUID),
		Project: t.Project,
		Type:    "EXTERNAL_TABLE",
	})
}

func tableSchemaJSON(t *ExternalTableDef, extended bool) (string, error) {
	created := t.Created.Unix()
	sc := schemaJSON{
		TableName:        t.Name,
		Comment:          t.Comment,
		Owner:            principal(t.OwnerUID),
		CreateTime:       created,
		LastDDLTime:      created,
		LastModifiedTime: created,
		Lifecycle:        -1,
		HubLifecycle:     -1,
		IsExternal:       true,
		RecordNum:        -1,
		Columns:          make([]columnJSON, 0, len(t.Columns)),
		PartitionKeys:    []columnJSON{},
	}
	for _, c := range t.Columns {
		sc.Columns = append(sc.Columns, columnJSON{Name: c.Name, Type: c.Type, Comment: c.Comment, IsNullable: true})
	}
	if extended {
		props := make(map[string]string, len(t.SerDeProperties))
		for _, p := range t.SerDeProperties {
			props[p.Key] = p.Value
		}
		raw, err := json.Marshal(props)
		if err != nil {
			return "", err
		}
		sc.StorageHandler = t.StorageHandler
		sc.Location = displayLocation(t.Location)
		sc.SerDeProperties = string(raw)
	}
	out, err := json.Marshal(sc)
	return string(out), err
}

// tablesXML is GET /projects/<p>/tables.
type tablesXML struct {
	XMLName  xml.Name   `xml:"Tables"`
	Tables   []tableRow `xml:"Table"`
	Marker   string     `xml:"Marker"`
	MaxItems int        `xml:"MaxItems"`
}

type tableRow struct {
	Name  string `xml:"Name"`
	Owner string `xml:"Owner"`
	Type  string `xml:"Type"`
}

// listTables lists the project's tables in one page, filtered by the SDK's
// name-prefix filter when given.
func (s *Service) listTables(w http.ResponseWriter, req *request) {
	prefix := strings.ToLower(req.r.URL.Query().Get("name"))
	body := tablesXML{}
	for _, t := range s.projectTables(req.project.Name) {
		if strings.HasPrefix(t.Name, prefix) {
			body.Tables = append(body.Tables, tableRow{Name: t.Name, Owner: principal(t.OwnerUID), Type: "EXTERNAL_TABLE"})
		}
	}
	body.MaxItems = len(body.Tables)
	s.writeXML(w, req, http.StatusOK, body)
}
