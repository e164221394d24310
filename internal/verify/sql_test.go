package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSnowflakeTaskCondition(t *testing.T) {
	for _, ok := range []string{
		"SYSTEM$STREAM_HAS_DATA('DB.S.ORDERS_STREAM')",
		"SYSTEM$GET_PREDECESSOR_RETURN_VALUE() = 'GO'",
		"1 = 1",
		"SYSTEM$STREAM_HAS_DATA('A.B.C') OR SYSTEM$STREAM_HAS_DATA('A.B.D')",
		"SYSTEM$GET_PREDECESSOR_RETURN_VALUE() = 'a;b' -- a literal may hold ;",
		"(SYSTEM$STREAM_HAS_DATA('A.B.C'))",
	} {
		assert.NoError(t, SnowflakeTaskCondition(ok), ok)
	}
	cases := []struct{ in, msg string }{
		{"", "is empty; give a Boolean expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')"},
		{"SELECT COUNT(*) > 0 FROM T", `"SELECT COUNT(*) > 0 FROM T" is a statement (SELECT), not a Boolean expression: a task's WHEN takes an expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')`},
		{"call check_ready()", `"call check_ready()" is a statement (CALL), not a Boolean expression: a task's WHEN takes an expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')`},
		{"/* why */ (INSERT INTO T VALUES (1))", `"/* why */ (INSERT INTO T VALUES (1))" is a statement (INSERT), not a Boolean expression: a task's WHEN takes an expression such as SYSTEM$STREAM_HAS_DATA('DB.SCHEMA.STREAM')`},
		{"1 = 1; DROP TABLE T", `"1 = 1; DROP TABLE T" contains ;, which would end the CREATE TASK statement: a task's WHEN takes one Boolean expression`},
		{"SYSTEM$STREAM_HAS_DATA('A.B.C)", `"SYSTEM$STREAM_HAS_DATA('A.B.C)" has a comment or a quoted literal that is not closed`},
	}
	for _, c := range cases {
		err := SnowflakeTaskCondition(c.in)
		if assert.Error(t, err, c.in) {
			assert.Equal(t, c.msg, err.Error())
		}
	}
}

func TestSnowflakeTaskStatement(t *testing.T) {
	for _, ok := range []string{
		"SELECT 1",
		"CALL build_features();",
		"INSERT INTO T SELECT * FROM S;  \n",
		"INSERT INTO T SELECT ';' FROM S",
		"DELETE FROM T -- old rows; all of them",
		"BEGIN\n  DELETE FROM T;\n  INSERT INTO T SELECT 1;\nEND;",
		"DECLARE n INTEGER; BEGIN n := 1; END;",
		"EXECUTE IMMEDIATE $$ BEGIN SELECT 1; SELECT 2; END; $$",
		"SELECT 'it''s; fine' AS a",
	} {
		assert.NoError(t, SnowflakeTaskStatement(ok), ok)
	}
	cases := []struct{ in, msg string }{
		{"  ", "is empty; a task runs one SQL statement, a CALL or a Snowflake Scripting block"},
		{"DELETE FROM T; INSERT INTO T SELECT 1", `"DELETE FROM T; INSERT INTO T SELECT 1" is more than one statement: a task runs one statement, a CALL, or several inside a Snowflake Scripting block (BEGIN ... END;)`},
		{"SELECT 'open", `"SELECT 'open" has a comment or a quoted literal that is not closed`},
		{"SELECT 1 /* note", `"SELECT 1 /* note" has a comment or a quoted literal that is not closed`},
	}
	for _, c := range cases {
		err := SnowflakeTaskStatement(c.in)
		if assert.Error(t, err, c.in) {
			assert.Equal(t, c.msg, err.Error())
		}
	}
}
