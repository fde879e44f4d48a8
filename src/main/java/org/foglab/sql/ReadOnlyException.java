package org.foglab.sql;

/**
 * A client of a read-only server asked to change a table. Not an AnalysisException: Spark
 * appends the whole plan to those, and a client should read one sentence.
 */
public final class ReadOnlyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReadOnlyException(String message) {
    super(message);
  }
}
