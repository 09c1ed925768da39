package io.tracklab.topologies.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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

  /**
   * True when {@code host:port} answers an inline PING with +PONG within half a second, or with
   * {@code -NOAUTH}: a node that wants a password is up.
   */
  public static boolean answersPing(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      socket.setSoTimeout(500);
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
