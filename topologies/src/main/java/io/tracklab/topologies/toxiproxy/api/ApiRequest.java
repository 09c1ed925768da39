package io.tracklab.topologies.toxiproxy.api;

/**
 * One HTTP request to the Toxiproxy API, already read whole.
 *
 * @param path the decoded request path, e.g. {@code /proxies/redis/toxics}
 * @param userAgent the User-Agent header, or empty
 */
public record ApiRequest(String method, String path, byte[] body, String userAgent) {}
