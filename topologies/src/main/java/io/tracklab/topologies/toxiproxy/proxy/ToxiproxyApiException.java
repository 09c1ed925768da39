package io.tracklab.topologies.toxiproxy.proxy;

/**
 * A failed Toxiproxy API operation, carrying the HTTP status and the message Toxiproxy 2.12 gives
 * for the same failure; rendered as {@code {"error": message, "status": status}}.
 */
public final class ToxiproxyApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ToxiproxyApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ToxiproxyApiException badRequestBody(String detail) {
    return new ToxiproxyApiException(400, "bad request body: " + detail);
  }

  public static ToxiproxyApiException missingField(String field) {
    return new ToxiproxyApiException(400, "missing required field: " + field);
  }

  public static ToxiproxyApiException proxyNotFound() {
    return new ToxiproxyApiException(404, "proxy not found");
  }

  public static ToxiproxyApiException proxyAlreadyExists() {
    return new ToxiproxyApiException(409, "proxy already exists");
  }

  public static ToxiproxyApiException invalidStream() {
    return new ToxiproxyApiException(
        400, "stream was invalid, can be either upstream or downstream");
  }

  public static ToxiproxyApiException invalidToxicType() {
    return new ToxiproxyApiException(400, "invalid toxic type");
  }

  public static ToxiproxyApiException toxicAlreadyExists() {
    return new ToxiproxyApiException(409, "toxic already exists");
  }

  public static ToxiproxyApiException toxicNotFound() {
    return new ToxiproxyApiException(404, "toxic not found");
  }

  /** Errors Toxiproxy has no status for (a listen failure, say) are 500s. */
  public static ToxiproxyApiException internal(String message) {
    return new ToxiproxyApiException(500, message);
  }
}
