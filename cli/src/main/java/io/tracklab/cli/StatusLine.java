package io.tracklab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A progress line that rewrites itself in place on a terminal. Everything else printed meanwhile
 * (fault steps, gate verdicts, warnings) goes through {@link #around}, which erases the status line
 * first, so lines never land in the middle of it; the next tick draws it again below them.
 */
final class StatusLine {
  private static final String ERASE = "\r\033[K";
  private final PrintStream terminal;
  private boolean shown;
  /** False while another line is half written: the status waits for its end rather than split it. */
  private boolean atLineStart = true;

  StatusLine(PrintStream terminal) {
    this.terminal = terminal;
  }

  synchronized void show(String line) {
    if (!atLineStart) {
      return;
    }
    terminal.print(ERASE + line);
    terminal.flush();
    shown = true;
  }

  synchronized void erase() {
    if (shown) {
      terminal.print(ERASE);
      terminal.flush();
      shown = false;
    }
  }

  /** A stream writing to {@code target} that erases the status line before anything it writes. */
  PrintStream around(PrintStream target) {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (StatusLine.this) {
          erase();
          target.write(b);
          atLineStart = b == '\n';
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (StatusLine.this) {
          erase();
          target.write(bytes, offset, length);
          if (length > 0) {
            atLineStart = bytes[offset + length - 1] == '\n';
          }
        }
      }

      @Override
      public void flush() throws IOException {
        target.flush();
      }
    }, true);
  }
}
