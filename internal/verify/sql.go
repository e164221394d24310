package verify

import (
	"errors"
	"fmt"
	"strings"
)

// sqlCode is s with its comments (-- to the end of the line, /* */) and
// literals ('...' with ” and \' inside, $$...$$) each replaced by one
// space, so that what is left is the SQL's own words and punctuation. ok is
// false when a comment or literal is not closed.
func sqlCode(s string) (code string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				i = len(s)
				continue
			}
			i += j
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return b.String(), false
			}
			i += 2 + j + 2
			b.WriteByte(' ')
		case strings.HasPrefix(s[i:], "$$"):
			j := strings.Index(s[i+2:], "$$")
			if j < 0 {
				return b.String(), false
			}
			i += 2 + j + 2
			b.WriteByte(' ')
		case s[i] == '\'':
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\\' {
					j++
					continue
				}
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j++
						continue
					}
					break
				}
			}
			if j >= len(s) {
				return b.String(), false
			}
			i = j + 1
			b.WriteByte(' ')
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), true
}

// firstWord is the first word of code after white space and opening
// parentheses, upper-cased.
func firstWord(code string) string {
	rest := strings.TrimLeft(code, " \t\r\n(")
	end := strings.IndexFunc(rest, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '_')
	})
	if end < 0 {
		end = len(rest)
	}
	return strings.ToUpper(rest[:end])
}

// statementWords are the words a Snowflake SQL statement starts with
// ("All commands (alphabetical)", Snowflake SQL reference), as far as a
// caller might put one where an expression belongs.
var statementWords = map[string]bool{
	"SELECT": true, "WITH": true, "INSERT": true, "UPDATE": true, "DELETE": true, "MERGE": true,
	"TRUNCATE": true, "COPY": true, "CALL": true, "EXECUTE": true, "BEGIN": true, "DECLARE": true,
	"CREATE": true, "ALTER": true, "DROP": true, "UNDROP": true, "GRANT": true, "REVOKE": true,
	"SHOW": true, "DESCRIBE": true, "DESC": true, "USE": true, "SET": true, "UNSET": true,
	"PUT": true, "GET": true, "LIST": true, "REMOVE": true, "COMMIT": true, "ROLLBACK": true,
	"EXPLAIN": true, "VALUES": true,
}

// SnowflakeQuery accepts SQL that is a query, the statement kind COPY INTO
// <location> FROM ( <query> ) takes ("COPY INTO <location>", Snowflake
// SQL reference: the unload's source is a table or a SELECT): after
// white space, comments and opening parentheses it starts with SELECT or
// WITH. Anything else (an INSERT, a DELETE, a CALL, SHOW) would be
// registered and then fail at the first unload.
func SnowflakeQuery(s string) error {
	code, _ := sqlCode(s)
	if word := firstWord(code); word != "SELECT" && word != "WITH" {
		return fmt.Errorf("%q is not a query: an unload's source must start with SELECT or WITH", s)
	}
	return nil
}

// SnowflakeTaskCondition accepts a task's WHEN condition: a Boolean
// expression such as SYSTEM$STREAM_HAS_DATA('DB.S.ORDERS_STREAM') or
// SYSTEM$GET_PREDECESSOR_RETURN_VALUE() = 'GO' ("CREATE TASK", WHEN
// boolean_expr, Snowflake SQL reference). A statement (SELECT, CALL,
// INSERT, ...) is not an expression, and a ; would end the CREATE TASK:
// either is registered and then fails when the task is created or first
// checks its condition. Comments and literals are allowed; every one must
// be closed.
func SnowflakeTaskCondition(s string) error {
	code, closed := sqlCode(s)
	switch word := firstWord(code); {
	case strings.TrimSpace(s) == "":
		return errors.New("is empty; give a Boolean expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')")
	case !closed:
		return fmt.Errorf("%q has a comment or a quoted literal that is not closed", s)
	case statementWords[word]:
		return fmt.Errorf("%q is a statement (%s), not a Boolean expression: a task's WHEN takes an expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')", s, word)
	case strings.Contains(code, ";"):
		return fmt.Errorf("%q contains ;, which would end the CREATE TASK statement: a task's WHEN takes one Boolean expression", s)
	}
	return nil
}

// scriptingWords start a Snowflake Scripting block or an anonymous block,
// the only task bodies that may hold more than one statement.
var scriptingWords = map[string]bool{"BEGIN": true, "DECLARE": true, "EXECUTE": true}

// SnowflakeTaskStatement accepts a task's body: "a single SQL statement, a
// call to a stored procedure, or procedural logic using Snowflake
// Scripting" ("CREATE TASK", AS sql, Snowflake SQL reference). Two
// statements joined by ; outside a scripting block (BEGIN ... END,
// DECLARE ... or EXECUTE IMMEDIATE $$...$$) are refused: Snowflake would
// end the CREATE TASK at the first ; and fail on the rest. A final ; is
// allowed. Comments and literals must be closed.
func SnowflakeTaskStatement(s string) error {
	code, closed := sqlCode(s)
	switch {
	case strings.TrimSpace(s) == "":
		return errors.New("is empty; a task runs one SQL statement, a CALL or a Snowflake Scripting block")
	case !closed:
		return fmt.Errorf("%q has a comment or a quoted literal that is not closed", s)
	case scriptingWords[firstWord(code)]:
		return nil
	}
	body := strings.TrimRight(code, " \t\r\n;")
	if strings.Contains(body, ";") {
		return fmt.Errorf("%q is more than one statement: a task runs one statement, a CALL, or several inside a Snowflake Scripting block (BEGIN ... END;)", s)
	}
	return nil
}
