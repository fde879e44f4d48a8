package org.foglab.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement splitting: only top-level semicolons end statements. */
class SqlScriptTest {
  @Test
  void semicolonsInQuotesAndCommentsDoNotSplit() {
    assertEquals(List.of("SELECT 'a;b'", "SELECT \"c;\\\"d\"", "SELECT `e;f`"),
        SqlScript.statements("SELECT 'a;b'; SELECT \"c;\\\"d\";SELECT `e;f`"));
    assertEquals(List.of("SELECT 1 -- one; two", "/* x; y */ SELECT 2"),
        SqlScript.statements("SELECT 1 -- one; two\n; /* x; y */ SELECT 2;"));
    assertEquals(List.of("SELECT 'it\\'s;'"), SqlScript.statements("SELECT 'it\\'s;';;  ; "));
    assertEquals(List.of(), SqlScript.statements(" ; -- only a comment\n /* and this */ "));
  }

  @Test
  void scanKeepsTheUnfinishedStatement() {
    SqlScript.Scan s = SqlScript.scan("SELECT 1; SELECT\n 2");
    assertEquals(List.of("SELECT 1"), s.complete());
    assertEquals(" SELECT\n 2", s.rest());
    assertEquals(List.of(), SqlScript.scan("SELECT ';").complete(), "open quote: not finished");
  }
}
