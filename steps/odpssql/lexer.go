package odpssql

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind int

const (
	tkEOF    tokKind = iota
	tkIdent          // bare word: keyword or name
	tkQuoted         // `backtick-quoted` name
	tkString         // 'single' or "double" quoted literal
	tkNumber         // digits, with optional fraction, exponent and suffix
	tkPunct          // ( ) , ; = * . and friends
)

// token is one lexical unit. text holds the decoded value for strings and
// quoted names, the source spelling for everything else, and the ASCII form
// for punctuation (a pasted full-width comma is text ",").
type token struct {
	kind     tokKind
	text     string
	pos      Pos
	off, end int // byte span in the source
}

// lexer turns SQL text into tokens. It never fails: problems become findings
// and lexing goes on, so the linter can report everything at once.
type lexer struct {
	src       string
	off       int
	line, col int
	toks      []token
	probs     []Finding
	seenSpace map[rune]bool // odd spaces reported once each
}

func lex(src string) ([]token, []Finding) {
	l := &lexer{src: src, line: 1, col: 1}
	l.run()
	return l.toks, l.probs
}

func (l *lexer) pos() Pos { return Pos{Line: l.line, Col: l.col} }

// peekRune returns the rune n runes ahead without consuming anything.
func (l *lexer) peekRune(n int) rune {
	off := l.off
	for ; n > 0 && off < len(l.src); n-- {
		_, w := utf8.DecodeRuneInString(l.src[off:])
		off += w
	}
	if off >= len(l.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(l.src[off:])
	return r
}

// advance consumes one rune and keeps line and column in step.
func (l *lexer) advance() rune {
	if l.off >= len(l.src) {
		return -1
	}
	r, w := utf8.DecodeRuneInString(l.src[l.off:])
	l.off += w
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
	return r
}

func (l *lexer) problem(p Pos, sev Severity, code, msg, fix string) {
	l.probs = append(l.probs, Finding{Pos: p, Severity: sev, Code: code, Message: msg, Fix: fix})
}

func (l *lexer) emit(kind tokKind, text string, start Pos, startOff int) {
	l.toks = append(l.toks, token{kind: kind, text: text, pos: start, off: startOff, end: l.off})
}

// Typographic punctuation a word processor or a Chinese input method leaves
// in pasted DDL, with the ASCII character MaxCompute wants instead.
var fullWidthPunct = map[rune]string{
	'，': ",", '；': ";", '（': "(", '）': ")", '＝': "=",
}

// Spaces that look like spaces but are not ASCII, common in text copied from
// web pages.
var oddSpaces = map[rune]string{
	'\u00a0': "non-breaking space (U+00A0)",
	'\u3000': "ideographic space (U+3000)",
	'\u2002': "en space (U+2002)",
	'\u2003': "em space (U+2003)",
	'\u2009': "thin space (U+2009)",
	'\u200b': "zero-width space (U+200B)",
	'\ufeff': "byte-order mark (U+FEFF)",
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigit(r rune) bool      { return r >= '0' && r <= '9' }

func (l *lexer) run() {
	for {
		r := l.peekRune(0)
		start, startOff := l.pos(), l.off
		switch {
		case r == -1:
			l.toks = append(l.toks, token{kind: tkEOF, pos: start, off: l.off, end: l.off})
			return
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
			l.advance()
		case oddSpaces[r] != "":
			l.advance()
			if r == '\ufeff' && startOff == 0 {
				continue // a byte-order mark at the very start is harmless
			}
			if !l.seenSpace[r] {
				if l.seenSpace == nil {
					l.seenSpace = map[rune]bool{}
				}
				l.seenSpace[r] = true
				l.problem(start, Warning, "odd-space",
					oddSpaces[r]+" in the SQL, probably pasted from a web page; MaxCompute may not accept it",
					"retype it as a plain space")
			}
		case r == '-' && l.peekRune(1) == '-':
			for c := l.peekRune(0); c != -1 && c != '\n'; c = l.peekRune(0) {
				l.advance()
			}
		case r == '/' && l.peekRune(1) == '*':
			l.advance()
			l.advance()
			for {
				c := l.advance()
				if c == -1 {
					l.problem(start, Error, "syntax", "comment opened with /* is never closed", "add */ where the comment ends")
					break
				}
				if c == '*' && l.peekRune(0) == '/' {
					l.advance()
					break
				}
			}
		case isIdentStart(r):
			for isIdentPart(l.peekRune(0)) {
				l.advance()
			}
			l.emit(tkIdent, l.src[startOff:l.off], start, startOff)
		case r == '`':
			l.lexQuotedName(start, startOff)
		case isDigit(r) || (r == '.' && isDigit(l.peekRune(1))):
			l.lexNumber(start, startOff)
		case r == '\'' || r == '"' || r == '‘' || r == '’' || r == '“' || r == '”':
			text, _ := l.scanString(nil)
			l.emit(tkString, text, start, startOff)
		case fullWidthPunct[r] != "":
			l.advance()
			ascii := fullWidthPunct[r]
			l.problem(start, Error, "non-ascii-punctuation",
				fmt.Sprintf("full-width %q where MaxCompute needs the ASCII %q", string(r), ascii),
				fmt.Sprintf("replace %q with %q", string(r), ascii))
			l.emit(tkPunct, ascii, start, startOff)
		default:
			l.advance()
			if strings.ContainsRune("(),;=*.<>:+-/[]!%&|?{}^~", r) {
				text := string(r)
				if two := text + string(l.peekRune(0)); two == "<=" || two == ">=" || two == "<>" || two == "!=" {
					l.advance()
					text = two
				}
				l.emit(tkPunct, text, start, startOff)
				continue
			}
			l.problem(start, Error, "syntax", fmt.Sprintf("unexpected character %q", r), "remove it")
		}
	}
}

func (l *lexer) lexQuotedName(start Pos, startOff int) {
	l.advance() // opening backtick
	var b strings.Builder
	for {
		c := l.advance()
		if c == -1 {
			l.problem(start, Error, "syntax", "name quoted with ` is never closed", "add the closing `")
			break
		}
		if c == '`' {
			if l.peekRune(0) == '`' { // a doubled backtick stands for one
				l.advance()
				b.WriteRune('`')
				continue
			}
			break
		}
		b.WriteRune(c)
	}
	l.emit(tkQuoted, b.String(), start, startOff)
}

func (l *lexer) lexNumber(start Pos, startOff int) {
	for isDigit(l.peekRune(0)) {
		l.advance()
	}
	if l.peekRune(0) == '.' && isDigit(l.peekRune(1)) {
		l.advance()
		for isDigit(l.peekRune(0)) {
			l.advance()
		}
	} else if l.peekRune(0) == '.' && !isIdentStart(l.peekRune(1)) {
		l.advance() // "1." is a number; "t1.c" never reaches here
	}
	if e := l.peekRune(0); (e == 'e' || e == 'E') && (isDigit(l.peekRune(1)) ||
		((l.peekRune(1) == '+' || l.peekRune(1) == '-') && isDigit(l.peekRune(2)))) {
		l.advance()
		l.advance()
		for isDigit(l.peekRune(0)) {
			l.advance()
		}
	}
	// A suffix such as 10L stays part of the token; the literal parser judges it.
	for isIdentPart(l.peekRune(0)) {
		l.advance()
	}
	l.emit(tkNumber, l.src[startOff:l.off], start, startOff)
}

// scanString reads a string literal starting at the opening quote and returns
// its value under MaxCompute's escape rules: \b \t \n \r \' \" \\ \; \Z, \0 or
// \00 for NUL, \ddd for an octal code 001–177, and a backslash before any
// other character stands for that character. If at is not nil it is called
// with each decoded byte offset and the source position it comes from, so a
// problem inside a value can be pointed at exactly.
func (l *lexer) scanString(at func(decoded int, p Pos)) (string, bool) {
	start := l.pos()
	open := l.advance()
	closers := string(open)
	typographic := false
	switch open {
	case '‘', '’':
		closers, typographic = "’'", true
	case '“', '”':
		closers, typographic = "”\"", true
	}
	if typographic {
		l.problem(start, Error, "typographic-quote",
			fmt.Sprintf("typographic quote %q starts a string, probably pasted from a document; MaxCompute only accepts ' and \"", string(open)),
			"retype the quotes as plain ' characters")
	}
	var b strings.Builder
	for {
		if at != nil {
			at(b.Len(), l.pos())
		}
		c := l.advance()
		switch {
		case c == -1:
			l.problem(start, Error, "syntax", "string opened here is never closed",
				fmt.Sprintf("add the closing %s", string([]rune(closers)[0])))
			return b.String(), false
		case strings.ContainsRune(closers, c):
			return b.String(), true
		case c == '\\':
			l.scanEscape(&b)
		default:
			b.WriteRune(c)
		}
	}
}

func isOctal(r rune) bool { return r >= '0' && r <= '7' }

func (l *lexer) scanEscape(b *strings.Builder) {
	c := l.peekRune(0)
	if c == -1 {
		return // the caller reports the unclosed string
	}
	if isOctal(c) && isOctal(l.peekRune(1)) && isOctal(l.peekRune(2)) {
		v := (c-'0')*64 + (l.peekRune(1)-'0')*8 + (l.peekRune(2) - '0')
		if v >= 1 && v <= 0o177 {
			l.advance()
			l.advance()
			l.advance()
			b.WriteByte(byte(v))
			return
		}
	}
	l.advance()
	switch c {
	case 'b':
		b.WriteByte('\b')
	case 't':
		b.WriteByte('\t')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 'Z':
		b.WriteByte(0x1a)
	case '0':
		if l.peekRune(0) == '0' {
			l.advance()
		}
		b.WriteByte(0)
	default: // \' \" \\ \; and any other character stand for themselves
		b.WriteRune(c)
	}
}

// stringPos maps a byte offset in a string literal's decoded value back to a
// source position, by scanning the literal again.
func stringPos(src string, tok token, decoded int) Pos {
	if tok.kind != tkString || tok.off >= len(src) {
		return tok.pos
	}
	l := &lexer{src: src, off: tok.off, line: tok.pos.Line, col: tok.pos.Col}
	found := tok.pos
	l.scanString(func(d int, p Pos) {
		if d <= decoded {
			found = p
		}
	})
	return found
}
