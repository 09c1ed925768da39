package io.tracklab.topologies.containers;

import io.tracklab.topologies.TopologyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Which images the containers provisioner runs, and where they come from.
 *
 * <p>Two families: the images {@code bin/tracklab images} builds here with no registry
 * ({@value #BUILT_REDIS}, {@code tracklab/toxiproxy:<this version>}: the embedded Toxiproxy-API
 * server), and the registry's ({@value #REGISTRY_REDIS}, {@value #REGISTRY_TOXIPROXY}: the real
 * Toxiproxy). {@code -Dtracklab.redis.image} and {@code -Dtracklab.toxiproxy.image} name one
 * explicitly; otherwise the built one is used when it is present, else the registry's.
 *
 * <p>Pulling: an image tracklab builds is never pulled (no registry has it; asking one costs
 * minutes of retries on a closed network): when it is missing, the start fails at once naming the
 * image and the command that builds it. A registry image is pulled as Testcontainers does.
 *
 * @param redis the image of every Redis node and Sentinel
 * @param toxiproxy the image of the Toxiproxy server
 */
public record ContainerImages(String redis, String toxiproxy) {
  public static final String REDIS_PROPERTY = "tracklab.redis.image";
  public static final String TOXIPROXY_PROPERTY = "tracklab.toxiproxy.image";
  public static final String BUILT_REDIS = "tracklab/redis:7.0.15";
  public static final String REGISTRY_REDIS = "redis:7.0.15";
  public static final String REGISTRY_TOXIPROXY = "ghcr.io/shopify/toxiproxy:2.12.0";
  /** What builds the images tracklab makes itself. */
  public static final String BUILD_COMMAND = "bin/tracklab images";
  private static final String BUILT_PREFIX = "tracklab/";

  public ContainerImages {
    if (redis == null || redis.isBlank()) {
      throw new TopologyException("-D" + REDIS_PROPERTY + " is empty: name a Redis image, e.g. " + BUILT_REDIS);
    }
    if (toxiproxy == null || toxiproxy.isBlank()) {
      throw new TopologyException("-D" + TOXIPROXY_PROPERTY + " is empty: name a Toxiproxy image, e.g. "
          + builtToxiproxy());
    }
  }

  /** The command line's image {@code bin/tracklab images} builds for this version: distributed runs' injectors run it. */
  public static String builtTracklab() {
    return BUILT_PREFIX + "tracklab:" + Version.OF_THIS_BUILD;
  }

  /** The Toxiproxy-API image {@code bin/tracklab images} builds for this version of tracklab. */
  public static String builtToxiproxy() {
    return BUILT_PREFIX + "toxiproxy:" + Version.OF_THIS_BUILD;
  }

  /**
   * The images named by the system properties, else the built ones where {@code present} says
   * they are here, else the registry's.
   */
  public static ContainerImages choose(Predicate<String> present) {
    String redis = System.getProperty(REDIS_PROPERTY);
    String toxiproxy = System.getProperty(TOXIPROXY_PROPERTY);
    return new ContainerImages(
        redis != null ? redis.trim() : present.test(BUILT_REDIS) ? BUILT_REDIS : REGISTRY_REDIS,
        toxiproxy != null ? toxiproxy.trim() : present.test(builtToxiproxy()) ? builtToxiproxy() : REGISTRY_TOXIPROXY);
  }

  /** Whether tracklab builds this image itself (so it must never be pulled). */
  public static boolean builtHere(String image) {
    return image.startsWith(BUILT_PREFIX);
  }

  /** One line for the run's output: which images, and that nothing will be pulled where so. */
  public String describe() {
    return "redis " + redis + ", toxiproxy " + toxiproxy;
  }

  /** The project version the build wrote into images.properties, read once (on first use). */
  private static final class Version {
    static final String OF_THIS_BUILD = read();

    private static String read() {
      try (InputStream in = ContainerImages.class.getResourceAsStream("images.properties")) {
        if (in == null) {
          throw new TopologyException("images.properties is missing from the topologies jar (a broken build)");
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version");
      } catch (IOException e) {
        throw new TopologyException("cannot read images.properties: " + e, e);
      }
    }
  }
}
