package io.taskport.excel;

import io.taskport.FormatException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.util.XMLHelper;

/**
 * Opens hardened StAX readers and reports their errors. The XLSX readers parse with {@link
 * AaltoParsers}; {@link #newFactory} is the JDK parser they are checked against, from POI's
 * hardened {@link XMLHelper} factory: no DTDs, no external
 * entities, and a document type declaration is rejected outright. The JDK's entity size limits
 * (lowered in JDK 24, where every {@code &amp;} counts) are lifted on this factory instance only;
 * with DTDs off no entity but the five predefined ones can exist, so nothing can expand.
 */
final class XmlParsers {
  private static final String[][] ENTITY_LIMITS = {
    {"jdk.xml.totalEntitySizeLimit", "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit"},
    {"jdk.xml.maxGeneralEntitySizeLimit",
      "http://www.oracle.com/xml/jaxp/properties/maxGeneralEntitySizeLimit"},
    {"jdk.xml.entityExpansionLimit", "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit"},
  };

  private XmlParsers() {}

  /** Returns a new factory; one per reader, never shared or global. */
  static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLHelper.newXMLInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external entities are not allowed");
        });
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    for (String[] names : ENTITY_LIMITS) {
      for (String name : names) {
        trySet(f, name, "0"); // 0 means no limit; see the class comment
      }
    }
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      // this StAX implementation does not know the property
    }
  }

  /**
   * Opens a reader positioned at the root element.
   *
   * @throws FormatException if the part has a DOCTYPE or is not well-formed
   */
  static XMLStreamReader open(XMLInputFactory f, InputStream in, String part) {
    try {
      XMLStreamReader r = f.createXMLStreamReader(in);
      while (r.hasNext()) {
        int e = r.next();
        if (e == XMLStreamConstants.DTD) {
          throw doctype(part);
        }
        if (e == XMLStreamConstants.START_ELEMENT) {
          return r;
        }
      }
      throw new FormatException(Texts.key("xlsx.emptyPart", part), null);
    } catch (XMLStreamException e) {
      throw malformed(part, e);
    }
  }

  /** Returns the error for a part that declares a DTD, which is never read. */
  static FormatException doctype(String part) {
    return new FormatException(Texts.key("xlsx.doctype", part), null);
  }

  /** Returns a user-safe exception for a parse error, without the parser's message. */
  static FormatException malformed(String part, Exception cause) {
    return new FormatException(Texts.key("xlsx.malformedXml", part), cause);
  }
}
