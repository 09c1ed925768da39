package io.tracklab.topologies.node;

import io.tracklab.topologies.TopologyException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a node's configuration file: the launch's lines after the ones every node gets (port,
 * bind 127.0.0.1, its directory and log file; no persistence for data nodes). Paths are absolute,
 * so the file works unchanged for a process and for a container that mounts the directory at
 * the same path.
 */
public final class NodeConfigFile {
  public static final String HOST = "127.0.0.1";

  private NodeConfigFile() {}

  /** The file may hold passwords Redis must send itself (masterauth, Sentinel's auth-pass): 0600. */
  private static void createOwnerOnly(Path file) throws IOException {
    if (Files.exists(file) || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  public static Path write(NodeLaunch launch) {
    List<String> lines = new ArrayList<>(List.of(
        "port " + launch.port(),
        "bind " + HOST,
        "dir " + launch.directory().toAbsolutePath(),
        "logfile " + launch.logFile().toAbsolutePath()));
    if (!launch.sentinel()) {
      lines.addAll(List.of("save \"\"", "appendonly no"));
    }
    lines.addAll(launch.config());
    try {
      Files.createDirectories(launch.directory());
      createOwnerOnly(launch.configFile());
      Files.write(launch.configFile(), lines);
      return launch.configFile();
    } catch (IOException e) {
      throw new TopologyException("cannot write " + launch.configFile() + ": " + e, e);
    }
  }
}
