package io.tracklab.topologies.toxiproxy.api;

import java.nio.charset.StandardCharsets;

/** A status, a content type and a body; {@code contentType} is null when there is no body. */
public record ApiResponse(int status, String contentType, byte[] body) {
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  static ApiResponse json(int status, byte[] body) {
    return new ApiResponse(status, JSON, body);
  }

  static ApiResponse text(int status, String text) {
    return new ApiResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0]);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
