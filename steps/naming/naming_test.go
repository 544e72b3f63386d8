package naming

import (
	"strings"
	"testing"
)

func TestRules(t *testing.T) {
	long := func(n int, c string) string { return strings.Repeat(c, n) }
	tests := []struct {
		name    string
		check   func(string) error
		input   string
		wantErr string // "" = valid
	}{
		{"uid ok", UID, "1234567890123456", ""},
		{"uid letters", UID, "12345678901234a6", "only digits"},
		{"uid short", UID, "123", "10–20 digits"},
		{"uid empty", UID, "", "is empty"},
		{"role ok", RoleName, "AliyunODPSRoleForOtherUser", ""},
		{"role dots", RoleName, "my.role-1", ""},
		{"role underscore", RoleName, "my_role", "found '_'"},
		{"role too long", RoleName, long(65, "r"), "1–64"},
		{"role empty", RoleName, "", "1–64"},
		{"policy ok", PolicyName, "AliyunODPSRolePolicyForOtherUser", ""},
		{"policy dot", PolicyName, "a.b", "found '.'"},
		{"policy too long", PolicyName, long(129, "p"), "1–128"},
		{"instance ok", InstanceName, "cap1", ""},
		{"instance hyphen mid", InstanceName, "cap-1", ""},
		{"instance reserved ots", InstanceName, "my-ots-1", `reserved text "ots"`},
		{"instance reserved case", InstanceName, "ALIcap", `reserved text "ali"`},
		{"instance reserved ay", InstanceName, "daylight", `reserved text "ay"`},
		{"instance trailing hyphen", InstanceName, "cap1-", "must not end with '-'"},
		{"instance digit first", InstanceName, "1cap", "start with a letter"},
		{"instance short", InstanceName, "cp", "3–16"},
		{"instance long", InstanceName, long(17, "c"), "3–16"},
		{"instance underscore", InstanceName, "cap_1", "found '_'"},
		{"table ok", TableName, "vehicle_track", ""},
		{"table digit first", TableName, "1track", "must not start with a digit"},
		{"table hyphen", TableName, "vehicle-track", "found '-'"},
		{"table long", TableName, long(256, "t"), "1–255"},
		{"column ok", ColumnName, "_oil", ""},
		{"project ok", ProjectName, "demo_project", ""},
		{"project upper", ProjectName, "Demo", "lowercase"},
		{"project digit first", ProjectName, "1demo", "start with a lowercase letter"},
		{"project long", ProjectName, long(29, "p"), "3–28"},
		{"ext table ok", ExternalTableName, "vehicle_track_ext", ""},
		{"ext table underscore first", ExternalTableName, "_ext", "start with a letter"},
		{"ext column cjk", ExternalColumnName, "速度", ""},
		{"ext column space", ExternalColumnName, "a b", "found ' '"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.input)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want error containing %q, got nil", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"cn-hangzou", "cn-hangzhou", 1}, {"table", "tabel", 2}, {"kitten", "sitting", 3}, {"冷链", "冷", 1}} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
