package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.spring.web.app.TestApplication;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A 200 MB upload is streamed: the old generation, where a buffered whole upload would have to
 * live, grows by far less than the file while it is uploaded. Client and server share the JVM,
 * and the client generates the body as it sends it.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"taskport.max-upload-size=300MB", "taskport.workers=0"})
class LargeUploadIT {
  private static final Logger log = LoggerFactory.getLogger(LargeUploadIT.class);
  private static final long SIZE = 200L * 1024 * 1024;
  private static final String B = "----large";

  @LocalServerPort int port;

  @Test
  void a200MbUpload_keepsTheHeapFlat() throws Exception {
    List<MemoryPoolMXBean> old =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .toList();
    assertThat(old).isNotEmpty();
    System.gc();
    long before = old.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    old.forEach(MemoryPoolMXBean::resetPeakUsage);

    byte[] head =
        ("--" + B + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\naccounts\r\n--" + B
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"large.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nName,Email,Region,Balance\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] row = "Ann Lee,ann@example.com,EU,10.50\r\n".getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    HttpResponse<String> r =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", new Api(port, "ann").authorization())
                    .header("Content-Type", "multipart/form-data; boundary=" + B)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(head, row, SIZE, tail)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    long peak = old.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long growth = peak - before;
    log.info(
        "uploaded {} MB in {} ms; old generation before {} MB, peak {} MB, growth {} MB",
        SIZE >> 20, millis, before >> 20, peak >> 20, growth >> 20);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(growth).as("old generation growth in bytes").isLessThan(64L * 1024 * 1024);
  }

  /** A head, then rows up to the size, then a tail; made as it is read. */
  private static final class Generated extends InputStream {
    private final byte[] head;
    private final byte[] row;
    private final byte[] tail;
    private final long size;
    private long pos;

    Generated(byte[] head, byte[] row, long size, byte[] tail) {
      this.head = head;
      this.row = row;
      this.size = head.length + size + tail.length;
      this.tail = tail;
    }

    @Override
    public int read() {
      if (pos >= size) {
        return -1;
      }
      long p = pos++;
      if (p < head.length) {
        return head[(int) p] & 0xff;
      }
      long fromEnd = size - p;
      if (fromEnd <= tail.length) {
        return tail[tail.length - (int) fromEnd] & 0xff;
      }
      return row[(int) ((p - head.length) % row.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) read();
      }
      return n;
    }
  }
}
