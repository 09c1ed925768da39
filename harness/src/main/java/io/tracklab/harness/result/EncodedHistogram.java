package io.tracklab.harness.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram as text: its compressed encoding in base64, so result files keep the full
 * distribution and histograms from several injectors add up exactly.
 */
public final class EncodedHistogram {
  private EncodedHistogram() {}

  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /**
   * @throws IllegalArgumentException when the text is not an encoded histogram
   */
  public static Histogram decode(String encoded) {
    try {
      Histogram histogram =
          Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
      histogram.setAutoResize(true); // so histograms of other ranges can be added to it
      return histogram;
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
    }
  }
}
