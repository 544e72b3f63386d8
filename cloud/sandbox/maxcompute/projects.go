package maxcompute

import (
	"encoding/xml"
	"net/http"
)

// projectXML is GET /projects/<p>. Owner and times travel in headers, as the
// SDK expects for this call.
type projectXML struct {
	XMLName    xml.Name      `xml:"Project"`
	Name       string        `xml:"Name"`
	Type       string        `xml:"Type"`
	Comment    string        `xml:"Comment"`
	State      string        `xml:"State"`
	Region     string        `xml:"Region"`
	Properties []propertyXML `xml:"Properties>Property"`
}

type propertyXML struct {
	Name  string `xml:"Name"`
	Value string `xml:"Value"`
}

// projectProperties are the settings every sandbox project reports. The 2.0
// type system is on, as it is by default for projects created today, so
// binary and the other 2.0 types need no "set" first.
func projectProperties() []propertyXML {
	return []propertyXML{
		{Name: "odps.sql.type.system.odps2", Value: "true"},
		{Name: "odps.security.ip.whitelist", Value: ""},
	}
}

func (s *Service) getProject(w http.ResponseWriter, req *request) {
	p := req.project
	owner := principal(p.OwnerUID)
	w.Header().Set("x-odps-owner", owner)
	if !p.Created.IsZero() {
		w.Header().Set("x-odps-creation-time", gmt(p.Created))
		w.Header().Set("Last-Modified", gmt(p.Created))
	}
	s.writeXML(w, req, http.StatusOK, projectXML{
		Name:       p.Name,
		Type:       "managed",
		Comment:    p.Comment,
		State:      "AVAILABLE",
		Region:     p.Region,
		Properties: projectProperties(),
	})
}

// principal is how MaxCompute names an Alibaba Cloud account as owner.
func principal(uid string) string { return "ALIYUN$" + uid }
