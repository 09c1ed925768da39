package io.tracklab.harness.soak;

/**
 * What the harness's own JVM held at one moment of a soak.
 *
 * @param elapsedMillis since the soak started
 * @param heapAfterGcBytes heap in use right after a full collection (what is still reachable)
 * @param threads live threads
 * @param openFiles open file descriptors (files, sockets, pipes, epoll instances)
 * @param sockets open sockets among them: connections to Redis and the proxies' own
 * @param underLoad whether a run was going on (samples before the first run and after the last
 *     show what is left behind; only those under load show growth)
 */
public record ResourceSample(long elapsedMillis, long heapAfterGcBytes, int threads, long openFiles, long sockets,
    boolean underLoad) {}
