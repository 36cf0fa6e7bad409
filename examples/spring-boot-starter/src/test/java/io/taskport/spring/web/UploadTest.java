package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.spring.web.app.TestApplication;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Uploads are read straight from the request body into the file store: never spooled by the
 * servlet container, refused in the user's words when too large or of the wrong shape, and then
 * nothing stays in the file store. The host's own multipart endpoint still works.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"taskport.max-upload-size=1MB", "taskport.workers=0"})
class UploadTest {
  private static final String B = "----upload";
  private static final String CSV = "姓名,邮箱,Region,余额\r\nAnn Lee,ann@example.com,EU,10.50\r\n";

  @LocalServerPort int port;
  @Autowired FileStore files;
  @Autowired ServletContext servlet;

  @Test
  void theHostsOwnMultipartEndpoint_stillWorks() {
    HttpResponse<String> r = ann().upload("/host/upload", "mine", "h.csv", CSV.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"h.csv\"", "\"size\":" + CSV.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void anUpload_goesStraightIntoTheFileStore_andNoTempFileIsWritten() throws Exception {
    Set<Path> tempBefore = tree(tempDir());
    CountDownLatch resume = new CountDownLatch(1);
    byte[] head = (part("type", null, "accounts") + fileHead("a.csv")).getBytes(StandardCharsets.UTF_8);
    byte[] rows = "Ann Lee,ann@example.com,EU,10.50\r\n".repeat(4_000).getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8);
    InputStream body = new PausingStream(List.of(head, "姓名,邮箱,Region,余额\r\n".getBytes(StandardCharsets.UTF_8), rows), rows, tail, resume);
    CompletableFuture<HttpResponse<String>> done =
        CompletableFuture.supplyAsync(
            () -> ann().postRaw("/api/imports", "multipart/form-data; boundary=" + B, HttpRequest.BodyPublishers.ofInputStream(() -> body)));
    try {
      // half the file has been sent: it is being written to a draft of the file store already
      await().atMost(Duration.ofSeconds(10)).until(() -> !drafts().isEmpty());
      assertThat(tree(tempDir())).as("servlet temp dir").isEqualTo(tempBefore);
    } finally {
      resume.countDown();
    }
    HttpResponse<String> r = done.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(tree(tempDir())).as("servlet temp dir").isEqualTo(tempBefore);
    String id = Api.json(r).get("id").asString();
    // the staged copy is gone; only the task's own input file is kept
    assertThat(drafts()).isEmpty();
    assertThat(topLevel()).contains(id);
    assertThat(tree(store().resolve(id))).hasSize(1);
  }

  @Test
  void anUploadOverTheLimit_gets413_andNothingIsKept() {
    Set<Path> before = tree(store());
    byte[] big = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> r = ann().upload("/api/imports", "accounts", "big.csv", big);
    assertProblem(r, 413, "at most 1048576 bytes");
    assertThat(tree(store())).isEqualTo(before);
  }

  @Test
  void aContentLengthOverTheLimit_isRefusedBeforeTheBodyIsSent() throws IOException {
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String head =
          "POST /api/imports HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ann().authorization()
              + "\r\nContent-Type: multipart/form-data; boundary=" + B
              + "\r\nContent-Length: 500000000\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] answer = s.getInputStream().readNBytes(12);
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void aTruncatedFile_gets400_andNothingIsKept() {
    assertRefused(part("type", null, "accounts") + fileHead("t.csv") + CSV, "truncated");
  }

  @Test
  void noBoundary_gets400() {
    HttpResponse<String> r =
        ann().postRaw("/api/imports", "multipart/form-data", HttpRequest.BodyPublishers.ofString(part("type", null, "accounts")));
    assertProblem(r, 400, "names no boundary");
  }

  @Test
  void aWrongBoundary_gets400() {
    HttpResponse<String> r = ann().postMultipart("/api/imports", "other", part("type", null, "accounts") + "--" + B + "--\r\n");
    assertProblem(r, 400, "does not contain the boundary");
  }

  @Test
  void noFilePart_gets400() {
    assertRefused(part("type", null, "accounts") + "--" + B + "--\r\n", "no file");
  }

  @Test
  void twoFileParts_get400_andNothingIsKept() {
    assertRefused(
        part("type", null, "accounts") + fileHead("a.csv") + CSV + "\r\n" + fileHead("b.csv") + CSV + "\r\n--" + B + "--\r\n",
        "two files");
  }

  @Test
  void oversizedPartHeaders_get400() {
    assertRefused(
        "--" + B + "\r\nContent-Disposition: form-data; name=\"type\"\r\nX-Pad: " + "p".repeat(5_000) + "\r\n\r\naccounts\r\n--" + B + "--\r\n",
        "headers of a part are longer than 4096 bytes");
  }

  @Test
  void anEmptyFile_gets400_andNothingIsKept() {
    assertRefused(part("type", null, "accounts") + fileHead("e.csv") + "\r\n--" + B + "--\r\n", "file is empty");
  }

  @Test
  void anOverLongTextField_gets400() {
    assertRefused(part("params", null, "x".repeat(70_000)) + "--" + B + "--\r\n", "'params' is too long");
  }

  private void assertRefused(String body, String detail) {
    Set<Path> before = tree(store());
    assertProblem(ann().postMultipart("/api/imports", B, body), 400, detail);
    assertThat(tree(store())).as("file store").isEqualTo(before);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detail) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Api.json(r).get("detail").asString()).contains(detail);
  }

  private Api ann() {
    return new Api(port, "ann");
  }

  private Path store() {
    return ((LocalFileStore) files).root();
  }

  private Path tempDir() {
    return ((File) servlet.getAttribute(ServletContext.TEMPDIR)).toPath();
  }

  private Set<Path> drafts() {
    return tree(store()).stream().filter(p -> p.toString().endsWith(".part")).collect(Collectors.toSet());
  }

  private Set<String> topLevel() {
    try (Stream<Path> s = Files.list(store())) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<Path> tree(Path dir) {
    if (!Files.exists(dir)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String part(String name, String fileName, String content) {
    return "--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
        + "\r\n\r\n" + content + "\r\n";
  }

  private static String fileHead(String fileName) {
    return "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n";
  }

  /** Sends its first chunks, then waits for the latch before sending the rest. */
  private static final class PausingStream extends InputStream {
    private final InputStream first;
    private final InputStream rest;
    private final CountDownLatch resume;

    PausingStream(List<byte[]> first, byte[] more, byte[] tail, CountDownLatch resume) {
      this.first = new java.io.SequenceInputStream(java.util.Collections.enumeration(first.stream().map(b -> (InputStream) new java.io.ByteArrayInputStream(b)).toList()));
      this.rest = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(more), new java.io.ByteArrayInputStream(tail));
      this.resume = resume;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = first.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      try {
        if (!resume.await(30, TimeUnit.SECONDS)) {
          throw new IOException("the test never resumed the upload");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      return rest.read(b, off, len);
    }
  }
}
