package io.tracklab.topologies.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Cheap checks on a node from outside: does it answer PING, what did it log last. */
public final class NodeProbe {
  private NodeProbe() {}

  /** True when 127.0.0.1:{@code port} answers an inline PING with +PONG within half a second. */
  public static boolean answersPing(int port) {
    return answersPing(NodeConfigFile.HOST, port);
  }

  /** {@link #answersPing(String, int, SSLContext)} for a launched node, over TLS when it has it. */
  public static boolean answers(NodeLaunch launch) {
    return answersPing(NodeConfigFile.HOST, launch.port(), launch.tls());
  }

  /**
   * True when {@code host:port} answers an inline PING with +PONG within half a second, or with
   * {@code -NOAUTH}: a node that wants a password is up.
   */
  public static boolean answersPing(String host, int port) {
    return answersPing(host, port, null);
  }

  /** {@link #answersPing(String, int)}, over TLS with {@code tls} unless it is null. */
  public static boolean answersPing(String host, int port, SSLContext tls) {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), 200);
      plain.setSoTimeout(500);
      Socket socket = plain;
      if (tls != null) {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        secured.startHandshake();
        socket = secured;
      }
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readNBytes(7), StandardCharsets.US_ASCII);
      return reply.equals("+PONG\r\n") || reply.startsWith("-NOAUTH");
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines of the node's log and of its captured output (where config errors go). */
  public static String logTail(NodeLaunch launch) {
    StringBuilder tail = new StringBuilder();
    for (Path file : List.of(launch.logFile(), launch.directory().resolve("stdout.log"))) {
      try {
        if (Files.exists(file) && Files.size(file) > 0) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          tail.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())))
              .append('\n');
        }
      } catch (IOException e) {
        tail.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
      }
    }
    return tail.length() == 0 ? "(no output)" : tail.toString().trim();
  }
}
