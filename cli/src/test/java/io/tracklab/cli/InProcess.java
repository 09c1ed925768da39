package io.tracklab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** {@code tracklab <args>} in the test's JVM, with what it printed. */
record InProcess(int exitCode, String out, String err) {
  static InProcess tracklab(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TracklabCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new InProcess(code, out.toString(), err.toString());
  }
}
