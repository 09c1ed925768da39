package io.tracklab.topologies.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare RESP2 connection over a plain socket, for tests that must see exactly what the proxy
 * does to bytes: EOF versus reset versus silence, byte counts, timing of the last byte. (Lettuce
 * reconnects and buffers, which is right for applications and wrong for these checks.)
 */
public final class RespSocket implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  public static RespSocket connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 2000);
    socket.setSoTimeout(5000);
    return new RespSocket(socket);
  }

  public RespSocket readTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    return this;
  }

  /** Sends one command as a RESP array of bulk strings. */
  public void send(String... arguments) throws IOException {
    ByteArrayOutputStream command = new ByteArrayOutputStream();
    command.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : arguments) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      command.writeBytes(bytes);
      command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(command.toByteArray());
    out.flush();
  }

  public void sendRaw(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one reply: String (simple or bulk), Long, null, List, or {@link Error}. */
  public Object read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new java.io.EOFException("connection closed by peer");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new Error(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] data = in.readNBytes(length + 2);
        if (data.length < length + 2) {
          throw new java.io.EOFException("connection closed inside a bulk string");
        }
        return new String(data, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IOException("not RESP: type byte " + type);
    }
  }

  /** Everything until the peer closes. */
  public byte[] readToEof() throws IOException {
    return in.readAllBytes();
  }

  /** One byte, or -1 at EOF. */
  public int readByte() throws IOException {
    return in.read();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  public record Error(String message) {}

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("connection closed inside a reply");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }
}
