package io.tracklab.topologies.toxiproxy.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The proxies of one server by name (Toxiproxy's ProxyCollection): guards against duplicate
 * names and keeps names sorted, which is how {@code GET /proxies} lists them.
 */
public final class ProxyRegistry {
  private final TreeMap<String, ToxicProxy> proxies = new TreeMap<>();

  /** Adds a new proxy, started when {@code start}; 409 when the name is taken. */
  public synchronized void add(ToxicProxy proxy, boolean start) {
    if (proxies.containsKey(proxy.name())) {
      throw ToxiproxyApiException.proxyAlreadyExists();
    }
    if (start) {
      proxy.start();
    }
    proxies.put(proxy.name(), proxy);
  }

  /**
   * Toxiproxy's populate step: an existing proxy with the same addresses is kept as it is (with
   * its toxics); one with different addresses is stopped and replaced.
   */
  public synchronized ToxicProxy addOrReplace(ToxicProxy proxy, boolean start) {
    ToxicProxy existing = proxies.get(proxy.name());
    if (existing != null) {
      if (!existing.differs(proxy.listen(), proxy.upstream())) {
        return existing;
      }
      existing.stop();
    }
    if (start) {
      proxy.start();
    }
    proxies.put(proxy.name(), proxy);
    return proxy;
  }

  public synchronized ToxicProxy get(String name) {
    ToxicProxy proxy = proxies.get(name);
    if (proxy == null) {
      throw ToxiproxyApiException.proxyNotFound();
    }
    return proxy;
  }

  public synchronized void remove(String name) {
    get(name).stop();
    proxies.remove(name);
  }

  /** All proxies, sorted by name. */
  public synchronized List<ToxicProxy> all() {
    return new ArrayList<>(proxies.values());
  }

  /** Stops and forgets every proxy. */
  public synchronized void clear() {
    for (ToxicProxy proxy : proxies.values()) {
      proxy.stop();
    }
    proxies.clear();
  }
}
