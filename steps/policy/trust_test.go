package policy

import "testing"

func TestTrustAdmits(t *testing.T) {
	t.Parallel()
	const uidA, uidB = "1111111111111111", "2222222222222222"
	crossAccount := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":["` + uidB + `@odps.aliyuncs.com"]}}]}`
	sameAccount := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"odps.aliyuncs.com"}}]}`
	ramRoot := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + uidB + `:root"}}]}`
	bareUID := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"` + uidB + `"}}]}`
	ramUser := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + uidB + `:user/alice"}}]}`
	denyAlice := `{"Version":"1","Statement":[
		{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + uidB + `:root"}},
		{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::` + uidB + `:user/alice"}}]}`
	wrongAction := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Principal":{"Service":"odps.aliyuncs.com"}}]}`
	conditional := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"odps.aliyuncs.com"},"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}`
	wildcardService := `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:*","Principal":{"Service":"*@odps.aliyuncs.com"}}]}`

	tests := []struct {
		name  string
		trust string
		r     Requester
		want  bool
	}{
		{"cross account: B's MaxCompute", crossAccount, ServiceRequester(uidB + "@odps.aliyuncs.com"), true},
		{"service compares case-insensitively", crossAccount, ServiceRequester(uidB + "@ODPS.aliyuncs.com"), true},
		{"B9: cross account refuses plain odps", crossAccount, ServiceRequester("odps.aliyuncs.com"), false},
		{"B9: cross account refuses A's UID", crossAccount, ServiceRequester(uidA + "@odps.aliyuncs.com"), false},
		{"B9: same-account principal refuses B", sameAccount, ServiceRequester(uidB + "@odps.aliyuncs.com"), false},
		{"same account principal", sameAccount, ServiceRequester("odps.aliyuncs.com"), true},
		{"service trust refuses RAM identities", crossAccount, RAMRequester("acs:ram::" + uidB + ":root"), false},
		{"root admits the account root", ramRoot, RAMRequester("acs:ram::" + uidB + ":root"), true},
		{"root admits the account's users", ramRoot, RAMRequester("acs:ram::" + uidB + ":user/bob"), true},
		{"root refuses other accounts", ramRoot, RAMRequester("acs:ram::" + uidA + ":root"), false},
		{"root refuses a UID that merely starts the same", ramRoot, RAMRequester("acs:ram::" + uidB + "9:root"), false},
		{"bare UID means root", bareUID, RAMRequester("acs:ram::" + uidB + ":user/bob"), true},
		{"user principal admits that user", ramUser, RAMRequester("acs:ram::" + uidB + ":user/alice"), true},
		{"user principal refuses root", ramUser, RAMRequester("acs:ram::" + uidB + ":root"), false},
		{"user principal refuses other user", ramUser, RAMRequester("acs:ram::" + uidB + ":user/bob"), false},
		{"RAM trust refuses services", ramRoot, ServiceRequester(uidB + "@odps.aliyuncs.com"), false},
		{"deny wins", denyAlice, RAMRequester("acs:ram::" + uidB + ":user/alice"), false},
		{"deny spares others", denyAlice, RAMRequester("acs:ram::" + uidB + ":user/bob"), true},
		{"wrong action", wrongAction, ServiceRequester("odps.aliyuncs.com"), false},
		{"conditional allow admits nobody", conditional, ServiceRequester("odps.aliyuncs.com"), false},
		{"wildcards", wildcardService, ServiceRequester(uidA + "@odps.aliyuncs.com"), true},
		{"empty requester", ramRoot, Requester{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := TrustAdmits(mustParse(t, tt.trust), tt.r); got != tt.want {
				t.Fatalf("TrustAdmits(%v) = %t, want %t", tt.r, got, tt.want)
			}
		})
	}
}

func TestAccountOfARN(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"acs:ots:cn-hangzhou:123:instance/cap1": "123",
		"acs:ram::456:role/x":                   "456",
		"acs:ram::456":                          "",
		"arn:aws:iam::1:role/x":                 "",
		"*":                                     "",
	} {
		if got := AccountOfARN(in); got != want {
			t.Errorf("AccountOfARN(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRequesterString(t *testing.T) {
	t.Parallel()
	if got := ServiceRequester("odps.aliyuncs.com").String(); got != "service odps.aliyuncs.com" {
		t.Errorf("got %q", got)
	}
	if got := RAMRequester("acs:ram::1:root").String(); got != "acs:ram::1:root" {
		t.Errorf("got %q", got)
	}
}
