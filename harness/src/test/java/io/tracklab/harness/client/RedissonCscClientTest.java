package io.tracklab.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.Protocol;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

/** The Redisson configuration the adapter derives from a topology's Lettuce URIs. */
class RedissonCscClientTest {

  @Test
  void config_standalone_isOneServer_withTheUrisTimeoutCredentialsAndDatabase_overResp3() {
    RedisURI uri = RedisURI.Builder.redis("127.0.0.1", 7001)
        .withAuthentication("app", "secret".toCharArray())
        .withDatabase(2)
        .withTimeout(Duration.ofMillis(1500))
        .withClientName("reader")
        .build();

    Config config = RedissonCscClient.config(new ClientEndpoints(null, List.of(uri), false));

    assertThat(config.getProtocol()).isEqualTo(Protocol.RESP3);
    assertThat(config.getCodec()).isSameAs(StringCodec.INSTANCE);
    SingleServerConfig single = config.useSingleServer();
    assertThat(single.getAddress()).isEqualTo("redis://127.0.0.1:7001");
    assertThat(single.getDatabase()).isEqualTo(2);
    assertThat(single.getTimeout()).isEqualTo(1500);
    assertThat(single.getUsername()).isEqualTo("app");
    assertThat(single.getPassword()).isEqualTo("secret");
    assertThat(single.getClientName()).isEqualTo("reader");
  }

  @Test
  void config_sentinel_namesTheMasterAndEverySentinel_andReadsThePrimary() {
    RedisURI uri = RedisURI.Builder.sentinel("127.0.0.1", 26001, "m")
        .withSentinel("127.0.0.1", 26002)
        .withPassword("secret".toCharArray())
        .build();

    SentinelServersConfig sentinel = RedissonCscClient
        .config(new ClientEndpoints(null, List.of(uri), false)).useSentinelServers();

    assertThat(sentinel.getMasterName()).isEqualTo("m");
    assertThat(sentinel.getSentinelAddresses())
        .containsExactly("redis://127.0.0.1:26001", "redis://127.0.0.1:26002");
    assertThat(sentinel.getReadMode()).isEqualTo(ReadMode.MASTER);
    assertThat(sentinel.getPassword()).isEqualTo("secret");
  }

  @Test
  void config_cluster_seedsWithEveryUri_andReadsPrimaries() {
    List<RedisURI> seeds = List.of(RedisURI.create("redis://127.0.0.1:7001"), RedisURI.create("redis://127.0.0.1:7002"));

    ClusterServersConfig cluster = RedissonCscClient.config(new ClientEndpoints(null, seeds, true)).useClusterServers();

    assertThat(cluster.getNodeAddresses()).containsExactly("redis://127.0.0.1:7001", "redis://127.0.0.1:7002");
    assertThat(cluster.getReadMode()).isEqualTo(ReadMode.MASTER);
  }
}
