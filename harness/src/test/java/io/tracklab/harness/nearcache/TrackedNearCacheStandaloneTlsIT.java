package io.tracklab.harness.nearcache;

import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link TrackedNearCacheStandaloneIT} (misses, hits and invalidations, the reset
 * and the silent partition through the proxy, the tracking modes) again on a TLS-only topology
 * with ACL users: the proxy forwards TLS bytes, so its toxics still cut, delay and reset, and the
 * near-cache keeps its guarantees as the least-privilege client user.
 */
class TrackedNearCacheStandaloneTlsIT extends TrackedNearCacheStandaloneIT {
  @BeforeAll
  static void start() {
    startOn(TopologySecurity.generated(AuthMode.ACL, true));
  }
}
