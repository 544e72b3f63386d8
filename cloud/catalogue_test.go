package cloud

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
)

func TestDiagnose(t *testing.T) {
	t.Parallel()
	cases := []struct {
		service, code, message string
		status                 int
		kind                   ErrorKind
		link                   string // "" = no diagnosis expected
	}{
		{ServiceRAM, "Throttling.User", "Request was denied due to user flow control.", 400, KindThrottled, ""},
		{ServiceOTS, "ServiceUnavailable", "The service is unavailable.", 503, KindUnavailable, ""},
		{ServiceSTS, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404, KindAuth, "credentials"},
		{ServiceRAM, "SignatureDoesNotMatch", "The request signature does not conform", 400, KindAuth, "credentials"},
		{ServiceRAM, "EntityNotExist.Role", "The role does not exist.", 404, KindNotFound, ""},
		{ServiceRAM, "EntityAlreadyExists.Role.Policy", "already attached", 409, KindAlreadyExists, ""},
		{ServiceRAM, "LimitExceeded.Policy.Version", "too many versions", 409, KindLimit, "permission policy"},
		{ServiceRAM, "NoPermission", "You are not authorized to do this action.", 403, KindPermission, "credentials"},
		{ServiceOTS, "NotFound", "The instance is not found: cap1 in cn-hangzhou.", 404, KindNotFound, ""},
		{ServiceOTS, "OTSObjectAlreadyExist", "The instance name is already taken", 409, KindAlreadyExists, "Tablestore instance"},
		{ServiceTablestore, "OTSObjectNotExist", "Requested table does not exist.", 404, KindNotFound, ""},
		{ServiceTablestore, "OTSTableNotReady", "The table is not ready.", 404, KindBusy, ""},
		{ServiceTablestore, "OTSServerBusy", "Server is busy.", 503, KindBusy, ""},
		{ServiceTablestore, "OTSQuotaExhausted", "Too frequent table operations.", 403, KindThrottled, ""},
		{ServiceTablestore, "OTSQuotaExhausted", "Number of tables exceeded the quota.", 403, KindLimit, "Tablestore quota"},
		{ServiceTablestore, "OTSAuthFailed", "The instance can only be accessed from the binded VPC.", 403, KindPermission, "Tablestore instance network"},
		{ServiceTablestore, "OTSAuthFailed", "Signature mismatch.", 403, KindAuth, "credentials"},
		{ServiceTablestore, "OTSNoPermissionAccess", "You have no permission to access the requested resource", 403, KindPermission, "permission policy"},
		{ServiceTablestore, "OTSServerUnavailable", "<html>bad gateway</html>", 502, KindUnavailable, ""},
		{ServiceMaxCompute, "NoSuchObject", "ODPS-0420111: Project not found - 'nope'.", 404, KindNotFound, "MaxCompute project"},
		{ServiceMaxCompute, "ODPS-0130071", `ODPS-0130071:[1,1] Semantic analysis exception - external table checking failure, error message: {"Code":"EntityNotExist.Role","Message":"The role not exists"}`, 0, KindInvalid, "role ARN"},
		{ServiceMaxCompute, "ODPS-0130071", "ODPS-0130071: external table checking failure: You are not authorized to do this action (NoPermission) AssumeRole", 0, KindPermission, "trust policy"},
		{ServiceMaxCompute, "ODPS-0010000", "ODPS-0010000:System internal error - std::exception:Message: a timeout was reached", 0, KindInvalid, "LOCATION"},
		{ServiceMaxCompute, "ODPS-0010000", "fuxi job failed, caused by: std::exception:Message: PrimaryKeyValue is not STRING type.", 0, KindInvalid, "column mapping"},
		{ServiceMaxCompute, "ODPS-0010000", "OTSNoPermissionAccess: You have no permission", 0, KindPermission, "permission policy"},
		{ServiceMaxCompute, "", "ODPS-0410042: Invalid signature value", 403, KindAuth, "credentials"},
		{ServiceMaxCompute, "ODPS-0130131", "ODPS-0130131:[1,15] Table not found", 0, KindNotFound, ""},
		{ServiceMaxCompute, "", "unsupported feature non-external table with stord by location", 0, KindInvalid, "DDL"},
		{"Other", "Weird", "no idea", 500, KindUnavailable, ""},
		{"Other", "Weird", "no idea", 418, KindUnknown, ""},
	}
	for _, c := range cases {
		t.Run(c.service+" "+c.code+" "+c.message[:min(len(c.message), 30)], func(t *testing.T) {
			kind, d := Diagnose(c.service, c.code, c.message, c.status)
			if kind != c.kind {
				t.Errorf("kind %s, want %s", kind, c.kind)
			}
			switch {
			case c.link == "" && d != nil:
				t.Errorf("unexpected diagnosis %+v", d)
			case c.link != "" && (d == nil || d.Link != c.link || d.Cause == "" || d.Fix == ""):
				t.Errorf("diagnosis %+v, want link %q with cause and fix", d, c.link)
			}
		})
	}
}

func TestDiagnosisIsACopy(t *testing.T) {
	t.Parallel()
	_, d := Diagnose(ServiceRAM, "NoPermission", "", 403)
	d.Fix = "changed"
	_, again := Diagnose(ServiceRAM, "NoPermission", "", 403)
	if again.Fix == "changed" {
		t.Fatal("a caller changed the catalogue")
	}
}

