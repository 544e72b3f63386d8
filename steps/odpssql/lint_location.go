package odpssql

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps/naming"
)

func (l *ddlLinter) checkLocation() {
	ct := l.ct
	want := ""
	if e := l.expect; e != nil && e.Instance != "" && e.Region != "" {
		want = LocationFor(e.Instance, e.Region, EndpointInternal)
	}
	wantFix := func(generic string) string {
		if want != "" {
			return fmt.Sprintf("LOCATION '%s'", want)
		}
		return generic
	}
	if ct.Location == "" {
		if l.isTablestoreTable() {
			at := ct.StoredByPos
			if !at.IsValid() {
				at = ct.PropertiesPos
			}
			l.add(at, Error, "missing-location",
				"add "+wantFix("LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com'")+" after WITH SERDEPROPERTIES",
				"no LOCATION: MaxCompute needs the Tablestore instance's endpoint")
		}
		return
	}
	loc, err := ParseLocation(ct.Location)
	l.creds = loc.HasCredentials
	if err != nil {
		var le *LocationError
		code := "location-malformed"
		if errors.As(err, &le) && le.BadScheme {
			code = "location-scheme"
		}
		l.add(ct.LocationPos, Error, code, wantFix("LOCATION 'tablestore://<instance>.<region>.ots-internal.aliyuncs.com'"), "%v", err)
		return
	}
	l.loc = &loc
	if loc.HasCredentials {
		l.add(ct.LocationPos, Warning, "location-credentials",
			"remove the '<AccessKeyId>:<AccessKeySecret>@' part and set 'odps.properties.rolearn' to a role in the Tablestore account",
			"LOCATION embeds an AccessKey pair: the secret is stored in the table definition, readable by anyone who can describe the table")
	}
	hostAt := strings.LastIndex(ct.Location, loc.Host)
	if err := naming.InstanceName(loc.Instance); err != nil {
		l.add(l.inString(ct.LocationPos, hostAt), Warning, "bad-name", "check the instance name in the Tablestore console",
			"LOCATION: %v", err)
	}
	if loc.Kind != EndpointInternal {
		l.add(ct.LocationPos, Warning, "location-not-internal",
			fmt.Sprintf("LOCATION '%s'", LocationFor(loc.Instance, loc.Region, EndpointInternal)),
			"LOCATION uses the %s endpoint; MaxCompute reaches Tablestore through the internal endpoint (.ots-internal.aliyuncs.com), and an unreachable host fails with \"a timeout was reached\"",
			loc.Kind)
	}
	e := l.expect
	if e == nil {
		return
	}
	if e.Instance != "" && !strings.EqualFold(loc.Instance, e.Instance) {
		l.add(l.inString(ct.LocationPos, hostAt), Error, "location-instance", wantFix(""),
			"LOCATION points at instance %s, but the Tablestore instance is %s; MaxCompute cannot reach it and reports only \"a timeout was reached\" (ODPS-0010000) (if the DDL names the right instance, correct the instance's name in the spec instead)",
			quoteShown(loc.Instance), quoteShown(e.Instance))
	}
	if e.Region != "" && loc.Region != e.Region {
		l.add(l.inString(ct.LocationPos, hostAt+len(loc.Instance)+1), Error, "location-region", wantFix(""),
			"LOCATION names region %s, but instance %s is in %s; MaxCompute cannot reach it and reports only \"a timeout was reached\" (ODPS-0010000)",
			loc.Region, quoteShown(loc.Instance), e.Region)
	}
}
