package maxcompute

import (
	"context"
	"errors"
	"strings"

	"github.com/mcots/wizard/steps/odpssql"
)

// resultCap is how many rows an instance result holds at most; MaxCompute
// truncates larger SELECT results (bigger reads go through the Tunnel).
const resultCap = 10000

// execution runs the statements of one SQL task against one project.
type execution struct {
	s        *Service
	ctx      context.Context
	project  Project
	settings map[string]string
}

// execute runs a task's SQL. Statements run in order, as a script; SET
// statements only change settings; the result is the last statement's, and
// the first failure stops the task.
func (s *Service) execute(ctx context.Context, p Project, settings map[string]string, sql string) outcome {
	stmts, err := odpssql.ParseScript(sql)
	if err != nil {
		var syn *odpssql.SyntaxError
		if errors.As(err, &syn) {
			return failed(parseError(syn.Pos, syn.Msg))
		}
		return failed(parseError(odpssql.Pos{}, err.Error()))
	}
	ex := &execution{s: s, ctx: ctx, project: p, settings: settings}
	ran := false
	res := succeeded("")
	for _, st := range stmts {
		if set, ok := st.(*odpssql.Set); ok {
			ex.settings[set.Key] = set.Value
			continue
		}
		out, err := ex.run(st)
		if kind, ok := statementKind(st); ok && s.onStatement != nil {
			s.onStatement(kind, err != nil)
		}
		if err != nil {
			return failed(err)
		}
		res, ran = out, true
	}
	if !ran {
		return failed(parseError(odpssql.Pos{}, "the task holds no statement to run, only settings or nothing"))
	}
	return res
}

func (ex *execution) run(st odpssql.Statement) (outcome, error) {
	switch st := st.(type) {
	case *odpssql.CreateTable:
		return ex.createTable(st)
	case *odpssql.DropTable:
		return ex.dropTable(st)
	case *odpssql.Desc:
		return ex.desc(st)
	case *odpssql.ShowTables:
		return ex.showTables()
	case *odpssql.Select:
		return ex.selectRows(st)
	case *odpssql.Insert:
		return ex.insert(st)
	}
	return outcome{}, semanticError(st.Position(), "this statement is not supported by the sandbox")
}

// table resolves a possibly qualified table name in the current project.
// Only the current project (optionally with its default schema) is known.
func (ex *execution) table(pos odpssql.Pos, qualifier, name string) (*ExternalTableDef, error) {
	if !ex.inProject(qualifier) {
		return nil, tableNotFound(pos, qualifier, name)
	}
	def, ok := ex.s.lookupTable(ex.project.Name, name)
	if !ok {
		return nil, tableNotFound(pos, ex.project.Name, name)
	}
	return def, nil
}

// inProject reports whether the qualifier written before a table name (none,
// "project" or "project.schema") names the current project and its default
// schema.
func (ex *execution) inProject(qualifier string) bool {
	q := strings.ToLower(qualifier)
	return q == "" || q == ex.project.Name || q == ex.project.Name+".default"
}

func succeeded(text string) outcome {
	return outcome{status: taskSuccess, result: text, format: textResult}
}

func failed(err error) outcome {
	var se *sqlError
	if !errors.As(err, &se) {
		se = systemError(err.Error())
	}
	return outcome{status: taskFailed, result: se.Text, format: textResult}
}