func TestClassifyKeepsWhatIsSet(t *testing.T) {
	t.Parallel()
	own := &Diagnosis{Link: "mine"}
	e := Classify(&Error{Service: ServiceRAM, Code: "NoPermission", Kind: KindConflict, Diagnosis: own})
	if e.Kind != KindConflict || e.Diagnosis != own {
		t.Fatalf("Classify overwrote: %+v", e)
	}
	e = Classify(&Error{Service: ServiceRAM, Code: "EntityNotExist.Role"})
	if !IsNotFound(e) || IsAlreadyExists(e) || !IsNotFound(fmt.Errorf("wrapped: %w", e)) {
		t.Fatalf("kind %s", e.Kind)
	}
}

func TestSQLError(t *testing.T) {
	t.Parallel()
	e := SQLError("2026120312345", "FAILED: ODPS-0130071:[1,8] Semantic analysis exception - EntityNotExist.Role")
	if e.Code != "ODPS-0130071" || e.Diagnosis == nil || e.Diagnosis.Link != "role ARN" || !strings.Contains(e.Error(), "2026120312345") {
		t.Fatalf("%+v", e)
	}
	if e := SQLError("x", ""); e.Message == "" {
		t.Fatal("empty message")
	}
}

func TestTransportError(t *testing.T) {
	t.Parallel()
	urlErr := func(inner error) error {
		return &url.Error{Op: "Post", URL: "https://ram.aliyuncs.com/?AccessKeyId=LTAI&SecurityToken=TOKEN-XYZ", Err: inner}
	}
	live := context.Background()
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		ctx  context.Context
		err  error
		kind ErrorKind
		why  string // the end of the diagnosis's cause; "" for none
	}{
		{live, urlErr(&net.DNSError{Err: "no such host", Name: "cap1.cn-hangzhou.ots.aliyuncs.com", IsNotFound: true}), KindRefused, "the host name does not resolve"},
		{live, urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), KindRefused, "the connection was refused"},
		{ended, urlErr(context.Canceled), KindCanceled, ""},
		{ended, urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), KindCanceled, ""},
		{live, urlErr(timeoutErr{}), KindTimeout, "no answer came in time"},
		// An HTTP client's own timeout wraps context.DeadlineExceeded; the
		// caller's context is alive, so it is no cancellation.
		{live, urlErr(fmt.Errorf("%w (Client.Timeout exceeded while awaiting headers)", context.DeadlineExceeded)), KindTimeout, "no answer came in time"},
		{live, urlErr(errors.New("EOF")), KindUnavailable, "the connection broke before an answer came"},
	}
	for _, c := range cases {
		e := TransportError(c.ctx, ServiceRAM, "GetRole", c.err)
		if e.Kind != c.kind || KindOf(e) != c.kind || KindOf(fmt.Errorf("wrapped: %w", e)) != c.kind {
			t.Errorf("%v: kind %s (KindOf %s), want %s", c.err, e.Kind, KindOf(e), c.kind)
		}
		if strings.Contains(e.Error(), "TOKEN-XYZ") || strings.Contains(e.Error(), "AccessKeyId") {
			t.Errorf("the message shows the query: %s", e.Error())
		}
		d, found := DiagnosisOf(e)
		switch {
		case c.why == "" && found:
			t.Errorf("%v: a cancellation has a diagnosis: %+v", c.err, d)
		case c.why == "":
		case !found || d.Fault != FaultUnreachable:
			t.Errorf("%v: diagnosis %+v, want the unreachable fault", c.err, d)
		case d.Cause != "RAM at https://ram.aliyuncs.com could not be reached: "+c.why ||
			!strings.Contains(d.Fix, "check that https://ram.aliyuncs.com is the right endpoint"):
			t.Errorf("%v: cause %q, fix %q", c.err, d.Cause, d.Fix)
		case strings.Contains(d.Cause+d.Fix, "TOKEN-XYZ"):
			t.Errorf("the diagnosis shows the query: %+v", d)
		}
	}
}

// A credential source that gives no key is an authentication failure with
// the catalogue's diagnosis, never retried.
func TestCredentialsError(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("connect: %w", &CredentialsError{Who: "account A (Tablestore)", Err: errors.New("no aliyun config file at /home/x/.aliyun/config.json")})
	if KindOf(err) != KindAuth || KindOf(err).Transient() {
		t.Errorf("kind %s", KindOf(err))
	}
	d, found := DiagnosisOf(err)
	if want, _ := FaultNoCredentials.Diagnosis(); !found || d.Fault != FaultNoCredentials || d.Cause != want.Cause || d.Fix != want.Fix {
		t.Errorf("diagnosis %+v", d)
	}
	if err.Error() != "connect: account A (Tablestore): no aliyun config file at /home/x/.aliyun/config.json" {
		t.Errorf("text %q", err)
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestErrorKinds(t *testing.T) {
	t.Parallel()
	for k := KindUnknown; k <= KindCanceled; k++ {
		if strings.HasPrefix(k.String(), "ErrorKind(") {
			t.Errorf("%d has no name", k)
		}
		if k.Refusal() && !k.Transient() {
			t.Errorf("%s is a refusal but not transient", k)
		}
	}
	if ErrorKind(99).String() != "ErrorKind(99)" {
		t.Error("unknown kind")
	}
	if KindOf(context.Canceled) != KindCanceled || KindOf(errors.New("x")) != KindUnknown || KindOf(nil) != KindUnknown {
		t.Error("KindOf")
	}
}
