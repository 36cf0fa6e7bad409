package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.taskport.FormatException;
import io.taskport.format.FormatOptions;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class AaltoParsersTest {
  private static final String PART = "xl/worksheets/sheet1.xml";

  private static byte[] part(String name) throws Exception {
    byte[] xlsx = Io.write(new XlsxFormat(), XlsxEdgeRows.COLUMNS, FormatOptions.defaults(),
        XlsxEdgeRows.ROWS);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return zip.readAllBytes();
        }
      }
    }
    throw new AssertionError("no " + name);
  }

  /** Element names, attributes and text of a part, as one list of strings. */
  private static List<String> events(XMLInputFactory f, byte[] xml) throws Exception {
    XMLStreamReader r = XmlParsers.open(f, new ByteArrayInputStream(xml), PART);
    List<String> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int e = r.getEventType(); ; e = r.next()) {
      if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
        text.append(r.getText());
        continue;
      }
      if (text.length() > 0) {
        out.add("text " + text);
        text.setLength(0);
      }
      if (e == XMLStreamConstants.START_ELEMENT) {
        StringBuilder s = new StringBuilder("<" + r.getLocalName());
        for (int i = 0; i < r.getAttributeCount(); i++) {
          s.append(' ').append(r.getAttributeLocalName(i)).append('=')
              .append(r.getAttributeValue(i));
        }
        out.add(s.toString());
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        out.add("</" + r.getLocalName());
      } else if (e == XMLStreamConstants.END_DOCUMENT) {
        return out;
      }
    }
  }

  @Test
  void newFactory_isAaltosOwnNotTheJvmWideLookup() {
    assertThat(AaltoParsers.newFactory()).isExactlyInstanceOf(InputFactoryImpl.class);
    assertThat(AaltoParsers.newFactory()).isNotSameAs(AaltoParsers.newFactory());
  }

  @Test
  void parse_seesTheSameEventsAsTheJdkParser() throws Exception {
    byte[] sheet = part(PART);
    assertThat(events(AaltoParsers.newFactory(), sheet))
        .isEqualTo(events(XmlParsers.newFactory(), sheet)).contains("text 1000000000000000000");
    byte[] xml = part("xl/sharedStrings.xml");
    List<String> aalto = events(AaltoParsers.newFactory(), xml);
    assertThat(aalto).contains("text " + XlsxEdgeRows.CONTROLS.replace("\u0001", "_x0001_")
        .replace("\u000B", "_x000B_").replace("\u001F", "_x001F_").replace("\uFFFE", "_xFFFE_"))
        .contains("text line1\nline2\r\nline3");
    assertThat(aalto).isEqualTo(events(XmlParsers.newFactory(), xml));
  }

  @Test
  void open_refusesADoctypeAndNeverFetchesAnEntity() throws Exception {
    try (ServerSocketChannel canary = ServerSocketChannel.open()) {
      canary.bind(new InetSocketAddress("127.0.0.1", 0));
      canary.configureBlocking(false);
      int port = ((InetSocketAddress) canary.getLocalAddress()).getPort();
      String url = "http://127.0.0.1:" + port + "/";
      List<String> hostile = List.of(
          "<?xml version=\"1.0\"?><!DOCTYPE w SYSTEM \"" + url + "dtd\"><w/>",
          "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY e SYSTEM \"" + url + "\">]><w>&e;</w>",
          "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><x>&xxe;</x>",
          "<!DOCTYPE x [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
              + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><x>&c;&c;&c;&c;</x>");
      for (String xml : hostile) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> XmlParsers.open(AaltoParsers.newFactory(),
            new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), PART))
            .as(xml).isInstanceOf(FormatException.class).hasMessageContaining("DOCTYPE");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
      }
      assertThat(canary.accept()).as("connections to the canary").isNull();
    }
  }

  @Test
  void parse_refusesAnUndeclaredEntityWithoutADoctype() {
    byte[] xml = "<w>&e;</w>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> events(AaltoParsers.newFactory(), xml))
        .isInstanceOf(javax.xml.stream.XMLStreamException.class);
  }
}
